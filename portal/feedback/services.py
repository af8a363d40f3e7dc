"""Feedback commands and queries of the staff workflow: one step at a time through the transition table
(a dispatcher with the checks all steps share, one function per step: STEPS), merging into a primary,
worklists, and the published answers; duplicate candidates are in duplicates.py. The deadlines these steps fix and their timing are in
deadline_services.py; the citizen's submission, lookup and satisfaction reply in submission.py. Services
flush and audit; views commit."""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime

from flask_babel import lazy_gettext as _l
from sqlalchemy import and_, func, select, update

from portal.auth.models import StaffUser, UserRole
from portal.core import audit, fulltext
from portal.core.access import Role
from portal.core.db import db
from portal.core.errors import Conflict, DomainError
from portal.core.pagination import Page, paginate_select
from portal.core.text import fold, nfc, sort_key
from portal.feedback import notifications, rules
from portal.feedback.deadline_services import deadline_of, due_from, step_due
from portal.feedback.duplicates import duplicate_candidates as duplicate_candidates  # the staff page's merge helper
from portal.feedback.models import PUBLIC_ANSWERS, Feedback, FeedbackEvent
from portal.feedback.vocabulary import Action, Category, FeedbackStatus, RejectionReason, Step, Subject

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


@dataclass(frozen=True)
class _Given:
    """What the officer gave with a step (the form's fields), for the step's own checks."""

    now: datetime
    actor: object
    note: str
    unit_id: int | None
    handler_id: int | None
    answer: str | None
    public_question: str | None
    public_answer: str | None
    rejection_code: str | None
    primary_code: str | None


@dataclass
class _Done:
    """What a step adds to its audit row, and what follows it: the primary a merge went into, and whether
    those merged into this feedback are told (its answer is published)."""

    audit: dict = field(default_factory=dict)
    primary: Feedback | None = None
    tell_merged: bool = False


def transition(feedback: Feedback, action: Action, *, now: datetime, expected_version: int, actor=None,
               note: str = "", unit_id: int | None = None, handler_id: int | None = None, subject=None,
               answer: str | None = None, public_question: str | None = None,
               public_answer: str | None = None, rejection_code: str | None = None,
               primary_code: str | None = None) -> Feedback:
    """One workflow step: the checks every step shares here, the step's own in its function (STEPS).
    REJECT needs `rejection_code` (RejectionReason; the note too when "other"); MERGE needs `primary_code`,
    the tracking code of the feedback this one is merged into."""
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
        _classify(feedback, Subject(subject))
    given = _Given(now, actor, note, unit_id, handler_id, answer, public_question, public_answer, rejection_code,
                   primary_code)
    done = STEPS[action](feedback, given) or _Done()
    feedback.status = target
    record_event(feedback, action.value, FeedbackStatus(before["status"]), target, now, actor, note=note)
    db.session.flush()
    after = {"status": target.value, "unit_id": feedback.unit_id, "handler_id": feedback.handler_id, **done.audit}
    if done.primary is not None:
        _record_merged_in(feedback, done.primary, given)
    audit.record(f"feedback.{action.value}", "feedback", feedback.id, before=before, after=after,
                 summary=feedback.tracking_code, actor=actor)
    notifications.feedback_changed(feedback, notifications.event_for_action(action), now=now, note=note,
                                   primary_code=done.primary.tracking_code if done.primary is not None else "")
    if done.tell_merged:  # those merged into this one read the answer on their own tracking page
        for merged in db.session.scalars(select(Feedback).where(Feedback.merged_into_id == feedback.id)):
            notifications.feedback_changed(merged, "answer_published", now=now)
    return feedback


def _classify(feedback: Feedback, subject: Subject) -> None:
    # A per-kind practice deadline (e.g. answer PAKN about procedures in 10) applies once the feedback is
    # classified, counted from receipt with the row in force that day; without one the date stays.
    before_days, after_days = (deadline_of(feedback, Step.ANSWER, kind) for kind in (feedback.subject, subject))
    feedback.subject = subject
    if after_days is not None and before_days is not None and after_days.days != before_days.days:
        feedback.answer_due_at = due_from(feedback.received_at, after_days)


def _record_merged_in(feedback: Feedback, primary: Feedback, given: _Given) -> None:
    record_event(primary, "merged_in", primary.status, primary.status, given.now, given.actor,
                 note=f"{feedback.tracking_code} {given.note}".strip())
    db.session.flush()
    audit.record("feedback.merged_in", "feedback", primary.id, after={"merged": feedback.tracking_code},
                 summary=primary.tracking_code, actor=given.actor)


# ---------------------------------------------------------------- one function per step

def _accept(feedback: Feedback, given: _Given) -> None:
    # Accepted for handling: the window to ask the submitter for more runs from receipt (practice).
    feedback.step_due_at = step_due(feedback, feedback.received_at, Step.SUPPLEMENT)
    feedback.unit_id = given.unit_id or feedback.unit_id


def _reject(feedback: Feedback, given: _Given) -> _Done:
    if given.rejection_code not in {r.value for r in RejectionReason}:
        raise DomainError(_l("Choose the reason for rejecting the feedback."), field="rejection_code")
    if rules.rejection_note_required(given.rejection_code) and not given.note:
        raise DomainError(_l("Explain the reason for rejecting the feedback."), field="note")
    feedback.rejection_code = RejectionReason(given.rejection_code)
    feedback.rejection_reason = given.note
    feedback.closed_at = given.now
    return _Done(audit={"rejection_code": feedback.rejection_code.value})


def _merge(feedback: Feedback, given: _Given) -> _Done:
    primary = _primary_for(feedback, given.primary_code, given.actor)
    feedback.merged_into_id = primary.id
    feedback.closed_at, feedback.step_due_at = given.now, None
    return _Done(audit={"merged_into": primary.tracking_code}, primary=primary)


def _transfer(feedback: Feedback, given: _Given) -> None:
    # NĐ 20/2008 Điều 9 k1 d: forwarded to the competent body; judged against forward_due_at.
    feedback.closed_at = feedback.forwarded_at = given.now


def _assign(feedback: Feedback, given: _Given) -> None:
    if not given.unit_id or not given.handler_id:
        raise DomainError(_l("Choose the unit and the handler."), field="handler_id")
    if given.handler_id not in {h.id for h in handlers_of(given.unit_id)}:  # else he could not open it (can_see)
        raise DomainError(_l("Choose a handler of the unit that handles this feedback."), field="handler_id")
    feedback.unit_id, feedback.handler_id = given.unit_id, given.handler_id


def _keep_step_due(feedback: Feedback, given: _Given) -> None:
    """REQUEST_SUPPLEMENT: step_due_at stays, the (first) request is judged against the supplement window;
    SUPPLEMENT and RETURN_DRAFT change only the status (their note is the record)."""


def _draft_answer(feedback: Feedback, given: _Given) -> None:
    if not nfc(given.answer):
        raise DomainError(_l("Write the answer."), field="answer")
    feedback.answer = (given.answer or "").strip()


def _approve_answer(feedback: Feedback, given: _Given) -> None:
    feedback.step_due_at = step_due(feedback, given.now, Step.PUBLISH)  # publish within n days of the approval


def _publish(feedback: Feedback, given: _Given) -> _Done:
    if not feedback.publish_allowed:
        raise DomainError(_l("The submitter did not allow publication; answer privately instead."))
    if not nfc(given.public_question) or not nfc(given.public_answer):
        raise DomainError(_l("Enter the published question and answer, with personal data removed."),
                          field="public_answer")
    feedback.public_question, feedback.public_answer = given.public_question.strip(), given.public_answer.strip()
    feedback.public_search = fold(f"{feedback.public_question} {feedback.public_answer}")
    feedback.published_at = feedback.answered_at = given.now  # step_due_at stays: publication is judged on it
    return _Done(tell_merged=True)


def _answer_privately(feedback: Feedback, given: _Given) -> None:
    feedback.answered_at, feedback.step_due_at = given.now, None


def _close(feedback: Feedback, given: _Given) -> None:
    feedback.closed_at = given.now


STEPS: dict[Action, Callable[[Feedback, _Given], _Done | None]] = {
    Action.ACCEPT: _accept, Action.REJECT: _reject, Action.TRANSFER: _transfer, Action.ASSIGN: _assign,
    Action.REQUEST_SUPPLEMENT: _keep_step_due, Action.SUPPLEMENT: _keep_step_due,
    Action.DRAFT_ANSWER: _draft_answer, Action.APPROVE_ANSWER: _approve_answer,
    Action.RETURN_DRAFT: _keep_step_due, Action.PUBLISH: _publish, Action.ANSWER_PRIVATELY: _answer_privately,
    Action.CLOSE: _close, Action.MERGE: _merge,
}


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



def is_public():
    """The one test of what anyone may read of a feedback, used by every public reader (the published
    answers page, Open311): its answer is published and its submitter allowed publication."""
    return and_(Feedback.published_at.is_not(None), Feedback.publish_allowed.is_(True))


def published_answers(*, q: str = "", category: str = "", unit_id: int | None = None, page: int = 1,
                      per_page: int = 20) -> Page:
    """Published feedback, a page at a time: newest first, or the best matches of `q` first (core.fulltext over
    the published question and answer only: synonyms, with or without diacritics, typos)."""
    conditions = [is_public()]
    if category in {c.value for c in Category}:
        conditions.append(Feedback.category == Category(category))
    if unit_id:
        conditions.append(Feedback.unit_id == unit_id)
    ids = fulltext.ranked(PUBLIC_ANSWERS, q, select(Feedback.id).where(*conditions), Feedback.id,
                          Feedback.public_search, tie_breaks=((-Feedback.id).label("newest_first"),))
    if ids is None:
        return paginate_select(select(Feedback).where(*conditions), Feedback.published_at.desc(), Feedback.id.desc(),
                               page=page, per_page=per_page)
    shown = ids[(page - 1) * per_page: page * per_page]
    found = {f.id: f for f in db.session.scalars(select(Feedback).where(Feedback.id.in_(shown)))} if shown else {}
    return Page([found[i] for i in shown], page, per_page, len(ids))


def answer_units() -> list:
    """Units that have at least one published answer, in Vietnamese order (the answers page filter)."""
    from portal.units.models import Unit

    has_answers = select(Feedback.unit_id).where(is_public(), Feedback.unit_id.is_not(None))
    units = db.session.scalars(select(Unit).where(Unit.id.in_(has_answers.distinct())))
    return sorted(units, key=lambda unit: sort_key(unit.name))


def public_primary(feedback: Feedback) -> Feedback | None:
    """For a merged feedback: the feedback it is finally handled in (the end of its merge chain)."""
    if feedback is None or feedback.status != FeedbackStatus.MERGED:
        return None
    chain = merge_chain(feedback)
    return chain[-1] if chain else None
