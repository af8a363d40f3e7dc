"""Pure rules of the annual reform plan (kế hoạch CCHC; DOMAIN.md §7–8). No clock, no database.

Decisions where the texts are silent:
- Totals are computed from the activities' budgets, never typed; a total line of the source is kept as
  `stated_total` only to show where the source disagrees with itself.
- An activity is late when today is past the last day of its end month (of the plan's year) and it is
  neither done nor cancelled. Activities without months are never late.
- A result's status compares the actual value with the target in the target's direction:
  achieved — the target is met; on track — not met yet, but the period is not over and the value is
  within the tolerance (default 5 points, or 5% of the target for non-percent units) of the target;
  at risk — not met, period not over, outside the tolerance; missed — the period is over and the target
  is not met; no data — no actual value (unbound and never reported).
"""
from __future__ import annotations

from datetime import date
from enum import StrEnum

from portal.core.stats import month_period


class PlanStatus(StrEnum):
    DRAFT = "draft"  # being prepared (e.g. copied from last year)
    IN_FORCE = "in_force"  # issued by the decision


class Direction(StrEnum):
    AT_LEAST = ">="
    MORE_THAN = ">"
    AT_MOST = "<="
    LESS_THAN = "<"
    EQUAL = "="


class Progress(StrEnum):
    NOT_STARTED = "not_started"
    IN_PROGRESS = "in_progress"
    DONE = "done"
    CANCELLED = "cancelled"


class Metric(StrEnum):
    """Indicators the portal measures itself (DOMAIN.md §7); each has its formula on the dashboard."""
    SATISFACTION = "satisfaction"  # ratings satisfied ÷ ratings (case evaluations)
    CASES_ON_TIME = "cases_on_time"  # cases finished early or on time ÷ cases in scope (open overdue count against)
    LATE_WITH_APOLOGY = "late_with_apology"  # late cases with an apology letter ÷ late cases
    PROCEDURES_PUBLISHED = "procedures_published"  # procedures in force with every component ÷ in force
    FEEDBACK_ON_TIME = "feedback_on_time"  # PAKN handled within deadline ÷ PAKN in scope
    FEEDBACK_SATISFACTION = "feedback_satisfaction"  # DOMAIN.md §7 formula
    SERVICES_SURVEYED = "services_surveyed"  # procedures covered by a survey campaign in the period


class ResultStatus(StrEnum):
    ACHIEVED = "achieved"
    ON_TRACK = "on_track"
    AT_RISK = "at_risk"
    MISSED = "missed"
    NO_DATA = "no_data"


MONTHS = range(1, 13)
PROGRESS_MAX = 100


def valid_months(start: int | None, end: int | None) -> bool:
    if start is None and end is None:
        return True
    if start is None or end is None:
        return False
    return start in MONTHS and end in MONTHS and start <= end


def is_late(*, year: int, end_month: int | None, progress: Progress, today: date) -> bool:
    if end_month is None or Progress(progress) in (Progress.DONE, Progress.CANCELLED):
        return False
    return today > month_period(year, end_month).end


def meets(value: float, target: float, direction: Direction) -> bool:
    d = Direction(direction)
    return {
        Direction.AT_LEAST: value >= target,
        Direction.MORE_THAN: value > target,
        Direction.AT_MOST: value <= target,
        Direction.LESS_THAN: value < target,
        Direction.EQUAL: value == target,
    }[d]


def result_status(*, actual: float | None, target: float | None, direction: Direction | None, period_over: bool,
                  unit: str = "%", tolerance: float | None = None) -> ResultStatus:
    if actual is None or target is None or direction is None:
        return ResultStatus.NO_DATA
    if meets(actual, target, direction):
        return ResultStatus.ACHIEVED
    if period_over:
        return ResultStatus.MISSED
    if tolerance is None:
        tolerance = 5.0 if unit == "%" else abs(target) * 0.05
    return ResultStatus.ON_TRACK if abs(actual - target) <= tolerance else ResultStatus.AT_RISK

