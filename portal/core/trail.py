"""The shape every workflow trail shares (one-stop cases, phản ánh kiến nghị): who, what, when, from -> to.

A trail row is written in the same transaction as the change it records and never edited; the
actor's name is copied so the trail still reads right after an account is renamed or removed.
"""
from __future__ import annotations

from datetime import datetime

from sqlalchemy.orm import declared_attr

from portal.core.db import UTCDateTime, db
from portal.core.text import nfc


class TrailEvent:
    """Mixin for a trail table; the subclass adds its owner's foreign key and any extra columns."""

    id = db.Column(db.Integer, primary_key=True)
    at = db.Column(UTCDateTime(), nullable=False)
    actor_name = db.Column(db.String(200), nullable=False, default="")
    action = db.Column(db.String(40), nullable=False)
    from_status = db.Column(db.String(30))
    to_status = db.Column(db.String(30), nullable=False)
    note = db.Column(db.Text, nullable=False, default="")

    @declared_attr
    def actor_id(cls):  # noqa: N805 (SQLAlchemy's declared_attr receives the mapped class)
        return db.Column(db.Integer, db.ForeignKey("staff_user.id", ondelete="SET NULL"))

    @classmethod
    def step(cls, *, at: datetime, actor, action: str, before, after, note: str = "", **owner_and_extra):
        """A new row (not yet added): `before`/`after` are status enums (before None at creation)."""
        return cls(at=at, actor_id=getattr(actor, "id", None), actor_name=getattr(actor, "full_name", "") or "",
                   action=action, from_status=before.value if before else None, to_status=after.value,
                   note=nfc(note), **owner_and_extra)
