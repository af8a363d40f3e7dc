"""Statistics of one-stop cases for a period (Hoạt động 2.5.3; DOMAIN.md §3 and §7).

Every figure is a SQL aggregate (GROUP BY the handling unit or the procedure); no case is loaded.
A period is a range of local dates [start, end]; its moments are [start 00:00, day after end 00:00)
in the portal's time zone. "Open at the end of the period" is read at `as_of`, the end of the period
or now when the period has not ended yet (a case due next month is not overdue today).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import and_, case, func, or_, select
from sqlalchemy.sql.elements import UnaryExpression
from sqlalchemy.sql.operators import custom_op

from portal.cases.models import Apology, Case
from portal.cases.rules import Timing, on_time_rate
from portal.core.clock import local_tz
from portal.core.db import db
from portal.core.stats import Period
from portal.core.text import sort_key
from portal.procedures.models import Procedure
from portal.units.models import Unit

GROUPINGS = ("unit", "procedure")
FIGURES = ("received", "early", "on_time", "late", "finished", "open_in_time", "open_overdue", "apologies",
           "late_without_apology")


# ---------------------------------------------------------------- figures

@dataclass
class Row:
    key: int | None  # unit or procedure id; None for the total
    name: str
    code: str = ""
    received: int = 0
    early: int = 0
    on_time: int = 0
    late: int = 0
    open_in_time: int = 0
    open_overdue: int = 0
    apologies: int = 0
    late_without_apology: int = 0

    @property
    def finished(self) -> int:
        return self.early + self.on_time + self.late

    @property
    def rate(self) -> float | None:
        """(early + on time) / finished in the period."""
        return on_time_rate(self.early, self.on_time, self.late)

    @property
    def rate_766(self) -> float | None:
        """QĐ 766: (early + on time) / (finished + open overdue at the end of the period)."""
        return on_time_rate(self.early, self.on_time, self.late, self.open_overdue, count_open_overdue=True)

    def add(self, other: Row) -> None:
        for name in FIGURES:
            if name != "finished":
                setattr(self, name, getattr(self, name) + getattr(other, name))


@dataclass
class Report:
    period: Period
    by: str
    as_of: datetime
    rows: list[Row] = field(default_factory=list)
    total: Row = field(default_factory=lambda: Row(None, ""))


def _filtered(stmt, unit_id, procedure_id):
    if unit_id:
        stmt = stmt.where(Case.handling_unit_id == unit_id)
    if procedure_id:
        stmt = stmt.where(Case.procedure_id == procedure_id)
    return stmt


def _count(condition):
    return func.count().filter(condition)  # count(*): the covering indexes answer alone


def open_at(moment: datetime):
    """Received before `moment` and not finished before it: received_at < moment <= finished_at."""
    if db.session.get_bind().dialect.name == "postgresql":
        # Served by a GiST index on the same expression (ix_case_file_open_span); a B-tree cannot
        # find the cases straddling a moment without reading every case received before it.
        return func.tstzrange(Case.received_at, Case.finished_at, "(]").op("@>")(moment)
    return and_(Case.received_at < moment, or_(Case.finished_at.is_(None), Case.finished_at >= moment))


def _unindexed(column):
    """`+column` on SQLite: the same value, but the planner may no longer pick an index on `column`
    to avoid sorting for a GROUP BY. Without it SQLite reads the open-at-a-moment query through
    ix_case_file_handling_unit_status_due, i.e. the whole table, instead of searching
    ix_case_file_open_cover (a MULTI-INDEX OR of `finished_at IS NULL` and `finished_at >= moment`)."""
    if db.session.get_bind().dialect.name == "sqlite":
        return UnaryExpression(column, operator=custom_op("+"), type_=column.type)
    return column


def latest_year(unit_id: int | None = None) -> int | None:
    """The local year of the most recent receipt (of one handling unit), for an empty period's hint."""
    stmt = select(func.max(Case.received_at))
    if unit_id:
        stmt = stmt.where(Case.handling_unit_id == unit_id)
    at = db.session.scalar(stmt)
    return at.astimezone(local_tz()).year if at else None


def case_statistics(period: Period, *, now: datetime, by: str = "unit", unit_id: int | None = None,
                    procedure_id: int | None = None) -> Report:
    """Figures of `period` grouped by handling unit or procedure, optionally restricted to one of each."""
    key = Case.procedure_id if by == "procedure" else Case.handling_unit_id
    start_at, after_at = period.moments(local_tz())
    as_of = min(after_at, now)
    rows: dict[int, Row] = {}

    def put(figures):
        for key_value, *values in figures:
            row = rows.setdefault(key_value, Row(key_value, ""))
            for name, value in values:
                setattr(row, name, getattr(row, name) + (value or 0))

    received = _filtered(select(key, func.count()).where(Case.received_at >= start_at,
                                                                Case.received_at < after_at), unit_id, procedure_id)
    put((k, ("received", n)) for k, n in db.session.execute(received.group_by(key)))

    in_period = and_(Case.finished_at >= start_at, Case.finished_at < after_at)
    finished = _filtered(
        select(key, _count(Case.timing == Timing.EARLY), _count(Case.timing == Timing.ON_TIME),
               _count(Case.timing == Timing.LATE)).where(in_period, Case.timing.is_not(None)), unit_id, procedure_id)
    put((k, ("early", e), ("on_time", o), ("late", la)) for k, e, o, la in db.session.execute(finished.group_by(key)))
    late_alone = _filtered(select(key, func.count()).outerjoin(Apology, Apology.case_id == Case.id)
                           .where(in_period, Case.timing == Timing.LATE, Apology.id.is_(None)), unit_id, procedure_id)
    put((k, ("late_without_apology", n)) for k, n in db.session.execute(late_alone.group_by(key)))

    # At `as_of` an apology issued later had not moved the due date yet.
    apologised = and_(Apology.id.is_not(None), Apology.issued_at < as_of)
    due = case((and_(Apology.id.is_not(None), Apology.issued_at >= as_of), Apology.previous_due_at),
               else_=Case.due_at)
    overdue = due < as_of
    still_open = _filtered(
        select(key, _count(~overdue), _count(overdue), _count(and_(overdue, ~apologised)))
        .outerjoin(Apology, Apology.case_id == Case.id)
        .where(open_at(as_of)),
        unit_id, procedure_id)
    put((k, ("open_in_time", i), ("open_overdue", o), ("late_without_apology", lw))
        for k, i, o, lw in db.session.execute(still_open.group_by(_unindexed(key))))

    # Apologies are few: look their case up one by one (a correlated subquery) rather than let the
    # planner hash-join them against the whole case table.
    def of_case(column):
        return select(column).where(Case.id == Apology.case_id).scalar_subquery()

    apologies = select(of_case(key).label("k"), func.count(Apology.id)).where(Apology.issued_at >= start_at,
                                                                              Apology.issued_at < after_at)
    if unit_id:
        apologies = apologies.where(of_case(Case.handling_unit_id) == unit_id)
    if procedure_id:
        apologies = apologies.where(of_case(Case.procedure_id) == procedure_id)
    put((k, ("apologies", n)) for k, n in db.session.execute(apologies.group_by("k")))

    report = Report(period, by, as_of)
    _name_rows(rows, by)
    report.rows = sorted(rows.values(), key=lambda r: (sort_key(r.name), r.code))
    for row in report.rows:
        report.total.add(row)
    return report


def _name_rows(rows: dict[int, Row], by: str) -> None:
    model = Procedure if by == "procedure" else Unit
    for id_, code, name in db.session.execute(select(model.id, model.code, model.name).where(model.id.in_(rows))):
        rows[id_].code, rows[id_].name = code, name


def figures(row: Row) -> dict:
    """The row as plain values, in FIGURES order, then the two rates (None when nothing counts)."""
    return {**{name: getattr(row, name) for name in FIGURES}, "rate": row.rate, "rate_766": row.rate_766}
