"""Pure rules for accounts: password policy and login throttling (no Flask, no database, no clock)."""
from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta

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
