"""Warnings to staff: the figures the manager overview reads (sent_and_acted) and each officer's settings.
The morning run that finds, records and sends them is in morning.py. Services flush; the caller commits."""
from __future__ import annotations

from datetime import date

from flask import current_app
from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from portal.alerts import rules
from portal.alerts.models import CaseWarning, StaffWarningSettings
from portal.cases.models import Apology, Case, CaseLeg
from portal.cases.rules import ApologyKind
from portal.core import audit
from portal.core.clock import local_tz, to_local
from portal.core.db import db
from portal.core.errors import DomainError

DEFAULT_LANGUAGE = "vi"
LANGUAGES = ("vi", "en")


def sent_and_acted(start: date, end: date, unit_id: int | None) -> tuple[int, int]:
    """Warnings due on local days [start, end] (for_day), of the cases handled by `unit_id` when given, and how many
    of them were acted on (rules.acted_on, the one definition), judged from the case data as it is now."""
    stmt = (select(CaseWarning.kind, CaseWarning.created_at, Case.original_due_at, Case.finished_at,
                   Apology.issued_at, Apology.kind, CaseLeg.answered_at)
            .join(Case, Case.id == CaseWarning.case_id)
            .outerjoin(Apology, Apology.case_id == Case.id)
            .outerjoin(CaseLeg, CaseLeg.id == CaseWarning.leg_id)
            .where(CaseWarning.for_day >= start, CaseWarning.for_day <= end))
    if unit_id:
        stmt = stmt.where(Case.handling_unit_id == unit_id)
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


# ---------------------------------------------------------------- settings ("My warnings")

def default_lead_days() -> int:
    return rules.clamp_lead_days(current_app.config.get("ALERT_HANDLER_LEAD_DAYS"), 2)


def settings_of(user_id: int) -> StaffWarningSettings:
    """The officer's row, or an unsaved one with the defaults (not added to the session)."""
    row = db.session.get(StaffWarningSettings, user_id)
    if row is None:
        row = StaffWarningSettings(user_id=user_id, language=DEFAULT_LANGUAGE, handler_lead_days=default_lead_days(),
                                   handler_due=True, head_apology=True, leg_overdue=True, manager_no_apology=True)
    return row


def update_settings(user, *, language: str, handler_lead_days: int, handler_due: bool, now) -> StaffWarningSettings:
    """Save the officer's own choices (audited). Only the optional kinds can be switched off (rules.OPTIONAL)."""
    if language not in LANGUAGES:
        raise DomainError(_l("Choose Vietnamese or English."), field="language")
    if not rules.MIN_LEAD_DAYS <= int(handler_lead_days) <= rules.MAX_LEAD_DAYS:
        raise DomainError(_l("Choose between %(low)s and %(high)s working days.", low=rules.MIN_LEAD_DAYS,
                             high=rules.MAX_LEAD_DAYS), field="handler_lead_days")
    row = db.session.get(StaffWarningSettings, user.id)
    before = audit.snapshot(row, StaffWarningSettings.AUDITED) if row is not None else None
    if row is None:
        row = settings_of(user.id)
        db.session.add(row)
    row.language, row.handler_lead_days, row.handler_due = language, int(handler_lead_days), bool(handler_due)
    for kind in rules.MANDATORY:
        setattr(row, kind.value, True)
    row.updated_at = now
    db.session.flush()
    audit.record("warning_settings.update", "staff_user", user.id, before=before,
                 after=audit.snapshot(row, StaffWarningSettings.AUDITED), summary=user.email, actor=user)
    return row
