"""The "at risk" list (issue 18 point 4): open cases with their breach forecast, for a unit head (the cases their
unit handles) or a manager (every unit, or one). Read-only; one SELECT for the page's rows (case, forecast,
apology, procedure and handling unit joined) and one COUNT, whatever the page size.

Orders:
- "forecast": the chance of missing the legal due day, highest first; cases without a forecast yet last;
- "apology": the last day an apology is still in time, earliest first. That day is the working day before
  the legal due day (NĐ 61/2018 Điều 19 k9: the apology is issued at the latest one working day before the
  due day), a non-decreasing function of the due day, so ordering by Case.original_due_at is ordering by it,
  in SQL and on the index.
Ties go by the legal due, then the case id, so a page boundary never moves between two requests.
"""
from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import joinedload

from portal.cases import rules
from portal.cases.models import Apology, Case
from portal.core.clock import to_local
from portal.core.db import db
from portal.core.pagination import Page
from portal.forecast.models import CaseForecast
from portal.workdays.services import calendar_for

SORTS = ("forecast", "apology")


@dataclass(frozen=True)
class AtRiskRow:
    case: Case
    forecast: CaseForecast | None
    has_apology: bool
    due_day: date  # the legal due day, local
    last_apology_day: date  # the working day before it (NĐ 61/2018 Điều 19 k9)


def _statement(unit_id: int | None):
    has_apology = Apology.id.is_not(None).label("has_apology")
    stmt = (select(Case, CaseForecast, has_apology)
            .outerjoin(CaseForecast, CaseForecast.case_id == Case.id)
            .outerjoin(Apology, Apology.case_id == Case.id)  # at most one apology per case (unique)
            .where(Case.status.in_(sorted(rules.OPEN))))
    if unit_id is not None:
        stmt = stmt.where(Case.handling_unit_id == unit_id)
    return stmt


def _order(sort: str) -> tuple:
    if sort == "apology":
        return Case.original_due_at, Case.id
    return CaseForecast.p_late.is_(None), CaseForecast.p_late.desc(), Case.original_due_at, Case.id


def at_risk_page(unit_id: int | None, *, sort: str, page: int = 1, per_page: int = 25) -> Page:
    """Open cases handled by `unit_id` (None: all units), one page in `sort` order (SORTS), each with its last
    apology day on the working-day calendar of its due day's year (holidays, make-up Saturdays, local exceptions)."""
    stmt = _statement(unit_id)
    total = db.session.scalar(select(func.count()).select_from(stmt.with_only_columns(Case.id).subquery()))
    page = min(max(page, 1), max(1, math.ceil(total / per_page)))
    stmt = (stmt.options(joinedload(Case.procedure), joinedload(Case.handling_unit))
            .order_by(*_order(sort if sort in SORTS else SORTS[0])).limit(per_page).offset((page - 1) * per_page))
    found = [(case, forecast, bool(has_apology), to_local(case.original_due_at).date())
             for case, forecast, has_apology in db.session.execute(stmt)]
    if not found:
        return Page([], page, per_page, total)
    years = {due_day.year for *_rest, due_day in found}
    cal = calendar_for(range(min(years) - 1, max(years) + 1), language="vi")
    rows = [AtRiskRow(case, forecast, has_apology, due_day, rules.last_apology_day(due_day, cal))
            for case, forecast, has_apology, due_day in found]
    return Page(rows, page, per_page, total)
