"""Pure rules of the outbox: statuses, the retry schedule and the claim lease. No clock, no database."""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum


class Channel(StrEnum):
    EMAIL = "email"
    SMS = "sms"


class OutboxStatus(StrEnum):
    PENDING = "pending"  # never tried, or claimed by a worker right now (see CLAIM_LEASE)
    SENT = "sent"
    FAILED = "failed"  # the last try failed; retried at next_attempt_at
    DEAD = "dead"  # given up: refused for good, or too many failures


SENDABLE = frozenset({OutboxStatus.PENDING, OutboxStatus.FAILED})

# Waits after the 1st, 2nd … failed attempt: a mail server restart is covered by the first tries,
# an afternoon outage by the last ones. The attempt after the last wait is the final one.
RETRY_DELAYS = (timedelta(minutes=1), timedelta(minutes=5), timedelta(minutes=15), timedelta(hours=1),
                timedelta(hours=4), timedelta(hours=12))
MAX_ATTEMPTS = len(RETRY_DELAYS) + 1

# A claimed message is hidden from other workers this long. Sending is bounded by the transport
# timeout (MAIL_TIMEOUT, 30 s), far below it; a worker that dies mid-send leaves the message to be
# retried once the lease runs out.
CLAIM_LEASE = timedelta(minutes=10)


@dataclass(frozen=True)
class Outcome:
    status: OutboxStatus
    next_attempt_at: datetime


def after_failure(attempts: int, now: datetime, *, permanent: bool = False) -> Outcome:
    """Where a message goes after its `attempts`-th try failed at `now`."""
    if attempts < 1:
        raise ValueError("attempts counts the try that just failed; it starts at 1")
    if permanent or attempts >= MAX_ATTEMPTS:
        return Outcome(OutboxStatus.DEAD, now)
    return Outcome(OutboxStatus.FAILED, now + RETRY_DELAYS[attempts - 1])


def claimed_until(now: datetime) -> datetime:
    return now + CLAIM_LEASE


def is_due(status: OutboxStatus, next_attempt_at: datetime, now: datetime) -> bool:
    return status in SENDABLE and next_attempt_at <= now


_MOBILE = re.compile(r"^0[35789]\d{8}$")  # landlines (02x…) cannot receive SMS


def can_receive_sms(phone: str) -> bool:
    return bool(_MOBILE.match(phone or ""))
