from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileField, FileRequired
from wtforms import DateField, HiddenField, IntegerField, SelectField, StringField
from wtforms.validators import DataRequired, Length, NumberRange
from wtforms.widgets import HiddenInput

from portal.workdays.labels import KIND_LABELS


class ExceptionForm(FlaskForm):
    on = DateField(_l("Date"), validators=[DataRequired(_l("Enter a valid date."))])
    kind = SelectField(_l("Kind"), choices=[(k.value, v) for k, v in KIND_LABELS.items()])
    reason = StringField(_l("Reason"), validators=[DataRequired(_l("Enter the reason (e.g. the decision number).")),
                                                   Length(max=300)])


class DeleteForm(FlaskForm):
    """Only the CSRF token: removing an exception is a POST."""


class NoticeUploadForm(FlaskForm):
    """The Government's yearly notice of days off and make-up working days, for one year."""
    year = IntegerField(widget=HiddenInput(), validators=[DataRequired(), NumberRange(2000, 2100)])
    file = FileField(_l("Notice file (XLSX or CSV)"), validators=[FileRequired(_l("Choose the notice file."))],
                     render_kw={"accept": ".xlsx,.csv"})


class NoticeConfirmForm(FlaskForm):
    """The checked rows of the preview, sent back to be checked again and applied."""
    year = IntegerField(widget=HiddenInput(), validators=[DataRequired(), NumberRange(2000, 2100)])
    rows = HiddenField(validators=[DataRequired()])
