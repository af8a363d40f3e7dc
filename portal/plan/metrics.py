"""Live figures of the reform plan's bound indicators (rules.Metric; DOMAIN.md §7).

Each figure is computed by CALLING the statistics code of the domain that owns it, for the same local
dates [start, end] and unit, so the plan's value and the domain's own statistics page are equal by
construction:

- CASES_ON_TIME     cases.stats.case_statistics(...).total.on_time_rate_766 (cases.indicators: QĐ 766, against the
                    receipt's promise, open overdue and supplements asked twice counted against); the plan's
                    own wording (early + on time ÷ finished, Row.rate) is shown beside, labelled;
- LATE_WITH_APOLOGY the same total's late_with_apology_rate (cases.indicators.late_with_apology_rate);
- PROCEDURES_PUBLISHED procedures.metrics.catalogue_compliance(start, end).complete_rate (procedures in force
                    at the end with every component ÷ in force); its on-time publication rate is shown beside.
                    The catalogue is town-wide: a unit filter does not apply;
- FEEDBACK_ON_TIME  feedback.stats.indicator_counts(...).on_time_rate_766 (feedback.indicators: handled in the
                    period + open overdue at its end); the plan's wording (on time ÷ handled) beside, labelled;
- FEEDBACK_SATISFACTION the same counts' satisfaction_766 (both PAKN figures from one query);
- SATISFACTION      satisfaction.stats.overall_rate(start, end, unit_id); the QĐ 766 case satisfaction
                    (cases.indicators.satisfaction_766) beside, labelled;
- SERVICES_SURVEYED procedures covered by a survey campaign (open or closed, not a draft) whose sample
                    period overlaps [start, end]; town-wide.

Values of rates are in percent (0–100), as the plan's targets are written, each with n and its 95% Wilson
interval (core.stats.Rate); labels and formulas of the shared indicators come from cases.formulas, feedback.formulas and
satisfaction.formulas.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, date

from flask import current_app, url_for
from flask_babel import lazy_gettext as _l
from sqlalchemy import distinct, func, select

from portal.cases.formulas import CASES
from portal.core.clock import utcnow
from portal.core.db import db
from portal.core.stats import Rate, range_period
from portal.feedback.formulas import FEEDBACK
from portal.plan.rules import Metric
from portal.satisfaction.formulas import SATISFACTION
from portal.units.scope import AS_WAS

RATE_FORMULAS = {
    Metric.CASES_ON_TIME: CASES["on_time_rate_766"].formula,
    Metric.LATE_WITH_APOLOGY: CASES["late_with_apology_rate"].formula,
    Metric.PROCEDURES_PUBLISHED: _l("Procedures published with every component = procedures in force at the end of "
                                    "the period carrying every mandatory component ÷ procedures in force. The "
                                    "catalogue counts for all units."),
    Metric.FEEDBACK_ON_TIME: FEEDBACK["on_time_rate_766"].formula,
    Metric.FEEDBACK_SATISFACTION: FEEDBACK["satisfaction_766"].formula,
    Metric.SATISFACTION: SATISFACTION["rate"].formula,
    Metric.SERVICES_SURVEYED: _l("Services surveyed = procedures covered by a survey campaign (open or closed) "
                                 "whose sample period overlaps the period. All units together."),
}
LABELS = {
    Metric.CASES_ON_TIME: _l("Cases on time"),
    Metric.LATE_WITH_APOLOGY: _l("Late cases with an apology"),
    Metric.PROCEDURES_PUBLISHED: _l("Procedures published with every component"),
    Metric.FEEDBACK_ON_TIME: _l("PAKN handled on time"),
    Metric.FEEDBACK_SATISFACTION: _l("PAKN satisfaction"),
    Metric.SATISFACTION: _l("Satisfaction with case handling"),
    Metric.SERVICES_SURVEYED: _l("Services surveyed"),
}
TOWN_WIDE = frozenset({Metric.PROCEDURES_PUBLISHED, Metric.SERVICES_SURVEYED})


@dataclass(frozen=True)
class Figure:
    metric: Metric
    start: date
    end: date
    value: float | None  # percent for rates, a count for SERVICES_SURVEYED; None when nothing counts
    numerator: int
    denominator: int | None  # None for a count
    n: int  # the sample behind the value
    unit: str = "%"
    small: bool = False  # under the domain's minimum sample
    endpoint: str | None = None
    args: dict = field(default_factory=dict)
    extra: tuple = ()  # (core.stats.Indicator or (label, formula), core.stats.Rate) shown beside
    low: float | None = None  # 95% Wilson interval, percent
    high: float | None = None

    @property
    def formula(self):
        return RATE_FORMULAS[self.metric]

    @property
    def label(self):
        return LABELS[self.metric]

    @property
    def town_wide(self) -> bool:
        return self.metric in TOWN_WIDE

    @property
    def url(self) -> str | None:
        return url_for(self.endpoint, **self.args) if self.endpoint else None


def _percent(value: float | None) -> float | None:
    return None if value is None else value * 100


def _unit_arg(unit_id: int | None, units: str = AS_WAS) -> dict:
    """The statistics page's unit filter and, "as is", the units mode (portal.units.scope)."""
    return {**({"unit": unit_id} if unit_id else {}), **({"units": units} if units != AS_WAS else {})}


def _rated(metric: Metric, start: date, end: date, rate: Rate, **kwargs) -> Figure:
    """A figure from a core.stats.Rate: value and interval in percent, n = its denominator."""
    return Figure(metric, start, end, rate.percent(), rate.numerator, rate.denominator, rate.denominator,
                  small=rate.small, low=_percent(rate.low), high=_percent(rate.high), **kwargs)


def case_figures(start: date, end: date, unit_id: int | None = None, *, now=None, units: str = AS_WAS):
    """The total row of the cases statistics page for [start, end] (its "from/to" range)."""
    from portal.cases import stats as case_stats

    return case_stats.case_statistics(range_period(start, end), now=now or utcnow(), unit_id=unit_id,
                                      units=units).total


def _cases(metric: Metric, start, end, unit_id, now, total=None, units: str = AS_WAS) -> Figure:
    total = total if total is not None else case_figures(start, end, unit_id, now=now, units=units)
    args = {"from": start.isoformat(), "to": end.isoformat(), **_unit_arg(unit_id, units)}
    if metric == Metric.CASES_ON_TIME:
        return _rated(metric, start, end, total.on_time_rate_766, endpoint="cases.statistics", args=args,
                      extra=((CASES["on_time_rate"], total.on_time_rate),))
    return _rated(metric, start, end, total.late_with_apology_rate, endpoint="cases.statistics", args=args)


def feedback_counts(start: date, end: date, unit_id: int | None = None, *, now=None, units: str = AS_WAS):
    """The total row of the feedback indicators (feedback.stats.indicator_counts: one query), equal to the
    total row of the feedback statistics page for the same dates and unit."""
    from portal.feedback import stats as fb_stats

    return fb_stats.indicator_counts(range_period(start, end), now=now or utcnow(), unit_id=unit_id, units=units)


def _feedback(metric: Metric, start, end, unit_id, counts=None, *, now=None, units: str = AS_WAS) -> Figure:
    total = counts if counts is not None else feedback_counts(start, end, unit_id, now=now, units=units)
    args = {"from": start.isoformat(), "to": end.isoformat(), **_unit_arg(unit_id, units)}
    if metric == Metric.FEEDBACK_ON_TIME:
        return _rated(metric, start, end, total.on_time_rate_766, endpoint="feedback_staff.statistics", args=args,
                      extra=((FEEDBACK["on_time_rate"], total.on_time_rate),))
    return _rated(metric, start, end, total.satisfaction_766, endpoint="feedback_staff.statistics", args=args)


def _satisfaction(start, end, unit_id, case_total=None, *, now=None, units: str = AS_WAS) -> Figure:
    from portal.satisfaction import stats as sat_stats

    rate = sat_stats.overall_rate(start, end, unit_id, units)
    case_total = case_total if case_total is not None else case_figures(start, end, unit_id, now=now, units=units)
    args = {"from": f"{start:%Y-%m}", "to": f"{end:%Y-%m}", **_unit_arg(unit_id, units)}
    return _rated(Metric.SATISFACTION, start, end, rate, endpoint="satisfaction_dashboard.dashboard", args=args,
                  extra=((CASES["satisfaction_766"], case_total.satisfaction_766),))


def _procedures(start, end) -> Figure:
    from sqlalchemy.orm import selectinload

    from portal.procedures.metrics import catalogue_compliance
    from portal.procedures.models import Procedure

    # catalogue_compliance reads every procedure's versions one procedure at a time (a lazy load each).
    # Loading them in one go beforehand, and keeping the objects referenced while it runs (the session's
    # identity map holds them weakly), lets it find them already loaded: the same objects, the same figures.
    pinned = list(db.session.scalars(select(Procedure).where(Procedure.current_version_id.is_not(None))
                                     .options(selectinload(Procedure.versions))))
    c = catalogue_compliance(start, end)
    del pinned
    return _rated(Metric.PROCEDURES_PUBLISHED, start, end, Rate(c.complete, c.in_force, 1),
                  endpoint="procedures_staff.index",
                  extra=(((_l("Published on time after their decision"), ""), Rate(c.published_on_time, c.decisions, 1)),))


def surveyed_procedures(start: date, end: date) -> int:
    from portal.surveys.models import Campaign, campaign_procedure
    from portal.surveys.rules import CampaignStatus

    stmt = (select(func.count(distinct(campaign_procedure.c.procedure_id)))
            .join(Campaign, Campaign.id == campaign_procedure.c.campaign_id)
            .where(Campaign.status != CampaignStatus.DRAFT, Campaign.period_start <= end, Campaign.period_end >= start))
    return int(db.session.scalar(stmt) or 0)


def _surveyed(start, end) -> Figure:
    count = surveyed_procedures(start, end)
    return Figure(Metric.SERVICES_SURVEYED, start, end, float(count), count, None, count, unit="",
                  endpoint="surveys_staff.index")


def live_value(result_or_metric, start: date, end: date, unit_id: int | None = None, *, now=None,
               units: str = AS_WAS) -> Figure:
    """The live figure of a bound result (or of a Metric) for local dates [start, end] and a unit (with its
    predecessors when `units="as_is"`: portal.units.scope)."""
    metric = Metric(getattr(result_or_metric, "metric", result_or_metric))
    if metric in (Metric.CASES_ON_TIME, Metric.LATE_WITH_APOLOGY):
        return _cases(metric, start, end, unit_id, now, units=units)
    if metric in (Metric.FEEDBACK_ON_TIME, Metric.FEEDBACK_SATISFACTION):
        return _feedback(metric, start, end, unit_id, now=now, units=units)
    if metric == Metric.SATISFACTION:
        return _satisfaction(start, end, unit_id, now=now, units=units)
    if metric == Metric.PROCEDURES_PUBLISHED:
        return _procedures(start, end)
    return _surveyed(start, end)


# ---------------------------------------------------------------- figures of closed periods, kept in memory
#
# The manager overview asks for 7 periods (the headline and 6 trend months), the dashboard for the plan's
# year: on a million cases each case_statistics call costs 30–300 ms. The figures of a period that is over
# are kept per process, keyed by database, metrics, period and unit, and are valid only while nothing has
# been recorded since: every change the figures read goes through a service that writes an audit row
# (cases received, moved, apologised; ratings; feedback submitted, moved, rated; procedures published;
# survey campaigns), so the highest audit_event id is the "data version" of the key. Only closed periods
# (their end before `now`) are kept: open ones count "open and overdue" at `now`. Bulk loads that bypass
# the services (bench/gen_*.py) are not seen: restart the process after one. A transaction that wrote its
# audit row before, but commits after, a later one could leave a figure stale: entries also expire after
# PLAN_FIGURE_CACHE_SECONDS (default 600 s; 0 turns the cache off; off under TESTING unless set).

_closed_figures: dict[tuple, tuple[float, dict]] = {}
_CLOSED_MAX = 256


def _cache_seconds() -> float:
    default = 0 if current_app.testing else 600
    return float(current_app.config.get("PLAN_FIGURE_CACHE_SECONDS", default))


def _closed_key(wanted, start: date, end: date, unit_id, now, units: str = AS_WAS) -> tuple | None:
    from datetime import datetime, time, timedelta

    from portal.core.audit import AuditEvent
    from portal.core.clock import local_tz

    after = datetime.combine(end + timedelta(days=1), time(), local_tz()).astimezone(UTC)
    if after > (now or utcnow()):
        return None
    version = db.session.scalar(select(func.max(AuditEvent.id)))
    return (str(db.session.get_bind().url), version, tuple(sorted(wanted)), start, end, unit_id, units)


def live_values(metrics, start: date, end: date, unit_id: int | None = None, *, now=None,
                units: str = AS_WAS) -> dict[Metric, Figure]:
    """Several figures for one period; the case figures (and the case satisfaction shown beside the
    satisfaction figure) share one case_statistics call, the two feedback figures one query. Figures of a closed period come from memory while no audit row was added
    since (see above)."""
    import time

    wanted = [Metric(m) for m in metrics]
    seconds = _cache_seconds()
    key = _closed_key(wanted, start, end, unit_id, now, units) if seconds > 0 else None
    if key is not None:
        hit = _closed_figures.get(key)
        if hit is not None and time.monotonic() - hit[0] < seconds:
            return dict(hit[1])
    out = _live_values(wanted, start, end, unit_id, now=now, units=units)
    if key is not None:
        if len(_closed_figures) >= _CLOSED_MAX:
            _closed_figures.clear()
        _closed_figures[key] = (time.monotonic(), dict(out))
    return out


def _live_values(wanted: list[Metric], start: date, end: date, unit_id: int | None, *,
                 now=None, units: str = AS_WAS) -> dict[Metric, Figure]:
    out = {}
    case_total = feedback = None
    for metric in wanted:
        if metric in out:
            continue
        if metric in (Metric.CASES_ON_TIME, Metric.LATE_WITH_APOLOGY, Metric.SATISFACTION) and case_total is None:
            case_total = case_figures(start, end, unit_id, now=now, units=units)
        if metric in (Metric.CASES_ON_TIME, Metric.LATE_WITH_APOLOGY):
            out[metric] = _cases(metric, start, end, unit_id, now, case_total, units=units)
        elif metric == Metric.SATISFACTION:
            out[metric] = _satisfaction(start, end, unit_id, case_total, now=now, units=units)
        elif metric in (Metric.FEEDBACK_ON_TIME, Metric.FEEDBACK_SATISFACTION):
            if feedback is None:
                feedback = feedback_counts(start, end, unit_id, now=now, units=units)
            out[metric] = _feedback(metric, start, end, unit_id, feedback, units=units)
        else:
            out[metric] = live_value(metric, start, end, unit_id, now=now, units=units)
    return out
