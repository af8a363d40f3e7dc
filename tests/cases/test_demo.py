"""The demo year of cases (portal/demo/cases.py): loaded through the real services, so its codes,
deadlines, timings and apologies obey the same invariants as live data."""
from __future__ import annotations

from collections import defaultdict
from datetime import UTC, datetime, time
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import select

from portal.cases import rules, services
from portal.cases.models import Case, CaseCounter
from portal.cases.rules import CaseStatus, Timing
from portal.core.db import db
from portal.demo.cases import load_cases
from portal.demo.seed import load_demo
from portal.units.models import Unit
from portal.workdays.services import calendar_for
from tests.conftest import module_world

VN = ZoneInfo("Asia/Ho_Chi_Minh")
END = datetime(2019, 12, 31, 17, 0, tzinfo=VN)


@pytest.fixture(scope="module")
def demo_cases(app):
    """Loaded once for the module's tests, which only read it (tests.conftest.module_world)."""
    with module_world(app):
        load_demo()  # no cases under TESTING
        assert db.session.scalar(select(Case.id).limit(1)) is None
        assert load_cases(count=200) == "200 demo cases of 2019 loaded"
        yield list(db.session.scalars(select(Case).order_by(Case.id)))


def local(moment: datetime) -> datetime:
    return moment.astimezone(VN)


def test_codes_are_unique_and_gap_free_per_unit_and_day(demo_cases):
    units = {u.id: u.code for u in db.session.scalars(select(Unit))}
    numbers = defaultdict(list)
    for case in demo_cases:
        day = local(case.received_at).date()
        unit_code, yymmdd, number = case.code.rsplit("-", 2)
        assert (unit_code, yymmdd) == (units[case.unit_id], f"{day:%y%m%d}")
        numbers[(case.unit_id, day)].append((case.received_at, int(number)))
    assert len({c.code for c in demo_cases}) == len(demo_cases) == 200
    counters = {(c.unit_id, c.day): c.last_number for c in db.session.scalars(select(CaseCounter))}
    for key, seen in numbers.items():
        assert [n for _at, n in sorted(seen)] == list(range(1, len(seen) + 1))  # numbered in order of receipt
        assert counters[key] == len(seen)


def test_received_on_working_days_in_office_hours(demo_cases):
    cal = calendar_for([2019], language="vi")
    for case in demo_cases:
        at = local(case.received_at)
        assert cal.is_working_day(at.date()) and at.year == 2019
        assert time(7, 30) <= at.time() <= time(11, 30) or time(13, 30) <= at.time() <= time(17, 0)
        assert case.applicant_id_number.startswith("067") and rules.is_valid_id_number(case.applicant_id_number)
        assert rules.is_valid_phone(case.applicant_phone) and "Gia Nghĩa" in case.applicant_address


def test_statuses_agree_with_timestamps_and_trail(demo_cases):
    for case in demo_cases:
        events = case.events
        assert events[0].action == "receive" and events[-1].to_status == case.status.value
        times = [e.at for e in events]
        assert times == sorted(times) and case.received_at <= times[0] and times[-1] <= END
        if case.status in rules.OPEN:
            assert case.finished_at is None and case.timing is None and case.returned_at is None
        elif case.status == CaseStatus.WITHDRAWN:
            assert case.finished_at is not None and case.timing is None
        else:
            # judged by local days against the legal due, never an apology's date (TT 01/2018 Điều 13)
            assert case.timing == rules.finished_timing(local(case.finished_at), local(case.original_due_at))
            assert case.received_at < case.finished_at <= END
        assert (case.returned_at is not None) == (case.status == CaseStatus.RETURNED)
        if case.returned_at:
            assert case.finished_at <= case.returned_at
        if case.handler_id is not None:  # the unit's own handler, or the town office's for units without one
            assert case.handler.unit_id in (case.handling_unit_id, case.unit_id)


def test_late_cases_are_a_realistic_mix_of_apologies(demo_cases):
    """Most late cases were apologised for in time, a few late, a few not at all (NĐ 61/2018 Điều 19 k9)."""
    cal = calendar_for([2019], language="vi")
    now = END.astimezone(UTC)
    late = [c for c in demo_cases if c.timing == Timing.LATE]
    overdue_open = [c for c in demo_cases if c.status in rules.OPEN and local(c.original_due_at).date() < END.date()]
    breaches = [c for c in late + overdue_open if c.apology is None]
    assert services.late_without_apology_count(None, now) == len(breaches)
    kinds = [c.apology.kind if c.apology else None for c in late + overdue_open]
    in_time, late_kind = kinds.count(rules.ApologyKind.IN_TIME), kinds.count(rules.ApologyKind.LATE)
    assert in_time > late_kind + kinds.count(None) and late_kind >= 1 and breaches
    finished = [c for c in demo_cases if c.timing is not None]
    assert 0.02 <= len(late) / len(finished) <= 0.09  # the brief: ~4–6 % late over a year
    assert sum(c.timing in (Timing.EARLY, Timing.ON_TIME) for c in finished) / len(finished) >= 0.9
    apologies = [c.apology for c in demo_cases if c.apology is not None]
    assert apologies, "the demo must show apologies"
    for apology in apologies:
        latest = cal.previous_working_day(local(apology.case.original_due_at).date())
        in_time = local(apology.issued_at).date() <= latest  # NĐ 61/2018 Điều 19 k9
        assert apology.kind == (rules.ApologyKind.IN_TIME if in_time else rules.ApologyKind.LATE)
        assert apology.previous_due_at == apology.case.original_due_at  # the legal due is never moved by it
        assert apology.case.due_at == apology.new_due_at
        if apology.case.finished_at is None or apology.issued_at < apology.case.finished_at:
            assert apology.new_due_at > apology.previous_due_at


def test_some_cases_are_still_open_at_the_end_of_the_year(demo_cases):
    open_cases = [c for c in demo_cases if c.status in rules.OPEN]
    assert open_cases and all(c.received_at <= END for c in open_cases)
    assert any(c.status == CaseStatus.WITHDRAWN for c in demo_cases) or len(demo_cases) < 500


def test_loading_the_demo_sends_nothing_to_the_made_up_applicants(demo_cases):
    from portal.notify.models import OutboxMessage

    assert db.session.scalar(select(OutboxMessage.id).limit(1)) is None


def test_every_case_is_handled_by_a_handler_of_its_own_handling_unit(demo_cases):
    assigned = [case for case in demo_cases if case.handler_id is not None]
    assert {case.handling_unit.code for case in assigned} >= {"000.02.26.H17", "000.04.26.H17", "000.05.26.H17"}
    for case in assigned:  # Nội vụ, TC-KH and VH-TT too: the workflow refuses a handler of another unit
        assert case.handler.unit_id == case.handling_unit_id, case.code


def test_late_cases_show_their_cause_in_the_trail_before_the_last_apology_day(demo_cases):
    """A late demo file waits, as at a real centre, on a consultation (lấy ý kiến, NĐ 61/2018 Điều 19 k5,
    docs/law/nd61-2018-tt01-2018.md) sent early in handling and answered after its own deadline; the apology
    names the unit; a few on-time files consult a unit that answers in time. Read with plain SQL."""
    from sqlalchemy import text

    cal = calendar_for([2019, 2020], language="vi")
    rows = db.session.execute(text(
        "SELECT c.id, c.timing, c.status, c.processing_days, c.received_at, c.finished_at, c.original_due_at, "
        "c.handling_unit_id, l.unit_id, l.sent_at, l.due_at, l.answered_at, u.name, "
        "(SELECT min(e.at) FROM case_event e WHERE e.case_id = c.id AND e.action = 'assign') "
        "FROM case_leg l JOIN case_file c ON c.id = l.case_id JOIN unit u ON u.id = l.unit_id")).all()
    assert rows, "the demo must show consultations"
    def fix(value):  # SQLite gives the stored UTC text, PostgreSQL a datetime
        return value if value is None or isinstance(value, datetime) else datetime.fromisoformat(value).replace(
            tzinfo=UTC)

    legs_of, consulted_on_time = defaultdict(list), set()
    for (case_id, timing, _status, pd, received, finished, due, handling, unit_id, sent, leg_due, answered, name,
         assigned) in rows:
        received, finished, due, sent, leg_due, answered, assigned = map(
            fix, (received, finished, due, sent, leg_due, answered, assigned))
        legs_of[case_id].append(name)
        assert unit_id != handling and pd >= 2
        assert assigned is not None and assigned < sent  # opened while the file is being handled
        if finished is not None:
            assert answered is not None and sent < answered < finished  # the result waits for the answer
        if timing == "late":  # the cause is in the trail before the last apology day
            assert local(sent).date() <= cal.previous_working_day(local(due).date())
            assert answered is None or answered > leg_due  # the consulted unit answered after its deadline
        if timing in ("early", "on_time"):
            assert answered <= leg_due  # a quick answer, in time
            consulted_on_time.add(case_id)
    late = db.session.execute(text("SELECT id, processing_days FROM case_file WHERE timing = 'late'")).all()
    could_wait = [case_id for case_id, pd in late if pd >= 2]
    waited = [case_id for case_id in could_wait if case_id in legs_of]
    assert could_wait and len(waited) / len(could_wait) >= 0.6, (len(waited), len(could_wait))
    on_time = db.session.scalar(text("SELECT count(*) FROM case_file WHERE timing IN ('early', 'on_time') "
                                     "AND processing_days >= 3"))
    assert 0 < len(consulted_on_time) < 0.2 * on_time
    prefix = "Chờ ý kiến phối hợp của "
    reasons = db.session.execute(text("SELECT case_id, reason FROM case_apology")).all()
    named = [(case_id, reason) for case_id, reason in reasons if reason.startswith(prefix)]
    assert named
    for case_id, reason in named:  # the apology names the unit the file is waiting for, never one it did not ask
        assert reason == f"{prefix}{legs_of[case_id][0]} (liên thông).", reason
