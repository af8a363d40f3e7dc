"""Pure rules of phản ánh, kiến nghị (NĐ 20/2008 as amended; DOMAIN.md §5). No clock, no database.

Merging (Action.MERGE, status MERGED): a feedback about the same matter as another one (the "primary") is
merged into it instead of being handled twice. It is terminal: the merged feedback keeps its own record,
trail and submitter, points to the primary (`merged_into_id`), and is answered by the primary's published
answer, shown on its own tracking page. Who may merge: for a NEW feedback the people who examine new
feedback (desk officers, managers, as for accept/reject/transfer); once accepted, the head of the
responsible unit (a manager while no unit holds it), like the other head steps. See `merge_problem` for
what can be a primary, and `COUNTED_STATUSES` for statistics.

The values these rules decide on (statuses, actions, steps, timings, rejection reasons …) are in
vocabulary.py.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime

from portal.core.text import fold
from portal.feedback.vocabulary import Action, FeedbackStatus, RejectionReason, Satisfaction, Step, Timing


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
# An open feedback whose own answer is not yet written or approved; once the unit has an approved answer it is
# answered on its own (merging then would discard that work). MERGED is terminal.
MERGEABLE = OPEN - {S.ANSWER_DRAFTED, S.ANSWER_APPROVED}
TRANSITIONS.update({(status, A.MERGE): S.MERGED for status in MERGEABLE})

# Statistics count every feedback once: a merged one is the same matter as its primary, which is counted
# (received, on time, answered, satisfaction) in its place. Every statistic filters on COUNTED_STATUSES.
COUNTED_STATUSES = frozenset(S) - {S.MERGED}


def is_counted(status: FeedbackStatus) -> bool:
    """Whether a feedback in `status` counts in statistics (a merged one does not: its primary does)."""
    return FeedbackStatus(status) in COUNTED_STATUSES


def next_status(current: FeedbackStatus, action: Action) -> FeedbackStatus | None:
    return TRANSITIONS.get((FeedbackStatus(current), Action(action)))


def allowed_actions(current: FeedbackStatus) -> list[Action]:
    return [action for (status, action) in TRANSITIONS if status == FeedbackStatus(current)]


# ---------------------------------------------------------------- deadlines (DOMAIN.md §5, working days)
#
# Two kinds of deadline, kept apart in the data and on every page that shows one:
# - statutory: NĐ 20/2008/NĐ-CP (in force from 03/03/2008, Điều 25: 15 days after publication in the
#   Công báo) sets one deadline only: a PAKN outside the receiving body's competence is forwarded to the
#   competent body "trong thời hạn không quá 05 ngày làm việc, kể từ ngày tiếp nhận" (Điều 9 k1 d). Not
#   a setting: the law, the same for every province. Nothing received before 03/03/2008 has it.
# - practice: reject ≤ 2, request supplements ≤ 5, answer ≤ 15, publish the answer ≤ 2 working days are
#   the practice of the national PAKN system and the provinces, not the decree. A dated schedule
#   (config FEEDBACK_DEADLINES, like CASE_SUPPLEMENT_RULES): rows (effective-from ISO date, {step: days},
#   basis) — the basis (optional) names the provincial decision; the row in force on the item's day of
#   receipt applies, so items already received keep their deadlines when a row is added. A step's days
#   may be {subject: days, "*": days} (per-kind override, e.g. Ninh Bình QĐ 163/2025 Điều 19: answer
#   PAKN about procedures in 10). No practice row may start before the decree.
# Counting (Bộ luật Dân sự 2015 Điều 147–148): the day of receipt is not counted; the deadline ends at
# the end of its last working day.

DECREE = "NĐ 20/2008/NĐ-CP"
DECREE_IN_FORCE = date(2008, 3, 3)  # Điều 25: in force 15 days after publication in the Công báo
FORWARD_BASIS = "NĐ 20/2008/NĐ-CP Điều 9 k1 d"
STATUTORY_DAYS = {Step.FORWARD: 5}  # Điều 9 k1 d: forward within 5 working days of receipt
PRACTICE_STEPS = (Step.REJECT, Step.SUPPLEMENT, Step.ANSWER, Step.PUBLISH)
ANY_SUBJECT = "*"

# The national system's practice, applied from the decree's first day unless a province adds a row.
DEFAULT_DEADLINES = (
    ("2008-03-03", {"reject": 2, "supplement": 5, "answer": 15, "publish": 2}),
)


@dataclass(frozen=True)
class Deadline:
    """One step's deadline as the rules give it: `statutory` (the decree, with its article in `basis`)
    or practice (`basis`: the provincial decision, "" for the national system's practice)."""
    step: Step
    days: int
    statutory: bool
    basis: str
    since: date  # the decree's or the schedule row's effective date


def _row(row) -> tuple[date, dict, str]:
    starts, days, *rest = row
    return date.fromisoformat(starts), days, (rest[0] if rest else "")


def check_schedule(schedule) -> None:
    """A schedule is valid when every row starts on or after the decree's effective date, sets only
    practice steps (the forward deadline is the decree's, Điều 9 k1 d: not a setting), and every value is
    a non-negative number of days or {subject or "*": days} with a "*" default."""
    if not schedule:
        raise ValueError("the feedback deadline schedule is empty")
    for row in schedule:
        starts, days, _basis = _row(row)
        if starts < DECREE_IN_FORCE:
            raise ValueError(f"a deadline row starts on {starts}, before NĐ 20/2008 was in force (03/03/2008)")
        unknown = set(days) - {s.value for s in PRACTICE_STEPS}
        if unknown:
            raise ValueError(f"not practice steps (the forward deadline is statutory): {sorted(unknown)}")
        for value in days.values():
            values = value.values() if isinstance(value, dict) else [value]
            if isinstance(value, dict) and ANY_SUBJECT not in value:
                raise ValueError('a per-kind deadline needs a "*" default')
            if any(not isinstance(v, int) or v < 0 for v in values):
                raise ValueError("deadlines are whole, non-negative numbers of working days")


def practice_row(schedule, day: date) -> tuple[date, dict, str] | None:
    """The schedule row in force on `day` (the latest whose date is not after it), or None."""
    current = None
    for row in sorted(schedule, key=lambda r: r[0]):
        starts, days, basis = _row(row)
        if starts <= day:
            current = (starts, days, basis)
    return current


def _days_for(value, subject) -> int:
    if isinstance(value, dict):
        key = str(subject) if subject is not None else ANY_SUBJECT
        return int(value.get(key, value[ANY_SUBJECT]))
    return int(value)


def deadline(step: Step, received_on: date, schedule, subject=None) -> Deadline | None:
    """The deadline of `step` for a feedback received on `received_on` (its kind `subject` when known),
    or None when none is in force that day (before 03/03/2008 there is none at all)."""
    step = Step(step)
    if received_on < DECREE_IN_FORCE:
        return None
    if step in STATUTORY_DAYS:
        return Deadline(step, STATUTORY_DAYS[step], True, FORWARD_BASIS, DECREE_IN_FORCE)
    row = practice_row(schedule, received_on)
    if row is None or step.value not in row[1]:
        return None
    starts, days, basis = row
    return Deadline(step, _days_for(days[step.value], subject), False, basis, starts)


def deadlines(received_on: date, schedule, subject=None) -> dict[Step, Deadline]:
    """Every step's deadline in force for a feedback received on `received_on` (empty before the decree)."""
    found = {step: deadline(step, received_on, schedule, subject) for step in (Step.FORWARD, *PRACTICE_STEPS)}
    return {step: d for step, d in found.items() if d is not None}


def deadlines_in_force(schedule, day: date) -> dict:
    """The practice days of the row in force on `day` ({step: days}, per-kind values at their default)."""
    row = practice_row(schedule, day)
    if row is None:
        raise ValueError(f"no feedback deadlines in force on {day}")
    return {step: _days_for(value, None) for step, value in row[1].items()}


def due_day(start: date, days: int, add_working_days) -> date:
    """The last day of a limit of `days` working days from `start` (Bộ luật Dân sự Điều 147: the day of
    receipt is not counted; a limit starting on a day off counts from the next working day)."""
    return add_working_days(start, days)


def due_on(step: Step, start: date, schedule, add_working_days, subject=None) -> date | None:
    """The last day for `step` counted in working days from `start`, with the deadline in force on
    `start`; None when there is none."""
    found = deadline(step, start, schedule, subject)
    return None if found is None else due_day(start, found.days, add_working_days)


def practice_step(status: FeedbackStatus, *, rejected: bool, published: bool, forwarded: bool) -> Step | None:
    """Which practice step the stored step deadline (Feedback.step_due_at) belongs to: deciding on a new
    feedback (reject), the window to ask for supplements once accepted, publishing the approved answer;
    None when there is none (forwarded, merged, answered privately)."""
    status = FeedbackStatus(status)
    if rejected or status == S.NEW:
        return Step.REJECT
    if forwarded or status in {S.TRANSFERRED, S.MERGED}:
        return None
    if published or status == S.ANSWER_APPROVED:
        return Step.PUBLISH
    if status in {S.ACCEPTED, S.ASSIGNED, S.SUPPLEMENT_REQUESTED, S.SUPPLEMENTED, S.ANSWER_DRAFTED}:
        return Step.SUPPLEMENT
    return None


def forward_applies(status: FeedbackStatus, *, forwarded: bool) -> bool:
    """The statutory forward deadline (Điều 9 k1 d) runs while the receiving body has not yet decided
    (a new feedback) and is judged once the feedback is forwarded; accepted for handling here, it no
    longer applies."""
    return forwarded or FeedbackStatus(status) == S.NEW


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
            handler_id: int | None, status: FeedbackStatus | None = None) -> bool:
    """Desk officers and managers examine new feedback; the head of the responsible unit assigns, approves
    and publishes (a manager for feedback not yet given to a unit); the handler drafts. `roles`: values.
    Merging a NEW feedback is an intake decision; merging one already accepted is a head step."""
    roles = {str(r) for r in roles}
    if "admin" in roles:
        return True
    head_of_unit = "unit_head" in roles and user_unit_id is not None and user_unit_id == unit_id
    if action == A.MERGE:
        if status is not None and FeedbackStatus(status) == S.NEW:
            return bool(roles & {"desk_officer", "manager"})
        return head_of_unit or ("manager" in roles and unit_id is None)
    if action in INTAKE_ACTIONS:
        return bool(roles & {"desk_officer", "manager"})
    if action in HEAD_ACTIONS:
        return head_of_unit or ("manager" in roles and (unit_id is None or action == A.CLOSE))
    return head_of_unit or (user_id is not None and user_id == handler_id)


# ---------------------------------------------------------------- rejection (DOMAIN.md §5)

def rejection_note_required(code: RejectionReason | str) -> bool:
    """A free-text explanation is required only when the reason is "other"."""
    return RejectionReason(code) == RejectionReason.OTHER


# ---------------------------------------------------------------- duplicates and merging

# Folded Vietnamese function words and the words every feedback uses: they say nothing about the matter.
STOP_WORDS = frozenset(fold(
    "và với của cho các những một mà là thì này kia đó đây ở tại trong ngoài trên dưới từ đến về theo "
    "được bị đã đang sẽ vẫn còn chưa không có nhưng nếu vì nên do để khi lúc rồi cũng rất quá lại ra vào "
    "tôi chúng ta mình họ ông bà anh chị em cháu gia đình người dân xin đề nghị kính gửi "
    "việc vấn đề nội dung phản ánh kiến nghị nay hiện ngày tháng năm như vậy thế nào sao gì ai"
).split())
_WORD = re.compile(r"[0-9a-z]+")
PLACE_BONUS = 0.1
PROCEDURE_BONUS = 0.1
CASE_BONUS = 0.25


def words(text: str) -> list[str]:
    """Folded syllables without stop words: 'Đường ngập nước' and 'duong ngap nuoc' give the same list."""
    return [w for w in _WORD.findall(fold(text)) if w not in STOP_WORDS and (len(w) > 1 or w.isdigit())]


def shingles(text: str) -> frozenset[str]:
    """The set of single words and of pairs of consecutive words (Vietnamese words are mostly two
    syllables: 'khai sinh', 'ngap nuoc')."""
    ws = words(text)
    return frozenset(ws) | frozenset(f"{a} {b}" for a, b in zip(ws, ws[1:]))


def jaccard(a: frozenset, b: frozenset) -> float:
    return len(a & b) / len(a | b) if a and b else 0.0


def similarity(a: dict, b: dict) -> tuple[float, list[str]]:
    """How alike two feedback are, from 0 to 1, with the reasons: the Jaccard index of the shingles of
    title + content, plus a bonus for the same place, procedure code and case code (folded, non-empty).
    `a`, `b`: mappings with title, content, place, procedure_code, case_code (missing keys are empty).
    A precomputed "shingles" key is used when present."""
    sa = a.get("shingles") or shingles(f"{a.get('title', '')} {a.get('content', '')}")
    sb = b.get("shingles") or shingles(f"{b.get('title', '')} {b.get('content', '')}")
    score = jaccard(sa, sb)
    reasons = ["text"] if score else []
    for key, bonus in (("place", PLACE_BONUS), ("procedure_code", PROCEDURE_BONUS), ("case_code", CASE_BONUS)):
        left, right = fold(a.get(key) or ""), fold(b.get(key) or "")
        if left and left == right:
            score += bonus
            reasons.append(key)
    return min(score, 1.0), reasons


def merge_problem(*, source_id: int, target_id: int, target_status: FeedbackStatus, target_answered: bool,
                  target_chain: list[int]) -> str | None:
    """Why `source` cannot be merged into `target`, or None. `target_chain`: the ids that target is
    (transitively) merged into. The primary is open, or answered (also when closed after its answer);
    never the feedback itself, nor a merged, rejected or transferred one, nor one merged into the source."""
    if source_id == target_id:
        return "self"
    if source_id in target_chain:
        return "cycle"
    status = FeedbackStatus(target_status)
    if status in {S.MERGED, S.REJECTED, S.TRANSFERRED} or (status == S.CLOSED and not target_answered):
        return "status"
    return None
