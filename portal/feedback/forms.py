"""Feedback forms: shape only. The services decide what is acceptable."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
    FloatField,
    HiddenField,
    MultipleFileField,
    RadioField,
    SelectField,
    StringField,
    TextAreaField,
)
from wtforms.validators import DataRequired, Email, Length, NumberRange, Optional
from wtforms.widgets import TextInput

from portal.core.clock import today_local
from portal.core.forms import strip
from portal.feedback.labels import CATEGORY_LABELS, KIND_LABELS
from portal.feedback.rules import CONTENT_MAX, TITLE_MAX
from portal.feedback.topics import topic_choices
from portal.feedback.vocabulary import Satisfaction, SubmitterKind
from portal.units.organisation import profile_on

SUBMITTER_LABELS = {SubmitterKind.INDIVIDUAL: _l("A person"), SubmitterKind.ORGANISATION: _l("An organisation")}
# The consent names the controller in office the day it is given (Luật Bảo vệ dữ liệu cá nhân 91/2025/QH15 and NĐ
# 356/2025/NĐ-CP, which replaced NĐ 13/2023 — DOMAIN.md: consent specific per purpose; the subject must know who
# processes the data): the committee of today's organisation profile, never the abolished town (§7a).
CONSENT_TEXT = _l("I agree that %(committee)s processes the personal data above (name, address, phone, e-mail) only "
                  "to receive, handle and answer this feedback, and keeps it as the law on records requires.")
CONSENT_MISSING = _l("We can only receive your feedback if you agree to the processing of your personal data for "
                     "this purpose.")
REQUIRED = _l("This field is required.")


def newlines(value):
    """WTForms filter: browsers send line breaks as CR LF; count and keep the text as stored (LF), so the
    length limit means the same on the form and in submission._check."""
    return value.replace("\r\n", "\n").replace("\r", "\n") if isinstance(value, str) else value


class CoordinateField(FloatField):
    """A latitude or longitude typed as text (a decimal comma accepted, the typed text kept on a refusal);
    the location script fills it from the phone's position or the map."""
    widget = TextInput()

    def __init__(self, label=None, validators=None, **kwargs):
        kwargs.setdefault("render_kw", {"inputmode": "decimal", "autocomplete": "off", "spellcheck": "false"})
        super().__init__(label, validators, **kwargs)

    def process_formdata(self, valuelist):
        if valuelist and valuelist[0].strip():
            try:
                self.data = float(valuelist[0].strip().replace(",", "."))
            except ValueError:
                self.data = None
                raise ValueError(_l("Enter a number in degrees, e.g. 11.996512.")) from None
        else:
            self.data = None


class FeedbackForm(FlaskForm):
    kind = RadioField(_l("Type"), choices=[(k.value, label) for k, label in KIND_LABELS.items()],
                      validators=[DataRequired(REQUIRED)])
    # a topic (topics.py) gives the category: required without one, which the service checks (submission._check)
    topic_id = SelectField(_l("Topic (optional)"), coerce=int, choices=[], validate_choice=False,
                           validators=[Optional()])
    category = SelectField(_l("Category"), choices=[("", _l("— choose —"))] +
                           [(c.value, label) for c, label in CATEGORY_LABELS.items()],
                           validators=[Optional()])
    title = StringField(_l("Title"), filters=[strip], validators=[DataRequired(REQUIRED), Length(max=TITLE_MAX)])
    content = TextAreaField(_l("Content"), filters=[newlines],
                            validators=[DataRequired(REQUIRED), Length(max=CONTENT_MAX)])
    procedure_code = StringField(_l("Procedure code (optional)"), filters=[strip], validators=[Length(max=60)])
    case_code = StringField(_l("Case code (optional)"), filters=[strip], validators=[Length(max=60)])
    place = StringField(_l("Place (optional)"), filters=[strip], validators=[Length(max=300)])
    latitude = CoordinateField(_l("Latitude (optional)"), validators=[Optional(), NumberRange(-90, 90)])
    longitude = CoordinateField(_l("Longitude (optional)"), validators=[Optional(), NumberRange(-180, 180)])
    attachments = MultipleFileField(_l("Attachments (optional)"))
    submitter_kind = RadioField(_l("You write as"), default=SubmitterKind.INDIVIDUAL.value,
                                choices=[(k.value, label) for k, label in SUBMITTER_LABELS.items()],
                                validators=[DataRequired(REQUIRED)])
    submitter_name = StringField(_l("Full name (or organisation name)"), filters=[strip],
                                 validators=[DataRequired(REQUIRED), Length(max=200)])
    submitter_address = StringField(_l("Address"), filters=[strip],
                                    validators=[DataRequired(REQUIRED), Length(max=300)])
    submitter_phone = StringField(_l("Phone"), filters=[strip], validators=[Length(max=20)])
    submitter_email = StringField(_l("E-mail"), filters=[strip],
                                  validators=[Optional(), Email(_l("Enter a valid e-mail address.")), Length(max=200)])
    consent = BooleanField(CONSENT_TEXT, default=False, validators=[DataRequired(CONSENT_MISSING)])
    publish_allowed = BooleanField(_l("The answer may be published on the portal (without my personal data)."),
                                   default=False)
    submit_token = HiddenField()
    website = StringField(_l("Leave this field empty"))  # honeypot: hidden from people, filled by bots
    names_controller = True  # the consent label names today's committee (the staff form records consent in its words)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.topic_id.choices = topic_choices()
        if self.names_controller:  # a plain str: the admin-entered name is escaped where the label is rendered
            self.consent.label.text = CONSENT_TEXT % {"committee": profile_on(today_local()).committee_name}

    def data_for_service(self) -> dict:
        skip = {"csrf_token", "website", "attachments"}
        return {name: field.data for name, field in self._fields.items() if name not in skip}


class TrackForm(FlaskForm):
    class Meta:
        csrf = False

    code = StringField(_l("Tracking code"), filters=[strip])
    access = StringField(_l("Access code"), filters=[strip])


class SatisfactionForm(FlaskForm):
    code = HiddenField()
    access = HiddenField()
    value = RadioField(_l("Are you satisfied with the answer?"),
                       choices=[(Satisfaction.SATISFIED.value, _l("Satisfied")),
                                (Satisfaction.NOT_SATISFIED.value, _l("Not satisfied"))],
                       validators=[DataRequired(REQUIRED)])


class SupplementForm(FlaskForm):
    code = HiddenField()
    access = HiddenField()
    supplement = TextAreaField(_l("The information you add"),
                               validators=[DataRequired(REQUIRED), Length(max=CONTENT_MAX)])
