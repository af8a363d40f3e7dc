"""Pure rules of phản ánh, kiến nghị (NĐ 20/2008 as amended; DOMAIN.md §5). No clock, no database.

Merging (Action.MERGE, status MERGED): a feedback about the same matter as another one (the "primary") is
merged into it instead of being handled twice. It is terminal: the merged feedback keeps its own record,
trail and submitter, points to the primary (`merged_into_id`), and is answered by the primary's published
answer, shown on its own tracking page. Who may merge: for a NEW feedback the people who examine new
feedback (desk officers, managers, as for accept/reject/transfer); once accepted, the head of the
responsible unit (a manager while no unit holds it), like the other head steps. See `merge_problem` for
what can be a primary, and `COUNTED_STATUSES` for statistics.

The values these rules decide on (statuses, actions, steps, timings, rejection reasons …) are in
vocabulary.py; the deadlines (statutory forward, practice schedule, counting, timing) in deadlines.py.
"""
from __future__ import annotations

import re
from datetime import date, datetime

from portal.core.text import fold
from portal.feedback.vocabulary import Action, FeedbackStatus, RejectionReason, Satisfaction

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
    return frozenset(ws) | frozenset(f"{a} {b}" for a, b in zip(ws, ws[1:], strict=False))


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
