"""Open data: the statistics of cases, PAKN and satisfaction per year or quarter and handling unit
(GET /api/v1/statistics/cases | feedback | satisfaction), documented in portal/openapi.json.

The figures are computed by the code behind the statistics pages (cases.stats.case_statistics,
feedback.stats.feedback_statistics, satisfaction.stats.report) and each rate by the one formula of its
indicator (cases.indicators, feedback.indicators, core.stats.Rate). Counts and unit codes only: no person,
no case or feedback. Public and rate-limited per client address (API_RATE_LIMIT).

Parameters: `year` is REQUIRED (a URL always names the same period, so a saved link or a cached answer
never slides to another year on 1 January); `quarter` 1–4 narrows it; `unit` is a unit code; `units=as_was`
(default: each figure under the unit that handled it) or `units=as_is` (a ceased unit's figures under the unit
that carries its work on today, and `unit` includes its predecessors: portal.units.scope); `format=csv` gives the
same rows as CSV (one line per unit, then the total; a rate as five columns).
"""
from __future__ import annotations

import io
from datetime import UTC

from flask import Blueprint, current_app, request

from portal.core import stats as kernel
from portal.core.access import public
from portal.core.clock import today_local, utcnow
from portal.core.csv_export import csv_writer
from portal.core.errors import DomainError
from portal.extensions import limiter
from portal.units import scope
from portal.units.services import get_by_code as unit_by_code

bp = Blueprint("api_statistics", __name__, url_prefix="/api/v1/statistics")
limiter.limit(lambda: current_app.config["API_RATE_LIMIT"])(bp)

CACHE_CONTROL = "public, max-age=60"
RATE_PARTS = ("value", "numerator", "denominator", "low", "high")
CASE_FIGURES = ("received", "finished", "early", "on_time", "late", "late_with_apology", "late_with_late_apology",
                "late_without_apology", "open_in_time", "open_overdue", "on_time_rate", "on_time_rate_766",
                "online_share", "digitisation_share")
FEEDBACK_FIGURES = ("received", "handled", "on_time", "open_overdue", "on_time_rate_766", "satisfaction_766")
SATISFACTION_FIGURES = ("ratings", "satisfied", "rate", "response_rate")
RATES = frozenset({"on_time_rate", "on_time_rate_766", "satisfaction_766", "rate", "response_rate", "online_share",
                   "digitisation_share"})


class InvalidParameter(DomainError):
    status_code = 400


# ---------------------------------------------------------------- parameters

def _period() -> kernel.Period:
    raw_year, raw_quarter = request.args.get("year", "").strip(), request.args.get("quarter", "").strip()
    last = today_local().year
    year = kernel.parse_int(raw_year, kernel.MIN_YEAR, last)
    if year is None:
        raise InvalidParameter(f"year is required: a whole number from {kernel.MIN_YEAR} to {last}.", field="year")
    if not raw_quarter:
        return kernel.year_period(year)
    quarter = kernel.parse_int(raw_quarter, 1, 4)
    if quarter is None:
        raise InvalidParameter("quarter must be 1, 2, 3 or 4.", field="quarter")
    return kernel.quarter_period(year, quarter)


def _unit():
    code = request.args.get("unit", "").strip()
    if not code:
        return None
    unit = unit_by_code(code)
    if unit is None:
        raise InvalidParameter(f"Unknown unit code: {code}.", field="unit")
    return unit


def _units_mode() -> str:
    value = request.args.get("units", "").strip() or scope.AS_WAS
    if value not in scope.MODES:
        raise InvalidParameter("units must be as_was or as_is.", field="units")
    return value


def _format() -> str:
    value = request.args.get("format", "json").strip().lower() or "json"
    if value not in ("json", "csv"):
        raise InvalidParameter("format must be json or csv.", field="format")
    return value


# ---------------------------------------------------------------- representation

def _iso(moment) -> str | None:
    return moment.astimezone(UTC).isoformat().replace("+00:00", "Z") if moment else None


def _figures(row, names: tuple[str, ...], source: dict) -> dict:
    """`source`: figure name -> attribute of the row (the API's names are the indicators' names)."""
    out = {}
    for name in names:
        value = getattr(row, source.get(name, name))
        out[name] = value.as_dict() if name in RATES else int(value or 0)
    return out


def _unit_of(code, name) -> dict | None:
    return {"code": code, "name": name} if code else None


def _answer(kind: str, period: kernel.Period, unit, names, rows: list, total: dict, as_of=None):
    """rows: [(unit code or None, unit name, figures)]."""
    body = {"period": {"year": period.year, "quarter": period.quarter, "start": period.start.isoformat(),
                       "end": period.end.isoformat(), "as_of": _iso(as_of)},
            "unit": _unit_of(unit.code, unit.name) if unit else None,
            "units_mode": _units_mode(),
            "total": total,
            "units": [{"unit": _unit_of(code, name), **figures} for code, name, figures in rows]}
    if _format() == "csv":
        response = current_app.response_class(_csv(period, names, rows, total), mimetype="text/csv")
        response.headers["Content-Disposition"] = (f'attachment; filename="thong-ke-{kind}-{period.year}'
                                                   f'{f"-q{period.quarter}" if period.quarter else ""}.csv"')
    else:
        response = current_app.json.response(body)
    response.headers["Cache-Control"] = CACHE_CONTROL
    return response


def _columns(names) -> list[str]:
    return [f"{name}_{part}" if name in RATES else name for name in names for part in
            (RATE_PARTS if name in RATES else ("",))]


def _csv(period: kernel.Period, names, rows: list, total: dict) -> str:
    out = io.StringIO()
    writer = csv_writer(out, lineterminator="\r\n")
    writer.writerow(["year", "quarter", "unit_code", "unit_name", *_columns(names)])

    def cells(figures):
        for name in names:
            value = figures[name]
            yield from ([value[part] for part in RATE_PARTS] if name in RATES else [value])

    for code, name, figures in [*rows, ("", "", total)]:
        writer.writerow([period.year, period.quarter or "", code or "", name or "",
                         *("" if v is None else v for v in cells(figures))])
    return out.getvalue()


# ---------------------------------------------------------------- endpoints

@bp.get("/cases")
@public
def cases():
    from portal.cases.stats import case_statistics

    period, unit, units = _period(), _unit(), _units_mode()
    _format()  # checked before computing
    report = case_statistics(period, now=utcnow(), by="unit", unit_id=unit.id if unit else None, units=units)
    rows = [(r.code, r.name, _figures(r, CASE_FIGURES, {})) for r in report.rows]
    return _answer("ho-so", period, unit, CASE_FIGURES, rows, _figures(report.total, CASE_FIGURES, {}), report.as_of)


FEEDBACK_SOURCE = {"handled": "handled_766", "on_time": "on_time_766", "open_overdue": "open_overdue_766"}


@bp.get("/feedback")
@public
def feedback():
    from portal.feedback.stats import feedback_statistics

    period, unit, units = _period(), _unit(), _units_mode()
    _format()
    report = feedback_statistics(period, now=utcnow(), unit_id=unit.id if unit else None, units=units)
    rows = [(r.code, r.name, _figures(r, FEEDBACK_FIGURES, FEEDBACK_SOURCE)) for r in report.rows]
    return _answer("pakn", period, unit, FEEDBACK_FIGURES, rows,
                   _figures(report.total, FEEDBACK_FIGURES, FEEDBACK_SOURCE), report.as_of)


class _Satisfaction:
    """A satisfaction table group seen with the API's names (satisfaction.tables.Group)."""

    def __init__(self, group):
        self.ratings, self.satisfied, self.rate = group.n, group.sums.satisfied, group.rate
        self.response_rate = group.response_rate or kernel.Rate(0, 0, 1)  # the dashboard's own (tables.Group)


@bp.get("/satisfaction")
@public
def satisfaction():
    from portal.satisfaction.selection import Filters
    from portal.satisfaction.stats import report as satisfaction_report

    period, unit, units = _period(), _unit(), _units_mode()
    _format()
    unit_ids = scope.unit_filter(unit.id if unit else None, units)
    report = satisfaction_report(period, Filters(unit_id=unit.id if unit else None, units=units,
                                                 unit_ids=frozenset(unit_ids) if unit_ids else None))
    codes = _unit_codes([g.key for g in report.units])
    rows = [(codes.get(g.key, ""), g.name, _figures(_Satisfaction(g), SATISFACTION_FIGURES, {}))
            for g in report.units]
    return _answer("hai-long", period, unit, SATISFACTION_FIGURES, rows,
                   _figures(_Satisfaction(report.total), SATISFACTION_FIGURES, {}))


def _unit_codes(ids) -> dict:
    from sqlalchemy import select

    from portal.core.db import db
    from portal.units.models import Unit

    ids = [i for i in ids if i is not None]
    return {i: code for i, code in db.session.execute(select(Unit.id, Unit.code).where(Unit.id.in_(ids)))} if ids else {}
