"""How a new calendar notice would move a printed due day, pure: no clock, no database.

A due date printed on a receipt is a promise (DOMAIN.md §4): when the calendar changes later — an extra
day off or a make-up working day announced after cases were received — open cases keep their printed
date unless an administrator deliberately moves them. This computes the move the notice would make:
the due day stays the same number of working days after the day its count starts from (the receipt's
counting start, or the day the supplements arrived), counted with the calendar without the new
exception (old) and with it (new). Counting as the Civil Code counts (BLDS 2015 Điều 147): the start
day itself is not counted.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime


@dataclass(frozen=True)
class DueMove:
    old: datetime
    new: datetime

    @property
    def moved(self) -> bool:
        return self.old != self.new


def moved_due(due: datetime, counted_from: date, old_cal, new_cal) -> DueMove:
    """`due`: local due moment; `counted_from`: the local day the count starts after; the calendars answer
    working_days_between / add_working_days / is_working_day / next_working_day (workdays.rules.WorkCalendar).
    Unchanged when the notice does not fall inside the counted span."""
    day = due.date()
    if day <= counted_from:  # same-day procedures: due on the (working) day the count starts
        old_day = day if old_cal.is_working_day(day) else old_cal.next_working_day(day)
        new_day = day if new_cal.is_working_day(day) else new_cal.next_working_day(day)
    else:
        n = old_cal.working_days_between(counted_from, day)
        old_day, new_day = old_cal.add_working_days(counted_from, n), new_cal.add_working_days(counted_from, n)
    if old_day == new_day:
        return DueMove(due, due)
    return DueMove(due, datetime.combine(new_day, due.timetz()))
