from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, HiddenField, SelectField, StringField
from wtforms.validators import DataRequired, Length, Regexp

from portal.core.forms import strip
from portal.units.models import UNIT_LEVEL_LABELS


class UnitForm(FlaskForm):
    code = StringField(_l("Code"), filters=[strip], validators=[
        DataRequired(_l("Enter the unit code.")), Length(max=40),
        Regexp(r"^[A-Za-z0-9.\-]+$", message=_l("Use letters, digits, dots and hyphens only (e.g. 000.00.12.H40)."))])
    name = StringField(_l("Name"), validators=[DataRequired(_l("Enter the unit name.")), Length(max=200)])
    level = SelectField(_l("Level"), choices=[(k.value, v) for k, v in UNIT_LEVEL_LABELS.items()])
    parent_id = SelectField(_l("Parent unit"), coerce=int)
    is_active = BooleanField(_l("Unit is active"), default=True)
    version = HiddenField()
