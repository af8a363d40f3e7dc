"""The statistics kernel every domain uses (DOMAIN.md §6, §7): one Period (the local dates a figure is
about) and one Rate (numerator ÷ denominator with its 95% Wilson score interval and the small-sample
rule). Pure: no Flask, no database, no clock (the caller passes `today`); it knows no domain.

Small-sample rule: a rate over fewer than `min_n` items (default 30) is flagged `too_few`; pages
show it with a warning and do not compare it with a target. A rate over nothing has no value.
"""
from __future__ import annotations

import calendar
import math
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

from portal.core import numbers

MIN_YEAR = 2000
DEFAULT_MIN_N = 30
Z95 = 1.959963984540054  # the 0.975 quantile of the standard normal distribution


# ---------------------------------------------------------------- periods

@dataclass(frozen=True)
class Period:
    """Local dates [start, end] (end inclusive): a year, a quarter, a month or a range."""
    start: date
    end: date  # inclusive
    kind: str  # year | quarter | month | range
    year: int
    quarter: int | None = None
    month: int | None = None

    def moments(self, tz) -> tuple[datetime, datetime]:
        """[start 00:00, day after end 00:00) in `tz`, as aware UTC datetimes."""
        first = datetime.combine(self.start, time(), tz).astimezone(UTC)
        after = datetime.combine(self.end + timedelta(days=1), time(), tz).astimezone(UTC)
        return first, after

    @property
    def first(self) -> int:
        """The first month as YYYYMM."""
        return self.start.year * 100 + self.start.month

    @property
    def last(self) -> int:
        """The last month as YYYYMM (inclusive)."""
        return self.end.year * 100 + self.end.month

    @property
    def months(self) -> list[int]:
        """Every month the period touches, as YYYYMM."""
        out, (year, month) = [], divmod(self.first, 100)
        while year * 100 + month <= self.last:
            out.append(year * 100 + month)
            year, month = (year + 1, 1) if month == 12 else (year, month + 1)
        return out


def year_period(year: int) -> Period:
    return Period(date(year, 1, 1), date(year, 12, 31), "year", year)


def quarter_period(year: int, quarter: int) -> Period:
    first_month = 3 * (quarter - 1) + 1
    return Period(date(year, first_month, 1), _month_end(year, first_month + 2), "quarter", year, quarter=quarter)


def month_period(year: int, month: int) -> Period:
    return Period(date(year, month, 1), _month_end(year, month), "month", year, month=month)


def range_period(start: date, end: date) -> Period:
    start, end = min(start, end), max(start, end)
    return Period(start, end, "range", start.year)


def month_range_period(first: int, last: int) -> Period:
    """Whole months first..last (YYYYMM, inclusive)."""
    first, last = min(first, last), max(first, last)
    return range_period(date(first // 100, first % 100, 1), _month_end(*divmod(last, 100)))


def quarter_of(day_or_month: date | int) -> int:
    """The quarter (1–4) of a date or of a YYYYMM month."""
    month = day_or_month.month if isinstance(day_or_month, date) else day_or_month % 100
    return (month - 1) // 3 + 1


def _month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def parse_int(raw, low: int, high: int) -> int | None:
    return numbers.parse_int(raw, low, high)


def _day(raw) -> date | None:
    try:
        return date.fromisoformat((raw or "").strip())
    except ValueError:
        return None


def _month(raw, today: date) -> int | None:
    """YYYY-MM (an <input type=month>) as YYYYMM."""
    year, _, month = (raw or "").strip().partition("-")
    y, m = parse_int(year, MIN_YEAR, today.year + 1), parse_int(month, 1, 12)
    return y * 100 + m if y and m else None


def parse_period(args: Mapping, today: date, *, allow_range: bool = True, allow_month: bool = True,
                 range_of: str = "day") -> Period:
    """From query arguments: from/to (both; ISO days, or YYYY-MM months when range_of="month") beat
    month, month beats quarter, quarter beats the year. Values that do not parse are ignored; the
    default is the current year (of `today`)."""
    if allow_range:
        if range_of == "month":
            first, last = _month(args.get("from"), today), _month(args.get("to"), today)
            if first and last:
                return month_range_period(first, last)
        else:
            start, end = _day(args.get("from")), _day(args.get("to"))
            if start and end and min(start, end).year >= MIN_YEAR:
                return range_period(start, end)
    year = parse_int(args.get("year"), MIN_YEAR, today.year + 1) or today.year
    month = parse_int(args.get("month"), 1, 12) if allow_month else None
    if month:
        return month_period(year, month)
    quarter = parse_int(args.get("quarter"), 1, 4)
    return quarter_period(year, quarter) if quarter else year_period(year)


# ---------------------------------------------------------------- rates

def wilson(k: int, n: int, z: float = Z95) -> tuple[float, float] | None:
    """Wilson score interval for k successes in n trials (None when n == 0):
    centre = (p + z²/2n) / (1 + z²/n), half = z·√(p(1−p)/n + z²/4n²) / (1 + z²/n)."""
    if n <= 0:
        return None
    if not 0 <= k <= n:
        raise ValueError("k must lie between 0 and n")
    p = k / n
    denom = 1 + z * z / n
    centre = (p + z * z / (2 * n)) / denom
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / denom
    # Exactly 0 or 1 at the edges (floating point leaves 0.9999999999999999 for k == n).
    low = 0.0 if k == 0 else max(0.0, centre - half)
    high = 1.0 if k == n else min(1.0, centre + half)
    return low, high


@dataclass(frozen=True)
class Rate:
    """numerator ÷ denominator with its 95% Wilson interval; `too_few` under `min_n` items."""
    numerator: int
    denominator: int
    min_n: int = DEFAULT_MIN_N

    def __post_init__(self):
        if not 0 <= self.numerator <= max(self.denominator, 0):
            raise ValueError(f"rate {self.numerator}/{self.denominator}: numerator outside 0..denominator")

    @property
    def value(self) -> float | None:
        return self.numerator / self.denominator if self.denominator else None

    @property
    def interval(self) -> tuple[float, float] | None:
        return wilson(self.numerator, self.denominator)

    @property
    def low(self) -> float | None:
        interval = self.interval
        return interval[0] if interval else None

    @property
    def high(self) -> float | None:
        interval = self.interval
        return interval[1] if interval else None

    @property
    def empty(self) -> bool:
        return self.denominator == 0

    @property
    def too_few(self) -> bool:
        """Fewer items than the minimum (an empty rate is too few too)."""
        return self.denominator < max(1, self.min_n)

    @property
    def small(self) -> bool:
        """Has a value but over too few items: shown with a 'small sample' warning."""
        return self.too_few and not self.empty

    def percent(self) -> float | None:
        return None if self.value is None else self.value * 100

    def as_dict(self) -> dict:
        """For the API: {"value", "numerator", "denominator", "low", "high"} (shares in 0..1)."""
        return {"value": self.value, "numerator": self.numerator, "denominator": self.denominator,
                "low": self.low, "high": self.high}


def shown_percent(points: float, places: int = 1) -> float:
    """A percentage as it is printed: cut, not rounded, to `places` decimals, so a figure never shows a value
    it has not reached — 94.98 % is shown as 94.9 %, not as 95 % beside a target of 95 % that it misses
    (the plan's status compares the exact value). The tiny epsilon absorbs binary fractions (0.29 × 100)."""
    factor = 10 ** places
    return math.floor(points * factor + 1e-9) / factor



# ---------------------------------------------------------------- indicators

@dataclass(frozen=True)
class Indicator:
    """An indicator's label and formula, written once where its domain computes it (DOMAIN.md §7): the
    statistics pages and the plan's live figures show these words beside the figure. `key` is also the
    open-data API's field name."""
    key: str
    label: object
    formula: object


def indicator_table(*items: Indicator) -> dict[str, Indicator]:
    return {i.key: i for i in items}
