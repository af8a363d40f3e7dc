"""Statistics of one-stop cases for a period (Hoạt động 2.5.3; DOMAIN.md §3 and §7).

Every figure is a SQL aggregate (GROUP BY the handling unit or the procedure); no case is loaded.
A period is a range of local dates [start, end]; its moments are [start 00:00, day after end 00:00)
in the portal's time zone. "Open at the end of the period" is read at `as_of`, the end of the period
or now when the period has not ended yet (a case due next month is not overdue today).

Every case is judged against its LEGAL due (Case.original_due_at: the receipt's promise, moved only by a
supplement), by days (BLDS 2015 Điều 148): an apology never makes a late case on time; it only puts the
late case among those late with an apology in time, with a late apology, or without one.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime, time

from flask import current_app
from sqlalchemy import and_, func, or_, select
from sqlalchemy.sql.elements import UnaryExpression
from sqlalchemy.sql.operators import custom_op

from portal.cases import indicators
from portal.cases.models import Apology, Case
from portal.cases.rules import ApologyKind, IntakeChannel, Timing
from portal.core.clock import local_tz
from portal.core.db import db
from portal.core.stats import Period, Rate
from portal.core.text import sort_key
from portal.procedures.models import Procedure
from portal.units import scope
from portal.units.models import Unit

GROUPINGS = ("unit", "procedure")
FIGURES = ("received", "early", "on_time", "late", "finished", "open_in_time", "open_overdue", "apologies",
           "late_with_apology", "late_with_late_apology", "late_without_apology")
FIGURES_766 = ("good_766", "satisfied_766", "open_late_766")  # cases.indicators.Counts766
# Received in the period by channel and digitisation (cases.indicators.online_share, digitisation_share).
FIGURES_CHANNEL = ("received_online", "received_channel_known", "received_digitised", "received_paper_known")
# QĐ 766 leaves "unhappy" cases out of the case satisfaction: rated not satisfied, or named by a PAKN. Ratings and
# PAKN belong to domains above cases, so the predicate is defined above them (statistics.cases_766) and the app
# factory puts it in app.extensions[UNHAPPY] (portal.register_figures); cases never imports those domains.
UNHAPPY = "cases.stats.unhappy"


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
    # Late cases (finished late in the period + open past the legal due day at its end), split by the
    # apology seen by then: in time (NĐ 61/2018 Điều 19 k9), late or for a lost file (Điều 21), none.
    late_with_apology: int = 0
    late_with_late_apology: int = 0
    late_without_apology: int = 0
    # QĐ 766 (cases.indicators.fold_766): finished early/on time and not late under 766; of those, neither
    # rated not satisfied nor with a PAKN about them; open at as_of counted late (overdue or supplements ×2).
    good_766: int = 0
    satisfied_766: int = 0
    open_late_766: int = 0
    received_online: int = 0
    received_channel_known: int = 0
    received_digitised: int = 0
    received_paper_known: int = 0

    @property
    def finished(self) -> int:
        return self.early + self.on_time + self.late

    @property
    def late_cases(self) -> int:
        """Finished late in the period + open and overdue at its end (= the three apology figures)."""
        return self.late + self.open_overdue

    @property
    def late_apologised(self) -> int:
        """Late cases with an apology, in time or late."""
        return self.late_with_apology + self.late_with_late_apology

    @property
    def counts_766(self) -> indicators.Counts766:
        return indicators.Counts766(self.good_766, self.satisfied_766, self.open_late_766)

    @property
    def on_time_rate(self) -> Rate:
        """The plan's wording (cases.indicators.on_time_rate)."""
        return indicators.on_time_rate(self.early, self.on_time, self.late)

    @property
    def on_time_rate_766(self) -> Rate:
        """QĐ 766 (cases.indicators.on_time_rate_766)."""
        return indicators.on_time_rate_766(self.finished, self.counts_766)

    @property
    def late_with_apology_rate(self) -> Rate:
        """The plan's "late cases with an apology" (cases.indicators.late_with_apology_rate)."""
        return indicators.late_with_apology_rate(self.late, self.open_overdue, self.late_without_apology)

    @property
    def satisfaction_766(self) -> Rate:
        """QĐ 766 case satisfaction (cases.indicators.satisfaction_766)."""
        return indicators.satisfaction_766(self.finished, self.counts_766)

    @property
    def online_share(self) -> Rate:
        """QĐ 766 group 3 (cases.indicators.online_share)."""
        return indicators.online_share(self.received_online, self.received_channel_known)

    @property
    def digitisation_share(self) -> Rate:
        """QĐ 766 group 4 (cases.indicators.digitisation_share)."""
        return indicators.digitisation_share(self.received_digitised, self.received_paper_known)

    def add(self, other: Row) -> None:
        for name in (*FIGURES, *FIGURES_766, *FIGURES_CHANNEL):
            if name != "finished":
                setattr(self, name, getattr(self, name) + getattr(other, name))


@dataclass
class Report:
    period: Period
    by: str
    as_of: datetime
    rows: list[Row] = field(default_factory=list)
    total: Row = field(default_factory=lambda: Row(None, ""))
    units: str = scope.AS_WAS  # portal.units.scope: figures under the units as they were, or as they are now
    inclusions: list = field(default_factory=list)  # as_is: the ceased units each row includes


def _filtered(stmt, unit_id, procedure_id):
    """`unit_id`: one unit, or the set of units a filter covers (portal.units.scope.unit_filter)."""
    if isinstance(unit_id, set | frozenset):
        stmt = stmt.where(Case.handling_unit_id.in_(sorted(unit_id)) if len(unit_id) > 1
                          else Case.handling_unit_id == next(iter(unit_id)))
    elif unit_id:
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


def _day_start(moment: datetime) -> datetime:
    tz = local_tz()
    return datetime.combine(moment.astimezone(tz).date(), time(), tz).astimezone(UTC)


def latest_year(unit_id: int | None = None, units: str = scope.AS_WAS) -> int | None:
    """The local year of the most recent receipt (of one handling unit), for an empty period's hint."""
    stmt = _filtered(select(func.max(Case.received_at)), scope.unit_filter(unit_id, units), None)
    at = db.session.scalar(stmt)
    return at.astimezone(local_tz()).year if at else None


def case_statistics(period: Period, *, now: datetime, by: str = "unit", unit_id: int | None = None,
                    procedure_id: int | None = None, units: str = scope.AS_WAS) -> Report:
    """Figures of `period` grouped by handling unit or procedure, optionally restricted to one of each. With
    `units="as_is"` (portal.units.scope) a ceased unit's figures are summed into the unit that carries it on,
    and a unit filter covers the unit and its predecessors."""
    unit_id = scope.unit_filter(unit_id, units)
    key = Case.procedure_id if by == "procedure" else Case.handling_unit_id
    start_at, after_at = period.moments(local_tz())
    as_of = min(after_at, now)
    rows: dict[int, Row] = {}

    def put(figures):
        for key_value, *values in figures:
            row = rows.setdefault(key_value, Row(key_value, ""))
            for name, value in values:
                setattr(row, name, getattr(row, name) + (value or 0))

    paper = Case.channel.in_([IntakeChannel.DESK, IntakeChannel.POST])
    received = _filtered(select(key, func.count(), _count(Case.channel == IntakeChannel.ONLINE),
                                _count(Case.channel.is_not(None)), _count(and_(paper, Case.digitised_at_intake.is_(True))),
                                _count(and_(paper, Case.digitised_at_intake.is_not(None))))
                         .where(Case.received_at >= start_at, Case.received_at < after_at), unit_id, procedure_id)
    put((k, ("received", n), ("received_online", o), ("received_channel_known", c), ("received_digitised", d),
         ("received_paper_known", p)) for k, n, o, c, d, p in db.session.execute(received.group_by(key)))

    in_period = and_(Case.finished_at >= start_at, Case.finished_at < after_at)
    finished = _filtered(
        select(key, _count(Case.timing == Timing.EARLY), _count(Case.timing == Timing.ON_TIME),
               _count(Case.timing == Timing.LATE)).where(in_period, Case.timing.is_not(None)), unit_id, procedure_id)
    put((k, ("early", e), ("on_time", o), ("late", la)) for k, e, o, la in db.session.execute(finished.group_by(key)))
    # The apology as it stood at `as_of`: in time, late (or for a lost file), or none yet.
    seen = and_(Apology.id.is_not(None), Apology.issued_at < as_of)
    in_time, late_kind = and_(seen, Apology.kind == ApologyKind.IN_TIME), and_(seen, Apology.kind != ApologyKind.IN_TIME)
    none_yet = or_(Apology.id.is_(None), Apology.issued_at >= as_of)
    late_split = _filtered(select(key, _count(in_time), _count(late_kind), _count(none_yet))
                           .outerjoin(Apology, Apology.case_id == Case.id)
                           .where(in_period, Case.timing == Timing.LATE), unit_id, procedure_id)
    put((k, ("late_with_apology", a), ("late_with_late_apology", b), ("late_without_apology", c))
        for k, a, b, c in db.session.execute(late_split.group_by(key)))

    # Open cases against the LEGAL due (an apology does not move it), by days: overdue when the due day
    # ended before the local day of `as_of` (BLDS 2015 Điều 148 k6).
    overdue = Case.original_due_at < _day_start(as_of)
    still_open = _filtered(
        select(key, _count(~overdue), _count(overdue), _count(and_(overdue, in_time)),
               _count(and_(overdue, late_kind)), _count(and_(overdue, none_yet)))
        .outerjoin(Apology, Apology.case_id == Case.id)
        .where(open_at(as_of)),
        unit_id, procedure_id)
    put((k, ("open_in_time", i), ("open_overdue", o), ("late_with_apology", a), ("late_with_late_apology", b),
         ("late_without_apology", c))
        for k, i, o, a, b, c in db.session.execute(still_open.group_by(_unindexed(key))))
    _put_766(put, key, in_period, overdue, as_of, unit_id, procedure_id)

    # Apologies are few: look their case up one by one (a correlated subquery) rather than let the
    # planner hash-join them against the whole case table.
    def of_case(column):
        return select(column).where(Case.id == Apology.case_id).scalar_subquery()

    apologies = select(of_case(key).label("k"), func.count(Apology.id)).where(Apology.issued_at >= start_at,
                                                                              Apology.issued_at < after_at)
    if unit_id:
        apologies = apologies.where(of_case(Case.handling_unit_id).in_(sorted(unit_id)))
    if procedure_id:
        apologies = apologies.where(of_case(Case.procedure_id) == procedure_id)
    put((k, ("apologies", n)) for k, n in db.session.execute(apologies.group_by("k")))

    report = Report(period, by, as_of, units=units)
    if by == "unit":
        rows = scope.fold(rows, units, lambda k: Row(k, ""))
        report.inclusions = scope.inclusions(rows, units)
    _name_rows(rows, by)
    report.rows = sorted(rows.values(), key=lambda r: (sort_key(r.name), r.code))
    for row in report.rows:
        report.total.add(row)
    return report


def _unhappy():
    build = current_app.extensions.get(UNHAPPY)
    if build is None:  # never count every case as happy in silence
        raise RuntimeError("the QĐ 766 case figures need the unhappy-case predicate: build the app with "
                           "portal.create_app (register_figures)")
    return build()


def _put_766(put, key, in_period, overdue, as_of: datetime, unit_id, procedure_id) -> None:
    """The QĐ 766 counts (cases.indicators): finished in the period by timing, supplement requests and
    "unhappy" (rated not satisfied, or a PAKN about the case: UNHAPPY), and open at `as_of` by overdue and
    supplement requests; indicators.fold_766 applies rules.counts_late_under_766."""
    unhappy = _unhappy()
    finished = _filtered(select(key, Case.timing, Case.supplement_requests, unhappy, func.count())
                         .where(in_period, Case.timing.is_not(None)), unit_id, procedure_id)
    groups: dict = {}
    for k, timing, requests, bad, n in db.session.execute(finished.group_by(key, Case.timing,
                                                                            Case.supplement_requests, unhappy)):
        groups.setdefault(k, ([], []))[0].append((timing, requests, bool(bad), n))
    still_open = _filtered(select(key, overdue, Case.supplement_requests, func.count())  # `overdue` as the
                           .outerjoin(Apology, Apology.case_id == Case.id).where(open_at(as_of)),  # figures'
                           unit_id, procedure_id)
    for k, late, requests, n in db.session.execute(still_open.group_by(_unindexed(key), overdue,
                                                                       Case.supplement_requests)):
        groups.setdefault(k, ([], []))[1].append((bool(late), requests, n))
    folded = {k: indicators.fold_766(*lists) for k, lists in groups.items()}
    put((k, ("good_766", c.good), ("satisfied_766", c.satisfied), ("open_late_766", c.open_late))
        for k, c in folded.items())


def _name_rows(rows: dict[int, Row], by: str) -> None:
    model = Procedure if by == "procedure" else Unit
    for id_, code, name in db.session.execute(select(model.id, model.code, model.name).where(model.id.in_(rows))):
        rows[id_].code, rows[id_].name = code, name


def figures(row: Row) -> dict:
    """The row as plain values, in FIGURES order, then the two on-time rates' values (None when nothing counts)."""
    return {**{name: getattr(row, name) for name in FIGURES}, "on_time_rate": row.on_time_rate.value,
            "on_time_rate_766": row.on_time_rate_766.value}
