from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import DateField, SelectField, StringField
from wtforms.validators import DataRequired, Length

from portal.workdays.labels import KIND_LABELS


class ExceptionForm(FlaskForm):
    on = DateField(_l("Date"), validators=[DataRequired(_l("Enter a valid date."))])
    kind = SelectField(_l("Kind"), choices=[(k.value, v) for k, v in KIND_LABELS.items()])
    reason = StringField(_l("Reason"), validators=[DataRequired(_l("Enter the reason (e.g. the decision number).")),
                                                   Length(max=300)])


class DeleteForm(FlaskForm):
    """Only the CSRF token: removing an exception is a POST."""
