"""The outbox: one row per message to a citizen, written in the transaction that caused it."""
from __future__ import annotations

from portal.core.clock import utcnow
from portal.core.db import UTCDateTime, db, string_enum
from portal.notify.rules import Channel, OutboxStatus


class OutboxMessage(db.Model):
    __tablename__ = "outbox_message"

    id = db.Column(db.Integer, primary_key=True)
    channel = db.Column(string_enum(Channel, "outbox_channel", 10), nullable=False)
    recipient = db.Column(db.String(200), nullable=False)  # e-mail address or normalised phone number
    subject = db.Column(db.String(300), nullable=False, default="")  # empty for SMS
    body = db.Column(db.Text, nullable=False)
    status = db.Column(string_enum(OutboxStatus, "outbox_status", 10), nullable=False, default=OutboxStatus.PENDING)
    attempts = db.Column(db.Integer, nullable=False, default=0)
    next_attempt_at = db.Column(UTCDateTime(), nullable=False)
    sent_at = db.Column(UTCDateTime())
    last_error = db.Column(db.Text, nullable=False, default="")
    # What the message is about, e.g. "case:42:result_ready:email": the same event never queues twice.
    dedupe_key = db.Column(db.String(200), nullable=False, unique=True)
    created_at = db.Column(UTCDateTime(), nullable=False, default=utcnow)

    __table_args__ = (
        db.Index("ix_outbox_message_status_next_attempt_at", "status", "next_attempt_at"),
        db.CheckConstraint("attempts >= 0", name="attempts_not_negative"),
    )

    def __repr__(self) -> str:
        return f"<OutboxMessage {self.id} {self.channel} {self.status} {self.dedupe_key}>"
