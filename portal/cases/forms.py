"""Desk and case-page forms: shape only (required, lengths, choices). The rules and services decide
whether an ID number, a phone number or a step is acceptable."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
    DateField,
    HiddenField,
    IntegerField,
    RadioField,
    SelectField,
    SelectMultipleField,
    StringField,
    TextAreaField,
    TimeField,
)
from wtforms.validators import DataRequired, InputRequired, Length, NumberRange, Optional, Regexp
from wtforms.widgets import CheckboxInput, ListWidget

from portal.cases.rules import MAX_LEG_DAYS, Action, CaseStatus, IntakeChannel, Lateness, Timing
from portal.core.forms import strip

STATUS_LABELS = {
    CaseStatus.RECEIVED: _l("Received"), CaseStatus.TRANSFERRED: _l("Transferred to the handling unit"),
    CaseStatus.IN_PROGRESS: _l("Being processed"), CaseStatus.SUPPLEMENT_REQUESTED: _l("Waiting for supplements"),
    CaseStatus.RESULT_READY: _l("Result ready at the desk"), CaseStatus.RETURNED: _l("Result returned"),
    CaseStatus.REFUSED: _l("Refused"), CaseStatus.WITHDRAWN: _l("Withdrawn by the applicant"),
}
TIMING_LABELS = {
    Timing.EARLY: _l("Early"), Timing.ON_TIME: _l("On time"), Timing.LATE: _l("Late"),
    Timing.IN_TIME: _l("In time"), Timing.DUE_SOON: _l("Due soon"), Timing.OVERDUE: _l("Overdue"),
}
# A late case stays late; what an apology changes is which kind of late case it is (DOMAIN.md §3).
LATENESS_LABELS = {Lateness.APOLOGISED: _l("Late — apologised"), Lateness.LATE_APOLOGY: _l("Late — late apology"),
                   Lateness.NO_APOLOGY: _l("Late — no apology")}
TIMING_BADGES = {Timing.EARLY: "badge-ok", Timing.ON_TIME: "badge-ok", Timing.IN_TIME: "badge-ok",
                 Timing.DUE_SOON: "badge-warn", Timing.OVERDUE: "badge-danger", Timing.LATE: "badge-danger"}
# How a file came in (rules.IntakeChannel; NĐ 61/2018 Điều 16) and whether its paper file was digitised.
CHANNEL_LABELS = {IntakeChannel.DESK.value: _l("In person at the desk"), IntakeChannel.POST.value: _l("By post"),
                  IntakeChannel.ONLINE.value: _l("Online, on the national public service portal")}
ACTION_LABELS = {
    Action.TRANSFER: _l("Transfer to the handling unit"), Action.ASSIGN: _l("Assign a handler"),
    Action.REQUEST_SUPPLEMENT: _l("Request supplements from the applicant"),
    Action.SUPPLEMENT: _l("Supplements received"), Action.FINISH: _l("Result ready (send to the desk)"),
    Action.RETURN: _l("Result returned to the applicant"), Action.REFUSE: _l("Refuse after appraisal"),
    Action.WITHDRAW: _l("Applicant withdraws the case"), Action.REOPEN: _l("Reopen the withdrawn case"),
}
EVENT_LABELS = {"receive": _l("Received at the desk"), "warning": _l("Warning to staff"), "apology": _l("Apology and new return date (Mẫu 04)"),
                "consult_reopened": _l("Consultation waiting again (withdrawal undone)"),
                "reorganise": _l("Moved to the successor unit (reorganisation)"),
                **{a.value: label for a, label in ACTION_LABELS.items()}}
SCOPE_LABELS = {
    "today": _l("Received today"), "ready": _l("Ready to return"), "mine": _l("My open cases"),
    "unit": _l("Open cases of my unit"), "unassigned": _l("Not yet assigned"), "apology": _l("Needing an apology"),
    "all": _l("All units"),
}
APPLICANT_KINDS = {"individual": _l("A person"), "organisation": _l("An organisation")}
REPRESENTATIVE_BASIS_LABELS = {"": _l("No representative"),
                               "authorisation": _l("An authorisation (giấy ủy quyền)"),
                               "legal": _l("Legal representative (đại diện theo pháp luật)")}
DELIVERY_LABELS = {"desk": _l("At the one-stop desk"), "post": _l("By post")}
# The applicant's number by kind: a person's personal ID (CCCD), an organisation's enterprise code.
APPLICANT_ID_LABELS = {"individual": _l("ID number (citizen ID)"),
                       "organisation": _l("Organisation number (mã số doanh nghiệp)")}


class MultiCheckboxField(SelectMultipleField):
    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()


class IntakeForm(FlaskForm):
    procedure = HiddenField()
    documents = MultiCheckboxField(_l("Documents submitted"), choices=[], validate_choice=False)
    applicant_name = StringField(_l("Applicant's full name"), filters=[strip],
                                 validators=[DataRequired(_l("Enter the applicant's name.")), Length(max=200)])
    applicant_id_number = StringField(_l("ID number (citizen ID) or organisation number"), filters=[strip],
                                      validators=[Length(max=20)])
    applicant_phone = StringField(_l("Phone"), filters=[strip], validators=[Length(max=20)])
    applicant_email = StringField(_l("E-mail"), filters=[strip], validators=[
        Optional(), Length(max=200), Regexp(r"^[^@\s]+@[^@\s]+\.[^@\s]+$", message=_l("Enter a valid e-mail address."))])
    applicant_address = StringField(_l("Address"), filters=[strip], validators=[Length(max=300)])
    applicant_kind = RadioField(_l("The applicant is"), default="individual", choices=list(APPLICANT_KINDS.items()),
                                validators=[Optional()])
    representative_name = StringField(_l("Representative (if any)"), filters=[strip], validators=[Length(max=200)])
    # The representative's side (TT 03/2025 Mẫu 01); intake._check_applicant asks for the basis once one is named.
    representative_id_number = StringField(_l("Representative's ID number"), filters=[strip],
                                           validators=[Length(max=20)])
    representative_basis = SelectField(_l("Acting on"), choices=list(REPRESENTATIVE_BASIS_LABELS.items()),
                                       default="", validate_choice=False)
    authorisation_number = StringField(_l("Authorisation number"), filters=[strip], validators=[Length(max=60)])
    authorisation_date = DateField(_l("Authorisation date"), validators=[Optional()])
    # A file filed on dichvucong.gov.vn keeps the code the national portal gave it (intake.receive_case decides).
    national_code = StringField(_l("Code given by the national public service portal (if filed there)"),
                                filters=[strip], validators=[Length(max=60)])
    sets = IntegerField(_l("Number of sets"), default=1,
                        validators=[InputRequired(_l("Enter the number of sets.")), NumberRange(min=1, max=99)])
    delivery = RadioField(_l("Result delivered"), default="desk", choices=list(DELIVERY_LABELS.items()))
    channel = RadioField(_l("Filed by"), default=IntakeChannel.DESK.value, choices=list(CHANNEL_LABELS.items()),
                         validators=[DataRequired(_l("Say how the file came in."))])  # the desk is checked
    digitised = BooleanField(_l("The paper file was scanned into the electronic file at intake"))
    note = TextAreaField(_l("Note for the applicant (supplement request)"), validators=[Length(max=2000)])
    reasons = TextAreaField(_l("Reasons for refusing (one per line)"), validators=[Length(max=4000)])
    # Choices: the units competent for the procedure (set by the view); the service decides (intake.handling_unit_for).
    handling_unit_id = SelectField(_l("Handling unit"), coerce=lambda v: int(v) if str(v or "").isdigit() else 0,
                                   choices=[], validate_choice=False, validators=[Optional()])

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Once the kind is chosen (a submitted form shown again), the number is labelled by it.
        if self.is_submitted() and self.applicant_kind.data in APPLICANT_ID_LABELS:
            self.applicant_id_number.label.text = APPLICANT_ID_LABELS[self.applicant_kind.data]

    def applicant(self) -> dict:
        return {"name": self.applicant_name.data, "id_number": self.applicant_id_number.data,
                "phone": self.applicant_phone.data, "email": self.applicant_email.data,
                "address": self.applicant_address.data, "representative": self.representative_name.data,
                "kind": self.applicant_kind.data or "individual",
                "representative_id_number": self.representative_id_number.data,
                "representative_basis": self.representative_basis.data or "",
                "authorisation_number": self.authorisation_number.data,
                "authorisation_date": self.authorisation_date.data}


class StepForm(FlaskForm):
    """One workflow step; `version` is the case version the officer saw (optimistic lock)."""

    version = HiddenField(validators=[DataRequired()])
    note = TextAreaField(_l("Note"), validators=[Length(max=2000)])
    handler_id = SelectField(_l("Handler"), coerce=int, choices=[], validate_choice=False, validators=[Optional()])


class ApologyForm(FlaskForm):
    version = HiddenField(validators=[DataRequired()])
    reason = TextAreaField(_l("Reason for the delay"), validators=[DataRequired(_l("Give the reason for the delay.")),
                                                                  Length(max=2000)])
    new_due_on = DateField(_l("New return date"), validators=[Optional()])  # the service asks for it on an open case
    new_due_time = TimeField(_l("Time"), default=None, validators=[Optional()])
    # The legal basis is the case's regime's (NĐ 61/2018 Điều 21 or NĐ 118/2025): the page adds case.citation.
    lost_file = BooleanField(_l("The file was lost or damaged"))


class WorklistFilterForm(FlaskForm):
    """GET filters; no CSRF (nothing changes)."""

    class Meta:
        csrf = False

    scope = HiddenField()
    q = StringField(_l("Code, applicant or phone"), filters=[strip], validators=[Length(max=100)])
    status = SelectField(_l("Status"), choices=[("", _l("Default for this list"))] +
                         [(s.value, label) for s, label in STATUS_LABELS.items()], default="")
    timing = SelectField(_l("Timing"), choices=[("", _l("Any"))] +
                         [(t.value, label) for t, label in TIMING_LABELS.items()], default="")
    unit = SelectField(_l("Unit"), coerce=str, choices=[], validate_choice=False, default="")


class LegForm(FlaskForm):
    version = HiddenField(validators=[DataRequired()])
    unit_id = SelectField(_l("Unit to consult"), coerce=int, choices=[], validate_choice=False,
                          validators=[DataRequired(_l("Choose the unit to consult."))])
    purpose = TextAreaField(_l("What is asked"), validators=[DataRequired(_l("Say what the unit is asked for.")),
                                                            Length(max=2000)])
    due_days = IntegerField(_l("Working days to answer"), default=3, validators=[
        InputRequired(_l("Give the number of working days.")),
        NumberRange(min=1, max=MAX_LEG_DAYS, message=_l("Give between %(min)s and %(max)s working days."))])


class LegAnswerForm(FlaskForm):
    answer = TextAreaField(_l("Answer"), validators=[DataRequired(_l("Write the answer.")), Length(max=4000)])
