"""Browsing the audit trail."""
from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

from sqlalchemy import select

from portal.core.audit import AuditEvent
from portal.core.db import db


def search_events(*, page: int, per_page: int, actor: str = "", action: str = "", object_type: str = "",
                  start: date | None = None, end: date | None = None, tz=UTC):
    stmt = select(AuditEvent).order_by(AuditEvent.occurred_at.desc(), AuditEvent.id.desc())
    if actor:
        stmt = stmt.where(AuditEvent.actor_name.ilike(f"%{actor}%"))
    if action:
        stmt = stmt.where(AuditEvent.action.ilike(f"{action}%"))
    if object_type:
        stmt = stmt.where(AuditEvent.object_type == object_type)
    # Local days, compared in UTC: SQLite stores the UTC wall time and ignores an offset on parameters.
    if start:
        stmt = stmt.where(AuditEvent.occurred_at >= _utc_midnight(start, tz))
    if end:
        stmt = stmt.where(AuditEvent.occurred_at < _utc_midnight(end + timedelta(days=1), tz))
    return db.paginate(stmt, page=page, per_page=per_page, error_out=False)


def _utc_midnight(day: date, tz) -> datetime:
    return datetime.combine(day, time(), tzinfo=tz).astimezone(UTC)


def object_types() -> list[str]:
    return list(db.session.scalars(select(AuditEvent.object_type).distinct().order_by(AuditEvent.object_type)))
