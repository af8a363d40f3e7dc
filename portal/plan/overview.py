"""The manager overview (issue 7 §6–8): the DOMAIN.md §7 figures for a period and a unit, each with its monthly
trend, and the period asked for in the page's query string."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from portal.core.stats import month_period
from portal.plan import metrics
from portal.plan.rules import Metric
from portal.units.scope import AS_WAS

OVERVIEW_METRICS = (Metric.CASES_ON_TIME, Metric.SATISFACTION, Metric.FEEDBACK_ON_TIME,
                    Metric.FEEDBACK_SATISFACTION, Metric.PROCEDURES_PUBLISHED)
TREND_MONTHS = 6


@dataclass
class TrendPoint:
    month: date  # first day
    figure: metrics.Figure


@dataclass
class OverviewItem:
    figure: metrics.Figure
    trend: list[TrendPoint]


def months_back(end: date, count: int) -> list[tuple[date, date]]:
    """The `count` calendar months ending with `end`'s month, oldest first."""
    out = []
    year, month = end.year, end.month
    for _ in range(count):
        month_of = month_period(year, month)
        out.append((month_of.start, month_of.end))
        year, month = (year - 1, 12) if month == 1 else (year, month - 1)
    return out[::-1]


def manager_overview(start: date, end: date, unit_id: int | None = None, *, now=None,
                     trend_months: int = TREND_MONTHS, units: str = AS_WAS) -> list[OverviewItem]:
    """The DOMAIN.md §7 figures for [start, end] and a unit, each with its monthly trend (the months
    ending with `end`'s month). Every value comes from metrics.live_values (the domains' own code); with
    `units="as_is"` the unit's figures include its predecessors' (portal.units.scope)."""
    headline = metrics.live_values(OVERVIEW_METRICS, start, end, unit_id, now=now, units=units)
    trends: dict[Metric, list[TrendPoint]] = {m: [] for m in OVERVIEW_METRICS}
    for first, last in months_back(end, trend_months):
        monthly = metrics.live_values(OVERVIEW_METRICS, first, last, unit_id, now=now, units=units)
        for m in OVERVIEW_METRICS:
            trends[m].append(TrendPoint(first, monthly[m]))
    return [OverviewItem(headline[m], trends[m]) for m in OVERVIEW_METRICS]


def last_twelve_months(today: date) -> tuple[date, date]:
    """What the page's label says: the last twelve months, to today (the same day a year earlier excluded), e.g.
    11 March 2026 to 10 March 2027. Not the calendar months ending with today's month: that period reached
    into days that have not come yet and left out the first days of the year-ago month."""
    try:
        year_ago = today.replace(year=today.year - 1)
    except ValueError:  # 29 February: a year earlier has no 29th
        year_ago = date(today.year - 1, 2, 28)
    return year_ago + timedelta(days=1), today


def parse_overview_period(args, today: date) -> tuple[date, date]:
    """?start=&end= (ISO dates); default: the last twelve months, to today (last_twelve_months)."""
    def day(raw):
        try:
            return date.fromisoformat((raw or "").strip())
        except ValueError:
            return None
    start, end = day(args.get("start")), day(args.get("end"))
    if start and end and start.year >= 2000 and end.year <= today.year + 1:
        return min(start, end), max(start, end)
    return last_twelve_months(today)
