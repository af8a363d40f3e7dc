"""When each warning is due (portal.alerts.rules), on hand-built calendars around Tết, 30/4–1/5, 2/9 and a make-up
Saturday. Pure: no app, no database, no clock.

Law: a limit in days ends at the end of its last day (BLDS 2015 Điều 148 k1): overdue from the next day on. The
apology is in time at the latest one working day before the due day (NĐ 61/2018 Điều 19 k9). An overdue
consultation is reported to the head of the one-stop desk that transferred the file (NĐ 61/2018 Điều 19 k5 b)."""
from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from portal.alerts import rules
from portal.alerts.rules import WarningKind, WarningOutcome
from portal.workdays.rules import WorkCalendar

VN = ZoneInfo("Asia/Ho_Chi_Minh")


def days(start: date, end: date) -> dict:
    out, day = {}, start
    while day <= end:
        out[day] = "nghỉ"
        day += timedelta(days=1)
    return out


# Tết Đinh Mùi: Thursday 4 to Wednesday 10 February 2027 off (hand-built: weekends inside the span included).
TET = WorkCalendar(holidays=days(date(2027, 2, 4), date(2027, 2, 10)))
# 30/4 Friday, 1/5 Saturday and its make-up Monday 3 May 2027 off.
APRIL_MAY = WorkCalendar(holidays={date(2027, 4, 30): "30/4", date(2027, 5, 1): "1/5", date(2027, 5, 3): "bù 1/5"})
# 2/9 Thursday and the bridge Friday 3 September 2027 off.
SEPTEMBER = WorkCalendar(holidays={date(2027, 9, 2): "2/9", date(2027, 9, 3): "2/9"})
# 2024: Thursday 2 May off in exchange for Saturday 4 May, worked (the make-up Saturday).
MAKEUP = WorkCalendar(holidays={date(2024, 4, 30): "30/4", date(2024, 5, 1): "1/5", date(2024, 5, 2): "nghỉ bù"},
                      makeup_days=frozenset({date(2024, 5, 4)}))


@pytest.mark.parametrize("cal, due, lead, expected", [
    (TET, date(2027, 2, 11), 2, date(2027, 2, 2)),  # Thu 11 Feb, first day after Tết: Tue 2 Feb
    (TET, date(2027, 2, 11), 1, date(2027, 2, 3)),
    (APRIL_MAY, date(2027, 5, 4), 2, date(2027, 4, 28)),  # Tue 4 May: Wed 28 Apr (30/4, 1/5, 3/5 skipped)
    (SEPTEMBER, date(2027, 9, 6), 2, date(2027, 8, 31)),  # Mon 6 Sep: Tue 31 Aug
    (MAKEUP, date(2024, 5, 6), 1, date(2024, 5, 4)),  # Mon 6 May 2024: the make-up Saturday 4 May counts
    (MAKEUP, date(2024, 5, 6), 2, date(2024, 5, 3)),
    (MAKEUP, date(2024, 5, 6), 3, date(2024, 4, 29)),  # then Fri 3 May, then over 2/5, 1/5, 30/4 to Mon 29 Apr
    (WorkCalendar(), date(2027, 3, 12), 5, date(2027, 3, 5)),  # Fri to Fri over one weekend
])
def test_the_handler_is_warned_n_working_days_before_the_due_day(cal, due, lead, expected):
    assert rules.handler_day(due, lead, cal) == expected
    assert cal.is_working_day(expected)
    assert rules.handler_due_today(due, lead, expected, cal)
    assert not rules.handler_due_today(due, lead, expected - timedelta(days=1), cal)


def test_a_missed_handler_day_is_caught_up_until_the_due_day_on_working_days_only():
    due = date(2027, 2, 11)  # handler's day Tue 2 Feb (lead 2)
    sent_on = [d for d in days(date(2027, 1, 30), date(2027, 2, 13)) if rules.handler_due_today(due, 2, d, TET)]
    assert sent_on == [date(2027, 2, 2), date(2027, 2, 3), date(2027, 2, 11)]  # never during Tết, never after


@pytest.mark.parametrize("cal, due, last", [
    (TET, date(2027, 2, 11), date(2027, 2, 3)),  # NĐ 61/2018 Điều 19 k9: the working day before the due day
    (APRIL_MAY, date(2027, 5, 4), date(2027, 4, 29)),
    (SEPTEMBER, date(2027, 9, 6), date(2027, 9, 1)),
    (MAKEUP, date(2024, 5, 6), date(2024, 5, 4)),  # the make-up Saturday is the last day
])
def test_the_head_is_warned_on_the_last_day_an_apology_is_in_time_and_only_then(cal, due, last):
    assert rules.last_apology_day(due, cal) == last
    window = [d for d in days(last - timedelta(days=10), due + timedelta(days=3))
              if rules.head_apology_today(due, d, cal)]
    assert window == [last]


@pytest.mark.parametrize("cal, leg_due, first", [
    (APRIL_MAY, date(2027, 4, 29), date(2027, 5, 4)),  # due Thu 29 Apr; 30/4, 1/5, Sun, 3/5 off: Tue 4 May
    (TET, date(2027, 2, 3), date(2027, 2, 11)),
    (SEPTEMBER, date(2027, 9, 1), date(2027, 9, 6)),
    (MAKEUP, date(2024, 5, 3), date(2024, 5, 4)),  # overdue on the make-up Saturday already
])
def test_an_overdue_consultation_is_reported_from_the_first_working_day_after_its_due_day(cal, leg_due, first):
    sent_on = [d for d in days(leg_due, first) if rules.leg_overdue_today(leg_due, d, cal)]
    assert sent_on == [first]  # BLDS 2015 Điều 148 k1: not on its own due day, whatever the hour


def test_the_managers_are_warned_from_the_first_working_day_after_the_legal_due_day():
    due = date(2027, 4, 29)
    sent_on = [d for d in days(due - timedelta(days=2), date(2027, 5, 5))
               if rules.manager_no_apology_today(due, d, APRIL_MAY)]
    assert sent_on == [date(2027, 5, 4), date(2027, 5, 5)]  # recorded once: the first of these sends


def test_nothing_is_sent_on_a_day_off_and_a_make_up_saturday_is_a_sending_day():
    assert not rules.is_sending_day(date(2024, 5, 11), MAKEUP)  # an ordinary Saturday
    assert not rules.is_sending_day(date(2024, 5, 2), MAKEUP)  # the bridge day off
    assert rules.is_sending_day(date(2024, 5, 4), MAKEUP)
    assert not rules.is_sending_day(date(2027, 2, 8), TET)  # a Monday of Tết


def test_the_query_bound_covers_the_longest_lead():
    today = date(2027, 4, 28)
    bound = rules.latest_due_day_for_handler(today, APRIL_MAY)
    assert bound == date(2027, 5, 7)  # 29/4, 4/5, 5/5, 6/5, 7/5
    assert rules.handler_day(bound, rules.MAX_LEAD_DAYS, APRIL_MAY) == today


def test_each_step_is_its_own_key():
    assert rules.step_key(WarningKind.LEG_OVERDUE, leg_id=7) == "leg:7"
    assert rules.step_key(WarningKind.HEAD_APOLOGY, due_day=date(2027, 3, 11)) == "due:2027-03-11"
    assert rules.clamp_lead_days(None, 2) == 2 and rules.clamp_lead_days(9, 2) == 5 and rules.clamp_lead_days(0, 2) == 1


def at(*args) -> datetime:
    return datetime(*args, tzinfo=VN).astimezone(UTC)


WARNED = at(2027, 3, 10, 7, 0)


@pytest.mark.parametrize("outcome, acted", [
    # handler_due: finished (or apologised) after the warning and by the end of the due day
    (WarningOutcome(WarningKind.HANDLER_DUE, WARNED, date(2027, 3, 12), finished_at=at(2027, 3, 12, 23, 59)), True),
    (WarningOutcome(WarningKind.HANDLER_DUE, WARNED, date(2027, 3, 12), finished_at=at(2027, 3, 13, 0, 1)), False),
    (WarningOutcome(WarningKind.HANDLER_DUE, WARNED, date(2027, 3, 12), finished_at=at(2027, 3, 10, 6, 0)), False),
    (WarningOutcome(WarningKind.HANDLER_DUE, WARNED, date(2027, 3, 12), apology_at=at(2027, 3, 11, 9, 0)), True),
    (WarningOutcome(WarningKind.HANDLER_DUE, WARNED, date(2027, 3, 12)), False),
    # head_apology: an apology in time after the warning
    (WarningOutcome(WarningKind.HEAD_APOLOGY, WARNED, date(2027, 3, 11), apology_at=at(2027, 3, 10, 15, 0),
                    apology_in_time=True), True),
    (WarningOutcome(WarningKind.HEAD_APOLOGY, WARNED, date(2027, 3, 11), apology_at=at(2027, 3, 11, 8, 0),
                    apology_in_time=False), False),
    # leg_overdue: answered after the warning
    (WarningOutcome(WarningKind.LEG_OVERDUE, WARNED, date(2027, 3, 20), leg_answered_at=at(2027, 3, 10, 7, 1)), True),
    (WarningOutcome(WarningKind.LEG_OVERDUE, WARNED, date(2027, 3, 20)), False),
    # manager_no_apology: any apology after the warning, late as it is
    (WarningOutcome(WarningKind.MANAGER_NO_APOLOGY, WARNED, date(2027, 3, 9), apology_at=at(2027, 3, 15, 8, 0)), True),
    (WarningOutcome(WarningKind.MANAGER_NO_APOLOGY, WARNED, date(2027, 3, 9), finished_at=at(2027, 3, 15, 8, 0)),
     False),
])
def test_acted_on(outcome, acted):
    assert rules.acted_on(outcome, VN) is acted
