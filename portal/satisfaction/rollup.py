"""Monthly rollups of per-case ratings, kept in the same transaction as each rating.

The dashboard must answer a year of a million ratings in well under a second on SQLite and
PostgreSQL, so it never reads `case_rating` row by row for the usual views. Two grains, because one
grain holding every dimension (month × unit × procedure × officer × channel) would be almost as large
as the ratings themselves:

- `rating_month`: month × handling unit × desk officer × channel — overall, trend, units, officers,
  channels and the TT 01/2018 scores (a few thousand rows a year);
- `rating_month_procedure`: month × handling unit × procedure — the table by procedure.

A filter that crosses the grains (a procedure together with an officer or a channel) is answered
from `case_rating` directly (stats.py); the indexes of case_rating keep that to one procedure's or
one officer's ratings. `officer_key` is the desk officer's id or 0 (no officer recorded), so the
unique key works the same on both engines (a NULL in a unique key never conflicts).

`rebuild()` recomputes both from case_rating (bench generator, repair); `flask satisfaction
rebuild-rollup` (cli.py). Cases returned per month (the response rate's denominator) are not rolled up: an
index on case_file.returned_at answers them (declared here, created by migration 0014).
"""
from __future__ import annotations

from sqlalchemy import Integer, case, cast, delete, func, insert, select

from portal.cases.models import Case
from portal.core.db import db
from portal.satisfaction.models import Rating

POINTS = ("s1", "s2", "s3", "s4", "s5", "s6", "s7", "s8", "s9")
SUMS = ("n", "satisfied", *POINTS, "officer_sum", "agency_sum")
PROCEDURE_SUMS = ("n", "satisfied", "officer_sum", "agency_sum")


class RatingMonth(db.Model):
    __tablename__ = "rating_month"

    id = db.Column(db.Integer, primary_key=True)
    month = db.Column(db.Integer, nullable=False)  # YYYYMM of rated_on (local date)
    unit_id = db.Column(db.Integer, db.ForeignKey("unit.id", ondelete="CASCADE"), nullable=False)
    officer_key = db.Column(db.Integer, nullable=False)  # desk officer id, 0 when none
    channel = db.Column(db.String(10), nullable=False)
    n = db.Column(db.Integer, nullable=False)
    satisfied = db.Column(db.Integer, nullable=False)
    s1 = db.Column(db.Integer, nullable=False)
    s2 = db.Column(db.Integer, nullable=False)
    s3 = db.Column(db.Integer, nullable=False)
    s4 = db.Column(db.Integer, nullable=False)
    s5 = db.Column(db.Integer, nullable=False)
    s6 = db.Column(db.Integer, nullable=False)
    s7 = db.Column(db.Integer, nullable=False)
    s8 = db.Column(db.Integer, nullable=False)
    s9 = db.Column(db.Integer, nullable=False)
    officer_sum = db.Column(db.Integer, nullable=False)
    agency_sum = db.Column(db.Integer, nullable=False)

    __table_args__ = (
        db.UniqueConstraint("month", "unit_id", "officer_key", "channel", name="uq_rating_month_key"),
    )


class RatingMonthProcedure(db.Model):
    __tablename__ = "rating_month_procedure"

    id = db.Column(db.Integer, primary_key=True)
    month = db.Column(db.Integer, nullable=False)
    unit_id = db.Column(db.Integer, db.ForeignKey("unit.id", ondelete="CASCADE"), nullable=False)
    procedure_id = db.Column(db.Integer, db.ForeignKey("procedure.id", ondelete="CASCADE"), nullable=False)
    n = db.Column(db.Integer, nullable=False)
    satisfied = db.Column(db.Integer, nullable=False)
    officer_sum = db.Column(db.Integer, nullable=False)
    agency_sum = db.Column(db.Integer, nullable=False)

    __table_args__ = (
        db.UniqueConstraint("month", "unit_id", "procedure_id", name="uq_rating_month_procedure_key"),
    )


# Cases returned in a period, by handling unit (the response rate's denominator). PostgreSQL reads a
# range of returned_at from the index alone; SQLite has no hash aggregate and skip-scans the few units
# in order instead (like migration 0007 does for the case statistics).
db.Index("ix_case_file_returned_cover", Case.__table__.c.returned_at, Case.__table__.c.handling_unit_id,
         Case.__table__.c.procedure_id).ddl_if(dialect="postgresql")
db.Index("ix_case_file_unit_returned", Case.__table__.c.handling_unit_id, Case.__table__.c.returned_at,
         Case.__table__.c.procedure_id).ddl_if(dialect="sqlite")


def month_key(day) -> int:
    return day.year * 100 + day.month


def _upsert(model, keys: dict, values: dict, sign: int) -> None:
    if db.session.get_bind().dialect.name == "postgresql":
        from sqlalchemy.dialects.postgresql import insert as dialect_insert
    else:
        from sqlalchemy.dialects.sqlite import insert as dialect_insert
    table = model.__table__
    values = {k: sign * v for k, v in values.items()}
    stmt = dialect_insert(table).values(**keys, **values)
    stmt = stmt.on_conflict_do_update(index_elements=list(keys),
                                      set_={k: table.c[k] + stmt.excluded[k] for k in values})
    db.session.execute(stmt)


def _figures(rating: Rating) -> dict:
    points = {f"s{i}": int(getattr(rating, f"i{i}") or 0) for i in range(1, 10)}  # 5, 8, 9: NULL (per agency)
    return {"n": 1, "satisfied": int(bool(rating.satisfied)), **points,
            "officer_sum": int(rating.officer_score), "agency_sum": int(rating.agency_score or 0)}


def add(rating: Rating, sign: int = 1) -> None:
    """Count one stored rating (sign -1 takes it out again, e.g. before deleting a mistaken entry)."""
    month = month_key(rating.rated_on)
    figures = _figures(rating)
    channel = getattr(rating.channel, "value", rating.channel)
    _upsert(RatingMonth, {"month": month, "unit_id": rating.unit_id, "officer_key": rating.officer_id or 0,
                          "channel": channel}, figures, sign)
    _upsert(RatingMonthProcedure, {"month": month, "unit_id": rating.unit_id, "procedure_id": rating.procedure_id},
            {k: figures[k] for k in PROCEDURE_SUMS}, sign)


def rated_month():
    """YYYYMM of case_rating.rated_on as an integer expression, on either engine."""
    if db.session.get_bind().dialect.name == "postgresql":
        return cast(func.to_char(Rating.rated_on, "YYYYMM"), Integer)
    return cast(func.strftime("%Y%m", Rating.rated_on), Integer)


def direct_sums(names=SUMS) -> list:
    """case_rating aggregated into the rollup's figures (same labels)."""
    exprs = {"n": func.count(), "satisfied": func.sum(case((Rating.satisfied, 1), else_=0)),
             **{f"s{i}": func.coalesce(func.sum(getattr(Rating, f"i{i}")), 0) for i in range(1, 10)},
             "officer_sum": func.sum(Rating.officer_score),
             "agency_sum": func.coalesce(func.sum(Rating.agency_score), 0)}
    return [exprs[name].label(name) for name in names]


def _between(first: int | None, last: int | None):
    from datetime import date

    conditions = []
    if first:
        conditions.append(Rating.rated_on >= date(first // 100, first % 100, 1))
    if last:
        year, month = divmod(last, 100)
        conditions.append(Rating.rated_on < (date(year + 1, 1, 1) if month == 12 else date(year, month + 1, 1)))
    return conditions


def rebuild(first: int | None = None, last: int | None = None) -> int:
    """Recompute both rollups for months first..last (YYYYMM, inclusive; None = open end) from case_rating."""
    month = rated_month()
    officer = func.coalesce(Rating.officer_id, 0)
    for model in (RatingMonth, RatingMonthProcedure):
        stmt = delete(model)
        if first:
            stmt = stmt.where(model.month >= first)
        if last:
            stmt = stmt.where(model.month <= last)
        db.session.execute(stmt)
    where = _between(first, last)
    by_officer = (select(month.label("month"), Rating.unit_id, officer.label("officer_key"), Rating.channel,
                         *direct_sums()).where(*where).group_by(month, Rating.unit_id, officer, Rating.channel))
    db.session.execute(insert(RatingMonth).from_select(["month", "unit_id", "officer_key", "channel", *SUMS],
                                                       by_officer))
    by_procedure = (select(month.label("month"), Rating.unit_id, Rating.procedure_id, *direct_sums(PROCEDURE_SUMS))
                    .where(*where).group_by(month, Rating.unit_id, Rating.procedure_id))
    db.session.execute(insert(RatingMonthProcedure).from_select(["month", "unit_id", "procedure_id",
                                                                 *PROCEDURE_SUMS], by_procedure))
    db.session.flush()
    return db.session.scalar(select(func.count()).select_from(RatingMonth)) or 0
