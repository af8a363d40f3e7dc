"""Each indicator formula by hand on a small set, no database (DOMAIN.md §7; QĐ 766/QĐ-TTg; issue 12 point 6):
cases.indicators and feedback.indicators."""
from __future__ import annotations

import pytest

from portal.cases import indicators as cases
from portal.cases.rules import Timing
from portal.core.stats import Rate
from portal.feedback import indicators as feedback

# Ten cases of a period, one line each: (finished timing or None when open at the end, overdue then,
# supplement requests, rated not satisfied or with a PAKN about it).
CASES = [
    (Timing.EARLY, False, 0, False),
    (Timing.EARLY, False, 2, False),  # asked for supplements twice: late under QĐ 766 (NĐ 61 Điều 19 k4: once)
    (Timing.EARLY, False, 1, True),  # rated not satisfied
    (Timing.ON_TIME, False, 0, False),
    (Timing.ON_TIME, False, 1, False),
    (Timing.LATE, False, 0, False),
    (None, True, 0, False),  # open and overdue at the end of the period
    (None, False, 3, False),  # open, in time, but asked three times: counted late under QĐ 766
    (None, False, 0, False),  # open, in time: not judged yet
    (None, True, 2, False),
]


def _groups(rows):
    finished = [(timing, requests, unhappy, 1) for timing, _o, requests, unhappy in rows if timing]
    still_open = [(overdue, requests, 1) for timing, overdue, requests, _u in rows if timing is None]
    return finished, still_open


def test_fold_applies_the_supplement_rule_once():
    counts = cases.fold_766(*_groups(CASES))
    # good: EARLY×2 (not the one asked twice) + ON_TIME×2 = 4; satisfied: minus the one rated not satisfied = 3;
    # open counted late: 2 overdue + 1 in time asked three times = 3
    assert counts == cases.Counts766(good=4, satisfied=3, open_late=3)


def test_case_rates_by_hand():
    counts = cases.fold_766(*_groups(CASES))
    finished = 6
    assert cases.on_time_rate(3, 2, 1) == Rate(5, 6)  # the plan's wording: (early + on time) ÷ finished
    assert cases.on_time_rate_766(finished, counts) == Rate(4, 9)  # 4 ÷ (6 + 3)
    assert cases.satisfaction_766(finished, counts) == Rate(3, 9)  # (cases − not satisfied, PAKN or late) ÷ cases
    # late cases = 1 finished late + 2 open overdue = 3; one without an apology: 2 ÷ 3
    assert cases.late_with_apology_rate(late=1, open_overdue=2, late_without_apology=1) == Rate(2, 3)


def test_a_group_of_many_counts_as_its_members():
    finished = [(Timing.ON_TIME, 0, False, 40), (Timing.ON_TIME, 2, False, 5), (Timing.LATE, 0, True, 5)]
    counts = cases.fold_766(finished, [(True, 0, 10)])
    assert counts == cases.Counts766(good=40, satisfied=40, open_late=10)
    assert cases.on_time_rate_766(50, counts).value == pytest.approx(40 / 60)


def test_nothing_to_count_has_no_value():
    empty = cases.fold_766([], [])
    assert cases.on_time_rate_766(0, empty).value is None and cases.satisfaction_766(0, empty).value is None
    assert feedback.on_time_rate_766(0, 0, 0).value is None


def test_pakn_rates_by_hand():
    # 12 PAKN answered in the period: 9 on time (2 of them marked not satisfied), 3 late; 3 open and overdue
    # at the end of the period (the backlog then).
    assert feedback.on_time_rate(9, 12) == Rate(9, 12)  # the plan's wording: on time ÷ handled
    assert feedback.on_time_rate_766(9, 12, 3) == Rate(9, 15)  # on time ÷ (handled + open overdue)
    # (in scope − not satisfied − late) ÷ in scope = (15 − 2 − 3 − 3 open overdue) ÷ 15 = 7 ÷ 15
    assert feedback.satisfaction_766(12, 2 + 3, 3) == Rate(7, 15)
