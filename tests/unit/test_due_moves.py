"""How a calendar notice moves a printed due day (DOMAIN.md §4), as a table: no database. Counting as
the Civil Code counts (BLDS 2015 Điều 147): the start day is not counted."""
from __future__ import annotations

from datetime import date, datetime

import pytest

from portal.cases.due_moves import moved_due
from portal.workdays.rules import ExceptionKind, WorkCalendar

OLD = WorkCalendar.build([2027])
OFF_FRI_5 = WorkCalendar.build([2027], [(date(2027, 3, 5), ExceptionKind.DAY_OFF, "nghỉ bù")])
SAT_6_WORKED = WorkCalendar.build([2027], [(date(2027, 3, 6), ExceptionKind.WORKING_DAY, "làm bù")])

TABLE = [  # (counted from, old due day, new calendar, new due day)
    (date(2027, 3, 1), date(2027, 3, 8), OFF_FRI_5, date(2027, 3, 9)),  # 5 working days span Friday
    (date(2027, 3, 1), date(2027, 3, 5), OFF_FRI_5, date(2027, 3, 8)),  # due on the new day off
    (date(2027, 3, 1), date(2027, 3, 4), OFF_FRI_5, date(2027, 3, 4)),  # due before it: unchanged
    (date(2027, 3, 5), date(2027, 3, 12), OFF_FRI_5, date(2027, 3, 12)),  # counted from it: not counted
    (date(2027, 3, 1), date(2027, 3, 8), SAT_6_WORKED, date(2027, 3, 6)),  # a worked Saturday: one day earlier
    (date(2027, 3, 5), date(2027, 3, 5), OFF_FRI_5, date(2027, 3, 8)),  # same-day procedure on the day off
    (date(2027, 3, 8), date(2027, 3, 15), SAT_6_WORKED, date(2027, 3, 15)),  # after the notice
]


@pytest.mark.parametrize("counted_from, old_day, new_cal, new_day", TABLE)
def test_moved_due(counted_from, old_day, new_cal, new_day):
    due = datetime.combine(old_day, datetime.min.time().replace(hour=16))
    move = moved_due(due, counted_from, OLD, new_cal)
    assert move.new.date() == new_day and move.new.hour == 16
    assert move.moved == (new_day != old_day)
