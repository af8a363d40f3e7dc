"""The sending loop. Like a view, it owns its transactions: the claim commits before any message
leaves, and each result commits on its own, so no transaction stays open while a server answers.

Exactly once between workers: a message is sent only by the worker whose claim counted its attempt,
and a claim hides it from the others (rules.CLAIM_LEASE). A worker that dies between the server's
acceptance and the commit of "sent" leaves the message to be tried again after the lease: SMTP
offers no way to make that step atomic, and the stable Message-ID lets mail servers drop the copy.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from flask import current_app

from portal.core.clock import utcnow
from portal.core.db import db, write_intent
from portal.notify import services, transports as transport_mod
from portal.notify.rules import Channel, OutboxStatus
from portal.notify.transports import Envelope, SendError

DEFAULT_BATCH = 50
MAX_ROUNDS = 100  # one call sends at most MAX_ROUNDS × batch messages, then returns


@dataclass
class SendReport:
    sent: list[int] = field(default_factory=list)
    failed: list[int] = field(default_factory=list)
    dead: list[int] = field(default_factory=list)

    def as_dict(self) -> dict[str, int]:
        return {"sent": len(self.sent), "failed": len(self.failed), "dead": len(self.dead)}


def _claim(batch: int, now: datetime) -> list[tuple[int, Envelope]]:
    db.session.commit()  # start the claim in a fresh transaction (on SQLite: one that holds the write lock)
    with write_intent():
        claimed = [(m.attempts, Envelope(id=m.id, channel=Channel(m.channel), recipient=m.recipient,
                                         subject=m.subject, body=m.body, dedupe_key=m.dedupe_key))
                   for m in services.claim_due(batch, now)]
        db.session.commit()
    return claimed


def _deliver(attempt: int, envelope: Envelope, transport, now: datetime, report: SendReport) -> None:
    try:
        transport.send(envelope)
    except SendError as err:
        error, permanent = str(err), err.permanent
    except Exception as err:  # a provider's own exception: keep the worker alive, retry later
        current_app.logger.exception("notification %s: unexpected transport error", envelope.id)
        error, permanent = f"{type(err).__name__}: {err}", False
    else:
        with write_intent():
            if services.record_sent(envelope.id, attempt, now):
                report.sent.append(envelope.id)
            db.session.commit()
        return
    with write_intent():
        status = services.record_failure(envelope.id, attempt, now, error, permanent=permanent)
        db.session.commit()
    if status is None:  # our claim was overtaken (lease ran out): the other worker records the result
        return
    (report.dead if status == OutboxStatus.DEAD else report.failed).append(envelope.id)
    current_app.logger.warning("notification %s to %s failed (attempt %s): %s", envelope.id, envelope.channel,
                               attempt, error)


def send_pending(now: datetime | None = None, *, batch: int = DEFAULT_BATCH, transports=None) -> SendReport:
    """Send every message due at `now` (default: the clock). Commits; run it outside requests."""
    now = now or utcnow()
    transports = transports or transport_mod.from_config(current_app.config)
    report = SendReport()
    for _ in range(MAX_ROUNDS):
        claimed = _claim(batch, now)
        for attempt, envelope in claimed:
            _deliver(attempt, envelope, transports[envelope.channel], now, report)
        if len(claimed) < batch:
            break
    return report
