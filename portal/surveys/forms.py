"""Manager forms for campaigns, questions and distribution: shape only; services decide meaning."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
    DateField,
    HiddenField,
    IntegerField,
    SelectField,
    SelectMultipleField,
    StringField,
    TextAreaField,
)
from wtforms.validators import DataRequired, InputRequired, Length, NumberRange
from wtforms.widgets import CheckboxInput, ListWidget

from portal.core.forms import strip
from portal.surveys.labels import ASPECT_LABELS, FACTOR_LABELS, OP_LABELS, TYPE_LABELS


class MultiCheckboxField(SelectMultipleField):
    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()


class CampaignForm(FlaskForm):
    title = StringField(_l("Title"), filters=[strip], validators=[DataRequired(_l("Enter a title.")), Length(max=300)])
    description = TextAreaField(_l("Description shown to citizens"), filters=[strip], validators=[Length(max=4000)])
    period_start = DateField(_l("Cases returned from"), validators=[InputRequired(_l("Enter a date."))])
    period_end = DateField(_l("Cases returned until"), validators=[InputRequired(_l("Enter a date."))])
    procedure_ids = MultiCheckboxField(_l("Services surveyed (one or two)"), coerce=int, choices=[])
    use_template = BooleanField(_l("Add the standard questions (five factors: assessment, satisfaction, expectation)"),
                                default=True)
    version = HiddenField()

    def data_for_service(self) -> dict:
        return {"title": self.title.data, "description": self.description.data, "period_start": self.period_start.data,
                "period_end": self.period_end.data, "procedure_ids": self.procedure_ids.data or []}


class QuestionForm(FlaskForm):
    text = TextAreaField(_l("Question"), filters=[strip],
                         validators=[DataRequired(_l("Enter the question.")), Length(max=1000)])
    kind = SelectField(_l("Type"), choices=list(TYPE_LABELS.items()))
    options = TextAreaField(_l("Options (one per line)"), validators=[Length(max=4000)])
    required = BooleanField(_l("An answer is required"), default=True)
    factor = SelectField(_l("SIPAS factor"), choices=[("", _l("None (own question)"))] + list(FACTOR_LABELS.items()))
    aspect = SelectField(_l("Aspect"), choices=[("", _l("None"))] + list(ASPECT_LABELS.items()))
    condition_question = SelectField(_l("Show only if the answer to"), choices=[], validate_choice=False)
    condition_op = SelectField(_l("Condition"), choices=list(OP_LABELS.items()))
    condition_value = StringField(_l("Answer"), filters=[strip], validators=[Length(max=300)])

    def data_for_service(self) -> dict:
        condition = None
        if self.condition_question.data:
            condition = {"question_id": self.condition_question.data, "op": self.condition_op.data,
                         "value": self.condition_value.data or ""}
        return {"text": self.text.data, "kind": self.kind.data, "options": (self.options.data or "").splitlines(),
                "required": self.required.data, "factor": self.factor.data, "aspect": self.aspect.data,
                "condition": condition}


class BatchForm(FlaskForm):
    label = StringField(_l("Batch label"), filters=[strip],
                        validators=[DataRequired(_l("Enter a label, for example the desk and month.")), Length(max=120)])
    count = IntegerField(_l("Number of slips"), default=40,
                         validators=[InputRequired(_l("Enter a number.")), NumberRange(1, 500)])


class SampleForm(FlaskForm):
    size = IntegerField(_l("Sample size"), default=200,
                        validators=[InputRequired(_l("Enter a number.")), NumberRange(1, 5000)])
    seed = IntegerField(_l("Random seed"), validators=[InputRequired(_l("Enter a number.")), NumberRange(0, 2**31 - 1)])


class VersionForm(FlaskForm):
    version = HiddenField()

