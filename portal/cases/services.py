"""One-stop case workflow and lookups: status transitions, the apology that reschedules the return,
and the queries the case pages share. Intake is in intake.py, consultations in legs.py. Services
flush and audit; views commit."""
from __future__ import annotations

from datetime import UTC, datetime, time, timedelta

from flask import current_app
from flask_babel import force_locale, lazy_gettext as _l
from sqlalchemy import and_, func, or_, select

from portal.cases import queries, rules, supplements
from portal.cases.models import Apology, Case, CaseEvent
from portal.cases.rules import Action, CaseStatus
from portal.core import access_codes, audit
from portal.core.clock import local_tz, to_local
from portal.core.db import db
from portal.core.errors import Conflict, DomainError
from portal.core.text import nfc
from portal.notify import case_events as notify
from portal.units.services import names_on
from portal.workdays.services import calendar_for

# The draft of an apology (Mẫu 04) the case page pre-fills when asked (?draft=apology): the reason from the case's
# history and a new date from the breach forecast are composed above cases (portal.alerts.apology.draft_for), so
# the app factory puts the drafter in app.extensions[APOLOGY_DRAFT] (portal.register_figures). Called as
# drafter(case, now) -> an object with reason, new_due_on, new_due_time, source ("forecast" | "fallback"),
# fallback_days. The form, its checks, the audit row and the citizen's message stay here.
APOLOGY_DRAFT = "cases.apology_draft"

APOLOGY_MESSAGES = {
    "closed": _l("The case is already finished."),
    "second_reschedule": _l("The return date has already been rescheduled once; it cannot be rescheduled again."),
    "too_late": _l("An apology must be issued at least one working day before the due date; this case is past that point."),
    "new_date_not_later": _l("The new return date must be later than the current one."),
}


# ---------------------------------------------------------------- workflow

def add_event(case: Case, action: str, before, after, at: datetime, actor, *, unit_id=None, due_at=None, note=""):
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
    if rules.note_missing(action, note):  # Mẫu 02 / Mẫu 03 / Mẫu 05 tell the applicant; a reopening is audited
        raise DomainError(NOTE_MESSAGES.get(action, NOTE_MESSAGES[None]), field="note")
    before = case.status
    if action == Action.REOPEN:
        target = rules.reopened_status(status_before_withdrawal(case))
    if action == Action.ASSIGN:
        if not handler_id:
            raise DomainError(_l("Choose the handler."), field="handler_id")
        if handler_id not in {h.id for h in queries.handlers_of(case.handling_unit_id)}:
            raise DomainError(_l("Choose a handler of the handling unit."), field="handler_id")
        case.handler_id = handler_id
    elif action == Action.REQUEST_SUPPLEMENT:
        _check_supplement_request(case, now)  # NĐ 61/2018 Điều 19 k4: within 3 working days, once
        case.supplement_requested_at = now
        case.supplement_requests = (case.supplement_requests or 0) + 1  # QĐ 766: more than one ⇒ late
    elif action == Action.SUPPLEMENT:
        case.supplement_received_at = now
        legal_due = _due_after_supplement(case, now)  # the legal due moves with the rule in force
        case.due_at = max(case.due_at, legal_due) if case.apology else legal_due
        case.original_due_at = legal_due
    elif action in (Action.FINISH, Action.REFUSE):
        case.finished_at = now
        # Against the legal due, never an apology's date (TT 01/2018 Điều 13 chỉ số 1); days are local days.
        case.timing = rules.finished_timing(to_local(now), to_local(case.original_due_at))
    elif action == Action.WITHDRAW:
        case.finished_at = now  # stopped: neither on time nor late (timing stays empty; cases.indicators)
    elif action == Action.REOPEN:
        # Open again against the same legal due: the stop does not move it (an overdue case shows overdue).
        case.finished_at = None
        _reopen_legs_closed_by_withdrawal(case, now, actor)
    if action in (Action.REFUSE, Action.WITHDRAW):
        _close_legs_of_stopped_case(case, action, now, actor)
    elif action == Action.RETURN:
        case.returned_at = now
    case.status = target
    add_event(case, action.value, before, target, now, actor, note=note,
              unit_id=case.unit_id if target in (CaseStatus.RESULT_READY, CaseStatus.RETURNED) else None)
    db.session.flush()
    after = {"status": target.value, "handler_id": case.handler_id}
    if action in rules.CONFIRMED:
        after["reason"] = nfc(note)
    audit.record(f"case.{action.value}", "case", case.id, before={"status": before.value},
                 after=after, summary=case.code, actor=actor)
    notify.case_changed(case, notify.event_for_action(action), now=now, note=note)
    return case


NOTE_MESSAGES = {
    None: _l("Say what is needed or why, for the applicant."),
    Action.WITHDRAW: _l("Write the applicant's reason for withdrawing: it is printed on the notice of stopping."),
    Action.REOPEN: _l("Say why the withdrawal is undone: the reopening is recorded in the audit log."),
}


def status_before_withdrawal(case: Case) -> str | None:
    """The status the case was withdrawn from, read from the trail's last withdrawal."""
    step = next((e for e in reversed(case.events) if e.action == Action.WITHDRAW.value), None)
    return step.from_status if step is not None else None


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
            add_event(case, "consult_closed", case.status, case.status, now, actor, unit_id=leg.unit_id, note=note)


LEG_REOPENED_NOTE = _l("Waiting for the answer again: the withdrawal was undone.")


def _reopen_legs_closed_by_withdrawal(case: Case, now: datetime, actor) -> None:
    """Undoing a withdrawal undoes what it did to the consultations: the legs the last withdrawal closed (answered
    at its moment with its closing note, _close_legs_of_stopped_case) wait for their answer again, against their
    own deadline. Legs answered by their units stay answered."""
    step = next((e for e in reversed(case.events) if e.action == Action.WITHDRAW.value), None)
    if step is None:
        return
    with force_locale("vi"):
        closed, reopened = str(LEG_CLOSED_NOTES[Action.WITHDRAW]), str(LEG_REOPENED_NOTE)
    for leg in case.legs:
        if leg.answered_at is not None and leg.answered_at == step.at and leg.answer == closed:
            leg.answered_at, leg.answer, leg.answered_by_id = None, "", None
            add_event(case, "consult_reopened", case.status, case.status, now, actor, unit_id=leg.unit_id,
                      note=reopened)


def supplement_check(case: Case, now: datetime) -> supplements.SupplementCheck:
    """May the handling unit ask for supplements now (NĐ 61/2018 Điều 19 k4), and until which day."""
    received = to_local(case.received_at).date()
    cal = calendar_for(range(received.year, max(received.year, to_local(now).year) + 1), language="vi")
    return supplements.check_request(received_day=received, today=to_local(now).date(),
                                     requests_so_far=case.supplement_requests or 0,
                                     add_working_days=cal.add_working_days)


def _check_supplement_request(case: Case, now: datetime) -> None:
    """NĐ 61/2018 Điều 19 k4: a request after the 3 working days, or a second one, is refused with the reason."""
    check = supplement_check(case, now)
    if check.reason == "second_request":
        raise DomainError(_l("Supplements have already been asked for once on this case; the law allows one "
                             "request, listing everything missing at once (NĐ 61/2018 Điều 19 k4)."), field="note")
    if check.reason == "too_late":
        raise DomainError(_l("Supplements can be asked for only within 3 working days of receipt (NĐ 61/2018 "
                             "Điều 19 k4); for this case the last day was %(day)s. Continue with the file as it "
                             "is, or refuse it with the reasons.", day=check.last_day.strftime("%d/%m/%Y")),
                          field="note")


def _due_after_supplement(case: Case, now: datetime) -> datetime:
    # A case keeps the regime of its receipt date to its end (DOMAIN.md §7a): the rule in force when it was
    # received, not when the supplement arrives.
    rule = rules.rule_in_force(current_app.config["CASE_SUPPLEMENT_RULES"], to_local(case.received_at).date())
    tz = local_tz()
    years = range(to_local(case.original_due_at).year, to_local(now).year + 2)
    cal = calendar_for(years, language="vi")
    due = rules.restart_or_pause_due(to_local(case.original_due_at), to_local(case.supplement_requested_at or now),
                                     to_local(now), case.processing_days, rule, cal.add_working_days,
                                     cal.working_days_between)
    return due.astimezone(tz).astimezone(UTC)


def issue_apology(case: Case, *, reason: str, new_due_at: datetime | None, now: datetime, expected_version: int,
                  actor=None, lost_file: bool = False) -> Apology:
    """Mẫu 04, signed by the unit head, once: in time (≥ 1 working day before the legal due, NĐ 61/2018
    Điều 19 k9), late (after that, or for a case finished late: the result's date stands as the new one)
    or for a lost or damaged file (Điều 21 k2). It moves the return promised now (due_at), never the
    legal due the case is judged against."""
    if case.version != expected_version:
        raise Conflict(_l("Someone else changed this case a moment ago. Nothing was saved; the case is shown as it is now."))
    if not nfc(reason):
        raise DomainError(_l("Give the reason for the delay."), field="reason")
    due_local = to_local(case.original_due_at)
    cal = calendar_for(range(due_local.year - 1, due_local.year + 1), language="vi")
    is_open = case.status in rules.OPEN
    check = rules.check_apology(today=to_local(now).date(), latest_day=rules.last_apology_day(due_local.date(), cal),
                                apologies_so_far=1 if case.apology else 0, new_due=new_due_at, due_at=case.due_at,
                                is_open=is_open, finished_late=case.timing == rules.Timing.LATE,
                                lost_file=lost_file)
    if not check.allowed:
        raise DomainError(APOLOGY_MESSAGES[check.reason], field="new_due_at" if check.reason == "new_date_not_later" else None)
    if not is_open:
        new_due_at = case.finished_at
    apology = Apology(case=case, issued_at=now, kind=check.kind, reason=nfc(reason), previous_due_at=case.due_at,
                      new_due_at=new_due_at, signed_by_id=getattr(actor, "id", None))
    db.session.add(apology)
    before = case.due_at
    case.due_at = new_due_at
    add_event(case, "apology", case.status, case.status, now, actor, due_at=new_due_at, note=reason)
    db.session.flush()
    audit.record("case.apology", "case", case.id, before={"due_at": before.isoformat()},
                 after={"due_at": new_due_at.isoformat(), "reason": nfc(reason), "kind": check.kind.value},
                 summary=case.code, actor=actor)
    notify.case_changed(case, "apology_issued", now=now, at=new_due_at, note=reason)
    return apology

# ---------------------------------------------------------------- lookups

def find_by_code(code: str) -> Case | None:
    return db.session.scalar(select(Case).where(Case.code == rules.normalize_code(code)))


# What a citizen is told when public_lookup finds nothing (the lookup page, the online rating): one answer for an
# unknown code and a wrong access code.
NOT_FOUND = _l("No case matches this case code and access code. Check both codes on your receipt.")


def receipt_day(case: Case):
    """The local date whose unit names a case's documents and pages show (its receipt date)."""
    return to_local(case.received_at).date()


def case_unit_names(case: Case) -> dict[str, str]:
    """The receiving and handling units' names valid on the case's receipt date (one query), for the case page,
    the public lookup and the printouts: a unit renamed later keeps its old name on this case."""
    day = receipt_day(case)
    got = names_on([(case.unit_id, day), (case.handling_unit_id, day)])
    return {"unit": got.get((case.unit_id, day), case.unit.name),
            "handling_unit": got.get((case.handling_unit_id, day), case.handling_unit.name)}


def cases_received_before(unit_id: int, day) -> int:
    """How many cases the unit received or handles that were received before local `day` (a rename preview:
    their documents keep the old name)."""
    start = datetime.combine(day, time.min, local_tz())
    return db.session.scalar(select(func.count(Case.id)).where(
        or_(Case.unit_id == unit_id, Case.handling_unit_id == unit_id), Case.received_at < start)) or 0


def public_lookup(code: str, access_code: str) -> Case | None:
    """The case only when both codes match; the same hashing work whether the code exists or not."""
    case = find_by_code(code)
    matches = access_codes.verify_code(case.access_code_hash if case is not None else None, access_code)
    return case if case is not None and matches else None


def due_soon_from(case: Case, cal) -> object:
    """First day of the 'due soon' window: DUE_SOON_WORKING_DAYS working days before the due day."""
    return due_soon_day(case.original_due_at, cal)


def due_soon_day(due_at: datetime, cal):
    day = to_local(due_at).date()
    for _ in range(current_app.config["DUE_SOON_WORKING_DAYS"]):
        day = cal.previous_working_day(day)
    return day


def timing_of(case: Case, now: datetime, cal) -> rules.Timing | None:
    if case.timing is not None:
        return case.timing
    if case.status in rules.OPEN:
        return rules.open_timing(to_local(now), to_local(case.original_due_at), due_soon_from(case, cal))  # local days
    if case.status == rules.CaseStatus.WITHDRAWN:
        return None  # stopped at the applicant's request: not judged, never shown as on time
    return rules.Timing.ON_TIME


def overdue_before(now: datetime) -> datetime:
    """An open case is overdue at `now` when its legal due is before this UTC moment: the start of the
    local day of `now` (a limit ends at 24:00 of its last day, BLDS 2015 Điều 148 k6)."""
    return datetime.combine(to_local(now).date(), time(0), local_tz()).astimezone(UTC)


def lateness_of(case: Case, timing: rules.Timing) -> rules.Lateness | None:
    """For a late case (finished late, or open past its legal due day): apologised in time, late, or not."""
    if timing not in (rules.Timing.LATE, rules.Timing.OVERDUE):
        return None
    return rules.lateness(case.apology.kind if case.apology else None)


def apology_window(case: Case, now: datetime) -> dict:
    """The last day an apology is in time (1 working day before the legal due, NĐ 61/2018 Điều 19 k9)."""
    due = to_local(case.original_due_at).date()
    last_day = rules.last_apology_day(due, calendar_for(range(due.year - 1, due.year + 1), language="vi"))
    return {"last_day": last_day, "passed": to_local(now).date() > last_day or case.status not in rules.OPEN}


def open_cases_query():
    return select(Case).where(Case.status.in_(list(rules.OPEN)))


def needing_apology(unit_id: int, now: datetime, cal):
    """Open cases of the unit, without an apology, that are overdue or due within the warning window."""
    stmt = (open_cases_query().where(Case.handling_unit_id == unit_id)
            .outerjoin(Apology).where(Apology.id.is_(None))
            .where(Case.original_due_at <= now + timedelta(days=7)).order_by(Case.original_due_at))
    return [c for c in db.session.scalars(stmt)
            if timing_of(c, now, cal) in (rules.Timing.DUE_SOON, rules.Timing.OVERDUE)]


def late_without_apology_count(unit_id: int | None, now: datetime) -> int:
    """Late cases (finished late, or open past the legal due day) that have no apology at all."""
    overdue = and_(Case.status.in_(list(rules.OPEN)), Case.original_due_at < overdue_before(now))
    stmt = select(func.count(Case.id)).outerjoin(Apology).where(Apology.id.is_(None)).where(
        or_(overdue, Case.timing == rules.Timing.LATE))
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
