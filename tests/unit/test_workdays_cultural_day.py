"""24 November, Ngày Văn hóa Việt Nam (DOMAIN.md §7a; NQ 28/2026/QH16 as reported, no primary text held):
a paid day off from 2026, not made up when it falls on a weekend. `holidays` 0.109 adds an "(observed)"
Monday in those years; workdays.rules drops it. Pure rules: no app, no database, no clock."""
from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

import holidays
import pytest

from portal.workdays.rules import WorkCalendar

VN = ZoneInfo("Asia/Ho_Chi_Minh")
CAL = WorkCalendar.build(range(2024, 2037))


def test_2025_24_november_is_an_ordinary_monday():
    assert date(2025, 11, 24).weekday() == 0
    assert date(2025, 11, 24) not in CAL.holidays
    assert CAL.is_working_day(date(2025, 11, 24))


def test_2026_24_november_is_a_tuesday_off():
    day = date(2026, 11, 24)
    assert day.weekday() == 1
    assert CAL.holidays[day] == "Ngày Văn hóa Việt Nam"
    assert not CAL.is_working_day(day)
    assert CAL.is_working_day(date(2026, 11, 23)) and CAL.is_working_day(date(2026, 11, 25))


@pytest.mark.parametrize("saturday_or_sunday, monday", [
    (date(2029, 11, 24), date(2029, 11, 26)),  # Saturday
    (date(2030, 11, 24), date(2030, 11, 25)),  # Sunday
    (date(2035, 11, 24), date(2035, 11, 26)),  # Saturday
])
def test_a_weekend_24_november_is_not_made_up(saturday_or_sunday, monday):
    # The package does add the make-up Monday: this is what the override exists for.
    assert monday in holidays.country_holidays("VN", years=monday.year)
    assert saturday_or_sunday.weekday() >= 5 and saturday_or_sunday in CAL.holidays
    assert monday not in CAL.holidays
    assert CAL.is_working_day(monday)


def test_the_english_calendar_drops_the_observed_monday_too():
    cal = WorkCalendar.build([2030], language="en_US")
    assert cal.holidays[date(2030, 11, 24)] == "Vietnam Cultural Day"
    assert date(2030, 11, 25) not in cal.holidays


def test_no_24_november_holiday_before_2026():
    assert not [y for y in range(2000, 2026) if date(y, 11, 24) in WorkCalendar.build([y]).holidays]


def test_a_deadline_across_24_november_2026_skips_it():
    # Received Monday 23/11/2026: the 1st working day after is Wednesday 25 (Tuesday 24 is off), the 5th Tuesday 1 December.
    assert CAL.add_working_days(date(2026, 11, 23), 1) == date(2026, 11, 25)
    assert CAL.add_working_days(date(2026, 11, 23), 5) == date(2026, 12, 1)
    assert CAL.working_days_between(date(2026, 11, 20), date(2026, 11, 27)) == 4
    promise = CAL.promise(datetime(2026, 11, 20, 9, 0, tzinfo=VN), 3)
    assert promise.due_at.date() == date(2026, 11, 26)  # Mon 23, (Tue 24 off), Wed 25, Thu 26


def test_a_deadline_across_a_weekend_24_november_is_not_pushed_by_a_make_up_day():
    # Friday 23/11/2029 + 1 working day: Monday 26 (worked), not Tuesday 27.
    assert CAL.add_working_days(date(2029, 11, 23), 1) == date(2029, 11, 26)
    assert CAL.add_working_days(date(2030, 11, 22), 1) == date(2030, 11, 25)
