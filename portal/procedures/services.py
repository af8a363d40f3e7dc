"""Catalogue commands: fields, drafts, publishing and versions, form files. Read-only queries (search,
public pages, lists) are in queries.py. Services flush and audit; views commit."""
from __future__ import annotations

from datetime import date, datetime

from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select

from portal.core import audit
from portal.core.db import db
from portal.core.errors import Conflict, DomainError
from portal.core.text import fold, nfc, sort_string
from portal.procedures import rules
from portal.procedures.models import ChangeType, Procedure, ProcedureField, ProcedureVersion, PublicStatus, VersionState

PROBLEM_MESSAGES = {
    "required": _l("This field is required."),
    "days_integer": _l("The processing time must be a whole number of working days."),
    "days_negative": _l("The processing time cannot be negative."),
    "days_too_large": _l("The processing time cannot exceed 365 working days."),
    "fee_invalid": _l("The fee must be a whole, non-negative number of đồng."),
    "sets_invalid": _l("The number of sets must be between 1 and 99."),
    "channel_unknown": _l("Unknown channel."),
    "document_name": _l("Document %(n)s has no name."),
    "document_kind": _l("Document %(n)s: choose original, certified copy or copy."),
    "document_count": _l("Document %(n)s: the number of copies must be at least 1."),
    "online_unknown": _l("Unknown online service level."),
    "old_online_range": _l("The old online level must be between 1 and 4."),
    "too_long": _l("This text is too long (at most %(n)s characters)."),
    "code_taken": _l("Another procedure already uses this code."),
    "code_required": _l("Enter the procedure code."),
}


class ContentInvalid(DomainError):
    """Several problems at once, each tied to its field."""

    def __init__(self, problems: list[rules.Problem]):
        self.problems = problems
        first = problems[0]
        super().__init__(problem_message(first), field=first.field)


def problem_message(problem: rules.Problem) -> str:
    return str(PROBLEM_MESSAGES[problem.code]) % {"n": problem.detail} if "%(n)s" in str(
        PROBLEM_MESSAGES[problem.code]) else str(PROBLEM_MESSAGES[problem.code])


# ---------------------------------------------------------------- fields (lĩnh vực)

def all_fields() -> list[ProcedureField]:
    from portal.core.text import sort_key

    return sorted(db.session.scalars(select(ProcedureField)), key=lambda f: sort_key(f.name))


def ensure_field(code: str, name: str) -> ProcedureField:
    field = db.session.scalar(select(ProcedureField).where(ProcedureField.code == code))
    if field is None:
        field = ProcedureField(code=code, name=nfc(name))
        db.session.add(field)
        db.session.flush()
    return field


# ---------------------------------------------------------------- content

def content_of(version: ProcedureVersion) -> dict:
    return {name: getattr(version, name) for name in rules.CONTENT_FIELDS}


def editable_of(version: ProcedureVersion) -> dict:
    """What a draft carries: the published components and the settings beside them (the 15:00 rule)."""
    return {**content_of(version), "next_day_after_15h": version.next_day_after_15h}


def clean_content(content: dict) -> dict:
    """NFC text, trimmed lists; enum values as plain strings."""
    cleaned = {}
    for key, value in content.items():
        if isinstance(value, str):
            value = nfc(value) if key not in ("steps", "conditions", "legal_basis", "fee_description",
                                              "processing_note", "applicants", "result") else _nfc_lines(value)
        elif key == "documents":
            value = [{"name": nfc(d.get("name")), "kind": d.get("kind"), "count": d.get("count"),
                      **({"form_file_id": d["form_file_id"]} if d.get("form_file_id") else {})} for d in value or []]
        elif key == "forms":
            value = [{"name": nfc(f.get("name")), **({"form_file_id": f["form_file_id"]} if f.get("form_file_id") else {})}
                     for f in value or [] if nfc(f.get("name"))]
        cleaned[key] = value
    if rules.is_commune_level(cleaned.get("level")):
        cleaned["unit_id"] = None  # competence is the level: every ward and commune, none named
    return cleaned


def _nfc_lines(value: str) -> str:
    import unicodedata

    lines = [" ".join(line.split()) for line in unicodedata.normalize("NFC", value).replace("\r\n", "\n").split("\n")]
    return "\n".join(lines).strip()


def _check(content: dict) -> None:
    problems = rules.check_content(content)
    if problems:
        raise ContentInvalid(problems)


def get_by_code(code: str) -> Procedure | None:
    return db.session.scalar(select(Procedure).where(func.upper(Procedure.code) == code.strip().upper()))


# ---------------------------------------------------------------- commands

def create_procedure(code: str, content: dict, actor=None) -> ProcedureVersion:
    """A new procedure with its first draft version."""
    code = (code or "").strip()
    if not code:
        raise ContentInvalid([rules.Problem("code", "code_required")])
    if get_by_code(code):
        raise ContentInvalid([rules.Problem("code", "code_taken")])
    content = clean_content(content)
    _check(content)
    procedure = Procedure(code=code, name=content["name"], sort_name=sort_string(content["name"]))
    db.session.add(procedure)
    version = ProcedureVersion(procedure=procedure, number=1, state=VersionState.DRAFT,
                               created_by_id=getattr(actor, "id", None), **content)
    db.session.add(version)
    db.session.flush()
    audit.record("procedure.create", "procedure", procedure.id, after={"code": code, **_audit_view(content)},
                 summary=f"{code} {content['name']}"[:500], actor=actor)
    return version


def open_draft(procedure: Procedure, actor=None) -> ProcedureVersion:
    """The procedure's open draft, or a new one copied from the current version."""
    draft = next((v for v in procedure.versions if v.state == VersionState.DRAFT), None)
    if draft is not None:
        return draft
    base = procedure.current_version
    content = editable_of(base) if base else {}
    draft = ProcedureVersion(procedure=procedure, number=len(procedure.versions) + 1, state=VersionState.DRAFT,
                             created_by_id=getattr(actor, "id", None), **content)
    db.session.add(draft)
    db.session.flush()
    audit.record("procedure.draft", "procedure", procedure.id, summary=f"{procedure.code} v{draft.number}", actor=actor)
    return draft


def update_draft(version: ProcedureVersion, content: dict, expected_edit_version: int, actor=None) -> ProcedureVersion:
    if version.state != VersionState.DRAFT:
        raise DomainError(_l("Only a draft can be edited; published versions are kept as they were."))
    if version.edit_version != expected_edit_version:
        raise Conflict(_l("This draft was changed by someone else while you were editing. Your changes were not saved; review the current draft and try again."))
    content = clean_content(content)
    _check(content)
    before = content_of(version)
    for key, value in content.items():
        setattr(version, key, value)
    db.session.flush()
    audit.record("procedure.edit_draft", "procedure", version.procedure_id, before=_audit_view(before),
                 after=_audit_view(content_of(version)), summary=f"{version.procedure.code} v{version.number}", actor=actor)
    return version


def publish_version(version: ProcedureVersion, *, decision_number: str, decision_date: date, change_type: ChangeType,
                    changed_components: list[str] | None, now: datetime, actor=None) -> ProcedureVersion:
    """Make a draft the current public version, recording the publishing decision."""
    if version.state != VersionState.DRAFT:
        raise DomainError(_l("This version has already been published."))
    procedure = version.procedure
    change_type = ChangeType(change_type)
    previous = procedure.current_version
    if previous is None and change_type != ChangeType.NEW:
        raise DomainError(_l("The first publication of a procedure must be of type “new”."), field="change_type")
    if previous is not None and change_type == ChangeType.NEW:
        raise DomainError(_l("This procedure is already published: choose amended, replaced or abolished."),
                          field="change_type")
    if procedure.status == PublicStatus.ABOLISHED:
        raise DomainError(_l("An abolished procedure cannot be published again; create a new procedure."))
    _check(content_of(version))
    changed = list(changed_components or [])
    if previous is not None and change_type in (ChangeType.AMENDED, ChangeType.REPLACED) and not changed:
        changed = [name for name, _old, _new in rules.diff(content_of(previous), content_of(version))]
    version.decision_number = nfc(decision_number)
    version.decision_date = decision_date
    version.change_type = change_type
    version.changed_components = changed
    version.state = VersionState.PUBLISHED
    version.published_at = now
    version.published_by_id = getattr(actor, "id", None)
    if previous is not None:
        previous.state = VersionState.SUPERSEDED
    _refresh_cache(procedure, version, now)
    db.session.flush()
    audit.record("procedure.publish", "procedure", procedure.id,
                 before={"version": previous.number if previous else None},
                 after={"version": version.number, "decision": version.decision_number,
                        "change_type": change_type.value, "changed": changed},
                 summary=f"{procedure.code} v{version.number}", actor=actor)
    return version


def abolish(procedure: Procedure, *, decision_number: str, decision_date: date, now: datetime, actor=None):
    """Bãi bỏ: a last version, same content, that marks the procedure abolished."""
    if procedure.current_version is None:
        raise DomainError(_l("Only a published procedure can be abolished."))
    if not rules.may_abolish(procedure.status, published=True):
        raise DomainError(_l("This procedure is already abolished."))
    for draft in [v for v in procedure.versions if v.state == VersionState.DRAFT]:
        db.session.delete(draft)
    db.session.flush()
    db.session.refresh(procedure)
    version = open_draft(procedure, actor)
    return publish_version(version, decision_number=decision_number, decision_date=decision_date,
                           change_type=ChangeType.ABOLISHED, changed_components=[], now=now, actor=actor)


def attach_form_file(procedure: Procedure, title: str, filename: str, data: bytes, actor=None) -> ProcedureVersion:
    """Store a form file and list it on the procedure's draft (opened if needed)."""
    from portal.procedures import files

    stored = files.store_form_file(procedure.id, filename, data, actor=actor)
    draft = open_draft(procedure, actor)
    draft.forms = [f for f in draft.forms or [] if f.get("name") != nfc(title)] + [
        {"name": nfc(title), "form_file_id": stored.id}]
    db.session.flush()
    audit.record("procedure.attach_form", "procedure", procedure.id,
                 after={"form": nfc(title), "file": stored.original_name, "sha256": stored.sha256, "size": stored.size},
                 summary=f"{procedure.code} v{draft.number}", actor=actor)
    return draft


def discard_draft(version: ProcedureVersion, actor=None) -> None:
    if version.state != VersionState.DRAFT:
        raise DomainError(_l("Only a draft can be discarded."))
    procedure = version.procedure
    if not rules.may_discard_draft(published=procedure.current_version is not None):
        raise DomainError(_l("The first draft of a procedure cannot be discarded; it has never been published."))
    audit.record("procedure.discard_draft", "procedure", procedure.id, before=_audit_view(content_of(version)),
                 summary=f"{procedure.code} v{version.number}", actor=actor)
    db.session.delete(version)
    db.session.flush()


def _refresh_cache(procedure: Procedure, version: ProcedureVersion, now: datetime) -> None:
    field = db.session.get(ProcedureField, version.field_id)
    procedure.current_version = version
    procedure.status = rules.public_status(version.change_type)
    procedure.name = version.name
    procedure.sort_name = sort_string(version.name)
    # name|code|field, folded: search matches any part, ranking reads the first two.
    procedure.search_text = "|".join([fold(version.name), fold(procedure.code), fold(field.name if field else "")])
    procedure.field_id = version.field_id
    procedure.level = version.level
    procedure.unit_id = version.unit_id
    procedure.online_level = version.online_level
    procedure.processing_days = version.processing_days
    procedure.changed_at = now


def _audit_view(content: dict) -> dict:
    view = dict(content)
    view["documents"] = [d.get("name") for d in content.get("documents") or []]
    return view

