"""The recent demo cases (portal/demo/cases_recent.py) up to an explicit `now` at the 2025 ward centre, six weeks of
them (seed-demo loads twelve months), loaded once for this module's tests, which only read them: nothing is dated
after `now`, codes are gap-free, the open cases show each state of a working desk, the finished ones are judged
against the legal due and the current year's figures read like a working centre. No test here depends on today's
date: `now` is a fixed Wednesday morning. The 2019 leftovers and the channels: tests/cases/test_demo_recent.py."""
from __future__ import annotations

from collections import Counter, defaultdict
from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import select

from portal.cases import rules, services, stats
from portal.cases.models import Apology, Case, CaseCounter
from portal.cases.rules import CaseStatus, Timing
from portal.core.db import db
from portal.core.stats import year_period
from portal.demo.cases_recent import load_recent_cases
from portal.demo.reorganisation import record_2025
from portal.demo.seed import load_demo
from portal.satisfaction.models import Rating
from portal.units.models import Unit
from portal.workdays.services import calendar_for
from tests.conftest import module_world

VN = ZoneInfo("Asia/Ho_Chi_Minh")
NOW = datetime(2027, 3, 10, 10, 0, tzinfo=VN)  # a Wednesday; the window holds Tết 2027 (6 February)


def local(moment: datetime) -> datetime:
    return moment.astimezone(VN)


@pytest.fixture(scope="module")
def recent(app):
    """Loaded once for the module's tests, which only read it (tests.conftest.module_world)."""
    with module_world(app):
        yield _load_recent()


def _load_recent() -> list:
    load_demo(now=NOW)
    assert db.session.scalar(select(Case.id).limit(1)) is None  # never under TESTING unless asked
    record_2025()  # the 2025 ward whose centre receives them
    line = load_recent_cases(count=90, now=NOW, days=42)
    assert line.endswith("recent demo cases of the 42 days before 10/03/2027 loaded")
    assert load_recent_cases(count=90, now=NOW, days=42) == "recent demo cases: none added"  # loaded once
    cases = list(db.session.scalars(select(Case).order_by(Case.id)))
    assert int(line.split()[0]) == len(cases) and 60 <= len(cases) <= 120
    return cases


def test_nothing_is_dated_after_now_and_receipts_are_in_office_hours(recent):
    cal = calendar_for([2027], language="vi")
    for case in recent:
        at = local(case.received_at)
        assert NOW - timedelta(days=43) <= at <= NOW and cal.is_working_day(at.date())
        assert time(7, 30) <= at.time() <= time(11, 30) or time(13, 30) <= at.time() <= time(17, 0)
        assert all(case.received_at <= e.at <= NOW for e in case.events)
        assert [e.at for e in case.events] == sorted(e.at for e in case.events)
        assert case.finished_at is None or case.finished_at <= NOW
        assert case.returned_at is None or case.returned_at <= NOW
        assert rules.is_valid_id_number(case.applicant_id_number) and "Gia Nghĩa" in case.applicant_address
    assert all(a.issued_at <= NOW for a in db.session.scalars(select(Apology)))
    rated = list(db.session.scalars(select(Rating)))  # about half of the returned cases, after the return
    assert rated and all(r.case.returned_at < r.rated_at <= NOW for r in rated)


def test_codes_are_gap_free_per_unit_and_day(recent):
    units = {u.id: u.code for u in db.session.scalars(select(Unit))}
    numbers = defaultdict(list)
    for case in recent:
        day = local(case.received_at).date()
        unit_code, yymmdd, number = case.code.rsplit("-", 2)
        assert (unit_code, yymmdd) == (units[case.unit_id], f"{day:%y%m%d}")
        numbers[(case.unit_id, day)].append((case.received_at, int(number)))
    counters = {(c.unit_id, c.day): c.last_number for c in db.session.scalars(select(CaseCounter))}
    for key, seen in numbers.items():
        assert [n for _at, n in sorted(seen)] == list(range(1, len(seen) + 1))  # in order of receipt
        assert counters[key] == len(seen)


def test_open_cases_show_each_state_of_a_working_desk(recent):
    cal = calendar_for([2026, 2027], language="vi")
    open_cases = [c for c in recent if c.status in rules.OPEN]
    timings = Counter(services.timing_of(c, NOW, cal) for c in open_cases)
    assert timings[Timing.IN_TIME] >= 3 and timings[Timing.DUE_SOON] >= 1 and 1 <= timings[Timing.OVERDUE] <= 4
    for case in open_cases:  # overdue = the legal due's day ended before today (BLDS 2015 Điều 148 k6)
        overdue = local(case.original_due_at).date() < NOW.date()
        assert (services.timing_of(case, NOW, cal) == Timing.OVERDUE) == overdue
    breaches = [c for c in open_cases if services.timing_of(c, NOW, cal) == Timing.OVERDUE and c.apology is None]
    assert 1 <= len(breaches) <= 2  # one or two stuck without an apology; the others were apologised for
    waiting = [c for c in open_cases if c.status == CaseStatus.SUPPLEMENT_REQUESTED]
    assert len(waiting) >= 1  # asked within 3 working days of receipt (NĐ 61/2018 Điều 19 k4)
    for case in waiting:
        assert case.supplement_requested_at <= NOW
        assert local(case.supplement_requested_at).date() <= cal.add_working_days(local(case.received_at).date(), 3)
    assert 5 <= len(open_cases) <= len(recent) // 3


def test_finished_cases_are_judged_against_the_legal_due(recent):
    finished = [c for c in recent if c.timing is not None]
    for case in finished:  # TT 01/2018 Điều 13 chỉ số 1: never against an apology's new date
        assert case.timing == rules.finished_timing(local(case.finished_at), local(case.original_due_at))
    late = [c for c in finished if c.timing == Timing.LATE]
    assert late and len(late) <= 0.1 * len(finished)  # a few late, most apologised for in time (NĐ 118/2025)
    in_time = [c for c in late if c.apology is not None and c.apology.kind == rules.ApologyKind.IN_TIME]
    assert len(in_time) >= len(late) / 2
    kept = [c for c in in_time if c.finished_at <= c.apology.new_due_at]
    assert kept, "a case finished by its apology's new date still counts late against the legal due"
    assert all(c.apology.previous_due_at == c.original_due_at for c in in_time)  # the legal due never moves
    assert sum(c.timing in (Timing.EARLY, Timing.ON_TIME) for c in finished) / len(finished) >= 0.9
    assert sum(c.status == CaseStatus.RETURNED for c in recent) >= len(recent) // 2


def test_the_current_year_reads_like_a_working_centre(recent):
    total = stats.case_statistics(year_period(2027), now=NOW).total
    in_2027 = [c for c in recent if local(c.received_at).year == 2027]
    assert total.received == len(in_2027) > 0
    finished = [c for c in recent if c.finished_at and local(c.finished_at).year == 2027 and c.timing]
    good = sum(c.timing in (Timing.EARLY, Timing.ON_TIME) for c in finished)
    assert (total.early + total.on_time, total.finished) == (good, len(finished))  # an independent count
    assert total.on_time_rate.value >= 0.85 and total.open_overdue >= 1 and total.open_in_time >= 3
