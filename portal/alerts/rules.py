"""When a warning to staff is due (issue 18 point 1), and when a warning was acted on. Pure: the calendar, the
case's local dates and today are given; no Flask, no database, no clock.

The days (all local, Vietnamese calendar days):
- the legal due day: the local day of Case.original_due_at. A limit in days ends at the end of its last day
  (BLDS 2015 Điều 148 k1, docs/law/bo-luat-dan-su-2015-thoi-han.md): the case is overdue from the next day on.
- the handler's day: N working days before the due day (N = the handler's setting, default ALERT_HANDLER_LEAD_DAYS).
  Counted on working days, so it always falls on a working day; a holiday or a make-up Saturday between moves it.
- the head's day: the last day an apology can still be in time, one working day before the due day
  (NĐ 61/2018 Điều 19 k9, docs/law/nd61-2018-tt01-2018.md: "chậm nhất 01 ngày trước ngày hết hạn"; NĐ 118/2025
  keeps the lead of one working day, DOMAIN.md §7a; the same day as cases.services.apology_window). A working day
  by definition.
- a consultation leg is overdue from the day after its own due day (the same BLDS 2015 Điều 148 reading); the
  lead unit then tells the head of the one-stop desk that transferred the file (NĐ 61/2018 Điều 19 k5 b).
- a case is past its legal due from the day after the due day; with no apology the managers are told.

Catching up: each warning is due on its day and on every later working day of its window (until the due day for
the handler, only the last day itself for the head, without end for an overdue leg or an unapologised overdue case),
so a morning run that did not happen (server down, a non-working day) is caught up by the next one. The warning is
recorded once per case and step (the unique row in case_warning), so catching up never sends twice. On a
non-working day nothing is sent at all (`is_sending_day`): the warnings wait for the next working morning.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta, tzinfo
from enum import StrEnum

from portal.cases.rules import last_apology_day

MIN_LEAD_DAYS, MAX_LEAD_DAYS = 1, 5


class WarningKind(StrEnum):
    HANDLER_DUE = "handler_due"  # to the handler: N working days before the legal due day
    HEAD_APOLOGY = "head_apology"  # to the handling unit's head: the last day an apology is in time
    LEG_OVERDUE = "leg_overdue"  # to the receiving desk's head: a consultation is past its own due day
    MANAGER_NO_APOLOGY = "manager_no_apology"  # to the managers: past the legal due day with no apology


# Who may switch a warning off (decided as a public office would): the handler's own reminder is a convenience
# (the worklist colours the same cases), so its receiver may switch it off and choose its lead. The three others
# carry a legal duty or its escalation and cannot be switched off: the head's last apology day (NĐ 61/2018 Điều 19
# k9, the one chance to apologise in time), the consultation overdue (Điều 19 k5 b: the desk's head must be told)
# and the managers' list of late cases without an apology (the target of 100% late cases apologised, issue 18).
OPTIONAL = frozenset({WarningKind.HANDLER_DUE})
MANDATORY = frozenset(WarningKind) - OPTIONAL

# The kinds about the case's legal due day (one per case and promise) and about a consultation leg.
CASE_KINDS = frozenset({WarningKind.HANDLER_DUE, WarningKind.HEAD_APOLOGY, WarningKind.MANAGER_NO_APOLOGY})


def step_key(kind: WarningKind, *, due_day: date | None = None, leg_id: int | None = None) -> str:
    """What "once per case and step" means, stored in case_warning.step: a consultation leg by its id; the other
    kinds by the legal due day they speak of, so a due day moved later (a supplement restarts the time, NĐ 61/2018
    Điều 19 k4; an administrator applies a calendar notice) is a new promise and is warned about again, while the
    same promise is warned about once."""
    if WarningKind(kind) == WarningKind.LEG_OVERDUE:
        return f"leg:{int(leg_id)}"
    return f"due:{due_day.isoformat()}"


def clamp_lead_days(value: int | None, default: int) -> int:
    value = default if value is None else int(value)
    return max(MIN_LEAD_DAYS, min(MAX_LEAD_DAYS, value))


def is_sending_day(today: date, cal) -> bool:
    """Warnings go out on working days only (a make-up Saturday is one; a holiday or a Sunday is not)."""
    return cal.is_working_day(today)


def handler_day(due_day: date, lead_days: int, cal) -> date:
    """The working day `lead_days` working days before the due day (the due day itself not counted)."""
    day = due_day
    for _ in range(lead_days):
        day = cal.previous_working_day(day)
    return day


def handler_due_today(due_day: date, lead_days: int, today: date, cal) -> bool:
    """From the handler's day up to the due day itself (a case received too late for its handler's day, or a
    morning missed, is warned on the next working morning before the due day ends)."""
    return is_sending_day(today, cal) and handler_day(due_day, lead_days, cal) <= today <= due_day


def head_apology_today(due_day: date, today: date, cal) -> bool:
    """On the last day an apology can be in time, and only then: later an apology is late and the managers' warning
    takes over after the due day."""
    return is_sending_day(today, cal) and today == last_apology_day(due_day, cal)


def leg_overdue_today(leg_due_day: date, today: date, cal) -> bool:
    """From the first working day after the leg's own due day (BLDS 2015 Điều 148 k1: the day ends at 24:00)."""
    return is_sending_day(today, cal) and today > leg_due_day


def manager_no_apology_today(due_day: date, today: date, cal) -> bool:
    """From the first working day after the legal due day, while the case is open without an apology."""
    return is_sending_day(today, cal) and today > due_day


def latest_due_day_for_handler(today: date, cal) -> date:
    """No due day after this one can have its handler's day on or before `today` (the longest lead): the bound of
    the query that looks for the handlers' warnings."""
    return cal.add_working_days(today, MAX_LEAD_DAYS)


def working_days_left(due_day: date, today: date, cal) -> int:
    """Working days after today up to the due day (0 on the due day itself)."""
    return max(0, cal.working_days_between(today, due_day))


# ---------------------------------------------------------------- acted on (the manager overview's "sent vs acted")

@dataclass(frozen=True)
class WarningOutcome:
    """What the case did after one warning; every moment aware UTC (or None), `due_day` local."""

    kind: WarningKind
    warned_at: datetime
    due_day: date | None  # the case's legal due day (the local day of original_due_at)
    finished_at: datetime | None = None
    apology_at: datetime | None = None
    apology_in_time: bool = False
    leg_answered_at: datetime | None = None


def acted_on(outcome: WarningOutcome, tz: tzinfo) -> bool:
    """Was the warning acted on? Defined here only (portal.alerts.services.sent_and_acted counts with it), from the
    case data as it is now, nothing kept in sync:
    - handler_due: the case was finished (result ready, refused, withdrawn) or an apology was issued, after the
      warning and by the end of the legal due day;
    - head_apology: an apology issued after the warning and in time (ApologyKind.IN_TIME, NĐ 61/2018 Điều 19 k9);
    - leg_overdue: the consultation was answered (or closed) after the warning;
    - manager_no_apology: an apology issued after the warning (late by then, but the citizen is told)."""
    kind = WarningKind(outcome.kind)

    def after(moment: datetime | None) -> bool:
        return moment is not None and moment >= outcome.warned_at

    def by_due_day(moment: datetime) -> bool:
        return outcome.due_day is None or moment.astimezone(tz).date() <= outcome.due_day

    if kind == WarningKind.HANDLER_DUE:
        return any(after(m) and by_due_day(m) for m in (outcome.finished_at, outcome.apology_at))
    if kind == WarningKind.HEAD_APOLOGY:
        return after(outcome.apology_at) and outcome.apology_in_time
    if kind == WarningKind.LEG_OVERDUE:
        return after(outcome.leg_answered_at)
    return after(outcome.apology_at)


def day_bounds(day: date, tz: tzinfo) -> tuple[datetime, datetime]:
    """The local day as [start, end) aware moments in `tz` (for queries on UTC columns)."""
    start = datetime(day.year, day.month, day.day, tzinfo=tz)
    end = datetime.combine(day + timedelta(days=1), start.timetz())
    return start, end
