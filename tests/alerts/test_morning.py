"""The morning run: who is warned of what on Wednesday 10 March 2027, once, in the trail, one digest per person in
his or her language, nothing on a day off, the case's version untouched; and sent_and_acted against a hand count."""
from __future__ import annotations

import re
from datetime import UTC, date, datetime

from sqlalchemy import select, text, update

from portal.alerts import services
from portal.alerts.morning import run_warnings
from portal.cases import services as cases
from portal.cases.models import CaseLeg
from portal.cases.rules import Action, CaseStatus
from portal.core.db import db
from portal.notify.models import OutboxMessage
from tests.alerts.conftest import MORNING, local, new_case
from tests.concurrency import at_once


def warnings() -> set:
    rows = db.session.execute(text("SELECT kind, case_id, recipient_id, step FROM case_warning")).all()
    return {tuple(r) for r in rows}


def expected(s) -> set:
    a, b, c = s["a"].id, s["b"].id, s["c"].id
    m1, m2 = (m.id for m in s["managers"])
    return {("handler_due", a, s["handler"].id, "due:2027-03-12"), ("handler_due", b, s["handler"].id, "due:2027-03-11"),
            ("head_apology", b, s["head"].id, "due:2027-03-11"), ("manager_no_apology", c, m1, "due:2027-03-08"),
            ("manager_no_apology", c, m2, "due:2027-03-08"), ("leg_overdue", a, s["desk_head"].id, f"leg:{s['leg'].id}")}


def test_each_warning_goes_to_its_person_once_and_into_the_case_trail(scene):
    versions = dict(db.session.execute(text("SELECT id, version FROM case_file")).all())
    report = run_warnings(MORNING)
    assert warnings() == expected(scene)
    assert report.new == {"handler_due": 2, "head_apology": 1, "leg_overdue": 1, "manager_no_apology": 2}
    trail = db.session.execute(text("SELECT case_id, note FROM case_event WHERE action = 'warning'")).all()
    assert sorted(r[0] for r in trail) == sorted(w[1] for w in expected(scene))
    head_note = next(n for cid, n in trail if cid == scene["b"].id and "Nguyễn Thị Mai" in n)
    assert "10/03/2027" in head_note and "11/03/2027" in head_note  # the last day, the due day
    # the trail row does not touch the case: an officer's open form does not conflict
    assert dict(db.session.execute(text("SELECT id, version FROM case_file")).all()) == versions
    again = run_warnings(local(2027, 3, 10, 13, 0))  # later the same day: nothing new
    assert sum(again.new.values()) == 0 and again.digests == 0
    assert len(warnings()) == 6
    assert db.session.scalar(text("SELECT count(*) FROM case_event WHERE action = 'warning'")) == 6


def test_one_digest_per_person_listing_all_the_cases_with_absolute_links(scene):
    report = run_warnings(MORNING)
    messages = {m.recipient: m for m in db.session.scalars(select(OutboxMessage))}
    assert report.digests == 5
    assert sorted(messages) == sorted(["ysonnie@gianghia.gov.vn", "mai.nt@gianghia.gov.vn", "duc.hv@gianghia.gov.vn",
                                       "hung.tv@gianghia.gov.vn", "trang.pt@gianghia.gov.vn"])
    handler = messages["ysonnie@gianghia.gov.vn"]
    a, b = scene["a"], scene["b"]
    assert a.code in handler.body and b.code in handler.body
    assert re.search(rf"http://localhost/staff/cases/{a.id}\s", handler.body)
    assert f"http://localhost/staff/cases/{b.id}?draft=apology#apology" in messages["mai.nt@gianghia.gov.vn"].body
    assert "Phòng Tài nguyên và Môi trường" in messages["duc.hv@gianghia.gov.vn"].body
    carried = db.session.execute(text("SELECT DISTINCT outbox_message_id FROM case_warning WHERE recipient_id = :u"),
                                 {"u": scene["handler"].id}).scalars().all()
    assert carried == [handler.id]
    assert handler.dedupe_key.startswith(f"alerts:digest:{scene['handler'].id}:2027-03-10:")


def test_the_digest_is_in_the_recipients_language(scene):
    services.update_settings(scene["handler"], language="en", handler_lead_days=2, handler_due=True, now=MORNING)
    db.session.commit()
    run_warnings(MORNING)
    messages = {m.recipient: m for m in db.session.scalars(select(OutboxMessage))}
    english, vietnamese = messages["ysonnie@gianghia.gov.vn"], messages["mai.nt@gianghia.gov.vn"]
    assert english.subject == "Warnings for 10 Mar 2027: 2 cases"
    assert "Dear Y Sơn Niê," in english.body and "Due soon." in english.body
    assert vietnamese.subject == "Cảnh báo ngày 10/03/2027: 1 hồ sơ"
    assert "Hôm nay là ngày cuối cùng" in vietnamese.body


def test_nothing_is_sent_on_a_day_off(scene):
    report = run_warnings(datetime(2027, 3, 13, 0, 0, tzinfo=UTC))  # Saturday 13 March 2027
    assert not report.sending_day
    assert warnings() == set() and db.session.scalar(text("SELECT count(*) FROM outbox_message")) == 0


def test_settings_lead_and_switch_and_what_is_not_warned(scene, world):
    services.update_settings(world["handler"], language="vi", handler_lead_days=4, handler_due=True, now=MORNING)
    e = new_case(world, local(2027, 3, 16, 9, 0))  # Tue 16/3: 4 working days after today
    apologised = new_case(world, local(2027, 3, 11, 9, 0))
    cases.issue_apology(apologised, reason="Chờ xác minh", new_due_at=local(2027, 3, 18, 9, 0),
                        now=local(2027, 3, 9, 9, 0), expected_version=apologised.version, actor=world["head"])
    waiting = new_case(world, local(2027, 3, 11, 9, 0))
    db.session.execute(update(type(waiting)).where(type(waiting).id == waiting.id)
                       .values(status=CaseStatus.SUPPLEMENT_REQUESTED))
    db.session.commit()
    run_warnings(MORNING)
    warned = {(k, c) for k, c, _r, _s in warnings()}
    assert ("handler_due", e.id) in warned and ("handler_due", scene["d"].id) not in warned
    assert not {c for _k, c in warned} & {apologised.id, waiting.id}  # an apology; a clock waiting for the citizen
    db.session.execute(text("DELETE FROM case_warning"))
    services.update_settings(world["handler"], language="vi", handler_lead_days=4, handler_due=False, now=MORNING)
    db.session.commit()
    run_warnings(MORNING)
    assert {k for k, _c, _r, _s in warnings()} == {"head_apology", "leg_overdue", "manager_no_apology"}


def test_two_runs_at_the_same_moment_record_and_send_each_warning_once(app_ctx, scene):
    reports = at_once(app_ctx, lambda: run_warnings(MORNING))
    assert warnings() == expected(scene)
    assert sum(sum(r.new.values()) for r in reports) == 6  # between them, each warning recorded by one run
    assert sum(r.digests for r in reports) == 5
    recipients = db.session.execute(text("SELECT recipient FROM outbox_message")).scalars().all()
    assert len(recipients) == len(set(recipients)) == 5
    assert db.session.scalar(text("SELECT count(*) FROM case_event WHERE action = 'warning'")) == 6


def test_sent_and_acted_against_a_hand_count(scene):
    run_warnings(MORNING)
    a, b = scene["a"], scene["b"]
    # the consultation is answered (leg_overdue acted), then A is finished before its due day (handler_due acted)
    db.session.execute(update(CaseLeg).where(CaseLeg.id == scene["leg"].id).values(answered_at=local(2027, 3, 10, 10, 0)))
    db.session.commit()
    db.session.refresh(a)
    cases.transition(a, Action.FINISH, now=local(2027, 3, 11, 9, 0), expected_version=a.version)
    # the head signs B's apology on its last day (head_apology and B's handler_due acted); C: nobody acts (2 managers)
    cases.issue_apology(b, reason="Chờ ý kiến phối hợp", new_due_at=local(2027, 3, 18, 9, 0),
                        now=local(2027, 3, 10, 15, 0), expected_version=b.version, actor=scene["head"])
    db.session.commit()
    sent = db.session.scalar(text("SELECT count(*) FROM case_warning WHERE for_day = :d"), {"d": date(2027, 3, 10)})
    assert sent == 6
    assert services.sent_and_acted(date(2027, 3, 10), date(2027, 3, 10), None) == (6, 4)
    assert services.sent_and_acted(date(2027, 3, 1), date(2027, 3, 31), scene["unit"].id) == (6, 4)
    assert services.sent_and_acted(date(2027, 3, 1), date(2027, 3, 31), scene["consulted"].id) == (0, 0)
    assert services.sent_and_acted(date(2027, 3, 11), date(2027, 3, 31), None) == (0, 0)


def test_a_run_for_a_past_morning_sees_only_what_was_known_then(world):
    later = new_case(world, local(2027, 3, 10, 17, 0))  # a same-day case received at 09:00, after the 07:00 run
    db.session.execute(update(type(later)).where(type(later).id == later.id).values(received_at=local(2027, 3, 10, 9, 0)))
    db.session.commit()
    assert sum(run_warnings(MORNING).new.values()) == 0
    assert run_warnings(local(2027, 3, 10, 13, 0)).new["handler_due"] == 1  # a midday run finds it


def test_the_cli_runs_the_morning_for_a_given_moment(app_ctx, scene):
    runner = app_ctx.test_cli_runner()
    result = runner.invoke(args=["alerts", "run", "--at", "2027-03-10T07:00+07:00"])
    assert result.exit_code == 0, result.output
    assert "2027-03-10: new warnings handler_due 2, head_apology 1, leg_overdue 1, manager_no_apology 2" in result.output
    assert warnings() == expected(scene)
    naive = runner.invoke(args=["alerts", "run", "--at", "2027-03-10T07:00"])
    assert naive.exit_code != 0 and "offset" in naive.output
