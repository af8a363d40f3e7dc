"""Warnings to staff, as the rest of the portal calls them: the morning run (run_warnings, in morning.py), each
officer's settings (settings.py) and the figures the manager overview reads (sent_and_acted). Services flush; the
caller commits."""
from __future__ import annotations

from datetime import date

from sqlalchemy import select

from portal.alerts import rules
from portal.alerts.models import CaseWarning
from portal.alerts.morning import WarningReport, run_warnings  # noqa: F401  (the services' names)
from portal.alerts.settings import settings_of, update_settings  # noqa: F401
from portal.cases.models import Apology, Case, CaseLeg
from portal.cases.rules import ApologyKind
from portal.core.clock import local_tz, to_local
from portal.core.db import db
from portal.units import scope


def sent_and_acted(start: date, end: date, unit_id: int | None, units: str = scope.AS_WAS) -> tuple[int, int]:
    """Warnings due on local days [start, end] (for_day), of the cases handled by `unit_id` when given (with
    `units="as_is"` also by the units it carries on, portal.units.scope, as the case figures beside it), and how many
    of them were acted on (rules.acted_on, the one definition), judged from the case data as it is now."""
    stmt = (select(CaseWarning.kind, CaseWarning.created_at, Case.original_due_at, Case.finished_at,
                   Apology.issued_at, Apology.kind, CaseLeg.answered_at)
            .join(Case, Case.id == CaseWarning.case_id)
            .outerjoin(Apology, Apology.case_id == Case.id)
            .outerjoin(CaseLeg, CaseLeg.id == CaseWarning.leg_id)
            .where(CaseWarning.for_day >= start, CaseWarning.for_day <= end))
    covered = scope.unit_filter(unit_id, units)
    if covered:
        stmt = stmt.where(Case.handling_unit_id.in_(sorted(covered)))
    tz = local_tz()
    sent = acted = 0
    for kind, warned_at, due_at, finished_at, apology_at, apology_kind, answered_at in db.session.execute(stmt):
        sent += 1
        outcome = rules.WarningOutcome(kind=kind, warned_at=warned_at, due_day=to_local(due_at).date(),
                                       finished_at=finished_at, apology_at=apology_at,
                                       apology_in_time=apology_kind == ApologyKind.IN_TIME,
                                       leg_answered_at=answered_at)
        acted += rules.acted_on(outcome, tz)
    return sent, acted
