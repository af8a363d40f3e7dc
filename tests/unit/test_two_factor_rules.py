"""Pure rules of the staff second factor: which time step a code belongs to (once, one step either side), how a
typed code is read, when the sign-in's second step expires, which roles need it, and the code throttle."""
from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pyotp
import pytest

from portal.auth.rules import (
    Count,
    LoginThrottle,
    accepted_step,
    format_recovery_code,
    group_secret,
    is_totp_code,
    normalise_code,
    second_factor_required,
    second_step_expired,
)

NOW = datetime(2027, 3, 10, 2, 0, 10, tzinfo=UTC)
SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"
TOTP = pyotp.TOTP(SECRET)
STEP = TOTP.timecode(NOW)


@pytest.mark.parametrize(("shift", "accepted"), [(-60, False), (-30, True), (0, True), (30, True), (60, False)])
def test_a_code_is_valid_one_step_either_side(shift, accepted):
    code = TOTP.at(NOW + timedelta(seconds=shift))
    assert (accepted_step(SECRET, code, NOW, None) is not None) is accepted


def test_the_step_returned_is_the_codes_own():
    assert accepted_step(SECRET, TOTP.at(NOW - timedelta(seconds=30)), NOW, None) == STEP - 1
    assert accepted_step(SECRET, TOTP.at(NOW), NOW, None) == STEP


def test_a_code_is_accepted_once_and_no_earlier_one_after_it():
    assert accepted_step(SECRET, TOTP.at(NOW), NOW, STEP) is None
    assert accepted_step(SECRET, TOTP.at(NOW - timedelta(seconds=30)), NOW, STEP) is None
    assert accepted_step(SECRET, TOTP.at(NOW + timedelta(seconds=30)), NOW, STEP) == STEP + 1


@pytest.mark.parametrize("code", ["", "12345", "1234567", "abcdef", "12 34 5"])
def test_anything_but_six_digits_is_no_totp_code(code):
    assert accepted_step(SECRET, normalise_code(code), NOW, None) is None


@pytest.mark.parametrize(("typed", "read", "totp"), [
    ("123 456", "123456", True), (" 123-456 ", "123456", True), ("abcde-fghjk", "ABCDEFGHJK", False),
    ("ABCDE FGHJK", "ABCDEFGHJK", False), ("", "", False),
])
def test_typed_codes_are_read_loosely(typed, read, totp):
    assert normalise_code(typed) == read and is_totp_code(read) is totp


def test_display_forms():
    assert format_recovery_code("ABCDEFGHJK") == "ABCDE-FGHJK"
    assert group_secret("JBSWY3DPEHPK3PXP") == "JBSW Y3DP EHPK 3PXP"


@pytest.mark.parametrize(("elapsed", "expired"), [(timedelta(0), False), (timedelta(minutes=4, seconds=59), False),
                                                  (timedelta(minutes=5), True), (timedelta(seconds=-1), True)])
def test_the_second_step_lasts_five_minutes(elapsed, expired):
    assert second_step_expired(NOW, NOW + elapsed) is expired


def test_required_roles():
    assert second_factor_required(["handler", "manager"], ("admin", "manager"))
    assert not second_factor_required(["desk_officer"], ("admin", "manager"))
    assert not second_factor_required(["admin"], ())


def test_code_guesses_wait_for_the_account_window_at_every_address():
    """Unlike passwords, where the account's ceiling slows only addresses that failed before."""
    throttle = LoginThrottle(pair_free=5, account_free=20)
    account = Count(20, NOW + timedelta(minutes=1), NOW)
    assert throttle.code_refused(None, account, NOW)
    assert not throttle.refused(None, account, NOW)
    assert throttle.code_refused(Count(5, NOW + timedelta(minutes=1), NOW), None, NOW)
    assert not throttle.code_refused(Count(4, None, NOW), Count(19, None, NOW), NOW)
    assert not throttle.code_refused(None, account, NOW + timedelta(minutes=1))
