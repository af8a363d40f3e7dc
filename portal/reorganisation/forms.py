"""The reorganisation form: kind, the units that cease, their successors (existing or one new unit), which successor
takes the open work, the effective day, the legal basis."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import HiddenField, RadioField, SelectField, SelectMultipleField, StringField, TextAreaField
from wtforms.validators import InputRequired, Length, Optional, Regexp
from wtforms.widgets import CheckboxInput, ListWidget

from portal.core.forms import DayField, strip
from portal.units.models import REORGANISATION_LABELS, UNIT_LEVEL_LABELS


class MultiCheckboxField(SelectMultipleField):
    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()

    def pre_validate(self, form):  # an unknown id is the service's refusal, beside the field
        pass


class ReorganisationForm(FlaskForm):
    kind = RadioField(_l("Kind of change"), choices=[(k.value, v) for k, v in REORGANISATION_LABELS.items()],
                      default="merge", validators=[InputRequired(_l("Choose the kind of change."))])
    predecessor_ids = MultiCheckboxField(_l("Units that cease"), coerce=int)
    successor_ids = MultiCheckboxField(_l("Existing successor units"), coerce=int)
    new_code = StringField(_l("New unit: code"), filters=[strip], validators=[
        Optional(), Length(max=40),
        Regexp(r"^[A-Za-z0-9.\-]+$", message=_l("Use letters, digits, dots and hyphens only (e.g. 000.00.12.H40)."))])
    new_name = StringField(_l("New unit: name"), filters=[strip], validators=[Length(max=200)])
    new_level = SelectField(_l("New unit: level"), choices=[(k.value, v) for k, v in UNIT_LEVEL_LABELS.items()],
                            default="commune")
    open_work_to = SelectField(_l("Successor that takes the open work"), coerce=int, validate_choice=False)
    effective_on = DayField(_l("Effective from"), validators=[InputRequired(_l("Enter the day the new arrangement takes effect."))])
    legal_basis = StringField(_l("Legal basis"), filters=[strip], validators=[Length(max=300)])
    note = TextAreaField(_l("Note"), validators=[Length(max=2000)])
    versions = HiddenField()  # "unit id:version,…" of the ceasing units as the preview showed them

    def expected_versions(self) -> dict[int, int] | None:
        pairs = [p.split(":") for p in (self.versions.data or "").split(",") if ":" in p]
        try:
            return {int(a): int(b) for a, b in pairs} if pairs else None
        except ValueError:
            return None
