"""One-stop case commands and queries. Services flush and audit; views commit."""
from __future__ import annotations

import secrets
from datetime import datetime, timedelta, timezone

from flask import current_app
from flask_babel import force_locale, lazy_gettext as _l
from sqlalchemy import and_, func, or_, select
from sqlalchemy.orm.attributes import flag_modified

from portal.cases import rules
from portal.cases.models import Apology, Case, CaseCounter, CaseEvent, CaseLeg, IntakeSlip
from portal.cases.rules import Action, CaseStatus
from portal.core import audit
from portal.core.clock import local_tz, to_local
from portal.core.db import db
from portal.core.errors import Conflict, DomainError
from portal.core.text import nfc
from portal.notify import case_events as notify
from portal.procedures.models import Procedure, PublicStatus
from portal.units.models import Unit
from portal.workdays.services import calendar_for, due_settings

ACCESS_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I: read aloud and typed from paper

APOLOGY_MESSAGES = {
    "closed": _l("The case is already finished."),
    "second_reschedule": _l("The return date has already been rescheduled once; it cannot be rescheduled again."),
    "too_late": _l("An apology must be issued at least one working day before the due date; this case is past that point."),
    "new_date_not_later": _l("The new return date must be later than the current one."),
}


# ---------------------------------------------------------------- intake

def allocate_number(unit_id: int, day) -> int:
    """Next daily number for a unit, inside the caller's transaction: the row lock (PostgreSQL) or
    the write lock (SQLite) is held until commit, so numbers are unique and a rollback leaves no gap."""
    dialect = db.session.get_bind().dialect.name
    if dialect == "postgresql":
        from sqlalchemy.dialects.postgresql import insert
    else:
        from sqlalchemy.dialects.sqlite import insert
    stmt = insert(CaseCounter).values(unit_id=unit_id, day=day, last_number=1)
    stmt = stmt.on_conflict_do_update(index_elements=[CaseCounter.unit_id, CaseCounter.day],
                                      set_={"last_number": CaseCounter.last_number + 1})
    return db.session.execute(stmt.returning(CaseCounter.last_number)).scalar_one()


def _check_applicant(applicant: dict) -> None:
    if not nfc(applicant.get("name")):
        raise DomainError(_l("Enter the applicant's name."), field="applicant_name")
    id_number = (applicant.get("id_number") or "").strip()
    if id_number and not rules.is_valid_id_number(id_number):
        raise DomainError(_l("The ID number must have 12 digits (citizen ID) or 9 digits (old ID card)."),
                          field="applicant_id_number")
    phone = applicant.get("phone") or ""
    if phone and not rules.is_valid_phone(phone):
        raise DomainError(_l("Enter a Vietnamese phone number, e.g. 0912 345 678 or 0261 3544 111."),
                          field="applicant_phone")


def receive_case(*, procedure: Procedure, unit, applicant: dict, submitted: list[str], sets: int, delivery: str,
                 received_at: datetime, actor=None) -> Case:
    """Register a complete case: code, due date, receipt data (Mẫu 01)."""
    if procedure.status not in (PublicStatus.ACTIVE, PublicStatus.AMENDED):
        raise DomainError(_l("This procedure is not in force."), field="procedure")
    version = procedure.current_version
    required = [d["name"] for d in version.documents or []]
    missing = [name for name in required if name not in set(submitted)]
    if missing:
        raise DomainError(_l("Documents are missing: %(items)s. Issue a supplement request instead of accepting.",
                             items="; ".join(missing)), field="documents")
    _check_applicant(applicant)
    local = to_local(received_at)
    cal = calendar_for([local.year], language="vi")
    due_local = cal.due_at(local, version.processing_days, due_settings())
    start_local = cal.effective_receipt(local, due_settings())
    number = allocate_number(unit.id, local.date())
    case = Case(code=rules.case_code(unit.code, local.date(), number), access_code=_access_code(),
                regime=current_app.config["CASE_FORM_REGIME"], unit_id=unit.id, handling_unit_id=version.unit_id,
                procedure_id=procedure.id, procedure_version_id=version.id,
                applicant_kind=applicant.get("kind") or "individual", applicant_name=nfc(applicant["name"]),
                applicant_id_number=(applicant.get("id_number") or "").strip(),
                applicant_phone=rules.normalize_phone(applicant.get("phone") or ""),
                applicant_email=(applicant.get("email") or "").strip().lower(),
                applicant_address=nfc(applicant.get("address")),
                representative_name=nfc(applicant.get("representative")),
                documents=[{**d, "submitted": True} for d in version.documents or []],
                sets=sets, delivery=delivery, processing_days=version.processing_days, received_at=received_at,
                counting_from_at=start_local.astimezone(timezone.utc),
                original_due_at=due_local.astimezone(timezone.utc), due_at=due_local.astimezone(timezone.utc),
                status=CaseStatus.RECEIVED, received_by_id=getattr(actor, "id", None))
    db.session.add(case)
    db.session.flush()
    _event(case, "receive", None, CaseStatus.RECEIVED, received_at, actor, unit_id=unit.id, due_at=case.due_at)
    audit.record("case.receive", "case", case.id, after={"code": case.code, "procedure": procedure.code,
                                                         "due_at": case.due_at.isoformat()},
                 summary=case.code, actor=actor)
    return case


def _access_code() -> str:
    return "".join(secrets.choice(ACCESS_ALPHABET) for _ in range(8))


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
                      created_by_id=getattr(actor, "id", None))
    db.session.add(slip)
    db.session.flush()
    audit.record(f"intake.{kind}", "intake_slip", slip.id, after={"procedure": procedure.code, "items": items},
                 summary=slip.applicant_name, actor=actor)
    return slip


# ---------------------------------------------------------------- workflow

def _event(case: Case, action: str, before, after, at: datetime, actor, *, unit_id=None, due_at=None, note=""):
    db.session.add(CaseEvent.step(case=case, at=at, actor=actor, action=action, before=before,
                                  after=CaseStatus(after), unit_id=unit_id or case.handling_unit_id, due_at=due_at,
                                  note=note))


def transition(case: Case, action: Action, *, now: datetime, expected_version: int, actor=None, note: str = "",
               handler_id: int | None = None) -> Case:
    if case.version != expected_version:
        raise Conflict(_l("Someone else changed this case a moment ago. Nothing was saved; the case is shown as it is now."))
    action = Action(action)
    if now < case.received_at:
        raise DomainError(_l("A step cannot be dated before the case was received."))
    target = rules.next_status(case.status, action)
    if target is None:
        raise DomainError(_l("This step is not possible while the case is “%(status)s”.", status=case.status.value))
    if action == Action.FINISH and any(leg.is_open for leg in case.legs):
        waiting = ", ".join(leg.unit.name for leg in case.legs if leg.is_open)
        raise DomainError(_l("The case cannot be finished while a consultation is open (waiting for: %(units)s). "
                             "Record their answer first.", units=waiting))
    before = case.status
    if action == Action.ASSIGN:
        if not handler_id:
            raise DomainError(_l("Choose the handler."), field="handler_id")
        case.handler_id = handler_id
    elif action == Action.REQUEST_SUPPLEMENT:
        case.supplement_requested_at = now
    elif action == Action.SUPPLEMENT:
        case.supplement_received_at = now
        case.due_at = _due_after_supplement(case, now)
    elif action in (Action.FINISH, Action.REFUSE):
        case.finished_at = now
        case.timing = rules.finished_timing(to_local(now), to_local(case.due_at))  # days are local days
    elif action == Action.WITHDRAW:
        case.finished_at = now
    if action in (Action.REFUSE, Action.WITHDRAW):
        _close_legs_of_stopped_case(case, action, now, actor)
    elif action == Action.RETURN:
        case.returned_at = now
    case.status = target
    _event(case, action.value, before, target, now, actor, note=note,
           unit_id=case.unit_id if target in (CaseStatus.RESULT_READY, CaseStatus.RETURNED) else None)
    db.session.flush()
    audit.record(f"case.{action.value}", "case", case.id, before={"status": before.value},
                 after={"status": target.value, "handler_id": case.handler_id}, summary=case.code, actor=actor)
    notify.case_changed(case, notify.event_for_action(action), now=now, note=note)
    return case


LEG_CLOSED_NOTES = {
    Action.REFUSE: _l("Closed without an answer: the case was refused."),
    Action.WITHDRAW: _l("Closed without an answer: the applicant withdrew the case."),
}


def _close_legs_of_stopped_case(case: Case, action: Action, now: datetime, actor) -> None:
    """A refused or withdrawn case no longer waits for other units: its open consultations close,
    with a note in the record's language (Vietnamese), so no consulted unit sees it as overdue."""
    with force_locale("vi"):
        note = str(LEG_CLOSED_NOTES[action])
    for leg in case.legs:
        if leg.answered_at is None:
            leg.answered_at, leg.answer, leg.answered_by_id = now, note, getattr(actor, "id", None)
            _event(case, "consult_closed", case.status, case.status, now, actor, unit_id=leg.unit_id, note=note)


def _due_after_supplement(case: Case, now: datetime) -> datetime:
    rule = rules.rule_in_force(current_app.config["CASE_SUPPLEMENT_RULES"], to_local(now).date())
    tz = local_tz()
    years = range(to_local(case.due_at).year, to_local(now).year + 2)
    cal = calendar_for(years, language="vi")
    due = rules.restart_or_pause_due(to_local(case.due_at), to_local(case.supplement_requested_at or now),
                                     to_local(now), case.processing_days, rule, cal.add_working_days,
                                     cal.working_days_between)
    return due.astimezone(tz).astimezone(timezone.utc)


def issue_apology(case: Case, *, reason: str, new_due_at: datetime, now: datetime, expected_version: int,
                  actor=None) -> Apology:
    """Mẫu 04, signed by the unit head; reschedules the return once."""
    if case.version != expected_version:
        raise Conflict(_l("Someone else changed this case a moment ago. Nothing was saved; the case is shown as it is now."))
    if not nfc(reason):
        raise DomainError(_l("Give the reason for the delay."), field="reason")
    due_local = to_local(case.due_at)
    cal = calendar_for(range(due_local.year - 1, due_local.year + 1), language="vi")
    check = rules.check_apology(today=to_local(now).date(), due_day=due_local.date(),
                                latest_day=cal.previous_working_day(due_local.date()),
                                apologies_so_far=1 if case.apology else 0, new_due=new_due_at, due_at=case.due_at,
                                is_open=case.status in rules.OPEN)
    if not check.allowed:
        raise DomainError(APOLOGY_MESSAGES[check.reason], field="new_due_at" if check.reason == "new_date_not_later" else None)
    apology = Apology(case=case, issued_at=now, reason=nfc(reason), previous_due_at=case.due_at, new_due_at=new_due_at,
                      signed_by_id=getattr(actor, "id", None))
    db.session.add(apology)
    before = case.due_at
    case.due_at = new_due_at
    _event(case, "apology", case.status, case.status, now, actor, due_at=new_due_at, note=reason)
    db.session.flush()
    audit.record("case.apology", "case", case.id, before={"due_at": before.isoformat()},
                 after={"due_at": new_due_at.isoformat(), "reason": nfc(reason)}, summary=case.code, actor=actor)
    notify.case_changed(case, "apology_issued", now=now, at=new_due_at, note=reason)
    return apology


# ---------------------------------------------------------------- consultations and inter-agency legs

MAX_LEG_DAYS = rules.MAX_LEG_DAYS


def open_leg(case: Case, *, unit_id: int, purpose: str, due_days: int, now: datetime, expected_version: int,
             actor=None) -> CaseLeg:
    """Ask another unit (consultation or liên thông leg); its deadline is `due_days` working days from
    the moment it is sent, at the same time of day. Logged as a hand-over on the control slip."""
    if case.version != expected_version:
        raise Conflict(_l("Someone else changed this case a moment ago. Nothing was saved; the case is shown as it is now."))
    if case.status != CaseStatus.IN_PROGRESS:
        raise DomainError(_l("Other units can be consulted only while the case is being processed."))
    unit = db.session.get(Unit, unit_id) if unit_id else None
    if unit is None or not unit.is_active:
        raise DomainError(_l("Choose the unit to consult."), field="unit_id")
    if unit.id == case.handling_unit_id:
        raise DomainError(_l("The handling unit cannot consult itself; choose another unit."), field="unit_id")
    if not nfc(purpose):
        raise DomainError(_l("Say what the unit is asked for."), field="purpose")
    if not isinstance(due_days, int) or not 1 <= due_days <= MAX_LEG_DAYS:
        raise DomainError(_l("Give between 1 and %(max)s working days.", max=MAX_LEG_DAYS), field="due_days")
    if now < case.received_at:
        raise DomainError(_l("A step cannot be dated before the case was received."))
    sent_local = to_local(now)
    cal = calendar_for(range(sent_local.year, sent_local.year + 2), language="vi")
    due_local = datetime.combine(cal.add_working_days(sent_local.date(), due_days), sent_local.timetz())
    leg = CaseLeg(case=case, unit_id=unit.id, purpose=nfc(purpose), sent_at=now,
                  due_at=due_local.astimezone(timezone.utc), sent_by_id=getattr(actor, "id", None))
    db.session.add(leg)
    _event(case, "consult", case.status, case.status, now, actor, unit_id=unit.id, due_at=leg.due_at, note=purpose)
    flag_modified(case, "status")  # a new leg changes what may be done next: stale forms must conflict
    db.session.flush()
    audit.record("case.consult", "case", case.id, after={"leg_id": leg.id, "unit": unit.code,
                                                         "due_at": leg.due_at.isoformat()},
                 summary=case.code, actor=actor)
    return leg


def close_leg(leg: CaseLeg, *, note: str, now: datetime, actor=None) -> CaseLeg:
    """Record the consulted unit's answer; the file is back with the handling unit."""
    if not leg.is_open:
        raise DomainError(_l("This consultation has already been answered."))
    if not nfc(note):
        raise DomainError(_l("Write the answer."), field="answer")
    if now < leg.sent_at:
        raise DomainError(_l("The answer cannot be dated before the request was sent."))
    case = leg.case
    leg.answered_at, leg.answer, leg.answered_by_id = now, nfc(note), getattr(actor, "id", None)
    _event(case, "consult_answer", case.status, case.status, now, actor, unit_id=case.handling_unit_id,
           due_at=leg.due_at, note=note)
    db.session.flush()
    audit.record("case.consult_answer", "case", case.id, before={"leg_id": leg.id, "answered_at": None},
                 after={"leg_id": leg.id, "answered_at": now.isoformat()}, summary=case.code, actor=actor)
    return leg


def leg_timing(leg: CaseLeg, now: datetime, cal) -> rules.Timing:
    return rules.leg_timing(now=to_local(now), due_at=to_local(leg.due_at),
                            answered_at=to_local(leg.answered_at) if leg.answered_at else None,
                            due_soon_from=_due_soon_day(leg.due_at, cal))


# ---------------------------------------------------------------- lookups

def find_by_code(code: str) -> Case | None:
    return db.session.scalar(select(Case).where(Case.code == rules.normalize_code(code)))


def public_lookup(code: str, access_code: str) -> Case | None:
    """The case only when both codes match; same work whether the code exists or not."""
    case = find_by_code(code)
    expected = case.access_code if case is not None else "X" * 8
    given = (access_code or "").strip().upper()
    matches = secrets.compare_digest(expected.encode(), given.encode())
    return case if case is not None and matches else None


def due_soon_from(case: Case, cal) -> object:
    """First day of the 'due soon' window: DUE_SOON_WORKING_DAYS working days before the due day."""
    return _due_soon_day(case.due_at, cal)


def _due_soon_day(due_at: datetime, cal):
    day = to_local(due_at).date()
    for _ in range(current_app.config["DUE_SOON_WORKING_DAYS"]):
        day = cal.previous_working_day(day)
    return day


def timing_of(case: Case, now: datetime, cal) -> rules.Timing:
    if case.timing is not None:
        return case.timing
    if case.status in rules.OPEN:
        return rules.open_timing(to_local(now), case.due_at, due_soon_from(case, cal))  # local day
    return rules.Timing.ON_TIME


def open_cases_query():
    return select(Case).where(Case.status.in_(list(rules.OPEN)))


def needing_apology(unit_id: int, now: datetime, cal):
    """Open cases of the unit, without an apology, that are overdue or due within the warning window."""
    stmt = (open_cases_query().where(Case.handling_unit_id == unit_id)
            .outerjoin(Apology).where(Apology.id.is_(None))
            .where(Case.due_at <= now + timedelta(days=7)).order_by(Case.due_at))
    return [c for c in db.session.scalars(stmt)
            if timing_of(c, now, cal) in (rules.Timing.DUE_SOON, rules.Timing.OVERDUE)]


def late_without_apology_count(unit_id: int | None, now: datetime) -> int:
    stmt = select(func.count(Case.id)).outerjoin(Apology).where(Apology.id.is_(None)).where(
        or_(and_(Case.status.in_(list(rules.OPEN)), Case.due_at < now), Case.timing == rules.Timing.LATE))
    if unit_id:
        stmt = stmt.where(Case.handling_unit_id == unit_id)
    return db.session.scalar(stmt)


def register_cases(unit_id: int, start_at: datetime, end_at: datetime, limit: int) -> list[Case]:
    """The desk's register (Sổ theo dõi hồ sơ): cases received by the unit in [start_at, end_at), in
    order of receipt, at most `limit` rows (the caller asks for one more to know it was cut)."""
    from sqlalchemy.orm import selectinload

    stmt = (select(Case).where(Case.unit_id == unit_id, Case.received_at >= start_at, Case.received_at < end_at)
            .options(selectinload(Case.procedure_version), selectinload(Case.handling_unit))
            .order_by(Case.received_at, Case.id).limit(limit))
    return list(db.session.scalars(stmt))
