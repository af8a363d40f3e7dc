"""What a satisfaction report is asked for: the period (whole months, the rollup's grain: a year, a
quarter, a month or a range of months, parsed from the dashboard's query string) and the filters
(unit, procedure, desk officer, channel). Pure: no Flask, no database, no clock.
"""
from __future__ import annotations

import calendar
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date

MIN_YEAR = 2000


@dataclass(frozen=True)
class Period:
    first: int  # YYYYMM
    last: int  # YYYYMM, inclusive
    kind: str  # year | quarter | month | range
    year: int
    quarter: int | None = None
    month: int | None = None

    @property
    def start(self) -> date:
        return date(self.first // 100, self.first % 100, 1)

    @property
    def end(self) -> date:
        year, month = divmod(self.last, 100)
        return date(year, month, calendar.monthrange(year, month)[1])

    @property
    def months(self) -> list[int]:
        out, year, month = [], *divmod(self.first, 100)
        while year * 100 + month <= self.last:
            out.append(year * 100 + month)
            year, month = (year + 1, 1) if month == 12 else (year, month + 1)
        return out


def year_period(year: int) -> Period:
    return Period(year * 100 + 1, year * 100 + 12, "year", year)


def quarter_period(year: int, quarter: int) -> Period:
    return Period(year * 100 + 3 * quarter - 2, year * 100 + 3 * quarter, "quarter", year, quarter=quarter)


def month_period(year: int, month: int) -> Period:
    return Period(year * 100 + month, year * 100 + month, "month", year, month=month)


def _int(raw, low: int, high: int) -> int | None:
    raw = (raw or "").strip()
    return int(raw) if raw.isascii() and raw.isdigit() and low <= int(raw) <= high else None


def _month(raw, today: date) -> int | None:
    """YYYY-MM (an <input type=month>)."""
    year, _, month = (raw or "").strip().partition("-")
    y, m = _int(year, MIN_YEAR, today.year + 1), _int(month, 1, 12)
    return y * 100 + m if y and m else None


def parse_period(args: Mapping, today: date) -> Period:
    """from/to months (both) beat month, month beats quarter, quarter beats the year (default: this year)."""
    first, last = _month(args.get("from"), today), _month(args.get("to"), today)
    if first and last:
        first, last = min(first, last), max(first, last)
        return Period(first, last, "range", first // 100)
    year = _int(args.get("year"), MIN_YEAR, today.year + 1) or today.year
    month = _int(args.get("month"), 1, 12)
    if month:
        return month_period(year, month)
    quarter = _int(args.get("quarter"), 1, 4)
    return quarter_period(year, quarter) if quarter else year_period(year)


def quarter_of(month: int) -> int:
    return (month % 100 - 1) // 3 + 1


@dataclass(frozen=True)
class Filters:
    unit_id: int | None = None
    procedure_id: int | None = None
    officer_id: int | None = None  # 0: ratings without a desk officer
    channel: str | None = None

