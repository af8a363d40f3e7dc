"""The statistics kernel (portal/core/stats.py) against hand arithmetic: periods, Wilson interval,
the small-sample rule and the API shape of a rate (DOMAIN.md §6: every rate with n and an interval)."""
from __future__ import annotations

import math
from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

import pytest

from portal.core import stats
from portal.core.stats import Period, Rate

TODAY = date(2027, 5, 14)


def _wilson_by_hand(k, n, z=1.959963984540054):
    # (p + z²/2n ± z·sqrt(p(1−p)/n + z²/4n²)) / (1 + z²/n), written out separately.
    p = k / n
    a = p + z ** 2 / (2 * n)
    b = z * math.sqrt(p * (1 - p) / n + z ** 2 / (4 * n ** 2))
    c = 1 + z ** 2 / n
    return max(0.0, (a - b) / c), min(1.0, (a + b) / c)


# ---------------------------------------------------------------- periods

def test_year_quarter_month_bounds():
    assert stats.year_period(2028) == Period(date(2028, 1, 1), date(2028, 12, 31), "year", 2028)
    q1 = stats.quarter_period(2028, 1)  # a leap year: Q1 ends on 31 March, February has 29 days
    assert (q1.start, q1.end, q1.quarter, q1.kind) == (date(2028, 1, 1), date(2028, 3, 31), 1, "quarter")
    assert stats.quarter_period(2027, 4).end == date(2027, 12, 31)
    assert stats.month_period(2028, 2).end == date(2028, 2, 29)
    assert stats.month_period(2027, 2).end == date(2027, 2, 28)


def test_months_first_and_last():
    q4 = stats.quarter_period(2027, 4)
    assert (q4.first, q4.last, q4.months) == (202710, 202712, [202710, 202711, 202712])
    across = stats.month_range_period(202811, 202702)  # given backwards: put in order
    assert across.months == [202702 + i for i in range(11)] + [202801, 202802, 202803, 202804, 202805, 202806,
                                                                 202807, 202808, 202809, 202810, 202811]
    assert (across.start, across.end, across.kind, across.year) == (date(2027, 2, 1), date(2028, 11, 30), "range",
                                                                     2027)


def test_moments_are_local_midnights_in_utc():
    tz = ZoneInfo("Asia/Ho_Chi_Minh")  # UTC+7
    first, after = stats.month_period(2027, 1).moments(tz)
    assert first == datetime(2026, 12, 31, 17, 0, tzinfo=UTC)
    assert after == datetime(2027, 1, 31, 17, 0, tzinfo=UTC)


@pytest.mark.parametrize("args, expected", [
    ({}, stats.year_period(2027)),
    ({"year": "2019"}, stats.year_period(2019)),
    ({"year": "2019", "quarter": "3"}, stats.quarter_period(2019, 3)),
    ({"year": "2019", "quarter": "3", "month": "2"}, stats.month_period(2019, 2)),
    ({"year": "1999"}, stats.year_period(2027)),  # before MIN_YEAR: ignored
    ({"year": "2029"}, stats.year_period(2027)),  # beyond next year: ignored
    ({"year": "２０１９"}, stats.year_period(2027)),  # not ASCII digits
    ({"year": "2019", "quarter": "5"}, stats.year_period(2019)),
    ({"from": "2019-03-10", "to": "2019-01-02", "year": "2020"}, stats.range_period(date(2019, 1, 2), date(2019, 3, 10))),
    ({"from": "2019-03-10"}, stats.year_period(2027)),  # a range needs both ends
])
def test_parse_period(args, expected):
    assert stats.parse_period(args, TODAY) == expected


def test_parse_period_options():
    assert stats.parse_period({"year": "2019", "month": "2"}, TODAY, allow_month=False) == stats.year_period(2019)
    assert stats.parse_period({"from": "2019-01-01", "to": "2019-02-01"}, TODAY,
                              allow_range=False) == stats.year_period(2027)
    months = stats.parse_period({"from": "2019-11", "to": "2020-02"}, TODAY, range_of="month")
    assert (months.start, months.end, months.kind) == (date(2019, 11, 1), date(2020, 2, 29), "range")


@pytest.mark.parametrize("value, quarter", [(date(2027, 3, 31), 1), (date(2027, 4, 1), 2), (202712, 4), (202707, 3)])
def test_quarter_of(value, quarter):
    assert stats.quarter_of(value) == quarter


# ---------------------------------------------------------------- Wilson interval

def test_wilson_8_of_10_by_hand():
    # p = 0.8, z² = 3.8414588; 1 + z²/n = 1.3841459; centre = (0.8 + 0.1920729)/1.3841459 = 0.7167402;
    # half = 1.959964·√(0.016 + 0.0096036)/1.3841459 = 1.959964·0.1600114/1.3841459 = 0.2265777
    # → 0.4901625 … 0.9433179 (the published example: 0.490–0.943)
    low, high = stats.wilson(8, 10)
    assert low == pytest.approx(0.4901625, abs=1e-6) and high == pytest.approx(0.9433179, abs=1e-6)


def test_wilson_1_of_1_by_hand():
    # p = 1: centre = (1 + 1.9207294)/4.8414588 = 0.6032747, half = 1.959964·0.9799820/4.8414588 = 0.3967253
    low, high = stats.wilson(1, 1)
    assert low == pytest.approx(0.2065493, abs=1e-6) and high == 1.0


@pytest.mark.parametrize("k, n", [(0, 10), (10, 10), (8, 10), (40, 50), (0, 1), (812, 1000), (3, 7)])
def test_wilson_matches_the_formula(k, n):
    low, high = stats.wilson(k, n)
    exp_low, exp_high = _wilson_by_hand(k, n)
    assert low == pytest.approx(exp_low, abs=1e-12) and high == pytest.approx(exp_high, abs=1e-12)
    assert 0.0 <= low <= k / n <= high <= 1.0


def test_wilson_edges():
    assert stats.wilson(0, 10)[0] == 0.0 and stats.wilson(10, 10)[1] == 1.0
    assert stats.wilson(0, 0) is None
    with pytest.raises(ValueError):
        stats.wilson(11, 10)


# ---------------------------------------------------------------- rates

def test_rate_value_interval_and_dict():
    rate = Rate(8, 10)
    assert rate.value == 0.8 and rate.percent() == pytest.approx(80.0)
    assert rate.as_dict() == {"value": 0.8, "numerator": 8, "denominator": 10,
                              "low": pytest.approx(0.4901625, abs=1e-6), "high": pytest.approx(0.9433179, abs=1e-6)}
    assert list(rate.as_dict()) == ["value", "numerator", "denominator", "low", "high"]


def test_empty_rate_has_no_value():
    empty = Rate(0, 0)
    assert empty.value is None and empty.low is None and empty.high is None and empty.interval is None
    assert empty.empty and empty.too_few and not empty.small
    assert empty.as_dict() == {"value": None, "numerator": 0, "denominator": 0, "low": None, "high": None}


def test_small_sample_rule():
    assert Rate(25, 29).too_few and Rate(25, 29).small  # default minimum 30
    assert not Rate(25, 30).too_few and not Rate(25, 30).small
    assert Rate(4, 5, min_n=5).too_few is False and Rate(4, 4, min_n=5).too_few is True
    assert Rate(0, 0, min_n=0).too_few  # nothing is never "enough"


def test_rate_refuses_a_numerator_outside_its_denominator():
    with pytest.raises(ValueError):
        Rate(11, 10)
    with pytest.raises(ValueError):
        Rate(-1, 10)


# ---------------------------------------------------------------- how a rate is printed

@pytest.mark.parametrize("points, shown", [
    (94.98, 94.9),  # the 2019 demo's cases on time: rounding would print 95 % beside the ≥ 95 % target it misses
    (79.96, 79.9),  # just under the satisfaction target of 80 %
    (100.0, 100.0), (95.0, 95.0), (0.0, 0.0),
    (29.0, 29.0),  # 0.29 × 100 = 28.999999999999996 in binary: still 29
    (57.0, 57.0),  # 0.57 × 100 = 56.99999999999999
    (33.333, 33.3), (66.666, 66.6),
])
def test_a_percentage_is_cut_never_rounded_up_to_a_value_it_has_not_reached(points, shown):
    assert stats.shown_percent(points) == shown


def test_binary_fractions_of_shares_print_as_their_exact_percent():
    for k in range(0, 101):
        assert stats.shown_percent(k / 100 * 100) == k  # every whole percent survives the float round trip
