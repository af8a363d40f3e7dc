"""Intake at the one-stop desk: registering a complete case (daily number, access code, due date,
the receipt's data, Mẫu 01) and the slips issued instead of accepting (Mẫu 02 supplement request,
Mẫu 03 refusal). Services flush and audit; views commit.
"""
from __future__ import annotations

from datetime import UTC, date, datetime

from flask import current_app
from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from portal.cases import rules
from portal.cases.models import Case, CaseCounter, CaseRegisterCounter, IntakeSlip
from portal.cases.rules import CaseStatus
from portal.cases.services import add_event
from portal.core import access_codes, audit
from portal.core.clock import to_local
from portal.core.db import db
from portal.core.errors import DomainError
from portal.core.text import nfc
from portal.procedures import rules as procedure_rules
from portal.procedures.competence import competent_unit_ids
from portal.procedures.models import Procedure, PublicStatus
from portal.units import case_codes
from portal.workdays.rules import CountingRule, next_day_after_15h
from portal.workdays.services import calendar_for, due_settings


def allocate_number(unit_id: int, day) -> int:
    """Next daily number for a unit, inside the caller's transaction: the row lock (PostgreSQL) or
    the write lock (SQLite) is held until commit, so numbers are unique and a rollback leaves no gap."""
    return _next_number(CaseCounter, unit_id=unit_id, day=day)


def peek_number(unit_id: int, day) -> int:
    """The daily number the unit's next case of `day` would get (read only: the preview on the unit form)."""
    last = db.session.scalar(select(CaseCounter.last_number).where(CaseCounter.unit_id == unit_id,
                                                                   CaseCounter.day == day))
    return (last or 0) + 1


def issue_code(unit, day) -> str:
    """The next local case code of `unit` for the receipt `day` (local date): the daily number from CaseCounter
    (in the caller's transaction, gap-free, at least 4 digits and growing past 9,999) in the unit's own pattern,
    else the format in force on `day` (portal.units.case_codes: TT 01/2018 Điều 19, TT 03/2025 Điều 13)."""
    return rules.case_code(unit.code, day, allocate_number(unit.id, day), unit.case_code_pattern)


# Why a code typed as the national portal's is refused (units.case_codes.national_code_problem).
NATIONAL_CODE_MESSAGES = {
    "shape": _l("This is not a case code of the national public service portal, e.g. "
                "000.00.12.H40-250701-0001 or M40.123.01-260125-AB0001."),
    "future": _l("The date in this code is after today: check the code on the national portal's receipt."),
    "taken": _l("A case with this code is already registered."),
}


def _national_code(code: str, received_day) -> str:
    """The code dichvucong.gov.vn gave a file filed there, checked: its shape, its date, not yet registered."""
    code = rules.normalize_code(code)
    problem = case_codes.national_code_problem(code, received_day)
    if problem is None and db.session.scalar(select(Case.id).where(Case.code == code)) is not None:
        problem = "taken"
    if problem:
        raise DomainError(NATIONAL_CODE_MESSAGES[problem], field="national_code")
    return code


def allocate_register_number(unit_id: int, year: int) -> int:
    """Next number in the receiving desk's Sổ theo dõi hồ sơ of `year` (TT 01/2018 Điều 10: from 01 in each
    book), in the caller's transaction under the same lock as the daily number: no gap, no duplicate."""
    return _next_number(CaseRegisterCounter, unit_id=unit_id, year=year)


def _next_number(counter, **key) -> int:
    """One upsert that starts `counter`'s row for `key` at 1 or adds one, and returns the number."""
    if db.session.get_bind().dialect.name == "postgresql":
        from sqlalchemy.dialects.postgresql import insert
    else:
        from sqlalchemy.dialects.sqlite import insert
    stmt = insert(counter).values(**key, last_number=1)
    stmt = stmt.on_conflict_do_update(index_elements=[getattr(counter, name) for name in key],
                                      set_={"last_number": counter.last_number + 1})
    return db.session.execute(stmt.returning(counter.last_number)).scalar_one()


def _check_applicant(applicant: dict, received_on: date | None = None) -> None:
    if not nfc(applicant.get("name")):
        raise DomainError(_l("Enter the applicant's name."), field="applicant_name")
    id_number = (applicant.get("id_number") or "").strip()
    if applicant.get("kind") == "organisation":
        if id_number and not rules.is_valid_enterprise_code(id_number):
            raise DomainError(_l("An organisation's number (mã số doanh nghiệp) has 10 digits, or 10 digits, a hyphen"
                                 " and 3 digits for a branch."), field="applicant_id_number")
    elif id_number and not rules.is_valid_id_number(id_number):
        raise DomainError(_l("The ID number must have 12 digits (citizen ID) or 9 digits (old ID card)."),
                          field="applicant_id_number")
    _check_representative(applicant, received_on)
    phone = applicant.get("phone") or ""
    if phone and not rules.is_valid_phone(phone):
        raise DomainError(_l("Enter a Vietnamese phone number, e.g. 0912 345 678 or 0261 3544 111."),
                          field="applicant_phone")


def _check_representative(applicant: dict, received_on: date | None) -> None:
    """A representative is optional; once named, the receipt must say on what he or she acts (TT 03/2025 Mẫu 01
    per DOMAIN.md §3): a giấy ủy quyền with its number and date (not after the day of receipt), or as legal
    representative. Each refusal is shown beside its field."""
    name = nfc(applicant.get("representative"))
    basis = applicant.get("representative_basis") or ""
    if basis and basis not in rules.REPRESENTATIVE_BASES:
        raise DomainError(_l("Choose an authorisation or legal representative."), field="representative_basis")
    if not name:
        if basis or (applicant.get("representative_id_number") or "").strip():
            raise DomainError(_l("Enter the representative's name, or choose “No representative”."),
                              field="representative_name")
        return
    rep_id = (applicant.get("representative_id_number") or "").strip()
    if rep_id and not rules.is_valid_id_number(rep_id):
        raise DomainError(_l("The ID number must have 12 digits (citizen ID) or 9 digits (old ID card)."),
                          field="representative_id_number")
    if not basis:
        raise DomainError(_l("A representative acts on an authorisation or as legal representative: choose which."),
                          field="representative_basis")
    if basis == "authorisation":
        if not nfc(applicant.get("authorisation_number")):
            raise DomainError(_l("Enter the number of the authorisation."), field="authorisation_number")
        signed = applicant.get("authorisation_date")
        if signed is None:
            raise DomainError(_l("Enter the date of the authorisation."), field="authorisation_date")
        if received_on is not None and signed > received_on:
            raise DomainError(_l("The authorisation cannot be dated after the day the file is received."),
                              field="authorisation_date")


def handling_unit_for(version, receiving_unit, handling_unit_id: int | None = None) -> int:
    """The unit that will handle a file received at `receiving_unit`'s desk: the one chosen, which must be
    competent for the procedure's level (a desk may receive for another competent unit: "không phụ thuộc địa
    giới hành chính", NQ 27/NQ-CP 2025 as quoted in DOMAIN.md §7a), else the desk's own unit when competent,
    else the only competent unit. Refused beside the handling unit field otherwise."""
    competent = competent_unit_ids(version)
    if not competent:
        raise DomainError(_l("No active unit is competent for this procedure."), field="handling_unit_id")
    if handling_unit_id:
        if handling_unit_id not in competent:
            raise DomainError(_l("This unit is not competent for this procedure; choose one of the units listed."),
                              field="handling_unit_id")
        return handling_unit_id
    chosen = procedure_rules.default_handling_unit(receiving_unit.id, competent)
    if chosen is None:
        raise DomainError(_l("Choose the competent unit that will handle this file."), field="handling_unit_id")
    return chosen


def receive_case(*, procedure: Procedure, unit, applicant: dict, submitted: list[str], sets: int, delivery: str,
                 received_at: datetime, actor=None, handling_unit_id: int | None = None, channel: str | None = None,
                 digitised: bool | None = None, national_code: str | None = None) -> Case:
    """Register a complete case: code, due date, receipt data (Mẫu 01). `unit` is the receiving desk's unit;
    the handling unit is `handling_unit_id` or the default of handling_unit_for. The form set is the regime of
    the receipt date (rules.regime_of), kept to the case's end. `channel` (rules.IntakeChannel) and `digitised`
    (the paper file scanned at intake): the desk form always gives them; None = not recorded. `national_code`:
    the code the national portal gave a file filed there (kept as the case's code, see below)."""
    if procedure.status not in (PublicStatus.ACTIVE, PublicStatus.AMENDED):
        raise DomainError(_l("This procedure is not in force."), field="procedure")
    version = procedure.current_version
    handling_unit_id = handling_unit_for(version, unit, handling_unit_id)
    required = [d["name"] for d in version.documents or []]
    missing = [name for name in required if name not in set(submitted)]
    if missing:
        raise DomainError(_l("Documents are missing: %(items)s. Issue a supplement request instead of accepting.",
                             items="; ".join(missing)), field="documents")
    local = to_local(received_at)
    _check_applicant(applicant, local.date())
    promise = promised_return(version, local)
    # A file filed on the national portal keeps the code dichvucong.gov.vn gave it as its only code: the citizen
    # holds it, the national portal reports the file's status under it, and one code per file is what NĐ 61/2018
    # Điều 26 k1 asks ("sử dụng thống nhất"); a second, local code would put two numbers on the receipt and the
    # register for one file. The desk's daily counter is not used, so its own numbers stay 1, 2, 3… gap-free.
    if (national_code or "").strip():
        code, origin = _national_code(national_code, local.date()), "national"
    else:
        code, origin = issue_code(unit, local.date()), "local"
    access = access_codes.new_code()  # printed on this receipt only: just its hash is stored
    case = Case(code=code, code_origin=origin, access_code_hash=access_codes.hash_code(access),
                regime=rules.regime_of(received_at).key, unit_id=unit.id, handling_unit_id=handling_unit_id,
                procedure_id=procedure.id, procedure_version_id=version.id,
                applicant_kind=applicant.get("kind") or "individual", applicant_name=nfc(applicant["name"]),
                applicant_id_number=(applicant.get("id_number") or "").strip(),
                applicant_phone=rules.normalize_phone(applicant.get("phone") or ""),
                applicant_email=(applicant.get("email") or "").strip().lower(),
                applicant_address=nfc(applicant.get("address")),
                representative_name=nfc(applicant.get("representative")),
                **_representative_columns(applicant),
                documents=[{**d, "submitted": True} for d in version.documents or []],
                channel=rules.IntakeChannel(channel) if channel else None,
                digitised_at_intake=rules.digitised_value(channel, digitised),
                sets=sets, delivery=delivery, processing_days=version.processing_days, received_at=received_at,
                counting_from_at=promise.counting_from.astimezone(UTC),
                original_due_at=promise.due_at.astimezone(UTC), due_at=promise.due_at.astimezone(UTC),
                status=CaseStatus.RECEIVED, received_by_id=getattr(actor, "id", None),
                register_year=local.year, register_number=allocate_register_number(unit.id, local.year))
    case.issued_access_code = access
    db.session.add(case)
    db.session.flush()
    add_event(case, "receive", None, CaseStatus.RECEIVED, received_at, actor, unit_id=unit.id, due_at=case.due_at)
    audit.record("case.receive", "case", case.id, after={"code": case.code, "procedure": procedure.code,
                                                         "handling_unit_id": handling_unit_id,
                                                         "due_at": case.due_at.isoformat()},
                 summary=case.code, actor=actor)
    return case


def _known_basis(applicant: dict) -> str:
    basis = applicant.get("representative_basis") or ""
    return basis if basis in rules.REPRESENTATIVE_BASES else ""


def _representative_columns(applicant: dict) -> dict:
    """The representative's ID and basis as stored; nothing when no representative is named."""
    if not nfc(applicant.get("representative")):
        return {}
    basis = applicant.get("representative_basis") or ""
    authorised = basis == "authorisation"
    return {"representative_id_number": (applicant.get("representative_id_number") or "").strip(),
            "representative_basis": basis,
            "authorisation_number": nfc(applicant.get("authorisation_number")) if authorised else "",
            "authorisation_date": applicant.get("authorisation_date") if authorised else None}


def promised_return(version, received_local):
    """The promise printed on the receipt, counted by the rule in force on the day of receipt (config
    CASE_COUNTING_RULES; BLDS 2015 Điều 147–148) with the version's 15:00 rule (Luật Hộ tịch 2014 Điều 5 k3,
    NĐ 23/2015 Điều 7). Once printed it is stored and never recomputed."""
    cfg = current_app.config
    counting = rules.rule_in_force(cfg["CASE_COUNTING_RULES"], received_local.date())
    after_15h = next_day_after_15h(version.next_day_after_15h, version.processing_days,
                                   version.field.code if version.field else None, cfg["CASE_SAME_DAY_15H_FIELDS"])
    cal = calendar_for([received_local.year], language="vi")
    return cal.promise(received_local, version.processing_days, next_day_after_15h=after_15h,
                       rule=CountingRule(counting), settings=due_settings())


def issue_intake_slip(*, kind: str, procedure: Procedure, unit, applicant: dict, items: list[str], note: str,
                      actor=None) -> IntakeSlip:
    """Mẫu 02 (every missing item at once) or Mẫu 03 (reasons for refusing)."""
    items = [nfc(i) for i in items if nfc(i)]
    if not items:
        raise DomainError(_l("List at least one missing document or reason."), field="items")
    if not nfc(applicant.get("name")):
        raise DomainError(_l("Enter the applicant's name."), field="applicant_name")
    slip = IntakeSlip(kind=kind, unit_id=unit.id, procedure_id=procedure.id, applicant_name=nfc(applicant["name"]),
                      applicant_phone=rules.normalize_phone(applicant.get("phone") or ""),
                      applicant_email=(applicant.get("email") or "").strip().lower(),
                      applicant_address=nfc(applicant.get("address")), items=items, note=nfc(note),
                      # as typed (the slip may be the very answer to a wrong number), printed on the 2025 set
                      applicant_id_number=(applicant.get("id_number") or "").strip()[:20],
                      applicant_kind="organisation" if applicant.get("kind") == "organisation" else "individual",
                      representative_name=nfc(applicant.get("representative")),
                      **_representative_columns({**applicant, "representative_basis": _known_basis(applicant)}),
                      created_by_id=getattr(actor, "id", None))
    db.session.add(slip)
    db.session.flush()
    audit.record(f"intake.{kind}", "intake_slip", slip.id, after={"procedure": procedure.code, "items": items},
                 summary=slip.applicant_name, actor=actor)
    return slip


def reissue_access_code(case: Case, *, now: datetime, actor) -> str:
    """A new access code for an applicant who lost the receipt or needs a reprint: the old code stops working at
    once. Returns the plaintext, the only time it exists (the receipt printed next); the audit row records that
    it happened, never the code. Not a step of the control slip: the file did not move."""
    access = access_codes.replace_code(case)
    db.session.flush()
    audit.record("case.access_code_reissued", "case", case.id, after={"reissued_at": now.isoformat()},
                 summary=case.code, actor=actor)
    return access
