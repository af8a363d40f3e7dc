"""The "My warnings" form: shape only (the service checks the meaning)."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, RadioField, SelectField
from wtforms.validators import InputRequired

from portal.alerts.rules import MAX_LEAD_DAYS, MIN_LEAD_DAYS

LANGUAGE_LABELS = {"vi": _l("Vietnamese"), "en": _l("English")}


class WarningSettingsForm(FlaskForm):
    language = RadioField(_l("Language of my warnings"), choices=list(LANGUAGE_LABELS.items()),
                          validators=[InputRequired(_l("Choose Vietnamese or English."))])
    handler_lead_days = SelectField(_l("Warn me about my cases this many working days before the due date"),
                                    coerce=int, choices=[(n, str(n)) for n in range(MIN_LEAD_DAYS, MAX_LEAD_DAYS + 1)],
                                    validators=[InputRequired(_l("Choose between %(low)s and %(high)s working days.",
                                                                 low=MIN_LEAD_DAYS, high=MAX_LEAD_DAYS))])
    handler_due = BooleanField(_l("Warn me before my cases fall due"))

KIND_LABELS = {
    "handler_due": _l("Due soon"),
    "head_apology": _l("Last day to apologise in time"),
    "leg_overdue": _l("Consultation overdue"),
    "manager_no_apology": _l("Late without an apology"),
}
# Why a warning cannot be switched off (rules.MANDATORY), as the settings page says it.
MANDATORY_TEXTS = {
    "head_apology": _l("To the head of the handling unit, on the last day an apology can still be issued in time "
                       "(NĐ 61/2018 Điều 19 k9)."),
    "leg_overdue": _l("To the head of the receiving desk, when a consultation is past its deadline "
                      "(NĐ 61/2018 Điều 19 k5)."),
    "manager_no_apology": _l("To the managers, for cases past the legal due date without an apology."),
}
