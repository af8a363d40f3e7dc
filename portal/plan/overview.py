"""The manager overview (issue 7 §6–8): the DOMAIN.md §7 figures for a period and a unit, each with its monthly
trend, and the period asked for in the page's query string."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from portal.core.stats import month_period
from portal.plan import metrics
from portal.plan.rules import Metric

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
                     trend_months: int = TREND_MONTHS) -> list[OverviewItem]:
    """The DOMAIN.md §7 figures for [start, end] and a unit, each with its monthly trend (the months
    ending with `end`'s month). Every value comes from metrics.live_values (the domains' own code)."""
    headline = metrics.live_values(OVERVIEW_METRICS, start, end, unit_id, now=now)
    trends: dict[Metric, list[TrendPoint]] = {m: [] for m in OVERVIEW_METRICS}
    for first, last in months_back(end, trend_months):
        monthly = metrics.live_values(OVERVIEW_METRICS, first, last, unit_id, now=now)
        for m in OVERVIEW_METRICS:
            trends[m].append(TrendPoint(first, monthly[m]))
    return [OverviewItem(headline[m], trends[m]) for m in OVERVIEW_METRICS]


def parse_overview_period(args, today: date) -> tuple[date, date]:
    """?start=&end= (ISO dates); default: the 12 months ending with today's month."""
    def day(raw):
        try:
            return date.fromisoformat((raw or "").strip())
        except ValueError:
            return None
    start, end = day(args.get("start")), day(args.get("end"))
    if start and end and start.year >= 2000 and end.year <= today.year + 1:
        return min(start, end), max(start, end)
    last = month_period(today.year, today.month).end
    first_year, first_month = (today.year - 1, today.month + 1) if today.month < 12 else (today.year, 1)
    return date(first_year, first_month, 1), last
