"""Issue 15 point 6, a demo of a live centre: the 2019 town, its work all finished, the reorganisation of
1 July 2025 recorded (portal/demo/reorganisation.py), and the twelve months before `now` at the Trung tâm Phục vụ
hành chính công of phường Nam Gia Nghĩa (portal/demo/cases_recent.py, feedback.py). Seeded in part (the full
volumes take a minute) at the fixed clock FIXED_NOW (Wednesday 10 March 2027, 09:00 in Vietnam), never today's.
Figures are checked with plain SQL, not with the statistics code they feed."""
from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import func, select, text

from portal.auth import services as accounts
from portal.auth.models import StaffUser
from portal.cases.models import Case
from portal.core.db import db
from portal.demo.cases import load_cases
from portal.demo.cases_recent import close_year, load_recent_cases
from portal.demo.constants import DEMO_PASSWORD, MAIL_DOMAIN
from portal.demo.feedback import FATES_2025, load_feedback
from portal.demo.feedback_close import close_year as close_feedback_year
from portal.demo.reorganisation import BAC, DONG, NAM, TOWN_OFFICES, WARDS_2025, record_2025
from portal.demo.seed import DEMO_YEAR_END, USERS, load_demo
from portal.demo.surveys import CURRENT_TITLE, load_current_survey
from portal.surveys.models import Campaign, Response
from portal.units.models import Reorganisation, ReorganisationKind, Unit, UnitSuccession
from tests.conftest import FIXED_NOW

VN = ZoneInfo("Asia/Ho_Chi_Minh")
NOW = FIXED_NOW
TODAY = NOW.astimezone(VN).date()  # 10 March 2027
OPEN = ("received", "transferred", "in_progress", "supplement_requested", "result_ready")
FEEDBACK_DONE = ("rejected", "transferred", "published", "answered_privately", "closed", "merged")


@pytest.fixture()
def centre(app_ctx, fixed_clock):
    load_demo(now=NOW)  # the 2019 units, accounts and catalogue; under TESTING no cases, feedback or reorganisation
    assert load_cases(count=200).startswith("200 demo cases of 2019")
    assert load_feedback(count=60, now=DEMO_YEAR_END).startswith("60 demo feedback")
    assert "none" not in close_year() and "none" not in close_feedback_year()  # the 2019 leftovers existed
    assert load_recent_cases(count=300, now=NOW) == "recent demo cases: none added (no 2025 organisation)"
    assert record_2025().startswith("2025 reorganisation recorded")
    assert record_2025() == "2025 reorganisation: already recorded"  # loaded once
    line = load_recent_cases(count=360, now=NOW)
    assert line.endswith("recent demo cases of the 365 days before 10/03/2027 loaded")
    assert load_recent_cases(count=360, now=NOW) == "recent demo cases: none added"
    assert load_feedback(count=120, seed=661, now=NOW, days=365, series="demo-feedback-recent", unit_code=NAM,
                         fates=FATES_2025, stuck_within=120).startswith("120 demo feedback")
    assert load_current_survey(NOW).startswith("demo survey of this year: ")
    return {u.code: u for u in db.session.scalars(select(Unit))}


def rows(sql: str, **params) -> list:
    return list(db.session.execute(text(sql), params))


def one(sql: str, **params):
    return db.session.execute(text(sql), params).scalar()


def test_the_live_centre(centre, client):
    start = datetime(2020, 1, 1, tzinfo=VN)
    # Nothing from 2019 stays open ("seven years overdue"): every case and feedback finished in Jan–Feb 2020.
    assert one("SELECT count(*) FROM case_file WHERE received_at < :t", t=start) == 200
    assert one(f"SELECT count(*) FROM case_file WHERE received_at < :t AND status IN {OPEN}", t=start) == 0
    assert one("SELECT count(*) FROM feedback WHERE received_at < :t", t=start) == 60
    assert one(f"SELECT count(*) FROM feedback WHERE received_at < :t AND status NOT IN {FEEDBACK_DONE}",
               t=start) == 0

    # The reorganisation: 3 merges into the new wards, the 6 town offices abolished into Nam Gia Nghĩa.
    reorgs = list(db.session.scalars(select(Reorganisation)))
    assert all(r.effective_on == date(2025, 7, 1) and "1671/NQ-UBTVQH15" in r.legal_basis for r in reorgs)
    assert all(r.created_at.astimezone(VN).date() == date(2025, 7, 1) for r in reorgs)  # in the story, not today
    merges = [r for r in reorgs if r.kind == ReorganisationKind.MERGE]
    abolitions = [r for r in reorgs if r.kind == ReorganisationKind.ABOLISH]
    assert len(merges) == 3 and len(abolitions) == len(TOWN_OFFICES) == 6
    links = {(s.predecessor_id, s.successor_id) for s in db.session.scalars(select(UnitSuccession))}
    expected = {(centre[old].id, centre[new].id) for new, _name, olds in WARDS_2025 for old in olds}
    expected |= {(centre[office].id, centre[NAM].id) for office in TOWN_OFFICES}
    assert links == expected
    for code, unit in centre.items():
        if code in (BAC, NAM, DONG):
            assert (unit.valid_from, unit.valid_to, unit.is_active) == (date(2025, 7, 1), None, True)
        else:
            assert (unit.valid_to, unit.is_active) == (date(2025, 6, 30), False), code
    # The demo accounts work for Nam Gia Nghĩa, with their logins and password unchanged.
    staff = {u.email: u for u in db.session.scalars(select(StaffUser))}
    for local, *_rest in USERS:
        user = staff[f"{local}@{MAIL_DOMAIN}"]
        assert user.unit_id == centre[NAM].id and accounts.authenticate(user.email, DEMO_PASSWORD, NOW) is user

    # The last twelve months: cases in every month, all under the 2025 regime, most handled by Nam Gia Nghĩa.
    year_ago = datetime(2026, 3, 10, tzinfo=VN)
    months = {(r.year, r.month) for r in (m[0].astimezone(VN) for m in
                                          db.session.execute(select(Case.received_at).where(Case.received_at >= year_ago)))}
    wanted = {(2026, m) for m in range(3, 13)} | {(2027, 1), (2027, 2), (2027, 3)}
    assert months == wanted
    two_level = datetime(2025, 7, 1, tzinfo=VN)
    assert one("SELECT count(*) FROM case_file WHERE received_at >= :t", t=two_level) >= 330
    assert rows("SELECT DISTINCT regime FROM case_file WHERE received_at >= :t", t=two_level) == [("2025",)]
    assert one("SELECT count(*) FROM case_file WHERE received_at >= :t AND regime <> '2025'", t=two_level) == 0
    assert one("SELECT count(*) FROM case_file WHERE received_at >= :t AND unit_id <> :nam", t=two_level,
               nam=centre[NAM].id) == 0  # all received at the Nam Gia Nghĩa centre
    assert one("SELECT count(*) FROM case_file WHERE received_at >= :t AND code NOT LIKE :prefix", t=two_level,
               prefix=f"{NAM}-%") == 0
    assert one("SELECT count(*) FROM case_file WHERE received_at < :t AND status IN ('received', 'transferred', "
               "'in_progress', 'supplement_requested')", t=two_level) == 0

    # Today's and this week's work is open at Nam Gia Nghĩa (Monday 8 March to today).
    monday = datetime(2027, 3, 8, tzinfo=VN)
    open_now = rows(f"SELECT received_at, handling_unit_id FROM case_file WHERE status IN {OPEN} "
                    "AND received_at >= :t", t=monday)
    assert len(open_now) >= 3 and {r[1] for r in open_now} >= {centre[NAM].id}
    today = datetime(2027, 3, 10, tzinfo=VN)
    assert one(f"SELECT count(*) FROM case_file WHERE status IN {OPEN} AND received_at >= :t AND unit_id = :nam",
               t=today, nam=centre[NAM].id) >= 1
    # A realistic state: withdrawn ones (Mẫu 05), refused, waiting for a supplement or to be collected.
    statuses = dict(rows("SELECT status, count(*) FROM case_file WHERE received_at >= :t GROUP BY status",
                         t=two_level))
    assert statuses.get("withdrawn", 0) >= 1 and statuses.get("supplement_requested", 0) >= 1
    assert statuses["returned"] > 0.85 * sum(statuses.values())

    # On time: (early + on time) ÷ finished in the last twelve months, against the legal due (TT 01/2018 Điều 13).
    finished = dict(rows("SELECT timing, count(*) FROM case_file WHERE finished_at >= :t AND finished_at <= :now "
                         "AND timing IS NOT NULL GROUP BY timing", t=year_ago, now=NOW))
    share = (finished.get("early", 0) + finished.get("on_time", 0)) / sum(finished.values())
    assert 0.90 <= share <= 0.99, finished
    late = rows("SELECT c.id, a.kind FROM case_file c LEFT JOIN case_apology a ON a.case_id = c.id "
                "WHERE c.timing = 'late' AND c.received_at >= :t", t=two_level)
    assert late and any(kind is None for _id, kind in late) and any(kind is not None for _id, kind in late)

    # A few files received for the neighbouring wards ("không phụ thuộc địa giới hành chính").
    assert one("SELECT count(*) FROM case_file WHERE handling_unit_id IN (:bac, :dong) AND received_at >= :t",
               bac=centre[BAC].id, dong=centre[DONG].id, t=two_level) >= 1
    # Ratings for finished cases, mostly satisfied; nothing dated after now.
    assert one("SELECT count(*) FROM case_rating WHERE rated_at >= :t", t=two_level) >= 60
    assert db.session.scalar(select(func.max(Case.received_at))) <= NOW

    # This year's survey at the centre, open, its responses dated up to today.
    survey = db.session.scalar(select(Campaign).where(Campaign.title == CURRENT_TITLE.format(year=2027)))
    answers = list(db.session.scalars(select(Response).where(Response.campaign_id == survey.id)))
    assert survey.status == "open" and len(answers) >= 20 and all(a.submitted_on <= TODAY for a in answers)

    # PAKN of the twelve months at Nam Gia Nghĩa: most answered on time, some open, a few overdue.
    fb = dict(rows("SELECT status, count(*) FROM feedback WHERE received_at >= :t GROUP BY status", t=two_level))
    assert sum(fb.values()) == 120
    assert sum(n for s, n in fb.items() if s not in FEEDBACK_DONE) >= 3
    assert one("SELECT count(*) FROM feedback WHERE received_at >= :t AND unit_id IS NOT NULL AND unit_id <> :nam",
               t=two_level, nam=centre[NAM].id) == 0
    overdue = one(f"SELECT count(*) FROM feedback WHERE received_at >= :t AND status NOT IN {FEEDBACK_DONE} "
                  "AND answer_due_at < :now", t=two_level, now=NOW)
    assert 0 <= overdue <= 10

    # The desk's 'received today' worklist and a handler's own list, at the fixed clock.
    client.post("/auth/login", data={"email": f"motcua@{MAIL_DOMAIN}", "password": DEMO_PASSWORD})
    page = client.get("/staff/cases/?scope=today").get_data(as_text=True)
    assert f"{NAM}-270310-0001" in page and "Nam Gia Nghĩa" in page
    assert "-191" not in page  # no 2019 case code (…-19MMDD-…)
    client.post("/auth/logout")
    handler = db.session.scalar(select(Case.handler_id).where(Case.status == "in_progress",
                                                             Case.handling_unit_id == centre[NAM].id).limit(1))
    user = db.session.get(StaffUser, handler)
    client.post("/auth/login", data={"email": user.email, "password": DEMO_PASSWORD})
    page = client.get("/staff/cases/").get_data(as_text=True)
    assert f"{NAM}-2703" in page or f"{NAM}-2702" in page
    assert db.session.scalar(select(func.count()).select_from(Case).where(
        Case.handler_id == handler, Case.status == "in_progress")) >= 1
