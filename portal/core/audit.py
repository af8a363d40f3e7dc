"""Audit trail: every staff change records who, what, when, object, before -> after."""
from __future__ import annotations

import json
from datetime import date, datetime
from enum import Enum

from flask import has_request_context, request
from flask_login import current_user

from portal.core.clock import utcnow
from portal.core.db import UTCDateTime, db


class AuditEvent(db.Model):
    __tablename__ = "audit_event"

    id = db.Column(db.Integer, primary_key=True)
    occurred_at = db.Column(UTCDateTime(), nullable=False, default=utcnow, index=True)
    actor_id = db.Column(db.Integer, db.ForeignKey("staff_user.id", ondelete="SET NULL"), index=True)
    actor_name = db.Column(db.String(200), nullable=False, default="")
    action = db.Column(db.String(80), nullable=False, index=True)
    object_type = db.Column(db.String(60), nullable=False, index=True)
    object_id = db.Column(db.String(80), nullable=False, default="")
    summary = db.Column(db.String(500), nullable=False, default="")
    before_json = db.Column(db.Text)
    after_json = db.Column(db.Text)
    ip_address = db.Column(db.String(64))

    @property
    def before(self) -> dict:
        return json.loads(self.before_json) if self.before_json else {}

    @property
    def after(self) -> dict:
        return json.loads(self.after_json) if self.after_json else {}

    @property
    def changes(self) -> list[tuple[str, object, object]]:
        before, after = self.before, self.after
        keys = sorted(set(before) | set(after))
        return [(k, before.get(k), after.get(k)) for k in keys if before.get(k) != after.get(k)]


def _plain(value):
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    if isinstance(value, (set, frozenset, tuple)):
        return sorted(_plain(v) for v in value)
    return value


def snapshot(obj, fields) -> dict:
    """The audited fields of `obj` as JSON-ready values."""
    return {f: _plain(getattr(obj, f)) for f in fields}


def record(action: str, obj_type: str, obj_id, *, before: dict | None = None, after: dict | None = None,
           summary: str = "", actor=None) -> AuditEvent:
    """Add an audit row to the session (the caller's transaction commits it)."""
    if actor is None and has_request_context() and current_user and current_user.is_authenticated:
        actor = current_user._get_current_object()
    event = AuditEvent(
        actor_id=getattr(actor, "id", None),
        actor_name=getattr(actor, "full_name", "") or "system",
        action=action,
        object_type=obj_type,
        object_id=str(obj_id or ""),
        summary=summary[:500],
        before_json=json.dumps({k: _plain(v) for k, v in before.items()}, ensure_ascii=False, default=str) if before else None,
        after_json=json.dumps({k: _plain(v) for k, v in after.items()}, ensure_ascii=False, default=str) if after else None,
        ip_address=request.remote_addr if has_request_context() else None,
    )
    db.session.add(event)
    return event
