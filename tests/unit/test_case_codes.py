"""Case code formats (portal.units.case_codes): TT 01/2018 Điều 19 (primary text), TT 03/2025 Điều 13 and
TT 04/2025 (DOMAIN.md §7a only), chosen by receipt date; the daily number past 9,999; a unit's own pattern."""
from __future__ import annotations

from datetime import date

import pytest

from portal.cases import rules
from portal.units import case_codes as cc

LOCAL, CENTRAL = cc.SCHEDULES["local"], cc.SCHEDULES["centralised"]


@pytest.mark.parametrize("day, schedule, key", [
    (date(2019, 1, 9), LOCAL, "tt01_2018"),
    (date(2025, 6, 30), LOCAL, "tt01_2018"),  # the last day of NĐ 61/2018 + TT 01/2018
    (date(2025, 7, 1), LOCAL, "tt03_2025"),  # the first day of NĐ 118/2025 + TT 03/2025
    (date(2026, 1, 25), LOCAL, "tt03_2025"),  # TT 04/2025 is for nationally centralised services only
    (date(2025, 6, 30), CENTRAL, "tt01_2018"),
    (date(2025, 7, 1), CENTRAL, "tt03_2025"),
    (date(2026, 1, 24), CENTRAL, "tt03_2025"),  # the day before TT 04/2025
    (date(2026, 1, 25), CENTRAL, "tt04_2025"),  # TT 04/2025 in force
])
def test_the_format_in_force_is_chosen_by_the_receipt_date(day, schedule, key):
    assert cc.format_in_force(day, schedule).key == key


def test_before_the_first_format_there_is_none():
    with pytest.raises(ValueError):
        cc.format_in_force(date(2018, 6, 20))


@pytest.mark.parametrize("number, tail", [(1, "0001"), (9999, "9999"), (10000, "10000"), (10001, "10001"),
                                          (123456, "123456")])
def test_the_daily_number_pads_to_four_digits_and_grows(number, tail):
    assert rules.case_code("000.00.12.H40", date(2025, 7, 1), number) == f"000.00.12.H40-250701-{tail}"


def test_the_tt01_example_and_the_boundary_days():
    # TT 01/2018 Điều 19: V1V2V3.Z1Z2.Y1Y2.MX1X2-YYMMDD-XXXX (DOMAIN.md §3's example).
    assert rules.case_code("000.00.12.h40", date(2019, 1, 9), 1) == "000.00.12.H40-190109-0001"
    assert rules.case_code("000.00.12.H40", date(2025, 6, 30), 9999) == "000.00.12.H40-250630-9999"
    assert rules.case_code("000.00.12.H40", date(2025, 7, 1), 10000) == "000.00.12.H40-250701-10000"


def test_a_number_below_one_is_refused():
    with pytest.raises(ValueError):
        cc.sequence(0)


def test_a_units_own_pattern_wins_over_the_format_in_force():
    tt04 = "M40.123.01-{YYMMDD}-AB{NNNN}"
    assert rules.case_code("000.14.26.H17", date(2026, 1, 25), 7, tt04) == "M40.123.01-260125-AB0007"
    assert rules.case_code("000.14.26.H17", date(2026, 1, 25), 10000, tt04) == "M40.123.01-260125-AB10000"
    assert rules.case_code("000.14.26.H17", date(2026, 1, 25), 3, " {unit}-{yymmdd}-{nnnn} ") == \
        "000.14.26.H17-260125-0003"
    assert rules.case_code("000.14.26.H17", date(2026, 1, 25), 3, "") == "000.14.26.H17-260125-0003"


@pytest.mark.parametrize("pattern, problem", [
    ("{UNIT}-{YYMMDD}-{NNNN}", None),
    ("m40.123.01-{yymmdd}-ab{nnnn}", None),
    ("H17-{YYMMDD}-{NNNN}", None),
    ("{UNIT}-{YYMMDD}", "shape"),  # no daily number
    ("{UNIT}-{NNNN}", "shape"),  # no date
    ("{UNIT}-{YYMMDD}-ABC{NNNN}", "shape"),  # more than two series characters
    ("{UNIT}-{YYMMDD}-{NNNN}-{NNNN}", "shape"),
    ("{UNIT}/{YYMMDD}/{NNNN}", "shape"),
    ("{UNIT}-{DDMMYY}-{NNNN}", "shape"),
    ("{NNNN}-{YYMMDD}-{UNIT}", "shape"),
    ("A" * 50 + "-{YYMMDD}-{NNNN}", "too_long"),  # a code longer than Case.code's 60 characters
    ("A" * 81, "too_long"),
])
def test_patterns_are_checked(pattern, problem):
    assert cc.pattern_problem(pattern) == problem


@pytest.mark.parametrize("code, ok", [
    ("000.00.12.H40-190109-0001", True),  # TT 01/2018, issued before: never changes
    ("000.14.26.H17-250701-10000", True),  # TT 03/2025 past 9,999
    ("M40.123.01-260125-AB0001", True),  # TT 04/2025
    ("M40.123.01-260125-AB123456", True),
    ("H17-260125-0001", True),  # a unit's own identifier
    (" 000.00.12.h40 – 190109 – 0001 ", True),  # as typed: spaces, lower case, en dashes
    ("000.00.12.H40-190109-001", False),  # fewer than 4 digits
    ("000.00.12.H40-191309-0001", False),  # month 13
    ("000.00.12.H40-190109-ABC0001", False),
    ("PA-2611-000123", False),  # a PAKN tracking code
    ("", False),
])
def test_is_case_code_accepts_every_format_in_use_and_the_old_ones(code, ok):
    assert rules.is_case_code(code) is ok


@pytest.mark.parametrize("code, received, problem", [
    ("000.00.12.H40-250701-0001", date(2025, 7, 1), None),
    ("M40.123.01-260125-AB0001", date(2026, 1, 25), None),
    ("M40.123.01-260124-AB0001", date(2026, 1, 24), "shape"),  # TT 04/2025 not yet in force on its date
    ("000.00.12.H40-250702-0001", date(2025, 7, 1), "future"),  # dated after the desk's receipt
    ("000.00.12.H40-250701", date(2025, 7, 1), "shape"),
])
def test_national_codes_have_a_format_in_force_on_their_date(code, received, problem):
    assert cc.national_code_problem(code, received) == problem
