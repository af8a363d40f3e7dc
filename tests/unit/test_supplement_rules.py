"""Supplements after acceptance (NĐ 61/2018 Điều 19 k4) and the QĐ 766 lateness rule, as tables: no
database, no clock. Days are counted as the Civil Code counts (BLDS 2015 Điều 147): the day of receipt
is not counted; the window ends at the end of its third working day."""
from __future__ import annotations

from datetime import date

import pytest

from portal.cases.rules import Timing, counts_late_under_766
from portal.cases.supplements import check_request, last_request_day
from portal.workdays.rules import WorkCalendar

CAL = WorkCalendar.build([2027])

# (received, request day, requests so far, allowed, reason) — NĐ 61/2018 Điều 19 k4:
# "không quá 03 ngày làm việc kể từ ngày tiếp nhận hồ sơ", and once.
TABLE = [
    (date(2027, 3, 1), date(2027, 3, 1), 0, True, ""),  # the day of receipt itself
    (date(2027, 3, 1), date(2027, 3, 2), 0, True, ""),  # working day 1 (Tuesday)
    (date(2027, 3, 1), date(2027, 3, 4), 0, True, ""),  # working day 3 (Thursday): accepted
    (date(2027, 3, 1), date(2027, 3, 5), 0, False, "too_late"),  # working day 4 (Friday): refused
    (date(2027, 3, 1), date(2027, 3, 3), 1, False, "second_request"),  # in time, but a second request
    (date(2027, 3, 5), date(2027, 3, 10), 0, True, ""),  # Friday receipt: Mon 8, Tue 9, Wed 10 = day 3
    (date(2027, 3, 5), date(2027, 3, 11), 0, False, "too_late"),  # Thursday 11 = day 4
    # Over 30/4, 1/5 and the substitute Monday 3/5/2027 (BLLĐ 2019 Điều 112): Thu 29 = 1, Tue 4 = 2, Wed 5 = 3.
    (date(2027, 4, 28), date(2027, 5, 5), 0, True, ""),
    (date(2027, 4, 28), date(2027, 5, 6), 0, False, "too_late"),
    (date(2027, 3, 6), date(2027, 3, 10), 0, True, ""),  # received on a Saturday (online): Mon 8, Tue 9, Wed 10
    (date(2027, 3, 6), date(2027, 3, 11), 0, False, "too_late"),
]


@pytest.mark.parametrize("received, today, so_far, allowed, reason", TABLE)
def test_supplement_request_window_nd61_dieu19_k4(received, today, so_far, allowed, reason):
    check = check_request(received_day=received, today=today, requests_so_far=so_far,
                          add_working_days=CAL.add_working_days)
    assert (check.allowed, check.reason) == (allowed, reason)


def test_the_refusal_names_the_last_day():
    check = check_request(received_day=date(2027, 3, 1), today=date(2027, 3, 8), requests_so_far=0,
                          add_working_days=CAL.add_working_days)
    assert check.last_day == date(2027, 3, 4) == last_request_day(date(2027, 3, 1), CAL.add_working_days)


# QĐ 766/QĐ-TTg (DOMAIN.md §3 item 4): more than one supplement request counts the case as late.
LATE_766 = [
    (Timing.EARLY, 0, False), (Timing.ON_TIME, 1, False), (Timing.EARLY, 2, True), (Timing.ON_TIME, 3, True),
    (Timing.LATE, 0, True), (Timing.LATE, 1, True), (Timing.IN_TIME, 1, False), (Timing.IN_TIME, 2, True),
    (Timing.DUE_SOON, 0, False), (Timing.OVERDUE, 0, True), (None, 0, False), (None, 2, True),
]


@pytest.mark.parametrize("timing, requests, late", LATE_766)
def test_counts_late_under_766(timing, requests, late):
    assert counts_late_under_766(timing, requests) is late
