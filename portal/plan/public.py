"""The plan's targets as the public home page shows them (issue 16 point 4): the plan in force, each result
bound to a live figure with its target, and the figure computed by the plan dashboard (reporting.dashboard →
metrics.live_values → the statistics code of the domain), so the home page, the plan and the statistics
pages show one number. Registered as a home-page section (core.navigation.HOME_SECTIONS): the site package
sits beside the plan and does not import it."""
from __future__ import annotations

from dataclasses import dataclass

from flask import url_for

from portal.core.clock import today_local, utcnow
from portal.plan import report_text, reporting, tracking
from portal.plan.rules import Metric, ResultStatus

# Where a visitor reads the figure in detail: the public statistics page (or public API) of the same period.
DETAIL = {Metric.CASES_ON_TIME: "cases_public.statistics", Metric.LATE_WITH_APOLOGY: "cases_public.statistics",
          Metric.SATISFACTION: "satisfaction_public.figures", Metric.FEEDBACK_ON_TIME: "api_statistics.feedback",
          Metric.FEEDBACK_SATISFACTION: "api_statistics.feedback", Metric.PROCEDURES_PUBLISHED: "procedures.index"}
WITH_YEAR = frozenset(DETAIL) - {Metric.PROCEDURES_PUBLISHED}


@dataclass(frozen=True)
class HomeTarget:
    row: reporting.ResultRow
    status_label: object
    met: bool
    detail_url: str | None


def _detail(metric: Metric, year: int) -> str | None:
    endpoint = DETAIL.get(metric)
    if endpoint is None:
        return None
    return url_for(endpoint, **({"year": year} if metric in WITH_YEAR else {}))


def home_targets(today=None, now=None) -> dict:
    """{"plan_board": the dashboard of the latest plan in force (its year up to today), "plan_targets": its
    bound results with a target}; empty when no plan is in force."""
    today, now = today or today_local(), now or utcnow()
    plans = tracking.plans_in_force()
    plan = next((p for p in plans if p.year <= today.year), plans[-1] if plans else None)
    if plan is None:
        return {}
    board = reporting.dashboard(plan, today=today, now=now)
    targets = [HomeTarget(row, reporting.STATUS_LABELS[row.status], row.status == ResultStatus.ACHIEVED,
                          _detail(Metric(row.result.metric), plan.year))
               for field in board.fields for row in field.results
               if row.figure is not None and row.result.target_value is not None]
    return {"plan_board": board, "plan_targets": targets, "plan_fmt": report_text} if targets else {}
