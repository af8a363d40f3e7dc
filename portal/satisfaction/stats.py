"""Per-case satisfaction for a period (DOMAIN.md §6): rates with n and Wilson intervals, the response
rate, the trend by month and the TT 01/2018 scores of officers and units.

Read from the monthly rollups (rollup.py): one query fetches the period's cells (month × unit × desk
officer × channel, a few thousand rows a year) and Python folds them into every table (tables.py). A procedure
filter crosses the grains, so its cells come from case_rating itself (one procedure's ratings, via
ix_case_rating_procedure_rated_on). Periods are whole months: the rollup's grain.
"""
from __future__ import annotations

import time as time_module
from datetime import UTC, date, datetime, time

from flask import current_app
from sqlalchemy import case as case_when, func, select

from portal.auth.models import StaffUser
from portal.cases.models import Case
from portal.core.clock import local_tz, today_local, utcnow
from portal.core.db import db
from portal.core.stats import Period, Rate, month_period, quarter_of
from portal.core.text import sort_key
from portal.procedures.models import Procedure
from portal.satisfaction import tt01
from portal.satisfaction.models import Rating
from portal.satisfaction.rollup import (
    PROCEDURE_SUMS,
    RatingMonth,
    RatingMonthProcedure,
    direct_sums,
    month_key,
    rated_month,
)
from portal.satisfaction.rules import Channel
from portal.satisfaction.selection import Filters
from portal.satisfaction.tables import Group, Report, ScoreRow, Sums, fold_sums, groups_of, score_rows
from portal.units import scope
from portal.units.models import Unit


def settings() -> tuple[int, float]:
    config = current_app.config
    return int(config.get("SATISFACTION_MIN_N", 30)), float(config.get("SATISFACTION_TARGET", 0.8))


# ---------------------------------------------------------------- queries

CELL_SUMS = (*PROCEDURE_SUMS, "s1", "s2", "s3", "s4", "s7")  # the per-file TT 01 indicators one by one


def _sums(row, names=CELL_SUMS) -> Sums:
    return Sums(**{name: int(value or 0) for name, value in zip(names, row, strict=True)})


def _rating_where(period: Period, filters: Filters) -> list:
    where = [Rating.rated_on >= period.start, Rating.rated_on <= period.end]
    if filters.units_filtered:
        where.append(Rating.unit_id.in_(sorted(filters.units_filtered)))
    if filters.procedure_id:
        where.append(Rating.procedure_id == filters.procedure_id)
    if filters.officer_id is not None:
        where.append(func.coalesce(Rating.officer_id, 0) == filters.officer_id)
    if filters.channel:
        where.append(Rating.channel == filters.channel)
    return where


def cells(period: Period, filters: Filters) -> list[tuple[int, int, int, str, Sums]]:
    """(month, unit, officer key, channel, sums) of the period under the filters."""
    if filters.procedure_id:
        month, officer = rated_month(), func.coalesce(Rating.officer_id, 0)
        stmt = (select(month, Rating.unit_id, officer, Rating.channel, *direct_sums(CELL_SUMS))
                .where(*_rating_where(period, filters)).group_by(month, Rating.unit_id, officer, Rating.channel))
    else:
        t = RatingMonth
        stmt = select(t.month, t.unit_id, t.officer_key, t.channel, *[getattr(t, s) for s in CELL_SUMS]).where(
            t.month >= period.first, t.month <= period.last)
        if filters.units_filtered:
            stmt = stmt.where(t.unit_id.in_(sorted(filters.units_filtered)))
        if filters.officer_id is not None:
            stmt = stmt.where(t.officer_key == filters.officer_id)
        if filters.channel:
            stmt = stmt.where(t.channel == filters.channel)
    return [(m, u, o, getattr(c, "value", c), _sums(rest)) for m, u, o, c, *rest in db.session.execute(stmt)]


def by_procedure(period: Period, filters: Filters) -> dict[int, Sums]:
    if filters.officer_id is not None or filters.channel or filters.procedure_id:
        stmt = (select(Rating.procedure_id, *direct_sums(PROCEDURE_SUMS)).where(*_rating_where(period, filters))
                .group_by(Rating.procedure_id))
    else:
        t = RatingMonthProcedure
        stmt = (select(t.procedure_id, *[func.sum(getattr(t, s)) for s in PROCEDURE_SUMS])
                .where(t.month >= period.first, t.month <= period.last).group_by(t.procedure_id))
        if filters.units_filtered:
            stmt = stmt.where(t.unit_id.in_(sorted(filters.units_filtered)))
    return {key: _sums(rest, PROCEDURE_SUMS) for key, *rest in db.session.execute(stmt)}


def _moment(month: int) -> datetime:
    year, m = divmod(month, 100)
    return datetime.combine(date(year, m, 1), time(), local_tz()).astimezone(UTC)


def _next(month: int) -> int:
    year, m = divmod(month, 100)
    return (year + 1) * 100 + 1 if m == 12 else month + 1


_RETURNED_MEMO: dict = {}


def returned_cases(period: Period, filters: Filters) -> dict[tuple[int, int], int]:
    """(month, handling unit) -> cases returned in that local month: the ratings' denominator.

    One indexed range count per month (indexes: rollup.py). A month that has ended no longer changes
    (a case is returned once, at the moment it is handed over), so its counts are kept in the process
    for SATISFACTION_RETURNED_CACHE_SECONDS (default 600; 0 under TESTING); the current month is always
    counted afresh."""
    ttl = current_app.config.get("SATISFACTION_RETURNED_CACHE_SECONDS", 0 if current_app.testing else 600)
    this_month, now = month_key(today_local()), time_module.monotonic()
    out = {}
    for month in period.months:
        memo_key = (str(db.engine.url), month, filters.units_filtered, filters.procedure_id)
        hit = _RETURNED_MEMO.get(memo_key) if ttl else None
        if hit is not None and hit[0] > now:
            counts = hit[1]
        else:
            counts = _returned_in(month, filters)
            if ttl and month < this_month:
                _RETURNED_MEMO[memo_key] = (now + ttl, counts)
        out.update({(month, unit_id): n for unit_id, n in counts.items()})
    return out


def _returned_in(month: int, filters: Filters) -> dict[int, int]:
    stmt = select(Case.handling_unit_id, func.count()).where(Case.returned_at >= _moment(month),
                                                             Case.returned_at < _moment(_next(month)))
    if filters.units_filtered:
        stmt = stmt.where(Case.handling_unit_id.in_(sorted(filters.units_filtered)))
    if filters.procedure_id:
        stmt = stmt.where(Case.procedure_id == filters.procedure_id)
    return dict(db.session.execute(stmt.group_by(Case.handling_unit_id)).all())


# ---------------------------------------------------------------- the report

def _names(model, column, ids) -> dict:
    ids = [i for i in ids if i]
    if not ids:
        return {}
    return dict(db.session.execute(select(model.id, column).where(model.id.in_(ids))).all())


def agency_score_rows(period: Period, columns: list, unit_ids, names: dict, now: datetime) -> list[ScoreRow]:
    """TT 01/2018 agency scores (scores.py) of each unit and column: a quarter of the period's year or "all"."""
    from portal.core import stats as kernel
    from portal.satisfaction import scores

    rows: dict = {}
    for column in columns:
        col_period = period if column == "all" else kernel.quarter_period(period.first // 100, column)
        for score in scores.agency_scores(col_period, now=now, unit_ids=unit_ids):
            row = rows.setdefault(score.unit_id, ScoreRow(score.unit_id, names.get(score.unit_id, score.name), "",
                                                          dict.fromkeys(columns)))
            row.cells[column] = score if score.files else None
    return sorted(rows.values(), key=lambda r: (sort_key(r.name), str(r.key)))


def report(period: Period, filters: Filters = Filters(), now: datetime | None = None) -> Report:
    min_n, target = settings()
    data = cells(period, filters)
    units_rated = {cell[1] for cell in data}  # the TT 01/2018 agency scores stay per unit as it was
    response_applies = filters.officer_id is None and not filters.channel
    returned = returned_cases(period, filters) if response_applies else {}
    if filters.units == scope.AS_IS:  # each ceased unit's sums under the unit that carries it on (sums, not rates)
        mapping = scope.rollup({cell[1] for cell in data} | {u for _m, u in returned}, scope.AS_IS)
        data = [(m, mapping.get(u, u), o, c, sums) for m, u, o, c, sums in data]
        folded: dict = {}
        for (month, unit_id), n in returned.items():
            folded[(month, mapping.get(unit_id, unit_id))] = folded.get((month, mapping.get(unit_id, unit_id)), 0) + n
        returned = folded

    total = Sums()
    for cell in data:
        total.add(cell[-1])
    eligible_total = sum(returned.values()) if response_applies else None
    eligible_month: dict = {}
    eligible_unit: dict = {}
    for (month, unit_id), count in returned.items():
        eligible_month[month] = eligible_month.get(month, 0) + count
        eligible_unit[unit_id] = eligible_unit.get(unit_id, 0) + count

    by_month = fold_sums(data, 0)
    months = [Group(m, str(m), by_month.get(m, Sums()), Rate(by_month.get(m, Sums()).satisfied,
                                                                      by_month.get(m, Sums()).n, min_n),
                    eligible_month.get(m, 0) if response_applies else None) for m in period.months]

    by_unit = fold_sums(data, 1)
    for unit_id in eligible_unit:
        by_unit.setdefault(unit_id, Sums())
    unit_names = _names(Unit, Unit.name, by_unit)
    by_officer = fold_sums(data, 2)
    officers = dict(((i, (name, unit_id)) for i, name, unit_id in db.session.execute(
        select(StaffUser.id, StaffUser.full_name, StaffUser.unit_id).where(StaffUser.id.in_([k for k in by_officer if k])))))
    officer_names = {k: v[0] for k, v in officers.items()}
    more_units = _names(Unit, Unit.name, {v[1] for v in officers.values()} - set(unit_names))
    officer_units = {k: unit_names.get(v[1]) or more_units.get(v[1], "") for k, v in officers.items()}
    by_channel = fold_sums(data, 3)
    procedure_sums = by_procedure(period, filters)
    procedure_rows = dict(((i, (name, code)) for i, name, code in db.session.execute(
        select(Procedure.id, Procedure.name, Procedure.code).where(Procedure.id.in_(list(procedure_sums))))))

    quarters = sorted({quarter_of(m) for m in period.months})
    one_year = period.first // 100 == period.last // 100
    columns = [*quarters, "all"] if one_year and len(quarters) > 1 else ["all"]
    channel_order = [c.value for c in Channel]
    return Report(
        period=period, filters=filters, min_n=min_n, target=target,
        total=Group(None, "", total, Rate(total.satisfied, total.n, min_n), eligible_total),
        months=months,
        units=groups_of(by_unit, unit_names, min_n, eligible_unit if response_applies else None),
        procedures=groups_of(procedure_sums, {k: v[0] for k, v in procedure_rows.items()}, min_n,
                             extra={k: v[1] for k, v in procedure_rows.items()}),
        officers=groups_of(by_officer, officer_names, min_n, extra=officer_units),
        channels=sorted(groups_of(by_channel, {}, min_n), key=lambda g: channel_order.index(g.key)
                        if g.key in channel_order else 99),
        score_columns=columns,
        officer_scores=score_rows(data, 2, columns, "officer_avg", tt01.OFFICER_THRESHOLDS, officer_names,
                                  officer_units),
        unit_scores=agency_score_rows(period, columns, units_rated, {**_names(Unit, Unit.name, units_rated),
                                                                    **unit_names}, now or utcnow()),
        response_applies=response_applies,
        inclusions=scope.inclusions(by_unit, filters.units),
    )


def count(period: Period, filters: Filters) -> int:
    """How many ratings the selection holds (bounds the XLSX export)."""
    return sum(cell[-1].n for cell in cells(period, filters))


def overall_rate(start: date, end: date, unit_id: int | None = None, units: str = scope.AS_WAS) -> Rate:
    """Share of satisfied ratings given from `start` to `end` (local dates, inclusive), for the reform plan.
    Whole months are read from the rollup; other ranges from case_rating. `units="as_is"`: a unit filter covers
    the unit and its predecessors (portal.units.scope)."""
    min_n, _target = settings()
    unit_ids = scope.unit_filter(unit_id, units)
    whole = start.day == 1 and end == month_period(end.year, end.month).end
    if whole:
        stmt = select(func.sum(RatingMonth.n), func.sum(RatingMonth.satisfied)).where(
            RatingMonth.month >= month_key(start), RatingMonth.month <= month_key(end))
        if unit_ids:
            stmt = stmt.where(RatingMonth.unit_id.in_(sorted(unit_ids)))
    else:
        stmt = select(*direct_sums(("n", "satisfied"))).where(Rating.rated_on >= start, Rating.rated_on <= end)
        if unit_ids:
            stmt = stmt.where(Rating.unit_id.in_(sorted(unit_ids)))
    n, k = db.session.execute(stmt).one()
    return Rate(int(k or 0), int(n or 0), min_n)


def entered_by_staff(period: Period, filters: Filters) -> list[dict]:
    """Ratings of the selection typed in or opened by staff (paper slips, the desk tablet): who, through which
    channel, how many, how many satisfied, and how many about cases that person received at the desk
    (the tablet is run in the receiving officer's session; a paper slip never is: services.check_not_rated_officer).
    For managers to review; online ratings name nobody."""
    own = func.sum(case_when((Rating.entered_by_id == Rating.officer_id, 1), else_=0))
    satisfied = func.sum(case_when((Rating.satisfied, 1), else_=0))
    stmt = (select(StaffUser.id, StaffUser.full_name, Rating.channel, func.count(Rating.id), satisfied, own)
            .join(StaffUser, StaffUser.id == Rating.entered_by_id)
            .where(*_rating_where(period, filters))
            .group_by(StaffUser.id, StaffUser.full_name, Rating.channel))
    rows = [{"id": uid, "name": name, "channel": getattr(channel, "value", channel), "n": int(n),
             "satisfied": int(k or 0), "own": int(o or 0)} for uid, name, channel, n, k, o in db.session.execute(stmt)]
    return sorted(rows, key=lambda r: (sort_key(r["name"]), r["channel"]))
