"""Pure rules for accounts: password policy, login throttling and the second factor (no Flask, no database, no
clock)."""
from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta

import pyotp
from pyotp.utils import strings_equal
from zxcvbn import zxcvbn

from portal.core.text import fold

# zxcvbn's score (0–4) a new password must reach: 3 is "safely unguessable: moderate protection from an
# offline slow-hash scenario" (argon2id here).
MIN_STRENGTH = 3

# A few passwords seen first in every guess list, and their Vietnamese kin; compared lower-cased, without
# diacritics, and with the digits and symbols at either end taken off ("Matkhau@123" is "matkhau").
COMMON_PASSWORDS = frozenset({
    "password", "passw0rd", "password1", "password12", "password123", "qwerty", "qwertyuiop", "asdfghjkl",
    "1234567890", "0123456789", "123456789", "12345678", "abc123", "abcd1234", "iloveyou", "admin", "administrator",
    "welcome", "letmein", "matkhau", "mat khau", "matkhaumoi", "anhyeuem", "emyeuanh", "toiyeuvietnam",
    "vietnam", "ubnd", "motcua", "canbo", "quantri", "admin123",
})

# Names of the place an attacker tries first, with a year or a few digits: the town, its province then and
# now, the ward that succeeded it. The service adds the committee's and the person's own names.
PLACE_NAMES = ("Gia Nghĩa", "Nam Gia Nghĩa", "Bắc Gia Nghĩa", "Đắk Nông", "Lâm Đồng", "Nghĩa Tân", "Đắk Nia")

_EDGES = re.compile(r"^[\W\d_]+|[\W\d_]+$")


def _compact(text: str) -> str:
    """Lower-case letters and digits only, no diacritics: 'Gia Nghĩa' -> 'gianghia'."""
    return re.sub(r"[\W_]+", "", fold(text))


def is_common(password: str) -> bool:
    plain = fold(password).strip()
    return plain in COMMON_PASSWORDS or _EDGES.sub("", plain) in COMMON_PASSWORDS or plain.isdigit()


def is_place_name(password: str, places: Iterable[str]) -> bool:
    """A place's name with at most a few digits or symbols added: 'GiaNghia2019', 'gianghia@2024'."""
    rest = _compact(_EDGES.sub("", fold(password)))
    return any(rest == _compact(place) for place in places if len(_compact(place)) >= 4)


def password_problems(password: str, min_length: int, email: str = "", name: str = "",
                      places: Iterable[str] = (), check_strength: bool = True) -> list[str]:
    """Codes of what is wrong with a new password (empty list: acceptable), in the order they are shown.

    `places`: names of the committee and its units (PLACE_NAMES is always included); with `check_strength`
    the password must also not be a common one or a place's name and must reach MIN_STRENGTH in zxcvbn, the
    e-mail, the person's name and the places given as the words it guesses first."""
    problems = []
    if len(password) < min_length:
        problems.append("too_short")
    lowered = password.lower()
    if email and email.split("@")[0].lower() in lowered and len(email.split("@")[0]) >= 4:
        problems.append("contains_email")
    if len(set(password)) < 4:
        problems.append("too_simple")
    if not check_strength or problems:
        return problems
    places = (*PLACE_NAMES, *places)
    if is_common(password):
        problems.append("common")
    elif is_place_name(password, places):
        problems.append("place_name")
    else:
        inputs = [w for text in (email, email.split("@")[0], name, *places) if text for w in
                  (text, fold(text), _compact(text))]
        if zxcvbn(password, user_inputs=inputs)["score"] < MIN_STRENGTH:
            problems.append("weak")
    return problems


# --- Login throttling ---------------------------------------------------------------------------
#
# Failures are counted per (account, client address) pair and per account across addresses. A pair that
# failed `pair_free` times is refused for a delay that doubles with each further failure (1, 2, 4 … minutes,
# capped); the account's count across addresses, past `account_free`, refuses for a while only the addresses
# that have failed for it before: a new address with the right password is never refused, so nobody can lock
# the owner out. Counts are forgotten a while after their last failure.


@dataclass(frozen=True)
class Count:
    """One counter as stored: failures so far, refused until, last failure."""

    failures: int = 0
    until: datetime | None = None
    last_failure: datetime | None = None


@dataclass(frozen=True)
class LoginThrottle:
    pair_free: int = 5
    account_free: int = 20
    first_delay: timedelta = timedelta(minutes=1)
    max_delay: timedelta = timedelta(minutes=60)
    forget_after: timedelta = timedelta(hours=24)

    def current(self, count: Count | None, now: datetime) -> Count:
        """The counter as it stands now: a counter quiet for `forget_after` starts again from nothing."""
        if count is None or count.last_failure is None or now - count.last_failure >= self.forget_after:
            return Count()
        return count

    def delay(self, failures: int, free: int) -> timedelta | None:
        """How long to refuse after `failures` failures when `free` are allowed: 1, 2, 4 … minutes, capped."""
        if failures < free:
            return None
        doublings = min(failures - free, 30)
        return min(self.first_delay * (2 ** doublings), self.max_delay)

    def refused(self, pair: Count | None, account: Count | None, now: datetime) -> bool:
        """Whether an attempt from this address at this account is refused unheard (its password unchecked)."""
        pair, account = self.current(pair, now), self.current(account, now)
        if pair.until is not None and pair.until > now:
            return True
        # The account's ceiling slows only the addresses that have failed for it before.
        return pair.failures > 0 and account.until is not None and account.until > now

    def after_failure(self, pair: Count | None, account: Count | None, now: datetime) -> tuple[Count, Count]:
        """The pair's and the account's counters after one more failure at `now`."""
        pair, account = self.current(pair, now), self.current(account, now)
        pair_failures, account_failures = pair.failures + 1, account.failures + 1
        pair_delay = self.delay(pair_failures, self.pair_free)
        account_delay = self.delay(account_failures, self.account_free)
        return (Count(pair_failures, now + pair_delay if pair_delay else None, now),
                Count(account_failures, now + account_delay if account_delay else account.until, now))

    def code_refused(self, pair: Count | None, account: Count | None, now: datetime) -> bool:
        """The second step (a TOTP or recovery code, after the right password): refused while the pair's window
        runs, and while the account's runs for every address. Only someone who knows the password reaches this
        step, so the owner-never-locked-out reasoning of `refused` does not hold: a botnet holding the password
        must not get `pair_free` fresh guesses from each address."""
        pair, account = self.current(pair, now), self.current(account, now)
        return any(c.until is not None and c.until > now for c in (pair, account))


# --- Second factor (TOTP, RFC 6238) -----------------------------------------------------------------------------

TOTP_DIGITS = 6
# Steps either side of now a code is accepted in: a phone's clock 30 s off, or a code typed as it changed.
TOTP_VALID_WINDOW = 1
RECOVERY_CODE_COUNT = 10
# 32 letters and digits without 0/O, 1/I/L: read off paper and typed without mistakes; 10 of them = 50 bits.
RECOVERY_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
RECOVERY_CODE_LENGTH = 10
# The second step of a sign-in is completed within this long after the password, or the password is asked again.
SECOND_STEP_LIFETIME = timedelta(minutes=5)


def normalise_code(text: str) -> str:
    """What the officer typed, spaces and dashes out, upper case: '123 456' -> '123456', 'abcd-efgh-jk' ->
    'ABCDEFGHJK'."""
    return re.sub(r"[\s\-]+", "", text or "").upper()


def is_totp_code(code: str) -> bool:
    """A normalised code is a TOTP code (six digits); anything else is tried as a recovery code."""
    return len(code) == TOTP_DIGITS and code.isdigit()


def accepted_step(secret: str, code: str, now: datetime, last_step: int | None) -> int | None:
    """The time step `code` belongs to if it is valid at `now` (TOTP_VALID_WINDOW steps either side) and later than
    `last_step`, the last one accepted for the account; None otherwise. A code is so accepted once: the replay of
    an accepted code, or of an earlier one, is refused."""
    if not is_totp_code(code):
        return None
    totp = pyotp.TOTP(secret, digits=TOTP_DIGITS)
    current = totp.timecode(now)
    for step in range(current - TOTP_VALID_WINDOW, current + TOTP_VALID_WINDOW + 1):
        if (last_step is None or step > last_step) and strings_equal(code, totp.generate_otp(step)):
            return step
    return None


def format_recovery_code(raw: str) -> str:
    """'ABCDEFGHJK' -> 'ABCDE-FGHJK', as printed for the officer."""
    half = len(raw) // 2
    return f"{raw[:half]}-{raw[half:]}"


def group_secret(secret: str) -> str:
    """The base32 secret in groups of four, for typing it into an app by hand."""
    return " ".join(secret[i:i + 4] for i in range(0, len(secret), 4))


def second_step_expired(started_at: datetime, now: datetime) -> bool:
    return not (started_at <= now < started_at + SECOND_STEP_LIFETIME)


def second_factor_required(roles: Iterable[str], required_roles: Iterable[str]) -> bool:
    """Whether an account holding `roles` must use a second factor where `required_roles` need one."""
    return bool(set(map(str, roles)) & set(map(str, required_roles)))
