"""Measurement of the catalogue for dashboards and the reform plan (DOMAIN.md §7, QĐ 766).

- Published on time: a version whose publishing decision is dated in the period went public on the
  portal within PROCEDURE_PUBLISH_DAYS working days of the decision (a setting).
- Complete: a procedure in force carries every mandatory component (rules.MANDATORY_COMPONENTS).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from flask import current_app
from sqlalchemy import select

from portal.core.clock import to_local
from portal.core.db import db
from portal.procedures import rules
from portal.procedures.models import ChangeType, Procedure, ProcedureVersion
from portal.procedures.services import content_of
from portal.workdays.services import calendar_for


@dataclass(frozen=True)
class CatalogueCompliance:
    start: date
    end: date
    decisions: int  # versions whose decision is dated in the period
    published_on_time: int
    in_force: int  # procedures in force at the end of the period
    complete: int
    late_codes: list = field(default_factory=list)
    incomplete_codes: list = field(default_factory=list)

    @property
    def on_time_rate(self) -> float | None:
        return self.published_on_time / self.decisions if self.decisions else None

    @property
    def complete_rate(self) -> float | None:
        return self.complete / self.in_force if self.in_force else None


def catalogue_compliance(start: date, end: date) -> CatalogueCompliance:
    allowed = current_app.config["PROCEDURE_PUBLISH_DAYS"]
    cal = calendar_for(range(start.year, end.year + 1), language="vi")
    stmt = (select(ProcedureVersion).where(ProcedureVersion.decision_date.between(start, end),
                                            ProcedureVersion.published_at.is_not(None)))
    decisions, on_time, late = 0, 0, []
    for version in db.session.scalars(stmt):
        decisions += 1
        deadline = cal.add_working_days(version.decision_date, allowed)
        if rules.published_on_time(to_local(version.published_at).date(), deadline):
            on_time += 1
        else:
            late.append(version.procedure.code)
    in_force = 0
    complete = 0
    incomplete = []
    procedures = db.session.scalars(select(Procedure).where(Procedure.current_version_id.is_not(None)))
    for procedure in procedures:
        version = _version_in_force(procedure, end)
        if version is None or version.change_type == ChangeType.ABOLISHED:
            continue
        in_force += 1
        if rules.missing_components(content_of(version)):
            incomplete.append(procedure.code)
        else:
            complete += 1
    return CatalogueCompliance(start, end, decisions, on_time, in_force, complete, sorted(late), sorted(incomplete))


def _version_in_force(procedure: Procedure, day: date):
    """The latest version published by the end of `day` (local time)."""
    published = [v for v in procedure.versions if v.published_at is not None and to_local(v.published_at).date() <= day]
    return published[-1] if published else None
