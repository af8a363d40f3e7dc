"""Read-only queries behind the staff worklists and case pages. Commands stay in services.py.

Worklists filter, order and cut in SQL (the bench holds a million cases): every list is
`WHERE … ORDER BY due_at LIMIT … OFFSET …` on the indexed columns, never a Python filter.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, time, timedelta

from flask import current_app
from sqlalchemy import func, or_, select
from sqlalchemy.orm import selectinload

from portal.auth.models import StaffUser, UserRole
from portal.cases import rules
from portal.cases.models import Apology, Case, CaseLeg, IntakeSlip
from portal.cases.rules import CaseStatus, Timing
from portal.core.access import Role
from portal.core.clock import local_tz, to_local
from portal.core.db import db
from portal.core.pagination import Page, paginate_select
from portal.units.services import rolled_into

# Tabs of the worklist, by role; a person with several roles sees the union, in this order.
SCOPES_BY_ROLE = (
    (Role.DESK_OFFICER, ("today", "ready", "forwarded")),
    (Role.HANDLER, ("mine", "consulted")),
    (Role.UNIT_HEAD, ("unit", "unassigned", "apology", "consulted")),
    (Role.MANAGER, ("all",)),
)
OPEN_TIMINGS = (Timing.IN_TIME, Timing.DUE_SOON, Timing.OVERDUE)
FINISHED_TIMINGS = (Timing.EARLY, Timing.ON_TIME, Timing.LATE)


@dataclass(frozen=True)
class CaseFilters:
    scope: str
    q: str = ""
    status: CaseStatus | None = None
    timing: Timing | None = None
    unit_id: int | None = None  # managers only


def scopes_for(user) -> list[str]:
    held = user.role_set
    if Role.ADMIN in held:
        return ["all"]
    found = []
    for role, scopes in SCOPES_BY_ROLE:
        if role in held:
            found.extend(s for s in scopes if s not in found)
    return found


def due_soon_limit(now: datetime, cal) -> datetime:
    """Cases due before this UTC moment are due soon (or overdue): the same window as
    services.due_soon_from, turned around so SQL can use it on `due_at`."""
    day = to_local(now).date()
    for _ in range(current_app.config["DUE_SOON_WORKING_DAYS"]):
        day = cal.next_working_day(day)
    return datetime.combine(day + timedelta(days=1), time(0), local_tz()).astimezone(UTC)


def _local_day_bounds(now: datetime) -> tuple[datetime, datetime]:
    start = datetime.combine(to_local(now).date(), time(0), local_tz())
    return start.astimezone(UTC), (start + timedelta(days=1)).astimezone(UTC)


def _search(stmt, q: str):
    q = (q or "").strip()[:100]
    if not q:
        return stmt
    code = rules.normalize_code(q)
    phone = rules.normalize_phone(q)
    wildcard = q.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    conditions = [Case.code.like(f"%{code}%"), func.lower(Case.applicant_name).like(f"%{wildcard.lower()}%", escape="\\")]
    if phone.lstrip("+").isdigit() and len(phone) >= 4:
        conditions.append(Case.applicant_phone.like(f"%{phone}%"))
        conditions.append(Case.applicant_id_number == phone)
    return stmt.where(or_(*conditions))


def _scope(stmt, user, f: CaseFilters, now: datetime, soon: datetime):
    """Returns the statement and the statuses shown when no status filter is chosen (None: all)."""
    unit_id = user.unit_id
    if f.scope == "today":
        start, end = _local_day_bounds(now)
        return stmt.where(Case.unit_id == unit_id, Case.received_at >= start, Case.received_at < end), None
    if f.scope == "ready":  # the desk returns its own results and those of the desks it succeeded
        return stmt.where(Case.unit_id.in_(rolled_into(unit_id) if unit_id else [])), [CaseStatus.RESULT_READY]
    if f.scope == "forwarded":  # received at this desk for another competent unit (không phụ thuộc địa giới)
        return stmt.where(Case.unit_id == unit_id, Case.handling_unit_id != unit_id), list(rules.OPEN)
    if f.scope == "mine":
        return stmt.where(Case.handler_id == user.id), list(rules.OPEN)
    if f.scope == "unit":
        return stmt.where(Case.handling_unit_id == unit_id), list(rules.OPEN)
    if f.scope == "unassigned":
        return stmt.where(Case.handling_unit_id == unit_id, Case.handler_id.is_(None)), list(rules.OPEN)
    if f.scope == "apology":
        stmt = (stmt.where(Case.handling_unit_id == unit_id, Case.original_due_at < soon)
                .where(~select(Apology.id).where(Apology.case_id == Case.id).exists()))
        return stmt, list(rules.OPEN)
    if f.scope == "consulted":  # other units' cases waiting for this unit's answer (liên thông legs)
        waiting = select(CaseLeg.id).where(CaseLeg.case_id == Case.id, CaseLeg.unit_id == unit_id,
                                           CaseLeg.answered_at.is_(None))
        return stmt.where(waiting.exists()), list(rules.OPEN)
    if f.unit_id:  # "all": managers, optionally one unit (receiving or handling)
        stmt = stmt.where(or_(Case.handling_unit_id == f.unit_id, Case.unit_id == f.unit_id))
    return stmt, list(rules.OPEN)


def _timing(stmt, timing: Timing | None, now: datetime, soon: datetime):
    if timing is None:
        return stmt
    """Open cases are judged against the legal due, by days (services.timing_of)."""
    open_only = Case.status.in_(list(rules.OPEN))
    overdue_before = datetime.combine(to_local(now).date(), time(0), local_tz()).astimezone(UTC)
    if timing == Timing.OVERDUE:
        return stmt.where(open_only, Case.original_due_at < overdue_before)
    if timing == Timing.DUE_SOON:
        return stmt.where(open_only, Case.original_due_at >= overdue_before, Case.original_due_at < soon)
    if timing == Timing.IN_TIME:
        return stmt.where(open_only, Case.original_due_at >= soon)
    return stmt.where(Case.timing == timing)


def worklist(user, f: CaseFilters, *, now: datetime, cal, page: int = 1, per_page: int = 25) -> Page:
    soon = due_soon_limit(now, cal)
    stmt, default_statuses = _scope(select(Case), user, f, now, soon)
    statuses = [f.status] if f.status else default_statuses
    if f.scope in ("ready", "unassigned", "apology"):
        statuses = default_statuses  # the tab is defined by its statuses
    if statuses is not None:
        stmt = stmt.where(Case.status.in_(statuses))
    stmt = _timing(_search(stmt, f.q), f.timing, now, soon)
    order = (Case.received_at.desc(), Case.id.desc()) if f.scope == "today" else (Case.due_at, Case.id)
    stmt = stmt.options(selectinload(Case.procedure), selectinload(Case.handler), selectinload(Case.unit),
                        selectinload(Case.handling_unit))
    return paginate_select(stmt, *order, page=page, per_page=per_page)


def handlers_of(unit_id: int) -> list[StaffUser]:
    """Active handlers and unit heads of a unit: the people a file can be assigned to."""
    stmt = (select(StaffUser).join(UserRole).where(StaffUser.unit_id == unit_id, StaffUser.is_active_account.is_(True),
                                                   UserRole.role.in_([Role.HANDLER.value, Role.UNIT_HEAD.value]))
            .distinct().order_by(StaffUser.full_name))
    return list(db.session.scalars(stmt))


def slip_of_unit(slip_id: int, unit_id: int | None) -> IntakeSlip | None:
    slip = db.session.get(IntakeSlip, slip_id)
    return slip if slip is not None and slip.unit_id == unit_id else None
