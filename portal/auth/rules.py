"""Pure rules for accounts: password policy and login throttling."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta


def password_problems(password: str, min_length: int, email: str = "", name: str = "") -> list[str]:
    """Codes of what is wrong with a new password (empty list: acceptable)."""
    problems = []
    if len(password) < min_length:
        problems.append("too_short")
    lowered = password.lower()
    if email and email.split("@")[0].lower() in lowered and len(email.split("@")[0]) >= 4:
        problems.append("contains_email")
    if len(set(password)) < 4:
        problems.append("too_simple")
    return problems


@dataclass(frozen=True)
class Throttle:
    """How many failures lock an account, and for how long."""

    max_failures: int
    lock_minutes: int

    def is_locked(self, locked_until: datetime | None, now: datetime) -> bool:
        return locked_until is not None and locked_until > now

    def after_failure(self, failures: int, now: datetime) -> tuple[int, datetime | None]:
        """New failure count and lock expiry after one more failed attempt."""
        failures += 1
        if failures >= self.max_failures:
            return 0, now + timedelta(minutes=self.lock_minutes)
        return failures, None
