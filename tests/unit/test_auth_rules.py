"""Pure account rules: the password policy and login throttling."""
from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from portal.auth.rules import Throttle, password_problems

NOW = datetime(2026, 3, 2, 8, 0, tzinfo=UTC)


# --- password_problems --------------------------------------------------------------------------

@pytest.mark.parametrize("password", [
    "Mat-khau-an-toan-2026",
    "GiaNghia@2019",
    "mật khẩu dài đủ",  # Vietnamese letters count like any other
    "abcd123456",  # exactly the minimum length, four or more distinct characters
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
    assert password_problems(password, 10) == expected


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
    assert password_problems(password, 10, email) == expected


def test_every_problem_is_reported_in_order():
    assert password_problems("aaaa", 10, "aaaa@x.vn") == ["too_short", "contains_email", "too_simple"]


# --- Throttle -----------------------------------------------------------------------------------

THROTTLE = Throttle(max_failures=5, lock_minutes=15)


@pytest.mark.parametrize(("locked_until", "locked"), [
    (None, False),
    (NOW + timedelta(seconds=1), True),
    (NOW + timedelta(minutes=15), True),
    (NOW, False),  # the lock ends exactly at its expiry
    (NOW - timedelta(minutes=1), False),
])
def test_is_locked(locked_until, locked):
    assert THROTTLE.is_locked(locked_until, NOW) is locked


@pytest.mark.parametrize(("failures", "expected"), [
    (0, (1, None)),
    (1, (2, None)),
    (3, (4, None)),
    (4, (0, NOW + timedelta(minutes=15))),  # the fifth failure locks and resets the count
    (7, (0, NOW + timedelta(minutes=15))),
])
def test_after_failure(failures, expected):
    assert THROTTLE.after_failure(failures, NOW) == expected


def test_five_failures_in_a_row_lock_the_account_for_the_configured_time():
    failures, locked_until = 0, None
    for attempt in range(1, 6):
        assert not THROTTLE.is_locked(locked_until, NOW)
        failures, locked_until = THROTTLE.after_failure(failures, NOW)
        assert (locked_until is not None) is (attempt == 5)
    assert THROTTLE.is_locked(locked_until, NOW + timedelta(minutes=14, seconds=59))
    assert not THROTTLE.is_locked(locked_until, NOW + timedelta(minutes=15))


def test_throttle_settings_are_honoured():
    strict = Throttle(max_failures=1, lock_minutes=60)
    assert strict.after_failure(0, NOW) == (0, NOW + timedelta(hours=1))
