"""Feedback commands and queries of the staff workflow: one step at a time through the transition table
(accept, assign, answer, publish, close, reject, transfer), merging into a primary, duplicate
candidates, worklists, and the published answers. The deadlines these steps fix and their timing are in
deadline_services.py; the citizen's submission, lookup and satisfaction reply in submission.py. Services
flush and audit; views commit."""
from __future__ import annotations

from datetime import datetime, timedelta

from flask import current_app
from flask_babel import lazy_gettext as _l
from sqlalchemy import func, or_, select, update

from portal.auth.models import StaffUser, UserRole
from portal.core import audit
from portal.core.access import Role
from portal.core.db import db
from portal.core.errors import Conflict, DomainError
from portal.core.pagination import Page, paginate_select
from portal.core.text import fold, nfc, sort_key
from portal.feedback import notifications, rules
from portal.feedback.deadline_services import deadline_of, due_from, step_due
from portal.feedback.models import Feedback, FeedbackEvent
from portal.feedback.vocabulary import Action, Category, FeedbackStatus, RejectionReason, Step, Subject

DUPLICATE_LIMIT = 5
NOTE_REQUIRED = {
    Action.TRANSFER: _l("Name the body the feedback is transferred to."),
    Action.REQUEST_SUPPLEMENT: _l("Say what the submitter must add."),
    Action.SUPPLEMENT: _l("Enter the additional information."),
}


# ---------------------------------------------------------------- workflow

def record_event(feedback: Feedback, action: str, before, after, at: datetime, actor, note: str = "") -> None:
    db.session.add(FeedbackEvent.step(feedback=feedback, at=at, actor=actor, action=action,
                                      before=FeedbackStatus(before) if before else None,
                                      after=FeedbackStatus(after), note=note))


def transition(feedback: Feedback, action: Action, *, now: datetime, expected_version: int, actor=None,
               note: str = "", unit_id: int | None = None, handler_id: int | None = None, subject=None,
               answer: str | None = None, public_question: str | None = None,
               public_answer: str | None = None, rejection_code: str | None = None,
               primary_code: str | None = None) -> Feedback:
    """One workflow step. REJECT needs `rejection_code` (RejectionReason; the note too when "other");
    MERGE needs `primary_code`, the tracking code of the feedback this one is merged into."""
    if feedback.version != expected_version:
        raise Conflict(_l("Someone else changed this feedback a moment ago. Nothing was saved."))
    action = Action(action)
    target = rules.next_status(feedback.status, action)
    if target is None:
        raise DomainError(_l("This step is not possible in the current status."))
    note = nfc(note)
    if action in NOTE_REQUIRED and not note:
        raise DomainError(NOTE_REQUIRED[action], field="note")
    before = {"status": feedback.status.value, "unit_id": feedback.unit_id, "handler_id": feedback.handler_id}
    if subject and Subject(subject) != feedback.subject:
        # A per-kind practice deadline (e.g. answer PAKN about procedures in 10) applies once the feedback is
        # classified, counted from receipt with the row in force that day; without one the date stays.
        before_days, after_days = (deadline_of(feedback, Step.ANSWER, kind) for kind in (feedback.subject,
                                                                                          Subject(subject)))
        feedback.subject = Subject(subject)
        if after_days is not None and before_days is not None and after_days.days != before_days.days:
            feedback.answer_due_at = due_from(feedback.received_at, after_days)
    if action == Action.ACCEPT:
        # Accepted for handling: the window to ask the submitter for more runs from receipt (practice).
        feedback.step_due_at = step_due(feedback, feedback.received_at, Step.SUPPLEMENT)
        feedback.unit_id = unit_id or feedback.unit_id
    elif action == Action.REJECT:
        if rejection_code not in {r.value for r in RejectionReason}:
            raise DomainError(_l("Choose the reason for rejecting the feedback."), field="rejection_code")
        if rules.rejection_note_required(rejection_code) and not note:
            raise DomainError(_l("Explain the reason for rejecting the feedback."), field="note")
        feedback.rejection_code = RejectionReason(rejection_code)
        feedback.rejection_reason = note
        feedback.closed_at = now
    elif action == Action.MERGE:
        primary = _primary_for(feedback, primary_code, actor)
        feedback.merged_into_id = primary.id
        feedback.closed_at, feedback.step_due_at = now, None
    elif action == Action.TRANSFER:
        # NĐ 20/2008 Điều 9 k1 d: forwarded to the competent body; judged against forward_due_at.
        feedback.closed_at = feedback.forwarded_at = now
    elif action == Action.ASSIGN:
        if not unit_id or not handler_id:
            raise DomainError(_l("Choose the unit and the handler."), field="handler_id")
        if handler_id not in {h.id for h in handlers_of(unit_id)}:  # else he could not open it (can_see)
            raise DomainError(_l("Choose a handler of the unit that handles this feedback."), field="handler_id")
        feedback.unit_id, feedback.handler_id = unit_id, handler_id
    elif action == Action.REQUEST_SUPPLEMENT:
        pass  # step_due_at stays: the (first) request is judged against the supplement window
    elif action == Action.DRAFT_ANSWER:
        if not nfc(answer):
            raise DomainError(_l("Write the answer."), field="answer")
        feedback.answer = (answer or "").strip()
    elif action == Action.APPROVE_ANSWER:
        feedback.step_due_at = step_due(feedback, now, Step.PUBLISH)  # publish within n days of the approved answer
    elif action == Action.PUBLISH:
        if not feedback.publish_allowed:
            raise DomainError(_l("The submitter did not allow publication; answer privately instead."))
        if not nfc(public_question) or not nfc(public_answer):
            raise DomainError(_l("Enter the published question and answer, with personal data removed."),
                              field="public_answer")
        feedback.public_question, feedback.public_answer = public_question.strip(), public_answer.strip()
        feedback.public_search = fold(f"{feedback.public_question} {feedback.public_answer}")
        feedback.published_at = feedback.answered_at = now  # step_due_at stays: publication is judged on it
    elif action == Action.ANSWER_PRIVATELY:
        feedback.answered_at, feedback.step_due_at = now, None
    elif action == Action.CLOSE:
        feedback.closed_at = now
    feedback.status = target
    record_event(feedback, action.value, FeedbackStatus(before["status"]), target, now, actor, note=note)
    db.session.flush()
    after = {"status": target.value, "unit_id": feedback.unit_id, "handler_id": feedback.handler_id}
    if action == Action.REJECT:
        after["rejection_code"] = feedback.rejection_code.value
    merged_code = ""
    if action == Action.MERGE:
        after["merged_into"] = merged_code = primary.tracking_code
        record_event(primary, "merged_in", primary.status, primary.status, now, actor,
               note=f"{feedback.tracking_code} {note}".strip())
        db.session.flush()
        audit.record("feedback.merged_in", "feedback", primary.id, after={"merged": feedback.tracking_code},
                     summary=primary.tracking_code, actor=actor)
    audit.record(f"feedback.{action.value}", "feedback", feedback.id, before=before, after=after,
                 summary=feedback.tracking_code, actor=actor)
    notifications.feedback_changed(feedback, notifications.event_for_action(action), now=now, note=note,
                                   primary_code=merged_code)
    if action == Action.PUBLISH:  # those merged into this one read the answer on their own tracking page
        for merged in db.session.scalars(select(Feedback).where(Feedback.merged_into_id == feedback.id)):
            notifications.feedback_changed(merged, "answer_published", now=now)
    return feedback


def merge_chain(feedback: Feedback, limit: int = 20) -> list[Feedback]:
    """The feedback `feedback` is merged into, then the one that is merged into, and so on."""
    chain, current = [], feedback.merged_into
    while current is not None and len(chain) < limit and current not in chain:
        chain.append(current)
        current = current.merged_into
    return chain


def _primary_for(feedback: Feedback, code: str | None, actor) -> Feedback:
    """The primary of a merge, locked against a concurrent step (its version goes up: a step taken on it
    meanwhile from an older page fails with a conflict), and checked by rules.merge_problem."""
    primary = find_by_code(rules.normalize_tracking(code or "")) if code else None
    if primary is None or (actor is not None and not can_see(actor, primary)):
        raise DomainError(_l("No feedback you can see has this tracking code."), field="primary_code")
    if primary.id == feedback.id:
        raise DomainError(_l("A feedback cannot be merged into itself."), field="primary_code")
    db.session.execute(update(Feedback).where(Feedback.id == primary.id)
                       .values(version=Feedback.version + 1).execution_options(synchronize_session=False))
    db.session.refresh(primary)
    problem = rules.merge_problem(source_id=feedback.id, target_id=primary.id, target_status=primary.status,
                                  target_answered=primary.answered_at is not None,
                                  target_chain=[f.id for f in merge_chain(primary)])
    if problem == "self":
        raise DomainError(_l("A feedback cannot be merged into itself."), field="primary_code")
    if problem == "cycle":
        raise DomainError(_l("That feedback is already merged into this one."), field="primary_code")
    if problem:
        raise DomainError(_l("Feedback %(code)s is merged, rejected, transferred or closed without an answer; "
                             "choose the feedback it was handled in.", code=primary.tracking_code),
                          field="primary_code")
    return primary


def duplicate_candidates(feedback: Feedback, *, now: datetime, user=None) -> list[dict]:
    """Up to DUPLICATE_LIMIT other feedback that look like the same matter, best first, each
    {"id", "tracking_code", "title", "status", "received_at", "score", "reasons"}.

    The candidates are bounded in SQL: received in the last FEEDBACK_DUPLICATE_MONTHS months, open or
    answered, in the same category or at the same place / procedure / case, visible to `user`, newest
    FEEDBACK_DUPLICATE_SCAN at most; rules.similarity then scores them in Python."""
    config = current_app.config
    months = int(config.get("FEEDBACK_DUPLICATE_MONTHS", 6))
    threshold = float(config.get("FEEDBACK_DUPLICATE_THRESHOLD", 0.25))
    scan = int(config.get("FEEDBACK_DUPLICATE_SCAN", 300))
    statuses = list(rules.OPEN | rules.ANSWERED | {FeedbackStatus.CLOSED})
    same = [Feedback.category == feedback.category]
    for column in (Feedback.place, Feedback.procedure_code, Feedback.case_code):
        value = getattr(feedback, column.key)
        if value:
            same.append(column == value)
    columns = (Feedback.id, Feedback.tracking_code, Feedback.title, Feedback.content, Feedback.place,
               Feedback.procedure_code, Feedback.case_code, Feedback.status, Feedback.received_at,
               Feedback.answered_at)
    stmt = (select(*columns).where(Feedback.id != feedback.id, Feedback.status.in_(statuses),
                                   Feedback.received_at >= now - timedelta(days=31 * months), or_(*same))
            .order_by(Feedback.received_at.desc()).limit(scan))
    if user is not None and not {str(r) for r in user.role_set} & {"admin", "manager", "desk_officer"}:
        stmt = stmt.where(Feedback.unit_id == user.unit_id)
    mine = {"title": feedback.title, "content": feedback.content, "place": feedback.place,
            "procedure_code": feedback.procedure_code, "case_code": feedback.case_code}
    mine["shingles"] = rules.shingles(f"{feedback.title} {feedback.content}")
    found = []
    for row in db.session.execute(stmt).mappings():
        if row["status"] == FeedbackStatus.CLOSED and row["answered_at"] is None:
            continue  # closed after a rejection or transfer: nothing to merge into
        score, reasons = rules.similarity(mine, row)
        if score >= threshold:
            found.append({"id": row["id"], "tracking_code": row["tracking_code"], "title": row["title"],
                          "status": row["status"], "received_at": row["received_at"], "score": score,
                          "reasons": reasons})
    found.sort(key=lambda item: (-item["score"], -item["id"]))
    return found[:DUPLICATE_LIMIT]


# ---------------------------------------------------------------- queries

def find_by_code(code: str) -> Feedback | None:
    return db.session.scalars(select(Feedback).where(Feedback.tracking_code == code)).one_or_none()


def worklist(user, *, status: str = "open", q: str = "", page: int = 1, per_page: int = 25) -> Page:
    """Desk officers, managers and admins see every feedback; others those of their unit. Earliest due first;
    `q` finds tracking codes containing it, in any case (a citizen calling about "PA-1911-000002")."""
    stmt = select(Feedback)
    if status == "open":
        stmt = stmt.where(Feedback.status.in_(list(rules.OPEN)))
    elif status in {s.value for s in FeedbackStatus}:
        stmt = stmt.where(Feedback.status == FeedbackStatus(status))
    roles = {str(r) for r in user.role_set}
    if not roles & {"admin", "manager", "desk_officer"}:
        stmt = stmt.where(Feedback.unit_id == user.unit_id)
    q = nfc(q).strip()[:100]
    if q:
        escaped = q.upper().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        stmt = stmt.where(func.upper(Feedback.tracking_code).like(f"%{escaped}%", escape="\\"))
    return paginate_select(stmt, Feedback.answer_due_at, Feedback.id, page=page, per_page=per_page)


def handlers_of(unit_id: int | None) -> list[StaffUser]:
    """Active handlers and unit heads of the unit: the people a feedback of that unit can be assigned to."""
    if not unit_id:
        return []
    stmt = (select(StaffUser).join(UserRole).where(StaffUser.unit_id == unit_id, StaffUser.is_active_account.is_(True),
                                                   UserRole.role.in_([Role.HANDLER.value, Role.UNIT_HEAD.value]))
            .distinct())
    return sorted(db.session.scalars(stmt), key=lambda u: sort_key(u.full_name))


def can_see(user, feedback: Feedback) -> bool:
    roles = {str(r) for r in user.role_set}
    return bool(roles & {"admin", "manager", "desk_officer"}) or (
        user.unit_id is not None and user.unit_id == feedback.unit_id)



def published_answers(*, q: str = "", category: str = "", unit_id: int | None = None, page: int = 1,
                      per_page: int = 20) -> Page:
    """Published feedback, newest first, a page at a time; `q` matches with or without diacritics."""
    stmt = select(Feedback).where(Feedback.published_at.is_not(None))
    for word in fold(q).split()[:8]:
        escaped = word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        stmt = stmt.where(Feedback.public_search.like(f"%{escaped}%", escape="\\"))
    if category in {c.value for c in Category}:
        stmt = stmt.where(Feedback.category == Category(category))
    if unit_id:
        stmt = stmt.where(Feedback.unit_id == unit_id)
    return paginate_select(stmt, Feedback.published_at.desc(), Feedback.id.desc(), page=page, per_page=per_page)


def answer_units() -> list:
    """Units that have at least one published answer, in Vietnamese order (the answers page filter)."""
    from portal.units.models import Unit

    has_answers = select(Feedback.unit_id).where(Feedback.published_at.is_not(None), Feedback.unit_id.is_not(None))
    units = db.session.scalars(select(Unit).where(Unit.id.in_(has_answers.distinct())))
    return sorted(units, key=lambda unit: sort_key(unit.name))


def public_primary(feedback: Feedback) -> Feedback | None:
    """For a merged feedback: the feedback it is finally handled in (the end of its merge chain)."""
    if feedback is None or feedback.status != FeedbackStatus.MERGED:
        return None
    chain = merge_chain(feedback)
    return chain[-1] if chain else None
