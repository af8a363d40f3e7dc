"""Pure working-day rules (DOMAIN.md §4): no app, no database, no clock.

Expected values are literal dates from the Government's published calendars; where a date's
status comes from the `holidays` package, the test also checks the package's own table, so a
wrong expectation cannot be produced by the function under test.
"""
from __future__ import annotations

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import holidays
import pytest

from portal.workdays.rules import DueSettings, ExceptionKind, WorkCalendar, parse_hhmm

VN = ZoneInfo("Asia/Ho_Chi_Minh")
CAL = WorkCalendar.build(range(2018, 2029))


def national(year: int) -> holidays.HolidayBase:
    return holidays.country_holidays("VN", years=year)


def days(first: date, last: date) -> list[date]:
    return [first + timedelta(n) for n in range((last - first).days + 1)]


def at(y, m, d, hh, mm) -> datetime:
    return datetime(y, m, d, hh, mm, tzinfo=VN)


# --- Tết Nguyên đán: the whole break is off, the first day after it is worked -------------------

TET = [
    # (first day off, last day off, first working day after) — civil-servant calendars
    (date(2025, 1, 25), date(2025, 2, 2), date(2025, 2, 3)),  # 25/1–2/2/2025
    (date(2026, 2, 14), date(2026, 2, 22), date(2026, 2, 23)),  # 14/2–22/2/2026
    (date(2027, 2, 4), date(2027, 2, 10), date(2027, 2, 11)),  # 29 Tết (4/2) – mùng 5 (10/2/2027)
]


@pytest.mark.parametrize(("first", "last", "back"), TET, ids=lambda v: str(v))
def test_every_tet_day_is_not_a_working_day(first, last, back):
    table = national(first.year)
    for day in days(first, last):
        # Each weekday of the break is a holiday in the package's table, so it is not our guess.
        assert day.weekday() >= 5 or day in table, day
        assert not CAL.is_working_day(day), day
    assert CAL.is_working_day(first - timedelta(days=1)) or (first - timedelta(days=1)).weekday() >= 5
    assert back not in table and CAL.is_working_day(back)


def test_tet_days_in_the_package_are_all_off():
    for year in (2025, 2026, 2027):
        tet = [d for d, name in national(year).items() if "Lunar New Year" in name]
        assert len(tet) >= 5
        assert not any(CAL.is_working_day(d) for d in tet)


# --- swaps, adjacent days and new holidays ------------------------------------------------------

@pytest.mark.parametrize(("day", "working"), [
    # 2019: Saturday 5 Jan worked for Monday 31 Dec 2018; Saturday 4 May worked for Monday 29 Apr.
    (date(2018, 12, 31), False),
    (date(2019, 1, 5), True),
    (date(2019, 4, 29), False),
    (date(2019, 5, 4), True),
    (date(2019, 5, 11), False),  # an ordinary Saturday stays a day off
    # 2024: Saturday 4 May 2024 worked, Monday 29 April 2024 off.
    (date(2024, 4, 29), False),
    (date(2024, 5, 4), True),
    (date(2024, 5, 2), True),
    # National Day plus one adjacent day.
    (date(2024, 9, 2), False),
    (date(2024, 9, 3), False),
    (date(2024, 8, 30), True),
    (date(2024, 9, 4), True),
    (date(2025, 9, 1), False),
    (date(2025, 9, 2), False),
    (date(2025, 9, 3), True),
    # Ngày Văn hóa Việt Nam: a holiday from 2026 (a Tuesday), not before.
    (date(2026, 11, 24), False),
    (date(2025, 11, 24), True),
    (date(2026, 11, 23), True),
    # Plain weeks.
    (date(2026, 3, 6), True),
    (date(2026, 3, 7), False),
    (date(2026, 3, 8), False),
])
def test_national_calendar(day, working):
    assert CAL.is_working_day(day) is working


@pytest.mark.parametrize("day", [date(2019, 5, 4), date(2024, 5, 4)])
def test_makeup_saturdays_come_from_the_package(day):
    assert day.weekday() == 5
    assert day in national(day.year).weekend_workdays
    assert day in CAL.makeup_days


def test_adjacent_national_day_is_in_the_package():
    assert {date(2024, 9, 2), date(2024, 9, 3)} <= set(national(2024))
    assert {date(2025, 9, 1), date(2025, 9, 2)} <= set(national(2025))
    assert date(2026, 11, 24) in national(2026) and date(2025, 11, 24) not in national(2025)


def test_build_keeps_only_the_requested_years_makeup_days():
    cal = WorkCalendar.build([2024])
    assert cal.makeup_days == frozenset({date(2024, 5, 4)})
    assert date(2024, 2, 10) in cal.holidays and date(2025, 1, 1) not in cal.holidays


# --- local exceptions override the national calendar --------------------------------------------

EXCEPTIONS = [
    (date(2026, 3, 2), ExceptionKind.DAY_OFF, "QĐ 12/QĐ-UBND: nghỉ bầu cử"),  # an ordinary Monday
    (date(2024, 5, 4), ExceptionKind.DAY_OFF, "Không làm bù tại địa phương"),  # a national make-up Saturday
    (date(2027, 9, 3), ExceptionKind.WORKING_DAY, "Trực tiếp nhận hồ sơ"),  # a national holiday
    (date(2026, 3, 7), ExceptionKind.WORKING_DAY, "Làm bù ngày 2/3"),  # an ordinary Saturday
]


@pytest.mark.parametrize(("day", "kind", "reason"), EXCEPTIONS, ids=lambda v: str(v))
def test_exception_overrides_the_national_calendar(day, kind, reason):
    local = WorkCalendar.build(range(2024, 2028), [(day, kind, reason)])
    assert CAL.is_working_day(day) is (kind == ExceptionKind.DAY_OFF)  # the national answer
    assert local.is_working_day(day) is (kind == ExceptionKind.WORKING_DAY)
    bucket = local.extra_off if kind == ExceptionKind.DAY_OFF else local.extra_working
    assert bucket == {day: reason}


def test_exceptions_move_deadlines():
    local = WorkCalendar.build([2026], EXCEPTIONS)
    # Friday 27 Feb + 1: Monday 2 Mar is a local day off, so Tuesday 3 Mar ...
    assert local.add_working_days(date(2026, 2, 27), 1) == date(2026, 3, 3)
    assert CAL.add_working_days(date(2026, 2, 27), 1) == date(2026, 3, 2)
    # ... and Friday 6 Mar + 1 is the locally worked Saturday 7 Mar.
    assert local.add_working_days(date(2026, 3, 6), 1) == date(2026, 3, 7)


# --- add_working_days ---------------------------------------------------------------------------

@pytest.mark.parametrize(("start", "n", "expected"), [
    (date(2027, 2, 3), 3, date(2027, 2, 15)),  # Tết 4–10 Feb 2027, then 11, 12, 15
    (date(2027, 2, 3), 1, date(2027, 2, 11)),
    (date(2027, 2, 3), 0, date(2027, 2, 3)),  # a working day: itself
    (date(2027, 2, 6), 0, date(2027, 2, 11)),  # a Tết Saturday: the next working day
    (date(2027, 2, 6), 1, date(2027, 2, 11)),
    (date(2026, 2, 13), 1, date(2026, 2, 23)),
    (date(2024, 5, 3), 1, date(2024, 5, 4)),  # the make-up Saturday counts
    (date(2024, 4, 26), 1, date(2024, 5, 2)),  # 29 Apr swap, 30 Apr, 1 May
    (date(2026, 12, 31), 1, date(2027, 1, 4)),  # over New Year: 1 Jan 2027 is a Friday
    (date(2026, 3, 2), 5, date(2026, 3, 9)),  # a plain week
])
def test_add_working_days(start, n, expected):
    assert CAL.add_working_days(start, n) == expected


def test_the_skipped_tet_days_of_2027_are_holidays_in_the_package():
    table = national(2027)
    skipped = days(date(2027, 2, 4), date(2027, 2, 10))
    assert [d for d in skipped if d.weekday() < 5] == [date(2027, 2, d) for d in (4, 5, 8, 9, 10)]
    assert all(d in table for d in skipped if d.weekday() < 5)
    assert date(2027, 2, 11) not in table and date(2027, 2, 12) not in table and date(2027, 2, 15) not in table


def test_add_working_days_refuses_negative_n():
    with pytest.raises(ValueError):
        CAL.add_working_days(date(2027, 2, 3), -1)


# --- working_days_between -----------------------------------------------------------------------

@pytest.mark.parametrize(("a", "b", "expected"), [
    (date(2027, 2, 3), date(2027, 2, 15), 3),
    (date(2027, 2, 15), date(2027, 2, 3), -3),
    (date(2027, 2, 3), date(2027, 2, 3), 0),
    (date(2026, 3, 2), date(2026, 3, 6), 4),  # a < d <= b: Tue..Fri
    (date(2026, 3, 6), date(2026, 3, 9), 1),  # over a weekend
    (date(2024, 5, 3), date(2024, 5, 6), 2),  # make-up Saturday 4 May + Monday 6 May
    (date(2027, 2, 4), date(2027, 2, 10), 0),  # inside Tết
])
def test_working_days_between(a, b, expected):
    assert CAL.working_days_between(a, b) == expected


@pytest.mark.parametrize(("a", "b"), [(date(2027, 1, 29), date(2027, 3, 1)), (date(2024, 4, 1), date(2024, 9, 30))])
def test_working_days_between_is_antisymmetric(a, b):
    assert CAL.working_days_between(a, b) == -CAL.working_days_between(b, a) > 0


# --- effective receipt and due moments ----------------------------------------------------------

@pytest.mark.parametrize(("received", "expected"), [
    (at(2026, 3, 2, 14, 59), at(2026, 3, 2, 14, 59)),  # before the cut-off: itself
    (at(2026, 3, 2, 15, 0), at(2026, 3, 3, 7, 30)),  # at the cut-off: next working morning
    (at(2026, 3, 6, 16, 0), at(2026, 3, 9, 7, 30)),  # Friday afternoon: Monday
    (at(2026, 3, 7, 9, 0), at(2026, 3, 9, 7, 30)),  # Saturday
    (at(2027, 2, 5, 10, 0), at(2027, 2, 11, 7, 30)),  # during Tết
])
def test_effective_receipt(received, expected):
    assert CAL.effective_receipt(received, DueSettings()) == expected


@pytest.mark.parametrize(("received", "n", "expected"), [
    # 14:59 counts from Monday; 15:01 counts from Tuesday morning: different due dates.
    (at(2026, 3, 2, 14, 59), 1, at(2026, 3, 3, 14, 59)),
    (at(2026, 3, 2, 15, 1), 1, at(2026, 3, 4, 7, 30)),
    (at(2026, 3, 2, 14, 59), 3, at(2026, 3, 5, 14, 59)),
    (at(2026, 3, 2, 15, 1), 3, at(2026, 3, 6, 7, 30)),
    # Same-day procedures: close of office that day, or of the next working day after the cut-off.
    (at(2026, 3, 2, 10, 0), 0, at(2026, 3, 2, 17, 0)),
    (at(2026, 3, 2, 16, 0), 0, at(2026, 3, 3, 17, 0)),
    (at(2026, 3, 6, 16, 0), 0, at(2026, 3, 9, 17, 0)),
    (at(2026, 3, 7, 9, 0), 0, at(2026, 3, 9, 17, 0)),
    # Received on a Saturday or a holiday: counting starts the next working morning.
    (at(2026, 3, 7, 9, 0), 3, at(2026, 3, 12, 7, 30)),
    (at(2026, 4, 30, 9, 0), 2, at(2026, 5, 6, 7, 30)),  # 30/4 and 1/5 off, weekend, then Mon 4 May
    (at(2027, 2, 5, 10, 0), 1, at(2027, 2, 12, 7, 30)),
    # Friday 29 Jan 2027 16:00, 5 days: from Mon 1 Feb 07:30 -> 2, 3 Feb, Tết 4–10, 11, 12, 15 Feb.
    (at(2027, 1, 29, 16, 0), 5, at(2027, 2, 15, 7, 30)),
    (at(2027, 1, 29, 10, 0), 5, at(2027, 2, 12, 10, 0)),  # before the cut-off Friday counts
])
def test_due_at(received, n, expected):
    due = CAL.due_at(received, n)
    assert due == expected
    assert due.tzinfo is VN


def test_the_2027_tet_case_skips_only_package_holidays():
    due = CAL.due_at(at(2027, 1, 29, 16, 0), 5)
    table = national(2027)
    counted = [d for d in days(date(2027, 2, 2), due.date()) if d.weekday() < 5 and d not in table]
    assert counted == [date(2027, 2, 2), date(2027, 2, 3), date(2027, 2, 11), date(2027, 2, 12), date(2027, 2, 15)]


def test_due_settings_are_honoured():
    late = DueSettings(cutoff=time(16, 30), office_open=time(8, 0), office_close=time(16, 30))
    assert CAL.due_at(at(2026, 3, 2, 16, 0), 1, late) == at(2026, 3, 3, 16, 0)
    assert CAL.due_at(at(2026, 3, 2, 16, 45), 1, late) == at(2026, 3, 4, 8, 0)
    assert CAL.due_at(at(2026, 3, 2, 10, 0), 0, late) == at(2026, 3, 2, 16, 30)


def test_default_settings_and_parse_hhmm():
    assert DueSettings() == DueSettings(parse_hhmm("15:00"), parse_hhmm("07:30"), parse_hhmm("17:00"))
    assert parse_hhmm("7:05") == time(7, 5)
