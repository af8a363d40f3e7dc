"""The manager overview (issue 7 §6–8): the DOMAIN.md §7 figures for a period and a unit, each with its monthly
trend, and the period asked for in the page's query string."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from flask_babel import lazy_gettext as _l

from portal.alerts.services import sent_and_acted
from portal.core.stats import Rate, month_period
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


# ---------------------------------------------------------------- apologies and warnings (issue 18 point 4)
#
# The seed's hardest target: no late case without its apology slip (Mẫu 04). NĐ 61/2018 Điều 19 k9: the apology
# is issued at the latest one working day before the due day, once; issued after that it still counts as an
# apology, a late one (DOMAIN.md §3 item 5). Late cases = finished late in the period + open past the legal due day
# at its end (cases.stats), so the three apology counts below add up to them.
APOLOGY_FORMULAS = {
    "late_without_apology": _l("Late cases without an apology = late cases (finished late in the period + open and "
                               "overdue at its end) with no apology slip (Mẫu 04) issued by then. Target: 0."),
    "in_time": _l("Apologies issued in time ÷ late cases; in time = at the latest one working day before the legal "
                  "due day (NĐ 61/2018 Điều 19 k9). Late apologies are counted apart."),
    "warnings": _l("Warnings acted on ÷ warnings sent to staff for the days of the period. Acted on, after the "
                   "warning: the case finished or apologised by its due day (handler), an apology issued in time "
                   "(unit head), the consultation answered (desk head), an apology issued (manager)."),
}


@dataclass(frozen=True)
class ApologyFigures:
    """The overview's apology figures for [start, end] and a unit, from one case_statistics total and the
    warnings' own count (alerts.services.sent_and_acted)."""
    start: date
    end: date
    late_cases: int
    late_without_apology: int
    late_with_apology: int  # issued in time
    late_with_late_apology: int
    warnings_sent: int
    warnings_acted: int
    stats_args: dict  # the case statistics page for the same dates and unit

    @property
    def target_met(self) -> bool:
        return self.late_without_apology == 0

    @property
    def in_time_rate(self) -> Rate:
        return Rate(self.late_with_apology, self.late_cases)

    @property
    def warnings_rate(self) -> Rate:
        return Rate(self.warnings_acted, self.warnings_sent)

    @property
    def formulas(self) -> dict:
        return APOLOGY_FORMULAS


def apology_figures(start: date, end: date, unit_id: int | None = None, *, now, units: str = AS_WAS) -> ApologyFigures:
    """Live for the period: late cases without an apology (target 0), apologies issued in time of all late cases,
    and the warnings sent to staff vs acted on. The case counts are the case statistics page's total row
    (metrics.case_figures), so both pages agree by construction."""
    total = metrics.case_figures(start, end, unit_id, now=now, units=units)
    sent, acted = sent_and_acted(start, end, unit_id, units)
    args = {"from": start.isoformat(), "to": end.isoformat(), **({"unit": unit_id} if unit_id else {}),
            **({"units": units} if units != AS_WAS else {})}
    return ApologyFigures(start, end, total.late_cases, total.late_without_apology, total.late_with_apology,
                          total.late_with_late_apology, sent, acted, args)
