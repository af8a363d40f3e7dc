"""Pure rules of phản ánh, kiến nghị (NĐ 20/2008 as amended; DOMAIN.md §5). No clock, no database."""
from __future__ import annotations

import re
from datetime import date, datetime
from enum import StrEnum


class FeedbackKind(StrEnum):
    REFLECTION = "phan_anh"  # phản ánh
    PROPOSAL = "kien_nghi"  # kiến nghị: a phản ánh with a proposed solution, or an initiative


class Category(StrEnum):
    """Content categories of NĐ 20/2008 Điều 5."""
    OBSTRUCTION = "obstruction"  # delay, harassment, non- or wrong implementation by agencies or officials
    UNSUITABLE = "unsuitable"  # regulation unsuitable to reality
    INCONSISTENT = "inconsistent"  # inconsistent regulations
    ILLEGAL = "illegal"  # illegal regulation
    TREATY_CONFLICT = "treaty_conflict"  # conflict with treaties
    OTHER = "other"
    SOLUTION = "solution"  # proposed solution
    INITIATIVE = "initiative"  # initiative for a new regulation


class Subject(StrEnum):
    """Statistics split PAKN about regulations/procedures from PAKN about official behaviour."""
    REGULATION = "regulation"
    BEHAVIOUR = "behaviour"


class SubmitterKind(StrEnum):
    INDIVIDUAL = "individual"
    ORGANISATION = "organisation"


class Channel(StrEnum):
    WEB = "web"
    LETTER = "letter"
    PHONE = "phone"
    EMAIL = "email"
    SURVEY = "survey"


class Satisfaction(StrEnum):
    SATISFIED = "satisfied"
    NOT_SATISFIED = "not_satisfied"


class FeedbackStatus(StrEnum):
    NEW = "new"
    ACCEPTED = "accepted"
    REJECTED = "rejected"
    TRANSFERRED = "transferred"
    ASSIGNED = "assigned"
    SUPPLEMENT_REQUESTED = "supplement_requested"
    SUPPLEMENTED = "supplemented"
    ANSWER_DRAFTED = "answer_drafted"
    ANSWER_APPROVED = "answer_approved"
    PUBLISHED = "published"
    ANSWERED_PRIVATELY = "answered_privately"
    CLOSED = "closed"


class Action(StrEnum):
    ACCEPT = "accept"
    REJECT = "reject"
    TRANSFER = "transfer"
    ASSIGN = "assign"
    REQUEST_SUPPLEMENT = "request_supplement"
    SUPPLEMENT = "supplement"
    DRAFT_ANSWER = "draft_answer"
    APPROVE_ANSWER = "approve_answer"
    RETURN_DRAFT = "return_draft"
    PUBLISH = "publish"
    ANSWER_PRIVATELY = "answer_privately"
    CLOSE = "close"


S, A = FeedbackStatus, Action

# The one transition table: (from, action) -> to.
TRANSITIONS: dict[tuple[FeedbackStatus, Action], FeedbackStatus] = {
    (S.NEW, A.ACCEPT): S.ACCEPTED,
    (S.NEW, A.REJECT): S.REJECTED,
    (S.NEW, A.TRANSFER): S.TRANSFERRED,
    (S.ACCEPTED, A.TRANSFER): S.TRANSFERRED,
    (S.ACCEPTED, A.ASSIGN): S.ASSIGNED,
    (S.ASSIGNED, A.ASSIGN): S.ASSIGNED,  # reassignment
    (S.ASSIGNED, A.REQUEST_SUPPLEMENT): S.SUPPLEMENT_REQUESTED,
    (S.SUPPLEMENT_REQUESTED, A.SUPPLEMENT): S.SUPPLEMENTED,
    (S.SUPPLEMENTED, A.REQUEST_SUPPLEMENT): S.SUPPLEMENT_REQUESTED,
    (S.ASSIGNED, A.DRAFT_ANSWER): S.ANSWER_DRAFTED,
    (S.SUPPLEMENTED, A.DRAFT_ANSWER): S.ANSWER_DRAFTED,
    (S.ANSWER_DRAFTED, A.DRAFT_ANSWER): S.ANSWER_DRAFTED,  # redraft
    (S.ANSWER_DRAFTED, A.RETURN_DRAFT): S.ASSIGNED,  # the unit head sends it back
    (S.ANSWER_DRAFTED, A.APPROVE_ANSWER): S.ANSWER_APPROVED,
    (S.ANSWER_APPROVED, A.PUBLISH): S.PUBLISHED,
    (S.ANSWER_APPROVED, A.ANSWER_PRIVATELY): S.ANSWERED_PRIVATELY,
    (S.PUBLISHED, A.CLOSE): S.CLOSED,
    (S.ANSWERED_PRIVATELY, A.CLOSE): S.CLOSED,
    (S.REJECTED, A.CLOSE): S.CLOSED,
    (S.TRANSFERRED, A.CLOSE): S.CLOSED,
}

OPEN = frozenset({S.NEW, S.ACCEPTED, S.ASSIGNED, S.SUPPLEMENT_REQUESTED, S.SUPPLEMENTED, S.ANSWER_DRAFTED,
                  S.ANSWER_APPROVED})
ANSWERED = frozenset({S.PUBLISHED, S.ANSWERED_PRIVATELY})


def next_status(current: FeedbackStatus, action: Action) -> FeedbackStatus | None:
    return TRANSITIONS.get((FeedbackStatus(current), Action(action)))


def allowed_actions(current: FeedbackStatus) -> list[Action]:
    return [action for (status, action) in TRANSITIONS if status == FeedbackStatus(current)]


# ---------------------------------------------------------------- deadlines (DOMAIN.md §5, working days)

class Step(StrEnum):
    FORWARD = "forward"  # send to the competent body
    REJECT = "reject"  # refuse with a reason
    SUPPLEMENT = "supplement"  # ask the submitter for more
    ANSWER = "answer"  # answer from receipt
    PUBLISH = "publish"  # publish the approved answer


# (effective-from ISO date, {step: working days}); some provinces answer in 10 days: add a dated row.
DEFAULT_DEADLINES = (
    ("2008-03-15", {"forward": 5, "reject": 2, "supplement": 5, "answer": 15, "publish": 2}),
)


def deadlines_in_force(schedule, day: date) -> dict:
    """The schedule row whose date is the latest not after `day`."""
    current = None
    for starts, days in sorted(schedule, key=lambda row: row[0]):
        if date.fromisoformat(starts) <= day:
            current = days
    if current is None:
        raise ValueError(f"no feedback deadlines in force on {day}")
    return dict(current)


def due_on(step: Step, start: date, schedule, add_working_days) -> date:
    """The last day for `step` counted in working days from `start` (the calendar gives add_working_days)."""
    days = deadlines_in_force(schedule, start)[Step(step).value]
    return add_working_days(start, days)


class Timing(StrEnum):
    ON_TIME = "on_time"
    LATE = "late"
    IN_TIME = "in_time"
    DUE_SOON = "due_soon"
    OVERDUE = "overdue"


def timing(*, due_on: date, today: date, done_on: date | None = None, due_soon_from: date | None = None) -> Timing:
    """Done by the due day = on time, after = late; open: in time, due soon (from `due_soon_from`), overdue."""
    if done_on is not None:
        return Timing.LATE if done_on > due_on else Timing.ON_TIME
    if today > due_on:
        return Timing.OVERDUE
    if due_soon_from is not None and today >= due_soon_from:
        return Timing.DUE_SOON
    return Timing.IN_TIME


# ---------------------------------------------------------------- codes

_TRACKING = re.compile(r"^PA-(?P<yymm>\d{4})-(?P<n>\d{6})$")


def tracking_code(day: date | datetime, number: int) -> str:
    """PA-YYMM-NNNNNN: the year and month of receipt and a running number."""
    if not 1 <= number <= 999_999:
        raise ValueError("the running number runs from 1 to 999999")
    return f"PA-{day:%y%m}-{number:06d}"


def normalize_tracking(text: str) -> str:
    return re.sub(r"\s+", "", text or "").replace("–", "-").replace("—", "-").upper()


def is_tracking_code(text: str) -> bool:
    return bool(_TRACKING.match(normalize_tracking(text)))


# ---------------------------------------------------------------- submission

CONTENT_MAX = 10_000
TITLE_MAX = 200


def can_mark_satisfaction(*, published: bool, current: Satisfaction | None) -> bool:
    """Once, after the answer is published (DOMAIN.md §5)."""
    return published and current is None


# ---------------------------------------------------------------- who may take a step (staff side)

INTAKE_ACTIONS = frozenset({A.ACCEPT, A.REJECT, A.TRANSFER})  # the receiving desk decides whether to handle
HEAD_ACTIONS = frozenset({A.ASSIGN, A.APPROVE_ANSWER, A.RETURN_DRAFT, A.PUBLISH, A.ANSWER_PRIVATELY, A.CLOSE})
HANDLER_ACTIONS = frozenset({A.REQUEST_SUPPLEMENT, A.SUPPLEMENT, A.DRAFT_ANSWER})


def may_act(action: Action, *, roles, user_id: int | None, user_unit_id: int | None, unit_id: int | None,
            handler_id: int | None) -> bool:
    """Desk officers and managers examine new feedback; the head of the responsible unit assigns, approves
    and publishes (a manager for feedback not yet given to a unit); the handler drafts. `roles`: values."""
    roles = {str(r) for r in roles}
    if "admin" in roles:
        return True
    head_of_unit = "unit_head" in roles and user_unit_id is not None and user_unit_id == unit_id
    if action in INTAKE_ACTIONS:
        return bool(roles & {"desk_officer", "manager"})
    if action in HEAD_ACTIONS:
        return head_of_unit or ("manager" in roles and (unit_id is None or action == A.CLOSE))
    return head_of_unit or (user_id is not None and user_id == handler_id)
