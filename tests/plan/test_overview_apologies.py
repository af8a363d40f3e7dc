"""The manager overview's apology figures (issue 18 point 4): late cases without an apology (target 0), apologies
issued in time of all late cases, warnings sent vs acted on — checked against counts made here in plain SQL and by
hand, for all units and for one, for a running period (live) and a closed one, on the page and in the htmx partial.

NĐ 61/2018 Điều 19 k9: the apology is issued at the latest one working day before the due day; issued later it is
a late apology (still an apology: DOMAIN.md §3 item 5). Late cases = finished late in the period + open past the legal
due day at its end (or now, while it runs)."""
from __future__ import annotations

import re
from datetime import UTC, date, datetime, time, timedelta
from html import unescape
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import bindparam, text

from portal.alerts.models import CaseWarning
from portal.alerts.rules import WarningKind
from portal.cases.models import Apology
from portal.cases.rules import ApologyKind, Timing
from portal.core.access import Role
from portal.core.db import UTCDateTime, db
from portal.plan.overview import apology_figures
from tests.conftest import FIXED_NOW
from tests.factories import login, make_procedure, make_unit, make_user
from tests.plan.test_metrics import _case

VN = ZoneInfo("Asia/Ho_Chi_Minh")
START, END = date(2027, 1, 1), date(2027, 3, 10)  # FIXED_NOW is 10 March 2027, 09:00: the period runs


def local(*args) -> datetime:
    return datetime(*args, tzinfo=VN).astimezone(UTC)


def _apology(case, issued_at, kind):
    db.session.add(Apology(case_id=case.id, issued_at=issued_at, kind=kind, reason="Chờ xác minh nguồn gốc đất",
                           previous_due_at=case.original_due_at, new_due_at=case.original_due_at + timedelta(days=5)))


def _warning(case, kind, user, for_day: date, at: datetime):
    db.session.add(CaseWarning(case_id=case.id, kind=kind, step=f"due:{case.original_due_at.date().isoformat()}",
                               recipient_id=user.id, for_day=for_day, created_at=at))


@pytest.fixture()
def world(app_ctx):
    """Unit A: 3 finished late (apology in time, late apology, none), 2 open overdue (none; in time), 1 open in time,
    1 due today (not late yet), 1 finished on time, 1 finished late in 2026 (outside); unit B: 1 open overdue with no
    apology. Warnings: A 2 in the period (one followed by an in-time apology: acted on; one not), 1 in 2026; B 1 (not
    acted on)."""
    a, b = make_unit(code="000.31.26.H17", name="Phòng Tài nguyên và Môi trường"), make_unit(
        code="000.32.26.H17", name="UBND phường Nghĩa Trung")
    pa, pb = make_procedure(code="1.004227.000.00.00.H17", unit=a), make_procedure(code="1.001022.000.00.00.H17", unit=b)
    manager, head = make_user(Role.MANAGER, unit=a), make_user(Role.UNIT_HEAD, unit=a)
    late = [_case(a, pa, local(2027, 1, 4, 9) + timedelta(days=10 * i), timing=Timing.LATE,
                  finished=local(2027, 1, 20, 9) + timedelta(days=15 * i), due=local(2027, 1, 15, 17) + timedelta(days=15 * i))
            for i in range(3)]  # finished 20 Jan, 4 Feb, 19 Feb
    _apology(late[0], local(2027, 1, 13, 10), ApologyKind.IN_TIME)
    _apology(late[1], local(2027, 2, 3, 10), ApologyKind.LATE)
    overdue = [_case(a, pa, local(2027, 2, 24, 9), due=local(2027, 3, 5, 17)),
               _case(a, pa, local(2027, 2, 25, 9), due=local(2027, 3, 8, 17))]
    _apology(overdue[1], local(2027, 3, 4, 10), ApologyKind.IN_TIME)
    in_time = _case(a, pa, local(2027, 3, 1, 9), due=local(2027, 3, 20, 17))
    _case(a, pa, local(2027, 3, 3, 9), due=local(2027, 3, 10, 17))  # due today: not late yet
    _case(a, pa, local(2027, 1, 5, 9), timing=Timing.ON_TIME, finished=local(2027, 1, 8, 9), due=local(2027, 1, 9, 17))
    old = _case(a, pa, local(2026, 11, 2, 9), timing=Timing.LATE, finished=local(2026, 11, 20, 9), due=local(2026, 11, 9, 17))
    b_overdue = _case(b, pb, local(2027, 2, 26, 9), due=local(2027, 3, 9, 17))
    _warning(overdue[1], WarningKind.HEAD_APOLOGY, head, date(2027, 3, 4), local(2027, 3, 4, 7))  # then apologised
    _warning(overdue[0], WarningKind.MANAGER_NO_APOLOGY, manager, date(2027, 3, 8), local(2027, 3, 8, 7))
    _warning(old, WarningKind.HANDLER_DUE, head, date(2026, 11, 5), local(2026, 11, 5, 7))  # before the period
    _warning(b_overdue, WarningKind.MANAGER_NO_APOLOGY, manager, date(2027, 3, 10), local(2027, 3, 10, 7))
    db.session.commit()
    return {"a": a, "b": b, "manager": manager, "in_time": in_time}


# Open at the moment `as_of`: received before it and not finished before it (a case finished since was open then).
LATE_SQL = """
    SELECT
      count(*),
      sum(CASE WHEN a.id IS NULL OR a.issued_at >= :as_of THEN 1 ELSE 0 END),
      sum(CASE WHEN a.issued_at < :as_of AND a.kind = 'in_time' THEN 1 ELSE 0 END),
      sum(CASE WHEN a.issued_at < :as_of AND a.kind <> 'in_time' THEN 1 ELSE 0 END)
    FROM case_file c LEFT JOIN case_apology a ON a.case_id = c.id
    WHERE ((c.timing = 'late' AND c.finished_at >= :start_at AND c.finished_at < :after_at)
        OR (c.received_at < :as_of AND (c.finished_at IS NULL OR c.finished_at >= :as_of)
            AND c.original_due_at < :today_at))
"""


def sql_late(start: date, end: date, unit_id, now: datetime) -> tuple[int, int, int, int]:
    """(late cases, without an apology, with one in time, with a late one), counted here in plain SQL."""
    after_at = datetime.combine(end + timedelta(days=1), time(), VN).astimezone(UTC)
    as_of = min(after_at, now)
    today_at = datetime.combine(as_of.astimezone(VN).date(), time(), VN).astimezone(UTC)
    sql = LATE_SQL + (" AND c.handling_unit_id = :unit_id" if unit_id else "")
    stmt = text(sql).bindparams(*(bindparam(n, type_=UTCDateTime()) for n in ("as_of", "start_at", "after_at",
                                                                                    "today_at")))
    row = db.session.execute(stmt, {"as_of": as_of, "start_at": datetime.combine(start, time(), VN).astimezone(UTC),
                                    "after_at": after_at, "today_at": today_at, "unit_id": unit_id}).one()
    return tuple(int(v or 0) for v in row)


def sql_sent(start: date, end: date, unit_id) -> int:
    sql = ("SELECT count(*) FROM case_warning w JOIN case_file c ON c.id = w.case_id "
           "WHERE w.for_day >= :start AND w.for_day <= :end" + (" AND c.handling_unit_id = :unit_id" if unit_id else ""))
    return db.session.scalar(text(sql), {"start": start, "end": end, "unit_id": unit_id})


@pytest.mark.parametrize("unit_key, by_hand", [(None, (6, 3, 2, 1, 3, 1)), ("a", (5, 2, 2, 1, 2, 1)),
                                               ("b", (1, 1, 0, 0, 1, 0))])
def test_figures_equal_plain_sql_and_hand_counts(world, unit_key, by_hand):
    unit_id = world[unit_key].id if unit_key else None
    ap = apology_figures(START, END, unit_id, now=FIXED_NOW)
    shown = (ap.late_cases, ap.late_without_apology, ap.late_with_apology, ap.late_with_late_apology,
             ap.warnings_sent, ap.warnings_acted)
    assert shown == by_hand
    assert shown[:4] == sql_late(START, END, unit_id, FIXED_NOW)
    assert ap.warnings_sent == sql_sent(START, END, unit_id)
    assert ap.late_cases == ap.late_without_apology + ap.late_with_apology + ap.late_with_late_apology
    assert ap.in_time_rate.numerator == ap.late_with_apology and ap.in_time_rate.denominator == ap.late_cases
    assert not ap.target_met


def test_a_closed_period_whose_late_cases_all_have_an_apology_meets_the_target(world):
    """To 29 January: one case finished late, apologised in time; the next one is due on the 30th (not late yet at
    the period's end; to the 31st it would be open, overdue and without its apology, issued on 3 February)."""
    end = date(2027, 1, 29)
    assert sql_late(START, date(2027, 1, 31), world["a"].id, FIXED_NOW)[:2] == (2, 1)
    ap = apology_figures(START, end, world["a"].id, now=FIXED_NOW)
    assert (ap.late_cases, ap.late_without_apology, ap.late_with_apology) == (1, 0, 1) == sql_late(START, end, world["a"].id, FIXED_NOW)[:3]
    assert ap.target_met and ap.warnings_sent == 0


def figure(html: str, metric: str, col: str) -> str:
    card = re.search(rf'data-metric="{metric}".*?</section>', html, re.S).group(0)
    return re.sub(r"<[^>]+>", "", re.search(rf'data-col="{col}">(.*?)</(?:span|p)>', card, re.S).group(1)).strip()


@pytest.mark.usefixtures("fixed_clock")
def test_overview_page_and_partial_show_the_figures_with_target_formula_and_period(world, client):
    login(client, world["manager"])
    client.get("/language/en")
    url = f"/staff/plan/overview?start={START}&end={END}"
    html = unescape(client.get(url).get_data(as_text=True))
    assert figure(html, "late_without_apology", "value") == "3" and figure(html, "late_without_apology", "n") == "6"
    assert "Target 0: not met" in html and "Target 0: met" not in html
    assert "Late cases without an apology = late cases" in html  # the formula
    assert figure(html, "apologies_in_time", "value") == "33.3 %"  # 2 of 6, cut to one decimal
    assert figure(html, "warnings", "sent") == "Sent: 3; acted on: 1"
    assert f"/staff/cases/statistics?from={START}&amp;to={END}" in client.get(url).get_data(as_text=True)
    partial = unescape(client.get(f"{url}&unit={world['a'].id}", headers={"HX-Request": "true"}).get_data(as_text=True))
    assert "<html" not in partial and figure(partial, "late_without_apology", "value") == "2"
    assert figure(partial, "warnings", "sent") == "Sent: 2; acted on: 1"
    january = unescape(client.get(f"/staff/plan/overview?start={START}&end=2027-01-29&unit={world['a'].id}").get_data(as_text=True))
    assert "Target 0: met" in january and figure(january, "late_without_apology", "value") == "0"


def test_overview_stays_for_managers(world, client):
    login(client, make_user(Role.UNIT_HEAD, unit=world["a"]))
    assert client.get("/staff/plan/overview").status_code == 403
