"""Rating forms: shape only (choices are offered, services.record_rating decides what is valid)."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import RadioField, StringField, TextAreaField

from portal.core.forms import strip
from portal.satisfaction.rules import COMMENT_MAX, Agencies, Attitude, Contacts, Level, levels_of

LEVEL_LABELS = {
    Level.VERY_SATISFIED: _l("Very satisfied"),
    Level.SATISFIED: _l("Satisfied"),
    Level.NEUTRAL: _l("Neither satisfied nor dissatisfied"),
    Level.NOT_SATISFIED: _l("Not satisfied"),
    Level.VERY_NOT_SATISFIED: _l("Very dissatisfied"),
}
CONTACT_LABELS = {Contacts.NONE: _l("None: the file was complete the first time"), Contacts.ONCE: _l("Once"),
                  Contacts.MORE: _l("Twice or more")}
AGENCY_LABELS = {Agencies.NONE: _l("None: nobody had to be contacted to complete the file"),  # TT 01/2018 Điều 13 k4
                 Agencies.DESK: _l("Only the one-stop desk"), Agencies.MORE: _l("More than one agency")}
ATTITUDE_LABELS = {Attitude.GOOD: _l("Polite and helpful"), Attitude.INDIFFERENT: _l("Not helpful"),
                   Attitude.HARASSING: _l("Caused trouble or asked for money")}


def newlines(value):
    return value.replace("\r\n", "\n").replace("\r", "\n") if isinstance(value, str) else value


class _Answers(FlaskForm):
    """The questions, in the order of TT 01/2018 (overall level first)."""
    level = RadioField(_l("Overall, how satisfied are you with how your case was handled?"), choices=[],
                       validate_choice=False)
    contacts = RadioField(_l("How many times did you have to come back to complete your file?"),
                          choices=[(str(c.value), label) for c, label in CONTACT_LABELS.items()], validate_choice=False)
    agencies = RadioField(_l("How many agencies did you have to contact to complete your file?"),
                          choices=[(str(a.value), label) for a, label in AGENCY_LABELS.items()], validate_choice=False)
    attitude = RadioField(_l("How did the staff treat you?"),
                          choices=[(a.value, label) for a, label in ATTITUDE_LABELS.items()], validate_choice=False)
    comment = TextAreaField(_l("Comment (optional)"), filters=[newlines])

    def set_scale(self, scale: int):
        self.level.choices = [(level.value, LEVEL_LABELS[level]) for level in levels_of(scale)]
        return self

    def answers(self) -> dict:
        return {name: self[name].data for name in ("level", "contacts", "agencies", "attitude", "comment")}


class OnlineRatingForm(_Answers):
    code = StringField(_l("Case code"), filters=[strip])
    access = StringField(_l("Access code"), filters=[strip])


class PaperRatingForm(_Answers):
    code = StringField(_l("Case code on the slip"), filters=[strip])


class TabletRatingForm(_Answers):
    """Level and attitude only: contacts and agencies come from the case record (services)."""


class TabletPickForm(FlaskForm):
    class Meta:
        csrf = False

    code = StringField(_l("Case code"), filters=[strip])


COMMENT_LIMIT = COMMENT_MAX
