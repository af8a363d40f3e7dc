"""The tables of the satisfaction report (rates per month, unit, procedure, officer and channel; the
TT 01/2018 score rows) and the pure folding of rollup cells into them. No Flask, no database: the
queries that fetch the cells are in stats.py.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from portal.core.stats import Period, Rate, quarter_of
from portal.core.text import sort_key
from portal.satisfaction import tt01
from portal.satisfaction.selection import Filters

# ---------------------------------------------------------------- sums

class Sums:
    """Counts and point sums of a group: the per-file TT 01/2018 indicators 1, 2, 3, 4, 7 one by one, because
    each is averaged and rounded before they are added (Điều 15 k2 a)."""
    __slots__ = ("n", "satisfied", "officer_sum", "agency_sum", "s1", "s2", "s3", "s4", "s7")
    POINTS = ("s1", "s2", "s3", "s4", "s7")

    def __init__(self, n: int = 0, satisfied: int = 0, officer_sum: int = 0, agency_sum: int = 0,
                 s1: int = 0, s2: int = 0, s3: int = 0, s4: int = 0, s7: int = 0):
        self.n, self.satisfied, self.officer_sum, self.agency_sum = n, satisfied, officer_sum, agency_sum
        self.s1, self.s2, self.s3, self.s4, self.s7 = s1, s2, s3, s4, s7

    def add(self, other: Sums) -> None:
        for name in self.__slots__:
            setattr(self, name, getattr(self, name) + getattr(other, name))

    def copy(self) -> Sums:
        return Sums(**{name: getattr(self, name) for name in self.__slots__})

    @property
    def indicators(self) -> dict | None:
        """{i: rounded average} of indicators 1, 2, 3, 4, 7 (None without files)."""
        if not self.n:
            return None
        return tt01.file_indicators({int(name[1:]): getattr(self, name) for name in self.POINTS}, self.n)

    @property
    def officer_avg(self) -> float | None:
        """Staff score (Điều 15 k1 a + k2): the sum of the five rounded averages, max 10."""
        return float(tt01.staff_score({int(name[1:]): getattr(self, name) for name in self.POINTS}, self.n)) \
            if self.n else None


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
    def response_rate(self) -> Rate | None:
        """Ratings given in the period ÷ cases returned in it (None where it does not apply). A rating of a
        case returned in an earlier period can make the ratings outnumber the cases: capped at 100%."""
        if self.eligible is None:
            return None
        return Rate(min(self.sums.n, self.eligible), self.eligible, 1)

    @property
    def response(self) -> float | None:
        return self.response_rate.value if self.response_rate else None


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
    inclusions: list = field(default_factory=list)  # units "as is": the ceased units each unit row includes

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
            out[key] = s.copy()
        else:
            acc.add(s)
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
            values[column] = (avg, tt01.grade(avg, thresholds), s.n) if avg is not None else None
        rows.append(ScoreRow(key, names.get(key, ""), extra.get(key, ""), values))
    return sorted(rows, key=lambda r: (sort_key(r.name), str(r.key)))
