"""Outbox commands. They flush and never commit: enqueue() joins the caller's transaction, so a
rollback of the case change leaves no message; the worker (worker.py) commits its own steps.

enqueue() marks the session (KICK_FLAG); the hook that acts on the mark after the commit lives in jobs.py and
is registered by the app factory (portal.register_side_effects), so importing this module changes nothing."""
from __future__ import annotations

import contextlib
from datetime import datetime

from flask import current_app
from sqlalchemy import func, select, update

from portal.core.db import db
from portal.core.text import nfc, nfc_lines
from portal.notify import rules
from portal.notify.models import OutboxMessage
from portal.notify.rules import Channel, OutboxStatus

ERROR_MAX_CHARS = 2000
KICK_FLAG = "notify.kick"  # set in session.info when a message is queued; jobs.py wakes a worker after the commit


def _insert():
    if db.session.get_bind().dialect.name == "postgresql":
        from sqlalchemy.dialects.postgresql import insert
    else:
        from sqlalchemy.dialects.sqlite import insert
    return insert(OutboxMessage)


def enqueue(*, channel: Channel, recipient: str, subject: str, body: str, dedupe_key: str,
            now: datetime) -> OutboxMessage:
    """Queue a message in the caller's transaction; the same dedupe_key twice gives the first message.

    INSERT … ON CONFLICT DO NOTHING rather than look-then-add: two transactions queueing the same
    event at once cannot both insert, and the loser does not fail its whole transaction."""
    stmt = (_insert().values(channel=Channel(channel), recipient=recipient.strip(), subject=nfc(subject),
                             body=nfc_lines(body), dedupe_key=dedupe_key, status=OutboxStatus.PENDING, attempts=0,
                             next_attempt_at=now, last_error="")
            .on_conflict_do_nothing(index_elements=[OutboxMessage.dedupe_key]).returning(OutboxMessage))
    message = db.session.scalars(stmt).one_or_none()
    if message is None:
        return db.session.scalars(select(OutboxMessage).where(OutboxMessage.dedupe_key == dedupe_key)).one()
    db.session.info[KICK_FLAG] = True
    return message


def enqueue_many(messages: list[dict], *, now: datetime) -> int:
    """Queue several messages in one statement, in the caller's transaction; a dedupe_key already queued
    is skipped. For hot paths (a citizen's submission) that do not need the rows back.

    Each item: channel, recipient, subject, body, dedupe_key. Returns how many items were given."""
    if not messages:
        return 0
    rows = [{"channel": Channel(m["channel"]), "recipient": m["recipient"].strip(), "subject": nfc(m["subject"]),
             "body": nfc_lines(m["body"]), "dedupe_key": m["dedupe_key"], "status": OutboxStatus.PENDING, "attempts": 0,
             "next_attempt_at": now, "last_error": "", "created_at": now} for m in messages]
    stmt = _insert_table().on_conflict_do_nothing(index_elements=["dedupe_key"])
    db.session.execute(stmt, rows)
    db.session.info[KICK_FLAG] = True
    return len(rows)


def _insert_table():
    """INSERT on the bare table (no ORM entity to build): cheaper, same SQL."""
    if db.session.get_bind().dialect.name == "postgresql":
        from sqlalchemy.dialects.postgresql import insert
    else:
        from sqlalchemy.dialects.sqlite import insert
    return insert(OutboxMessage.__table__)


def claim_due(batch: int, now: datetime) -> list[OutboxMessage]:
    """Take up to `batch` due messages for this worker: count the attempt and hide them from other
    workers for the claim lease. The caller commits at once.

    PostgreSQL: FOR UPDATE SKIP LOCKED, so a second worker skips rows being claimed instead of
    waiting for them. SQLite: call inside core.db.write_intent(), so the claim runs under the
    database write lock (BEGIN IMMEDIATE) and two workers claim one after the other."""
    stmt = (select(OutboxMessage)
            .where(OutboxMessage.status.in_(list(rules.SENDABLE)), OutboxMessage.next_attempt_at <= now)
            .order_by(OutboxMessage.next_attempt_at, OutboxMessage.id).limit(batch))
    if db.session.get_bind().dialect.name == "postgresql":
        stmt = stmt.with_for_update(skip_locked=True)
    messages = list(db.session.scalars(stmt))
    for message in messages:
        message.attempts += 1
        message.next_attempt_at = rules.claimed_until(now)
    db.session.flush()
    return messages


def _claimed(message_id: int, attempt: int):
    """Only the worker holding this claim (same attempt number, not yet finished) may record it."""
    return update(OutboxMessage).where(OutboxMessage.id == message_id, OutboxMessage.attempts == attempt,
                                       OutboxMessage.status.in_(list(rules.SENDABLE)))


def record_sent(message_id: int, attempt: int, now: datetime) -> bool:
    result = db.session.execute(_claimed(message_id, attempt).values(status=OutboxStatus.SENT, sent_at=now,
                                                                    last_error=""))
    return result.rowcount == 1


def record_failure(message_id: int, attempt: int, now: datetime, error: str, *, permanent: bool = False
                   ) -> OutboxStatus | None:
    outcome = rules.after_failure(attempt, now, permanent=permanent)
    result = db.session.execute(_claimed(message_id, attempt).values(
        status=outcome.status, next_attempt_at=outcome.next_attempt_at, last_error=error[:ERROR_MAX_CHARS]))
    return outcome.status if result.rowcount == 1 else None


def next_due_at() -> datetime | None:
    """When the earliest waiting message falls due (to schedule the next run)."""
    return db.session.scalar(select(func.min(OutboxMessage.next_attempt_at))
                             .where(OutboxMessage.status.in_(list(rules.SENDABLE))))


def counts_by_status() -> dict[str, int]:
    rows = db.session.execute(select(OutboxMessage.status, func.count()).group_by(OutboxMessage.status))
    return {OutboxStatus(status).value: n for status, n in rows}


@contextlib.contextmanager
def no_citizen_messages():
    """Inside, nothing is queued for citizens (NOTIFY_CITIZENS off): the demo loaders' applicants and
    submitters are made up, and thousands of messages to strangers' numbers must never leave."""
    config = current_app.config
    before = config.get("NOTIFY_CITIZENS", True)
    config["NOTIFY_CITIZENS"] = False
    try:
        yield
    finally:
        config["NOTIFY_CITIZENS"] = before
