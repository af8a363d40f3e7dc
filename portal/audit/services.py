"""Browsing the audit trail."""
from __future__ import annotations

from datetime import date, datetime, time, timedelta, timezone

from sqlalchemy import select

from portal.core.audit import AuditEvent
from portal.core.db import db


def search_events(*, page: int, per_page: int, actor: str = "", action: str = "", object_type: str = "",
                  start: date | None = None, end: date | None = None, tz=timezone.utc):
    stmt = select(AuditEvent).order_by(AuditEvent.occurred_at.desc(), AuditEvent.id.desc())
    if actor:
        stmt = stmt.where(AuditEvent.actor_name.ilike(f"%{actor}%"))
    if action:
        stmt = stmt.where(AuditEvent.action.ilike(f"{action}%"))
    if object_type:
        stmt = stmt.where(AuditEvent.object_type == object_type)
    if start:
        stmt = stmt.where(AuditEvent.occurred_at >= datetime.combine(start, time(), tzinfo=tz))
    if end:
        stmt = stmt.where(AuditEvent.occurred_at < datetime.combine(end + timedelta(days=1), time(), tzinfo=tz))
    return db.paginate(stmt, page=page, per_page=per_page, error_out=False)


def object_types() -> list[str]:
    return list(db.session.scalars(select(AuditEvent.object_type).distinct().order_by(AuditEvent.object_type)))
