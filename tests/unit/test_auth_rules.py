"""Pure account rules: the password policy and login throttling."""
from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from portal.auth.rules import Count, LoginThrottle, password_problems

NOW = datetime(2026, 3, 2, 8, 0, tzinfo=UTC)


# --- password_problems --------------------------------------------------------------------------

@pytest.mark.parametrize("password", [
    "Mat-khau-an-toan-2026",
    "mật khẩu dài đủ",  # Vietnamese letters count like any other
    "Ngan@20261",  # exactly the minimum length
])
def test_acceptable_passwords(password):
    assert password_problems(password, 10, "canbo@gianghia.gov.vn") == []


@pytest.mark.parametrize(("password", "min_length", "expected"), [
    ("Ngan@2026", 10, ["too_short"]),  # 9 characters
    ("Ngan@20261", 10, []),  # 10 characters
    ("", 10, ["too_short", "too_simple"]),
    ("Ngan@2026", 8, []),  # the minimum is a setting
])
def test_minimum_length(password, min_length, expected):
    assert password_problems(password, min_length) == expected


@pytest.mark.parametrize(("password", "expected"), [
    ("aaaaaaaaaaaa", ["too_simple"]),
    ("abababababab", ["too_simple"]),
    ("abcabcabcabc", ["too_simple"]),  # three distinct characters
    ("abcdabcdabcd", []),  # four distinct characters
])
def test_too_few_distinct_characters(password, expected):
    assert password_problems(password, 10, check_strength=False) == expected


@pytest.mark.parametrize(("password", "email", "expected"), [
    ("nguyenmai-2026!", "nguyenmai@gianghia.gov.vn", ["contains_email"]),
    ("NguyenMai-2026!", "nguyenmai@gianghia.gov.vn", ["contains_email"]),  # case does not hide it
    ("2026-nguyenmai!", "NguyenMai@gianghia.gov.vn", ["contains_email"]),
    ("gianghia-2026!!", "nguyenmai@gianghia.gov.vn", []),  # the domain is not the e-mail name
    ("toan-hoc-2026!!", "an@gianghia.gov.vn", []),  # names under four letters are too common to refuse
    ("motcua-sang-26!", "motcua@gianghia.gov.vn", ["contains_email"]),
    ("nguyenmai-2026!", "", []),
])
def test_password_must_not_contain_the_email_name(password, email, expected):
    assert password_problems(password, 10, email, check_strength=False) == expected


def test_every_problem_is_reported_in_order():
    assert password_problems("aaaa", 10, "aaaa@x.vn") == ["too_short", "contains_email", "too_simple"]


# --- Strength (issue 13 point 10) ----------------------------------------------------------------

@pytest.mark.parametrize(("password", "expected"), [
    ("1234567890", ["common"]),
    ("password12", ["common"]),
    ("Matkhau@123", ["common"]),
    ("GiaNghia2019", ["place_name"]),
    ("gianghia@2024", ["place_name"]),
    ("GiaNghia@2019", ["place_name"]),  # the demo's password: demo accounts skip the check on purpose
    ("2025-Lâm-Đồng", ["place_name"]),
    ("abcd123456", ["weak"]),
    ("Mat-khau-an-toan-2026", []),
])
def test_strength(password, expected):
    assert password_problems(password, 10, "canbo@gianghia.gov.vn", "Nguyễn Thị Mai") == expected


def test_places_given_are_first_guesses_too():
    assert password_problems("PhongTuPhap2026", 10, places=["Phòng Tư pháp"]) == ["place_name"]
    assert password_problems("PhongTuPhap2026", 10) == []


def test_the_persons_name_is_a_first_guess():
    assert password_problems("nguyenthimai1990", 10, "canbo@x.vn", "Nguyễn Thị Mai") == ["weak"]


def test_the_strength_check_can_be_skipped_for_demo_accounts():
    assert password_problems("GiaNghia@2019", 10, check_strength=False) == []
    assert password_problems("ngan-ngan", 10, check_strength=False) == ["too_short"]  # the basics remain


# --- LoginThrottle ------------------------------------------------------------------------------

THROTTLE = LoginThrottle(pair_free=5, account_free=20, first_delay=timedelta(minutes=1),
                         max_delay=timedelta(minutes=60), forget_after=timedelta(hours=24))


def _fail(times: int, pair=None, account=None, now=NOW):
    for _ in range(times):
        pair, account = THROTTLE.after_failure(pair, account, now)
    return pair, account


@pytest.mark.parametrize(("failures", "delay"), [
    (4, None), (5, timedelta(minutes=1)), (6, timedelta(minutes=2)), (7, timedelta(minutes=4)),
    (11, timedelta(minutes=60)),  # 64 minutes, capped
    (500, timedelta(minutes=60)),
])
def test_delays_double_and_are_capped(failures, delay):
    assert THROTTLE.delay(failures, 5) == delay


def test_a_pair_is_refused_during_its_window_only():
    pair, account = _fail(5)
    assert pair == Count(5, NOW + timedelta(minutes=1), NOW)
    assert THROTTLE.refused(pair, account, NOW + timedelta(seconds=59))
    assert not THROTTLE.refused(pair, account, NOW + timedelta(minutes=1))
    assert not THROTTLE.refused(None, account, NOW)  # another address of the same account


def test_the_account_ceiling_refuses_only_addresses_that_failed_before():
    account = Count(20, NOW + timedelta(minutes=1), NOW)  # twenty failures across addresses
    failed_here = Count(1, None, NOW)
    assert THROTTLE.refused(failed_here, account, NOW)
    assert not THROTTLE.refused(None, account, NOW)  # a new address: the owner gets in
    assert not THROTTLE.refused(Count(), account, NOW)
    assert not THROTTLE.refused(failed_here, account, NOW + timedelta(minutes=1))


def test_the_account_counter_grows_across_addresses():
    account = None
    for _ in range(19):
        _, account = THROTTLE.after_failure(None, account, NOW)
    assert account.until is None
    _, account = THROTTLE.after_failure(None, account, NOW)
    assert account == Count(20, NOW + timedelta(minutes=1), NOW)


def test_counters_are_forgotten_a_day_after_their_last_failure():
    pair, account = _fail(11)
    later = NOW + timedelta(hours=24)
    assert THROTTLE.current(pair, later) == Count()
    assert THROTTLE.after_failure(pair, account, later)[0] == Count(1, None, later)
    assert THROTTLE.current(pair, later - timedelta(seconds=1)) == pair
