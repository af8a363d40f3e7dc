"""Staff forms: intake of feedback from other channels and one workflow step."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, HiddenField, SelectField, StringField, TextAreaField
from wtforms.validators import DataRequired, Optional

from portal.feedback.forms import FeedbackForm
from portal.feedback.labels import REJECTION_LABELS
from portal.feedback.vocabulary import Action, Channel, FeedbackStatus, Subject, Timing

CHANNEL_LABELS = {Channel.WEB: _l("Web form"), Channel.LETTER: _l("Letter"), Channel.PHONE: _l("Phone (transcribed)"),
                  Channel.EMAIL: _l("E-mail"), Channel.SURVEY: _l("Survey form")}
SUBJECT_LABELS = {Subject.REGULATION: _l("About regulations or procedures"),
                  Subject.BEHAVIOUR: _l("About the behaviour of an agency or official")}
STATUS_LABELS = {
    FeedbackStatus.NEW: _l("New"), FeedbackStatus.ACCEPTED: _l("Accepted"), FeedbackStatus.REJECTED: _l("Rejected"),
    FeedbackStatus.TRANSFERRED: _l("Transferred to another body"), FeedbackStatus.ASSIGNED: _l("Assigned"),
    FeedbackStatus.SUPPLEMENT_REQUESTED: _l("Waiting for supplements"),
    FeedbackStatus.SUPPLEMENTED: _l("Supplemented"), FeedbackStatus.ANSWER_DRAFTED: _l("Answer drafted"),
    FeedbackStatus.ANSWER_APPROVED: _l("Answer approved"), FeedbackStatus.PUBLISHED: _l("Published"),
    FeedbackStatus.ANSWERED_PRIVATELY: _l("Answered privately"), FeedbackStatus.CLOSED: _l("Closed"),
    FeedbackStatus.MERGED: _l("Merged into another feedback"),
}
ACTION_LABELS = {
    Action.ACCEPT: _l("Accept for handling"), Action.REJECT: _l("Reject (with the reason)"),
    Action.TRANSFER: _l("Transfer to the competent body"), Action.ASSIGN: _l("Assign a unit and handler"),
    Action.REQUEST_SUPPLEMENT: _l("Ask the submitter for more information"),
    Action.SUPPLEMENT: _l("Record the information received"), Action.DRAFT_ANSWER: _l("Draft the answer"),
    Action.APPROVE_ANSWER: _l("Approve the answer"), Action.RETURN_DRAFT: _l("Send the draft back"),
    Action.PUBLISH: _l("Publish the answer"), Action.ANSWER_PRIVATELY: _l("Answer privately (not published)"),
    Action.CLOSE: _l("Close"), Action.MERGE: _l("Merge into another feedback on the same matter"),
}
MERGE_REASONS = {"text": _l("similar words"), "place": _l("same place"), "procedure_code": _l("same procedure"),
                 "case_code": _l("same case")}


class StaffIntakeForm(FeedbackForm):
    names_controller = False
    channel = SelectField(_l("Received by"), choices=[(c.value, label) for c, label in CHANNEL_LABELS.items()
                                                        if c != Channel.WEB], validators=[DataRequired()])
    consent = BooleanField(_l("The submitter agreed to the processing of their personal data for this feedback "
                              "(in writing or, on the phone, orally)."), default=False,
                           validators=[DataRequired(_l("Record the submitter's consent; without it the feedback "
                                                       "cannot be registered."))])


class StepForm(FlaskForm):
    version = HiddenField()
    note = TextAreaField(_l("Note"))
    subject = SelectField(_l("Classification"), choices=[("", "—")] + [(s.value, label) for s, label in SUBJECT_LABELS.items()],
                          validators=[Optional()])
    unit_id = SelectField(_l("Unit"), coerce=int, choices=[], validate_choice=False, validators=[Optional()])
    handler_id = SelectField(_l("Handler"), coerce=int, choices=[], validate_choice=False, validators=[Optional()])
    answer = TextAreaField(_l("Answer"))
    rejection_code = SelectField(_l("Reason for rejection"),
                                 choices=[("", "—")] + [(r.value, label) for r, label in REJECTION_LABELS.items()],
                                 validators=[Optional()])
    primary_code = StringField(_l("Tracking code of the feedback to merge into"), validators=[Optional()],
                               render_kw={"spellcheck": "false", "autocapitalize": "characters",
                                          "placeholder": "PA-2611-000123"})
    public_question = TextAreaField(_l("Published question (personal data removed)"))
    public_answer = TextAreaField(_l("Published answer (personal data removed)"))
TIMING_LABELS = {Timing.ON_TIME: _l("On time"), Timing.LATE: _l("Late"), Timing.IN_TIME: _l("In time"),
                 Timing.DUE_SOON: _l("Due soon"), Timing.OVERDUE: _l("Overdue")}
TIMING_BADGES = {Timing.ON_TIME: "badge-ok", Timing.IN_TIME: "badge-ok", Timing.DUE_SOON: "badge-warn",
                 Timing.OVERDUE: "badge-danger", Timing.LATE: "badge-danger"}
