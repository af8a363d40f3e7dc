"""The tables of the satisfaction report (rates per month, unit, procedure, officer and channel; the
TT 01/2018 score rows) and the pure folding of rollup cells into them. No Flask, no database: the
queries that fetch the cells are in stats.py.
"""
from __future__ import annotations

from dataclasses import dataclass

from portal.core.text import sort_key
from portal.satisfaction import rules
from portal.core.stats import Period, Rate, quarter_of
from portal.satisfaction.selection import Filters


# ---------------------------------------------------------------- sums

class Sums:
    """Counts and score sums of a group (the dashboard needs no per-indicator sums)."""
    __slots__ = ("n", "satisfied", "officer_sum", "agency_sum")

    def __init__(self, n: int = 0, satisfied: int = 0, officer_sum: int = 0, agency_sum: int = 0):
        self.n, self.satisfied, self.officer_sum, self.agency_sum = n, satisfied, officer_sum, agency_sum

    def add(self, other: Sums) -> None:
        self.n += other.n
        self.satisfied += other.satisfied
        self.officer_sum += other.officer_sum
        self.agency_sum += other.agency_sum

    @property
    def officer_avg(self) -> float | None:
        return rules.round1(self.officer_sum / self.n) if self.n else None

    @property
    def agency_avg(self) -> float | None:
        return rules.round1(self.agency_sum / self.n) if self.n else None


@dataclass
class Group:
    key: object
    name: str
    sums: Sums
    rate: Rate
    eligible: int | None = None  # cases returned (response rate's denominator), where it applies
    extra: str = ""  # e.g. the unit of an officer, a procedure's code

    @property
    def n(self) -> int:
        return self.sums.n

    @property
    def response(self) -> float | None:
        return self.sums.n / self.eligible if self.eligible else None


@dataclass
class ScoreRow:
    key: object
    name: str
    extra: str
    cells: dict  # column (quarter number or "all") -> (average, grade, n) or None


@dataclass
class Report:
    period: Period
    filters: Filters
    min_n: int
    target: float
    total: Group
    months: list[Group]
    units: list[Group]
    procedures: list[Group]
    officers: list[Group]
    channels: list[Group]
    score_columns: list
    officer_scores: list[ScoreRow]
    unit_scores: list[ScoreRow]
    response_applies: bool  # False under an officer or channel filter: cases have no channel

    @property
    def meets_target(self) -> bool | None:
        value = self.total.rate.value
        return None if value is None or self.total.rate.too_few else value >= self.target


# ---------------------------------------------------------------- folding

def groups_of(sums: dict, names: dict, min_n: int, eligible: dict | None = None, extra: dict | None = None) -> list:
    groups = [Group(key, names.get(key, ""), s, Rate(s.satisfied, s.n, min_n),
                    eligible.get(key, 0) if eligible is not None else None, (extra or {}).get(key, ""))
              for key, s in sums.items()]
    return sorted(groups, key=lambda g: (sort_key(g.name), str(g.key)))


def fold_sums(items, index: int) -> dict:
    out: dict = {}
    for item in items:
        key, s = item[index], item[-1]
        acc = out.get(key)
        if acc is None:
            out[key] = Sums(s.n, s.satisfied, s.officer_sum, s.agency_sum)
        else:
            acc.n += s.n
            acc.satisfied += s.satisfied
            acc.officer_sum += s.officer_sum
            acc.agency_sum += s.agency_sum
    return out


def score_rows(cells_, key_index: int, columns: list, attr: str, thresholds, names: dict, extra: dict) -> list:
    """Averages per key and quarter (and the whole period): fold by (key, quarter), then add up the quarters."""
    quarters = fold_sums([(c[key_index], quarter_of(c[0]), c[-1]) for c in cells_], slice(0, 2))
    by_key: dict = {}
    for (key, quarter), s in quarters.items():
        per = by_key.setdefault(key, {"all": Sums()})
        per[quarter] = s
        per["all"].add(s)
    rows = []
    for key, per in by_key.items():
        values = {}
        for column in columns:
            s = per.get(column)
            avg = getattr(s, attr) if s else None
            values[column] = (avg, rules.grade(avg, thresholds), s.n) if avg is not None else None
        rows.append(ScoreRow(key, names.get(key, ""), extra.get(key, ""), values))
    return sorted(rows, key=lambda r: (sort_key(r.name), str(r.key)))
