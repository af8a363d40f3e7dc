"""The plan dashboard's data, which the quarterly/annual report prints too (issue 7 §6–8). The report's wording
is in report_text.py and its DOCX file in report_docx.py; the manager overview is in overview.py.

One function, `dashboard`, feeds the dashboard page, the printable HTML report and the DOCX report, so
their figures are the same by construction.

Period of a plan view: the plan's year from 1 January to the end of the chosen quarter (cumulative, as a
quarterly report counts "from the start of the year"), or to 31 December without a quarter. The state is
read "as of" the end of that period, or today when the period has not ended yet:
- bound results: the live figure (metrics.live_value) for the period;
- unbound results: the latest IndicatorReport whose as_of date is on or before the period's end;
- activities: their current progress while the period runs; for a period already over, the progress of
  the last update recorded on or before its end (not started when none), so a past quarter's report does
  not change when work goes on;
- late: rules.is_late as of that day; status: rules.result_status, the period being over when today is past
  its end.
Unit filter (a lead unit): only the activities that unit leads, the results that have one, and the bound
results with their figure restricted to the unit (where the figure has a unit scope).
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta

from flask_babel import lazy_gettext as _l
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from portal.core.clock import local_tz, today_local
from portal.core.db import db
from portal.core.stats import quarter_period
from portal.plan import metrics
from portal.plan.models import ActivityUpdate, IndicatorReport, Plan, PlanActivity, PlanField, PlanResult
from portal.plan.rules import Metric, Progress, ResultStatus, is_late, result_status
from portal.units.scope import AS_WAS

PROGRESS_ORDER = (Progress.NOT_STARTED, Progress.IN_PROGRESS, Progress.DONE, Progress.CANCELLED)
STATUS_ORDER = (ResultStatus.ACHIEVED, ResultStatus.ON_TRACK, ResultStatus.AT_RISK, ResultStatus.MISSED,
                ResultStatus.NO_DATA)
PROGRESS_LABELS = {Progress.NOT_STARTED: _l("Not started"), Progress.IN_PROGRESS: _l("In progress"),
                   Progress.DONE: _l("Done"), Progress.CANCELLED: _l("Cancelled")}
STATUS_LABELS = {ResultStatus.ACHIEVED: _l("Achieved"), ResultStatus.ON_TRACK: _l("On track"),
                 ResultStatus.AT_RISK: _l("At risk"), ResultStatus.MISSED: _l("Missed"),
                 ResultStatus.NO_DATA: _l("No data")}
STATUS_RULES = (
    (ResultStatus.ACHIEVED, _l("the actual value meets the target in its direction (≥, >, ≤, <, =).")),
    (ResultStatus.ON_TRACK, _l("not met yet, the period is not over, and the value is within 5 points of the "
                               "target (5% of the target for counts).")),
    (ResultStatus.AT_RISK, _l("not met, the period is not over, and the value is further than that from the "
                              "target.")),
    (ResultStatus.MISSED, _l("the period is over and the target is not met.")),
    (ResultStatus.NO_DATA, _l("no live figure and no value reported yet.")),
)


# ---------------------------------------------------------------- the dashboard

@dataclass
class ActivityRow:
    activity: PlanActivity
    progress: Progress
    percent: int
    comment: str
    late: bool


@dataclass
class ResultRow:
    result: PlanResult
    actual: float | None
    source: str  # "live", "reported" or ""
    figure: metrics.Figure | None
    report: IndicatorReport | None
    status: ResultStatus
    activities: list[ActivityRow]
    budget: int

    @property
    def late(self) -> int:
        return sum(1 for a in self.activities if a.late)


@dataclass
class FieldRow:
    field: PlanField
    results: list[ResultRow]

    @property
    def budget(self) -> int:
        return sum(r.budget for r in self.results)

    @property
    def activities(self) -> list[ActivityRow]:
        return [a for r in self.results for a in r.activities]

    @property
    def progress(self) -> Counter:
        return Counter(a.progress for a in self.activities)

    @property
    def statuses(self) -> Counter:
        return Counter(r.status for r in self.results)

    @property
    def late(self) -> int:
        return sum(r.late for r in self.results)


@dataclass
class Dashboard:
    plan: Plan
    unit_id: int | None
    quarter: int | None
    start: date
    end: date
    as_of: date
    period_over: bool
    fields: list[FieldRow] = field(default_factory=list)
    units: str = AS_WAS  # the bound figures of a lead unit: as it was, or with its predecessors (units.scope)

    @property
    def budget(self) -> int:
        return sum(f.budget for f in self.fields)

    @property
    def activities(self) -> list[ActivityRow]:
        return [a for f in self.fields for a in f.activities]

    @property
    def progress(self) -> Counter:
        return Counter(a.progress for a in self.activities)

    @property
    def statuses(self) -> Counter:
        return Counter(r.status for f in self.fields for r in f.results)

    @property
    def late(self) -> list[ActivityRow]:
        return [a for a in self.activities if a.late]


def period_of(year: int, quarter: int | None) -> tuple[date, date]:
    return date(year, 1, 1), (quarter_period(year, quarter).end if quarter else date(year, 12, 31))


def _moment_after(day: date) -> datetime:
    return datetime.combine(day + timedelta(days=1), time(), local_tz()).astimezone(UTC)


def load_plan(plan_id: int) -> Plan | None:
    """The plan with its whole tree in four queries."""
    stmt = (select(Plan).where(Plan.id == plan_id)
            .options(selectinload(Plan.fields).selectinload(PlanField.results)
                     .selectinload(PlanResult.activities).selectinload(PlanActivity.lead_unit)))
    return db.session.scalars(stmt).first()


def _latest_updates(activity_ids: list[int], before: datetime | None) -> dict[int, ActivityUpdate]:
    if not activity_ids:
        return {}
    stmt = select(ActivityUpdate).where(ActivityUpdate.activity_id.in_(activity_ids))
    if before is not None:
        stmt = stmt.where(ActivityUpdate.at < before)
    latest: dict[int, ActivityUpdate] = {}
    for update in db.session.scalars(stmt.order_by(ActivityUpdate.activity_id, ActivityUpdate.id)):
        latest[update.activity_id] = update
    return latest


def _latest_reports(result_ids: list[int], end: date) -> dict[int, IndicatorReport]:
    if not result_ids:
        return {}
    stmt = (select(IndicatorReport).where(IndicatorReport.result_id.in_(result_ids), IndicatorReport.as_of <= end)
            .order_by(IndicatorReport.result_id, IndicatorReport.as_of, IndicatorReport.id))
    return {r.result_id: r for r in db.session.scalars(stmt)}


def dashboard(plan: Plan, *, unit_id: int | None = None, quarter: int | None = None, today: date | None = None,
              now=None, units: str = AS_WAS) -> Dashboard:
    today = today or today_local()
    start, end = period_of(plan.year, quarter)
    period_over = today > end
    as_of = end if period_over else today
    board = Dashboard(plan, unit_id, quarter, start, end, as_of, period_over, units=units)

    results = [r for f in plan.fields for r in f.results]
    activity_ids = [a.id for r in results for a in r.activities]
    updates = _latest_updates(activity_ids, _moment_after(end) if period_over else None)
    reports = _latest_reports([r.id for r in results if not r.metric], end)
    bound = {Metric(r.metric) for r in results if r.metric}
    figures = metrics.live_values(sorted(bound), start, end, unit_id, now=now, units=units) if bound else {}

    for f in plan.fields:
        rows = []
        for r in f.results:
            acts = []
            for a in r.activities:
                if unit_id and a.lead_unit_id != unit_id:
                    continue
                update = updates.get(a.id)
                if period_over:
                    progress = Progress(update.progress) if update else Progress.NOT_STARTED
                    percent = update.percent if update else 0
                else:
                    progress, percent = Progress(a.progress), a.percent
                acts.append(ActivityRow(a, progress, percent, update.comment if update else "",
                                        is_late(year=plan.year, end_month=a.end_month, progress=progress,
                                                today=as_of)))
            if unit_id and not acts and not r.metric:
                continue
            figure = figures.get(Metric(r.metric)) if r.metric else None
            report = reports.get(r.id)
            actual = figure.value if figure else (report.value if report else None)
            status = result_status(actual=actual, target=r.target_value, direction=r.direction,
                                   period_over=period_over, unit=r.target_unit or "%")
            rows.append(ResultRow(r, actual, "live" if figure else ("reported" if report else ""), figure, report,
                                  status, acts, sum(x.activity.budget or 0 for x in acts)))
        if rows:
            board.fields.append(FieldRow(f, rows))
    return board
