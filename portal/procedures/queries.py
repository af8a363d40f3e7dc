"""Read-only queries of the catalogue: the public search (search.py: full text, synonyms, typos, best matches
first), a procedure's public page and published versions, recent changes, the staff list and a unit's
board. Commands stay in services.py.
"""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import and_, func, or_, select

from portal.core.db import db
from portal.core.pagination import Page, paginate_select
from portal.core.text import fold
from portal.procedures import search as search_engine
from portal.procedures.models import Level, OnlineLevel, Procedure, ProcedureVersion, PublicStatus, VersionState
from portal.procedures.services import get_by_code
from portal.units.models import Unit, UnitLevel

PUBLIC_STATUSES = (PublicStatus.ACTIVE, PublicStatus.AMENDED)


def search(query: str = "", *, field_id=None, level=None, unit_id=None, online_level=None,
           include_abolished: bool = False, page: int = 1, per_page: int = 20) -> Page:
    """Published procedures matching `query` (search.py: synonyms, accents folded, typos), best matches first."""
    stmt = select(Procedure.id)
    statuses = PUBLIC_STATUSES + ((PublicStatus.ABOLISHED,) if include_abolished else ())
    stmt = stmt.where(Procedure.status.in_(statuses))
    if field_id:
        stmt = stmt.where(Procedure.field_id == field_id)
    if level:
        stmt = stmt.where(Procedure.level == Level(level))
    if unit_id:
        stmt = stmt.where(_competent(unit_id))
    if online_level:
        stmt = stmt.where(Procedure.online_level == OnlineLevel(online_level))
    ids = search_engine.ranked_ids(query, stmt)
    if ids is None:
        total = db.session.scalar(select(func.count()).select_from(stmt.subquery()))
        rows = db.session.execute(stmt.order_by(Procedure.sort_name).limit(per_page).offset((page - 1) * per_page))
        ids = [r.id for r in rows]
    else:
        total = len(ids)
        ids = ids[(page - 1) * per_page: page * per_page]
    procedures = {p.id: p for p in db.session.scalars(select(Procedure).where(Procedure.id.in_(ids)))} if ids else {}
    return Page([procedures[i] for i in ids], page, per_page, total)


def _escape_like(token: str) -> str:
    return token.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def get_public(code: str) -> Procedure | None:
    procedure = get_by_code(code)
    if procedure is None or procedure.status == PublicStatus.UNPUBLISHED:
        return None
    return procedure


def published_versions(procedure: Procedure) -> list[ProcedureVersion]:
    return [v for v in procedure.versions if v.state != VersionState.DRAFT]


def form_file_is_public(stored) -> bool:
    """A form file is public once a published version lists it (its forms or its documents): the version
    in force or a superseded one, which the history still shows. Only a draft's file is not."""
    procedure = stored.procedure
    if procedure is None or procedure.status == PublicStatus.UNPUBLISHED:
        return False
    return any(entry.get("form_file_id") == stored.id for version in published_versions(procedure)
               for entry in [*(version.forms or []), *(version.documents or [])] if isinstance(entry, dict))


def recent_changes(limit: int = 30, since: datetime | None = None) -> list[ProcedureVersion]:
    stmt = (select(ProcedureVersion).where(ProcedureVersion.published_at.is_not(None))
            .order_by(ProcedureVersion.published_at.desc(), ProcedureVersion.id.desc()).limit(limit))
    if since is not None:
        stmt = stmt.where(ProcedureVersion.published_at >= since)
    return list(db.session.scalars(stmt))


def staff_list(query: str = "", page: int = 1, per_page: int = 25) -> Page:
    stmt = select(Procedure)
    folded = fold(query)
    if folded:
        like = f"%{_escape_like(folded)}%"
        stmt = stmt.where(Procedure.search_text.like(like, escape="\\") | func.lower(Procedure.code).like(like, escape="\\"))
    return paginate_select(stmt, Procedure.sort_name, page=page, per_page=per_page)


def _competent(unit_id: int):
    """Procedures `unit_id` handles: those naming it, and the commune-level ones when it is an active ward or
    commune (competence by level, competence.py)."""
    is_commune_unit = select(Unit.id).where(Unit.id == unit_id, Unit.level == UnitLevel.COMMUNE,
                                            Unit.is_active.is_(True)).exists()
    return or_(Procedure.unit_id == unit_id, and_(Procedure.level == Level.COMMUNE, is_commune_unit))


def unit_procedures(unit_id: int) -> list[Procedure]:
    stmt = (select(Procedure).where(_competent(unit_id), Procedure.status.in_(PUBLIC_STATUSES))
            .order_by(Procedure.sort_name))
    return list(db.session.scalars(stmt))
