"""Pure deadline rules of phản ánh, kiến nghị (NĐ 20/2008 Điều 9 k1 d; DOMAIN.md §5, working days): the
statutory forward deadline, the dated practice schedule, Civil Code counting, and judging a step against
its due day. No clock, no database: callers pass the schedule (config FEEDBACK_DEADLINES), the day and the
working-day calendar's add_working_days. The workflow rules are in rules.py.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from portal.feedback.vocabulary import FeedbackStatus, Step, Timing

S = FeedbackStatus

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
