"""Catalogue forms. Documents are typed one per line — fast for staff, no JavaScript needed."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileField, FileRequired
from wtforms import DateField, HiddenField, IntegerField, SelectField, SelectMultipleField, StringField, TextAreaField
from wtforms.validators import DataRequired, InputRequired, Length, NumberRange, Optional, ValidationError
from wtforms.widgets import CheckboxInput, ListWidget

from portal.core.text import fold, nfc
from portal.procedures import rules
from portal.procedures.models import ChangeType, Level, OnlineLevel

CHANNEL_LABELS = {"in_person": _l("In person at the one-stop desk"), "post": _l("By post"),
                  "online": _l("Online")}
LEVEL_LABELS = {Level.TOWN: _l("Town level"), Level.COMMUNE: _l("Ward / commune level")}
ONLINE_LABELS = {OnlineLevel.FULL: _l("Fully online (toàn trình)"), OnlineLevel.PARTIAL: _l("Partly online (một phần)"),
                 OnlineLevel.NONE: _l("Not online")}
KIND_LABELS = {"original": _l("original"), "certified_copy": _l("certified copy"), "copy": _l("copy"),
               "original_or_certified": _l("original or certified copy")}
CHANGE_LABELS = {ChangeType.NEW: _l("New (ban hành mới)"), ChangeType.AMENDED: _l("Amended / supplemented"),
                 ChangeType.REPLACED: _l("Replaced"), ChangeType.ABOLISHED: _l("Abolished")}

# Words staff may type for each kind, folded; longest first so "ban sao chung thuc" wins over "ban sao".
_KIND_WORDS = [
    ("ban chinh hoac ban sao co chung thuc", "original_or_certified"),
    ("ban chinh hoac ban sao chung thuc", "original_or_certified"), ("original or certified", "original_or_certified"),
    ("ban sao co chung thuc", "certified_copy"), ("ban sao chung thuc", "certified_copy"), ("certified copy", "certified_copy"), ("certified", "certified_copy"),
    ("ban chinh", "original"), ("original", "original"), ("ban sao", "copy"), ("ban photo", "copy"), ("copy", "copy"),
]


def parse_documents(text: str) -> tuple[list[dict], list[str]]:
    """'Name; kind; count' per line -> documents, and the lines that could not be read."""
    documents, bad = [], []
    for number, raw in enumerate((text or "").splitlines(), start=1):
        line = nfc(raw)
        if not line:
            continue
        parts = [p.strip() for p in line.split(";")]
        name = parts[0]
        kind = "original"
        if len(parts) > 1 and parts[1]:
            folded = fold(parts[1])
            kind = next((k for word, k in _KIND_WORDS if folded == word or folded.startswith(word)), None)
        count = 1
        if len(parts) > 2 and parts[2]:
            count = int(parts[2]) if parts[2].isdigit() else None
        if not name or kind is None or not count or len(parts) > 3:
            bad.append(str(number))
            continue
        documents.append({"name": name, "kind": kind, "count": count})
    return documents, bad


def format_documents(documents) -> str:
    return "\n".join(f"{d['name']}; {KIND_LABELS.get(d['kind'], d['kind'])}; {d['count']}" for d in documents or [])


class MultiCheckboxField(SelectMultipleField):
    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()


class ProcedureForm(FlaskForm):
    code = StringField(_l("Procedure code"), validators=[Length(max=60)])
    name = TextAreaField(_l("Name"), validators=[DataRequired(_l("Enter the procedure name.")), Length(max=500)])
    field_id = SelectField(_l("Field (lĩnh vực)"), coerce=int, validators=[DataRequired(_l("Choose a field."))])
    level = SelectField(_l("Level"), choices=[(k.value, v) for k, v in LEVEL_LABELS.items()])
    # Town level: the unit that handles it (required, services.check_content). Ward / commune level: none, every
    # ward and commune handles it for its own area (competence by level); a unit chosen there is not kept.
    unit_id = SelectField(_l("Handling unit"), coerce=lambda v: int(v) if str(v or "").isdigit() else 0,
                          validators=[Optional()])
    steps = TextAreaField(_l("Steps"), validators=[Length(max=20000)])
    channels = MultiCheckboxField(_l("Channels"), choices=[(k, v) for k, v in CHANNEL_LABELS.items()])
    documents = TextAreaField(_l("Required documents"))
    sets = IntegerField(_l("Number of sets"), default=1, validators=[
        InputRequired(_l("Enter the number of sets.")), NumberRange(min=1, message=_l("At least 1.")),
        NumberRange(max=rules.MAX_SETS, message=_l("At most %(max)s sets."))])
    processing_days = IntegerField(_l("Processing time (working days)"), validators=[
        InputRequired(_l("Enter the processing time as a whole number of working days (0 = same day).")),
        NumberRange(min=0, max=365, message=_l("Between 0 and 365 working days."))])
    processing_note = TextAreaField(_l("Processing time, as published"), validators=[Length(max=2000)])
    # Luật Hộ tịch 2014 Điều 5 k3, NĐ 23/2015 Điều 7: a same-day request received after 15:00 is due the next
    # working day; empty = the legal default (workdays.rules.next_day_after_15h).
    next_day_after_15h = SelectField(_l("Same-day requests received after 15:00"), choices=[
        ("", _l("As the law says (hộ tịch, chứng thực: the next working day)")),
        ("yes", _l("Due the next working day")), ("no", _l("Due the same day"))], validators=[Optional()])
    applicants = TextAreaField(_l("Who may file"), validators=[Length(max=2000)])
    result = TextAreaField(_l("Result"), validators=[Length(max=2000)])
    fee_amount = IntegerField(_l("Fee (đồng)"), validators=[Optional(), NumberRange(min=0, message=_l("The fee cannot be negative.")),
                                                             NumberRange(max=rules.MAX_FEE, message=_l("The fee is too large."))])
    fee_description = TextAreaField(_l("Fees and charges, as published"), validators=[Length(max=4000)])
    conditions = TextAreaField(_l("Requirements and conditions"), validators=[Length(max=10000)])
    legal_basis = TextAreaField(_l("Legal basis"), validators=[Length(max=10000)])
    online_level = SelectField(_l("Online service level"), choices=[(k.value, v) for k, v in ONLINE_LABELS.items()])
    old_online_level = SelectField(_l("Old online level (mức độ, before 2022)"), coerce=lambda v: int(v) if v else None,
                                   choices=[("", "—"), ("1", "1"), ("2", "2"), ("3", "3"), ("4", "4")],
                                   validators=[Optional()])
    forms = TextAreaField(_l("Forms (one per line)"), validators=[Length(max=4000)])
    edit_version = HiddenField()

    def validate_documents(self, field):
        self.parsed_documents, bad = parse_documents(field.data)
        if bad:
            raise ValidationError(_l("Lines %(lines)s could not be read. Write: name; original / certified copy / copy; number.",
                                     lines=", ".join(bad)))

    def content(self) -> dict:
        return {
            "name": self.name.data, "field_id": self.field_id.data, "level": self.level.data,
            "unit_id": self.unit_id.data or None, "steps": self.steps.data or "", "channels": self.channels.data or [],
            "documents": getattr(self, "parsed_documents", None) or parse_documents(self.documents.data)[0],
            "sets": self.sets.data, "processing_days": self.processing_days.data,
            "processing_note": self.processing_note.data or "", "applicants": self.applicants.data or "",
            "result": self.result.data or "", "fee_amount": self.fee_amount.data,
            "fee_description": self.fee_description.data or "", "conditions": self.conditions.data or "",
            "legal_basis": self.legal_basis.data or "", "online_level": self.online_level.data,
            "old_online_level": self.old_online_level.data,
            "forms": [{"name": line} for line in (self.forms.data or "").splitlines() if line.strip()],
            "next_day_after_15h": {"yes": True, "no": False}.get(self.next_day_after_15h.data),
        }

    def fill(self, content: dict) -> None:
        for key in ("name", "field_id", "unit_id", "steps", "sets", "processing_days", "processing_note", "applicants",
                    "result", "fee_amount", "fee_description", "conditions", "legal_basis"):
            getattr(self, key).data = content.get(key)
        self.level.data = content.get("level") and str(content["level"].value if hasattr(content["level"], "value") else content["level"])
        self.online_level.data = content.get("online_level") and str(getattr(content["online_level"], "value", content["online_level"]))
        self.old_online_level.data = content.get("old_online_level")
        self.channels.data = list(content.get("channels") or [])
        self.documents.data = format_documents(content.get("documents"))
        self.forms.data = "\n".join(f["name"] for f in content.get("forms") or [])
        self.next_day_after_15h.data = {True: "yes", False: "no"}.get(content.get("next_day_after_15h"), "")


class PublishForm(FlaskForm):
    decision_number = StringField(_l("Decision number"), validators=[
        DataRequired(_l("Enter the number of the publishing decision.")), Length(max=60)])
    decision_date = DateField(_l("Decision date"), validators=[DataRequired(_l("Enter a valid date."))])
    change_type = SelectField(_l("Type of change"), choices=[(k.value, v) for k, v in CHANGE_LABELS.items()
                                                              if k != ChangeType.ABOLISHED])
    changed_components = MultiCheckboxField(_l("Components changed (left empty: computed from the differences)"))


class AbolishForm(FlaskForm):
    decision_number = StringField(_l("Decision number"), validators=[
        DataRequired(_l("Enter the number of the abolishing decision.")), Length(max=60)])
    decision_date = DateField(_l("Decision date"), validators=[DataRequired(_l("Enter a valid date."))])


class ConfirmForm(FlaskForm):
    """CSRF token only."""


COMPONENT_LABELS = {
    "name": _l("Name"), "field_id": _l("Field (lĩnh vực)"), "level": _l("Level"), "unit_id": _l("Handling unit"),
    "steps": _l("Steps"), "channels": _l("Channels"), "documents": _l("Required documents"),
    "sets": _l("Number of sets"), "processing_days": _l("Processing time (working days)"),
    "processing_note": _l("Processing time, as published"), "applicants": _l("Who may file"), "result": _l("Result"),
    "fee_amount": _l("Fee (đồng)"), "fee_description": _l("Fees and charges, as published"),
    "conditions": _l("Requirements and conditions"), "legal_basis": _l("Legal basis"),
    "online_level": _l("Online service level"), "old_online_level": _l("Old online level (mức độ, before 2022)"),
    "forms": _l("Forms"),
}


class FormFileForm(FlaskForm):
    """Attach a downloadable form (mẫu đơn, tờ khai) to the draft."""

    title = StringField(_l("Form name"), validators=[DataRequired(_l("Enter the name of the form.")), Length(max=300)])
    file = FileField(_l("File (PDF, DOC, DOCX, XLS, XLSX)"), validators=[FileRequired(_l("Choose a file."))])
