"""Statistics of phản ánh, kiến nghị for a period (DOMAIN.md §5, §7; plan target "> 80% handled on time").

Every figure is about the feedback **received** in the period (local dates, [start 00:00, day after end
00:00) in the portal's time zone), optionally of one unit, and is a SQL aggregate: two GROUP BY queries,
no feedback is loaded.

Definitions (the page shows them beside the figures):
- handled = answered: published or answered privately (``answered_at`` is set; a closed feedback keeps
  it). Merged feedback is not counted (its primary is: rules.COUNTED_STATUSES). Rejected (từ chối tiếp nhận) and transferred (chuyển cơ quan khác) feedback is not handled by the
  town: it is counted apart and left out of the on-time rate, whose scope is the feedback accepted.
- on time = handled and the local date of ``answered_at`` ≤ the local date of ``answer_due_at``
  (the same rule as rules.timing / services.timing_of); late = handled after the due day.
- on-time rate = on time ÷ handled; the QĐ 766 variant counts open overdue feedback against:
  on time ÷ (handled + open and overdue).
- open overdue / due soon are read **now** (``now``), as services.timing_of reads them.
- satisfaction: among published answers, satisfied ÷ (satisfied + not satisfied); "no reply" apart.
- PAKN satisfaction (QĐ 766) = (handled − handled late or marked not satisfied) ÷ handled.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta, timezone

from flask import current_app
from sqlalchemy import and_, func, literal, or_, select

from portal.core.clock import local_tz, to_local
from portal.core.db import db
from portal.core.stats import Period, Rate
from portal.core.text import sort_key
from portal.feedback import rules
from portal.feedback.models import Feedback
from portal.feedback.vocabulary import Category, Channel, FeedbackKind, FeedbackStatus, Satisfaction, Subject
from portal.units.models import Unit
from portal.workdays.services import calendar_for

FIGURES = ("received", "handled", "on_time", "late", "published", "answered_privately", "rejected", "transferred",
           "open", "open_overdue", "open_due_soon", "satisfied", "not_satisfied", "late_or_not_satisfied")


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

    @property
    def no_reply(self) -> int:
        return self.published - self.satisfied - self.not_satisfied

    @property
    def on_time_rate(self) -> Rate:
        return Rate(self.on_time, self.handled)

    @property
    def on_time_rate_766(self) -> Rate:
        return Rate(self.on_time, self.handled + self.open_overdue)

    @property
    def satisfaction_rate(self) -> Rate:
        return Rate(self.satisfied, self.satisfied + self.not_satisfied)

    @property
    def satisfaction_766(self) -> Rate:
        return Rate(self.handled - self.late_or_not_satisfied, self.handled)

    def add(self, other: Row) -> None:
        for name in FIGURES:
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


def _local_day(column):
    """The local calendar date of a UTC column, in SQL. SQLite has no time-zone database: the zone's
    offset is applied, which is exact for Asia/Ho_Chi_Minh (no daylight saving since 1975)."""
    tz = local_tz()
    if db.session.get_bind().dialect.name == "postgresql":
        return func.date(func.timezone(tz.key, column))
    minutes = int(datetime.now(tz).utcoffset().total_seconds() // 60)
    return func.date(column, f"{minutes:+d} minutes")


def _midnight(day: date) -> datetime:
    return datetime.combine(day, time(), local_tz()).astimezone(timezone.utc)


def _due_soon_until(today: date) -> date:
    """The last due day that is "due soon" today: services.timing_of says due soon from N working days
    before the due day, i.e. for due days up to the N-th working day after today."""
    days = current_app.config.get("DUE_SOON_WORKING_DAYS", 2)
    cal = calendar_for([today.year], language="vi")
    return cal.add_working_days(today, days) if days else today


def _scope(stmt, period: Period, unit_id: int | None):
    start_at, after_at = period.moments(local_tz())
    stmt = stmt.where(Feedback.received_at >= start_at, Feedback.received_at < after_at,
                      Feedback.status.in_(sorted(rules.COUNTED_STATUSES)))  # a merged one counts in its primary
    return stmt.where(Feedback.unit_id == unit_id) if unit_id else stmt


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


def latest_year(unit_id: int | None = None) -> int | None:
    """The local year of the most recent receipt (of one unit), for an empty period's hint."""
    stmt = select(func.max(Feedback.received_at))
    if unit_id:
        stmt = stmt.where(Feedback.unit_id == unit_id)
    at = db.session.scalar(stmt)
    return to_local(at).year if at else None


def feedback_statistics(period: Period, *, now: datetime, unit_id: int | None = None) -> Report:
    """Every figure of `period` by unit, plus what was received by channel, category, kind and subject."""
    conditions = _conditions(now)
    columns = [func.count().filter(conditions[name]) if name != "received" else func.count() for name in FIGURES]
    stmt = _scope(select(Feedback.unit_id, *columns), period, unit_id).group_by(Feedback.unit_id)
    rows: dict[int | None, Row] = {}
    for key, *values in db.session.execute(stmt):
        rows[key] = Row(key, **dict(zip(FIGURES, (v or 0 for v in values), strict=True)))
    for id_, code, name in db.session.execute(select(Unit.id, Unit.code, Unit.name)
                                              .where(Unit.id.in_([k for k in rows if k is not None]))):
        rows[id_].code, rows[id_].name = code, name
    report = Report(period, now, unit_id)
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


def _total(period: Period, unit_id: int | None, names: tuple[str, ...], now: datetime | None = None) -> list[int]:
    conditions = _conditions(now or datetime.now(timezone.utc))
    stmt = _scope(select(*[func.count().filter(conditions[n]) for n in names]), period, unit_id)
    return [v or 0 for v in db.session.execute(stmt).one()]


def on_time_rate(period: Period, unit_id: int | None = None) -> Rate:
    """Feedback received in `period` answered by its due day ÷ feedback received in it and answered
    (the reform plan's "> 80% of feedback handled on time")."""
    on_time, handled = _total(period, unit_id, ("on_time", "handled"))
    return Rate(on_time, handled)


def satisfaction_rate(period: Period, unit_id: int | None = None) -> Rate:
    """Submitters satisfied ÷ submitters who said whether they are satisfied, over published answers."""
    satisfied, not_satisfied = _total(period, unit_id, ("satisfied", "not_satisfied"))
    return Rate(satisfied, satisfied + not_satisfied)
