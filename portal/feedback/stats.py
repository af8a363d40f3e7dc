"""Statistics of phản ánh, kiến nghị for a period (DOMAIN.md §5, §7; plan target "> 80% handled on time").

Every figure is a SQL aggregate (three GROUP BY queries, no feedback is loaded), optionally of one unit,
over local dates [start 00:00, day after end 00:00) in the portal's time zone. Two scopes:

- FIGURES describe the feedback **received** in the period, as it stands now: handled = answered
  (published or privately; a closed feedback keeps ``answered_at``), on time = answered on or before the
  local due day (deadlines.timing / deadline_services.timing_of), rejected (từ chối tiếp nhận) and transferred
  (chuyển cơ quan khác) counted apart, open / open overdue / due soon read at ``now``; satisfaction among
  published answers = satisfied ÷ (satisfied + not satisfied), "no reply" apart. Merged feedback is not
  counted (its primary is: rules.COUNTED_STATUSES).
- FIGURES_766 are the indicators' counts (feedback.indicators, where each rate is defined once): handled
  IN the period and open overdue at its end, as the QĐ 766 index counts; Row.on_time_rate,
  on_time_rate_766 and satisfaction_766 are computed from them.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta

from flask import current_app
from sqlalchemy import and_, func, literal, or_, select

from portal.core.clock import local_tz, to_local
from portal.core.db import db
from portal.core.stats import Period, Rate
from portal.core.text import sort_key
from portal.feedback import indicators, rules
from portal.feedback.models import Feedback
from portal.feedback.vocabulary import Category, Channel, FeedbackKind, FeedbackStatus, Satisfaction, Subject
from portal.units import scope
from portal.units.models import Unit
from portal.workdays.services import calendar_for

FIGURES = ("received", "handled", "on_time", "late", "published", "answered_privately", "rejected", "transferred",
           "open", "open_overdue", "open_due_soon", "satisfied", "not_satisfied", "late_or_not_satisfied")
# The scope of the indicators (feedback.indicators): handled IN the period, open overdue at its end.
FIGURES_766 = ("handled_766", "on_time_766", "open_overdue_766", "late_or_not_satisfied_766")


# ---------------------------------------------------------------- figures

@dataclass
class Row:
    key: int | None  # unit id; None: not yet given to a unit (or the total row)
    name: str = ""
    code: str = ""
    received: int = 0
    handled: int = 0
    on_time: int = 0
    late: int = 0
    published: int = 0
    answered_privately: int = 0
    rejected: int = 0
    transferred: int = 0
    open: int = 0
    open_overdue: int = 0
    open_due_soon: int = 0
    satisfied: int = 0
    not_satisfied: int = 0
    late_or_not_satisfied: int = 0
    handled_766: int = 0  # answered in the period
    on_time_766: int = 0  # … on or before the due day
    open_overdue_766: int = 0  # open at the end of the period and past the due day then
    late_or_not_satisfied_766: int = 0  # answered in the period late or marked not satisfied

    @property
    def no_reply(self) -> int:
        return self.published - self.satisfied - self.not_satisfied

    @property
    def on_time_rate(self) -> Rate:
        """The plan's wording (feedback.indicators.on_time_rate)."""
        return indicators.on_time_rate(self.on_time_766, self.handled_766)

    @property
    def on_time_rate_766(self) -> Rate:
        return indicators.on_time_rate_766(self.on_time_766, self.handled_766, self.open_overdue_766)

    @property
    def satisfaction_rate(self) -> Rate:
        """Satisfied ÷ said whether satisfied, over the published answers of the feedback received."""
        return Rate(self.satisfied, self.satisfied + self.not_satisfied)

    @property
    def satisfaction_766(self) -> Rate:
        return indicators.satisfaction_766(self.handled_766, self.late_or_not_satisfied_766, self.open_overdue_766)

    def add(self, other: Row) -> None:
        for name in (*FIGURES, *FIGURES_766):
            setattr(self, name, getattr(self, name) + getattr(other, name))


@dataclass
class Report:
    period: Period
    now: datetime
    unit_id: int | None
    rows: list[Row] = field(default_factory=list)  # by unit, Vietnamese order; the unassigned row last
    total: Row = field(default_factory=lambda: Row(None))
    by_channel: dict = field(default_factory=dict)  # Channel -> received
    by_category: dict = field(default_factory=dict)
    by_kind: dict = field(default_factory=dict)
    by_subject: dict = field(default_factory=dict)  # Subject or None (not classified yet) -> received
    units: str = scope.AS_WAS  # portal.units.scope: rows under the units as they were, or as they are now
    inclusions: list = field(default_factory=list)  # as_is: the ceased units each row includes

    @property
    def as_of(self) -> datetime:
        """When the indicators read the backlog: the end of the period, or now while it runs."""
        return min(self.period.moments(local_tz())[1], self.now)


def _local_day(column):
    """The local calendar date of a UTC column, in SQL. SQLite has no time-zone database: the zone's
    offset is applied, which is exact for Asia/Ho_Chi_Minh (no daylight saving since 1975)."""
    tz = local_tz()
    if db.session.get_bind().dialect.name == "postgresql":
        return func.date(func.timezone(tz.key, column))
    minutes = int(datetime.now(tz).utcoffset().total_seconds() // 60)
    return func.date(column, f"{minutes:+d} minutes")


def _midnight(day: date) -> datetime:
    return datetime.combine(day, time(), local_tz()).astimezone(UTC)


def _due_soon_until(today: date) -> date:
    """The last due day that is "due soon" today: deadline_services.timing_of says due soon from N working days
    before the due day, i.e. for due days up to the N-th working day after today."""
    days = current_app.config.get("DUE_SOON_WORKING_DAYS", 2)
    cal = calendar_for([today.year], language="vi")
    return cal.add_working_days(today, days) if days else today


def _of_units(stmt, unit_id):
    """`unit_id`: one unit, or the set a filter covers (portal.units.scope.unit_filter)."""
    if isinstance(unit_id, set | frozenset):
        return stmt.where(Feedback.unit_id.in_(sorted(unit_id)))
    return stmt.where(Feedback.unit_id == unit_id) if unit_id else stmt


def _scope(stmt, period: Period, unit_id):
    start_at, after_at = period.moments(local_tz())
    stmt = stmt.where(Feedback.received_at >= start_at, Feedback.received_at < after_at,
                      Feedback.status.in_(sorted(rules.COUNTED_STATUSES)))  # a merged one counts in its primary
    return _of_units(stmt, unit_id)


def _conditions(now: datetime) -> dict:
    today = to_local(now).date()
    answered = Feedback.answered_at.is_not(None)
    on_time = and_(answered, _local_day(Feedback.answered_at) <= _local_day(Feedback.answer_due_at))
    late = and_(answered, _local_day(Feedback.answered_at) > _local_day(Feedback.answer_due_at))
    is_open = Feedback.status.in_(sorted(rules.OPEN))
    not_answered = Feedback.answered_at.is_(None)
    transferred = or_(Feedback.status == FeedbackStatus.TRANSFERRED,
                      and_(Feedback.status == FeedbackStatus.CLOSED, not_answered, Feedback.rejection_code.is_(None)))
    rejected = or_(Feedback.status == FeedbackStatus.REJECTED,
                   and_(Feedback.status == FeedbackStatus.CLOSED, not_answered, Feedback.rejection_code.is_not(None)))
    published = Feedback.published_at.is_not(None)
    return {
        "received": literal(True),
        "handled": answered,
        "on_time": on_time,
        "late": late,
        "published": published,
        "answered_privately": and_(answered, Feedback.published_at.is_(None)),
        "rejected": rejected,
        "transferred": transferred,
        "open": is_open,
        "open_overdue": and_(is_open, Feedback.answer_due_at < _midnight(today)),
        "open_due_soon": and_(is_open, Feedback.answer_due_at >= _midnight(today),
                              Feedback.answer_due_at < _midnight(_due_soon_until(today) + timedelta(days=1))),
        "satisfied": and_(published, Feedback.satisfaction == Satisfaction.SATISFIED),
        "not_satisfied": and_(published, Feedback.satisfaction == Satisfaction.NOT_SATISFIED),
        "late_or_not_satisfied": and_(answered, or_(late, Feedback.satisfaction == Satisfaction.NOT_SATISFIED)),
    }


def latest_year(unit_id: int | None = None, units: str = scope.AS_WAS) -> int | None:
    """The local year of the most recent receipt (of one unit), for an empty period's hint."""
    stmt = _of_units(select(func.max(Feedback.received_at)), scope.unit_filter(unit_id, units))
    at = db.session.scalar(stmt)
    return to_local(at).year if at else None


def feedback_statistics(period: Period, *, now: datetime, unit_id: int | None = None,
                        units: str = scope.AS_WAS) -> Report:
    """Every figure of `period` by unit, plus what was received by channel, category, kind and subject. With
    `units="as_is"` (portal.units.scope) a ceased unit's rows are summed into the unit that carries it on, and a
    unit filter covers the unit and its predecessors."""
    report = Report(period, now, unit_id, units=units)
    unit_id = scope.unit_filter(unit_id, units)
    conditions = _conditions(now)
    columns = [func.count().filter(conditions[name]) if name != "received" else func.count() for name in FIGURES]
    stmt = _scope(select(Feedback.unit_id, *columns), period, unit_id).group_by(Feedback.unit_id)
    rows: dict[int | None, Row] = {}
    for key, *values in db.session.execute(stmt):
        rows[key] = Row(key, **dict(zip(FIGURES, (v or 0 for v in values), strict=True)))
    _put_766(rows, period, now, unit_id)
    rows = scope.fold(rows, units, Row)
    report.inclusions = scope.inclusions([k for k in rows if k is not None], units)
    for id_, code, name in db.session.execute(select(Unit.id, Unit.code, Unit.name)
                                              .where(Unit.id.in_([k for k in rows if k is not None]))):
        rows[id_].code, rows[id_].name = code, name
    report.rows = sorted((r for r in rows.values() if r.key is not None), key=lambda r: (sort_key(r.name), r.code))
    if None in rows:
        report.rows.append(rows[None])
    for row in report.rows:
        report.total.add(row)

    split = _scope(select(Feedback.channel, Feedback.category, Feedback.kind, Feedback.subject, func.count()),
                   period, unit_id).group_by(Feedback.channel, Feedback.category, Feedback.kind, Feedback.subject)
    report.by_channel = dict.fromkeys(Channel, 0)
    report.by_category = dict.fromkeys(Category, 0)
    report.by_kind = dict.fromkeys(FeedbackKind, 0)
    report.by_subject = {**dict.fromkeys(Subject, 0), None: 0}
    for channel, category, kind, subject, n in db.session.execute(split):
        report.by_channel[Channel(channel)] += n
        report.by_category[Category(category)] += n
        report.by_kind[FeedbackKind(kind)] += n
        report.by_subject[Subject(subject) if subject else None] += n
    return report


def _columns_766(period: Period, now: datetime) -> list:
    """The feedback.indicators counts as SQL, in FIGURES_766 order, and the scope they need."""
    start_at, after_at = period.moments(local_tz())
    as_of = min(after_at, now)
    answered = Feedback.answered_at
    handled = and_(answered >= start_at, answered < after_at, answered < as_of)
    on_time = and_(handled, _local_day(answered) <= _local_day(Feedback.answer_due_at))
    late = and_(handled, _local_day(answered) > _local_day(Feedback.answer_due_at))
    # The town's to answer and still open at as_of: answered later, or open now (not rejected/transferred).
    open_then = and_(Feedback.received_at < as_of, or_(answered >= as_of,
                                                       and_(answered.is_(None), Feedback.status.in_(sorted(rules.OPEN)))))
    overdue = and_(open_then, Feedback.answer_due_at < _midnight(to_local(as_of).date()))
    unhappy = and_(handled, or_(late, Feedback.satisfaction == Satisfaction.NOT_SATISFIED))
    counts = [func.count().filter(c) for c in (handled, on_time, overdue, unhappy)]
    return counts, or_(handled, overdue)


def _where_766(stmt, where, unit_id):
    return _of_units(stmt.where(where, Feedback.status.in_(sorted(rules.COUNTED_STATUSES))), unit_id)


def _put_766(rows: dict, period: Period, now: datetime, unit_id: int | None) -> None:
    counts, where = _columns_766(period, now)
    stmt = _where_766(select(Feedback.unit_id, *counts), where, unit_id).group_by(Feedback.unit_id)
    for key, *values in db.session.execute(stmt):
        row = rows.setdefault(key, Row(key))
        for name, value in zip(FIGURES_766, values, strict=True):
            setattr(row, name, value or 0)


def indicator_counts(period: Period, *, now: datetime, unit_id: int | None = None,
                     units: str = scope.AS_WAS) -> Row:
    """Only the counts of the indicators (FIGURES_766) in ONE query: the total row of
    feedback_statistics for them, without the rest of the report (the plan and the overview)."""
    counts, where = _columns_766(period, now)
    values = db.session.execute(_where_766(select(*counts), where, scope.unit_filter(unit_id, units))).one()
    return Row(None, **{name: value or 0 for name, value in zip(FIGURES_766, values, strict=True)})
