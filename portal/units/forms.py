from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, HiddenField, SelectField, StringField
from wtforms.validators import DataRequired, InputRequired, Length, Regexp, ValidationError

from portal.core.forms import DayField, strip
from portal.units import case_codes
from portal.units.models import UNIT_LEVEL_LABELS
from portal.units.services import PATTERN_MESSAGES


class UnitForm(FlaskForm):
    code = StringField(_l("Code"), filters=[strip], validators=[
        DataRequired(_l("Enter the unit code.")), Length(max=40),
        Regexp(r"^[A-Za-z0-9.\-]+$", message=_l("Use letters, digits, dots and hyphens only (e.g. 000.00.12.H40)."))])
    name = StringField(_l("Name"), validators=[DataRequired(_l("Enter the unit name.")), Length(max=200)])
    level = SelectField(_l("Level"), choices=[(k.value, v) for k, v in UNIT_LEVEL_LABELS.items()])
    parent_id = SelectField(_l("Parent unit"), coerce=int)
    is_active = BooleanField(_l("Unit is active"), default=True)
    case_code_pattern = StringField(_l("Case code format"), filters=[strip], validators=[Length(max=80)])
    version = HiddenField()

    def validate_case_code_pattern(self, field) -> None:
        problem = case_codes.pattern_problem(field.data) if (field.data or "").strip() else None
        if problem:
            raise ValidationError(PATTERN_MESSAGES[problem])



class RenameForm(FlaskForm):
    """Rename from a date: documents dated before it keep the old name."""
    new_name = StringField(_l("New name"), filters=[strip], validators=[
        DataRequired(_l("Enter the new name.")), Length(max=200)])
    valid_from = DayField(_l("New name valid from"), validators=[InputRequired(_l("Enter the date the new name takes effect."))])
    version = HiddenField()
