"""Each officer's own warning settings (the "My warnings" page): language, the handler's lead, the optional
warnings switched on or off. No row: the defaults."""
from __future__ import annotations

from flask import current_app
from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from portal.alerts import rules
from portal.alerts.models import StaffWarningSettings
from portal.core import audit
from portal.core.db import db
from portal.core.errors import DomainError

DEFAULT_LANGUAGE = "vi"
LANGUAGES = ("vi", "en")


def default_lead_days() -> int:
    return rules.clamp_lead_days(current_app.config.get("ALERT_HANDLER_LEAD_DAYS"), 2)


def settings_of(user_id: int, *, load: bool = True) -> StaffWarningSettings:
    """The officer's row, or an unsaved one with the defaults (not added to the session)."""
    row = db.session.get(StaffWarningSettings, user_id) if load else None
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


def settings_for(user_ids) -> dict[int, StaffWarningSettings]:
    """Every given officer's settings (the defaults for those without a row), in one query."""
    ids = sorted(set(user_ids))
    rows = {r.user_id: r for r in db.session.scalars(select(StaffWarningSettings)
                                                     .where(StaffWarningSettings.user_id.in_(ids)))} if ids else {}
    return {i: rows.get(i) or settings_of(i, load=False) for i in ids}
