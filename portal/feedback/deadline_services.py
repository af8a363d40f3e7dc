"""Feedback deadlines in time (DOMAIN.md §5): the portal's practice schedule (config FEEDBACK_DEADLINES),
due moments at the office's closing time, and judging the statutory forward deadline (NĐ 20/2008 Điều 9
k1 d), the stored practice step deadline and the answer deadline for the staff pages. The pure rules are
in deadlines.py; the workflow steps that fix these dates are in services.py. Reads only, no writes."""
from __future__ import annotations

from datetime import UTC, date, datetime

from flask import current_app

from portal.core.clock import local_tz, to_local
from portal.feedback import deadlines
from portal.feedback.models import Feedback
from portal.feedback.vocabulary import Action, FeedbackStatus, Step, Timing
from portal.workdays.services import calendar_for, due_settings


def schedule():
    """The practice schedule of this portal (config FEEDBACK_DEADLINES), checked by deadlines.check_schedule."""
    rows = current_app.config.get("FEEDBACK_DEADLINES", deadlines.DEFAULT_DEADLINES)
    deadlines.check_schedule(rows)
    return rows


def end_of_day(day: date) -> datetime:
    """A limit ends at the end of its last working day (Bộ luật Dân sự Điều 148): the office's closing time."""
    return datetime.combine(day, due_settings().office_close, tzinfo=local_tz()).astimezone(UTC)


def _add_working_days(start: date, days: int) -> date:
    return calendar_for([start.year], language="vi").add_working_days(start, days)


def due_from(start: datetime, deadline: deadlines.Deadline | None) -> datetime | None:
    """The end of the last working day of `deadline` counted from the local day of `start`."""
    if deadline is None:
        return None
    return end_of_day(deadlines.due_day(to_local(start).date(), deadline.days, _add_working_days))


_OWN = object()


def deadline_of(feedback: Feedback, step: Step, subject=_OWN) -> deadlines.Deadline | None:
    """The deadline of `step` for this feedback (of its own kind unless `subject` is given): the rules in
    force on its day of receipt (the item keeps them when the schedule changes later)."""
    return deadlines.deadline(step, to_local(feedback.received_at).date(), schedule(),
                              feedback.subject if subject is _OWN else subject)


def step_due(feedback: Feedback, moment: datetime, step: Step) -> datetime | None:
    """The due moment of `step` counted from `moment`, with the deadline in force on the day of receipt."""
    return due_from(moment, deadline_of(feedback, step))


def timing_of(feedback: Feedback, now: datetime) -> Timing:
    """The answer deadline (practice) judged; the statistics read the same rule (stats.py)."""
    return _judge(feedback.answer_due_at, feedback.answered_at, to_local(now).date())


def _due_soon_from(due_day: date) -> date:
    cal = calendar_for([due_day.year], language="vi")
    soon = due_day
    for _ in range(current_app.config.get("DUE_SOON_WORKING_DAYS", 2)):
        soon = cal.previous_working_day(soon)
    return soon


def _first_event_at(feedback: Feedback, action: Action) -> datetime | None:
    return next((e.at for e in feedback.events if e.action == action.value), None)


def _judge(due_at: datetime, done_at: datetime | None, today: date) -> Timing:
    due_day = to_local(due_at).date()
    done = to_local(done_at).date() if done_at else None
    return deadlines.timing(due_on=due_day, today=today, done_on=done, due_soon_from=_due_soon_from(due_day))


def forward_timing(feedback: Feedback, now: datetime) -> Timing | None:
    """The statutory forward deadline (NĐ 20/2008 Điều 9 k1 d) judged: forwarded by the due day = on time,
    after = late; not yet decided = in time / due soon / overdue from the 6th working day; None when it does
    not apply (received before 03/03/2008, or accepted for handling here)."""
    forwarded = feedback.forwarded_at is not None
    if feedback.forward_due_at is None or not deadlines.forward_applies(feedback.status, forwarded=forwarded):
        return None
    return _judge(feedback.forward_due_at, feedback.forwarded_at, to_local(now).date())


def before_the_decree(feedback: Feedback) -> bool:
    """Received before NĐ 20/2008/NĐ-CP was in force (03/03/2008): no deadline of any kind applies (only
    imported history can be; the portal refuses to register such a feedback)."""
    return to_local(feedback.received_at).date() < deadlines.DECREE_IN_FORCE


def answer_applies(feedback: Feedback) -> bool:
    """The town answers it by a deadline: received under the decree, and not rejected, forwarded to another
    body, or merged into another feedback."""
    return not (before_the_decree(feedback) or feedback.rejection_code or feedback.forwarded_at
                or feedback.status in {FeedbackStatus.MERGED, FeedbackStatus.REJECTED, FeedbackStatus.TRANSFERRED})


def deadlines_of(feedback: Feedback, now: datetime) -> list[dict]:
    """The deadlines of a feedback as the staff page shows them, each {"step", "due_at", "done_at",
    "timing" (None: nothing to judge yet), "statutory", "basis", "since"}: the statutory forward deadline,
    the stored practice step deadline and the answer deadline. Labels come from the rules in force on the
    day of receipt; the dates are the stored ones."""
    today, rows = to_local(now).date(), []
    if before_the_decree(feedback):
        return rows
    timing = forward_timing(feedback, now)
    if timing is not None:
        rows.append({"step": Step.FORWARD, "due_at": feedback.forward_due_at, "done_at": feedback.forwarded_at,
                     "timing": timing, "statutory": True, "basis": deadlines.FORWARD_BASIS,
                     "since": deadlines.DECREE_IN_FORCE})
    practice = {"statutory": False, "basis": feedback.practice_basis or "", "since": feedback.practice_from}
    step = deadlines.practice_step(feedback.status, rejected=feedback.rejection_code is not None,
                                   published=feedback.published_at is not None,
                                   forwarded=feedback.forwarded_at is not None)
    if step is not None and feedback.step_due_at is not None:
        done = {Step.REJECT: _first_event_at(feedback, Action.REJECT),
                Step.SUPPLEMENT: _first_event_at(feedback, Action.REQUEST_SUPPLEMENT),
                Step.PUBLISH: feedback.published_at}[step]
        # The supplement window is judged only when a request was made (asking is not an obligation).
        judged = None if step == Step.SUPPLEMENT and done is None else _judge(feedback.step_due_at, done, today)
        rows.append({"step": step, "due_at": feedback.step_due_at, "done_at": done, "timing": judged, **practice})
    if answer_applies(feedback):
        rows.append({"step": Step.ANSWER, "due_at": feedback.answer_due_at, "done_at": feedback.answered_at,
                     "timing": timing_of(feedback, now), **practice})
    return rows
