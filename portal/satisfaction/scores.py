"""TT 01/2018 agency scores (Điều 13–15): the per-file indicators 1, 2, 3, 4, 7 of a unit's rated files,
each averaged and rounded (Điều 15 k2 a), plus the unit's own indicators 5, 6, 8 and 9 (Điều 14 k2).

Where each agency indicator comes from:
- 5 (desk model): recorded by hand (AgencyFact.desk_decided_pct, desk_all_received);
- 6 (publication): electronic — every rated file's procedure version was published on the portal with all
  mandatory components (the per-file i6) — and posted at the desk, recorded by hand (AgencyFact.posted);
- 8 (PAKN): the feedback domain's own on-time count of the unit's phản ánh, kiến nghị received in the period
  (feedback.stats, the QĐ 766 scope: handled + open overdue), and protracted ones, recorded by hand;
- 9 (online service): the share of the unit's procedures offered online at level 3–4 (old scale mức độ 3–4,
  or toàn trình / một phần where no old level is recorded) from the procedure list; the share of files
  received online and whether an online file was left unsolved or late, recorded by hand (cases do not
  record their channel).
Facts are read for the period asked: a quarter uses that quarter's record, else the year's; a year (or a
month, or a range inside one year) the year's record (a month first its quarter's). An indicator whose
facts are missing is not scored and not counted (Điều 15 k4 b); the page lists what was recorded by hand
and what is missing.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal

from sqlalchemy import func, or_, select

from portal.core import stats as kernel
from portal.core.db import db
from portal.satisfaction import tt01
from portal.satisfaction.models import AgencyFact
from portal.satisfaction.rollup import RatingMonth
from portal.units.models import Unit, UnitLevel

FILE_SUMS = ("n", "s1", "s2", "s3", "s4", "s6", "s7")


@dataclass
class Indicator:
    number: int
    points: Decimal | int | None  # None: not scored (Điều 15 k4 b)
    source: str  # files | portal | hand | portal_hand
    detail: dict = field(default_factory=dict)
    missing: tuple[str, ...] = ()  # AgencyFact fields needed and not recorded

    @property
    def scored(self) -> bool:
        return self.points is not None


@dataclass
class AgencyScore:
    unit_id: int
    name: str
    files: int
    indicators: dict[int, Indicator]
    fact: AgencyFact | None
    fact_label: str  # which record was used: "2019" or "Q2/2019", "" when none

    @property
    def score(self) -> Decimal:
        return tt01.agency_score({i: self.indicators[i].points for i in tt01.FILE_INDICATORS if self.files},
                                  {i: self.indicators[i].points for i in tt01.AGENCY_INDICATORS})

    @property
    def scored(self) -> int:
        return sum(1 for ind in self.indicators.values() if ind.scored)

    @property
    def max_points(self) -> int:
        return 2 * self.scored

    @property
    def grade(self):
        return tt01.grade(self.score, tt01.AGENCY_THRESHOLDS)

    @property
    def complete(self) -> bool:
        return self.scored == 9

    @property
    def hand_facts(self) -> list[str]:
        """The AgencyFact fields this score used."""
        if self.fact is None:
            return []
        return [name for name in AgencyFact.FIELDS if getattr(self.fact, name) is not None]

    @property
    def missing(self) -> list[str]:
        out: list[str] = []
        for ind in self.indicators.values():
            out.extend(m for m in ind.missing if m not in out)
        return out


# ---------------------------------------------------------------- inputs

def file_sums(period: kernel.Period, unit_ids=None) -> dict[int, dict]:
    """{unit: {n, s1, s2, s3, s4, s6, s7}} of the ratings given in the period (the monthly rollup)."""
    t = RatingMonth
    stmt = (select(t.unit_id, *[func.sum(getattr(t, name)) for name in FILE_SUMS])
            .where(t.month >= period.first, t.month <= period.last).group_by(t.unit_id))
    if unit_ids is not None:
        stmt = stmt.where(t.unit_id.in_(list(unit_ids)))
    return {unit_id: dict(zip(FILE_SUMS, (int(v or 0) for v in values), strict=True))
            for unit_id, *values in db.session.execute(stmt)}


def fact_keys(period: kernel.Period) -> list[tuple[int, int]]:
    """(year, quarter) records that may hold the facts of `period`, most specific first; quarter 0 = year."""
    if period.first // 100 != period.last // 100:
        return []  # facts are kept per year and quarter: a range across years has none
    year = period.first // 100
    if period.kind == "quarter" and period.quarter:
        return [(year, period.quarter), (year, 0)]
    if period.kind == "month":
        return [(year, kernel.quarter_of(period.first)), (year, 0)]
    quarters = {kernel.quarter_of(m) for m in period.months}
    if len(quarters) == 1 and period.kind != "year":
        return [(year, quarters.pop()), (year, 0)]
    return [(year, 0)]


def facts_for(period: kernel.Period, unit_ids) -> dict[int, AgencyFact]:
    keys = fact_keys(period)
    if not keys:
        return {}
    rows = db.session.scalars(select(AgencyFact).where(
        AgencyFact.unit_id.in_(list(unit_ids)),
        or_(*[(AgencyFact.year == y) & (AgencyFact.quarter == q) for y, q in keys])))
    rank = {key: i for i, key in enumerate(keys)}
    best: dict[int, AgencyFact] = {}
    for fact in rows:
        old = best.get(fact.unit_id)
        if old is None or rank[(fact.year, fact.quarter)] < rank[(old.year, old.quarter)]:
            best[fact.unit_id] = fact
    return best


def online_procedures(unit_ids) -> dict[int, tuple[int, int]]:
    """{unit: (procedures offered online at level 3–4, procedures)} of each unit's current procedure list."""
    from portal.procedures.models import Level, OnlineLevel, Procedure, ProcedureVersion

    v = ProcedureVersion
    level_34 = or_(v.old_online_level >= 3,
                   v.old_online_level.is_(None) & v.online_level.in_([OnlineLevel.FULL, OnlineLevel.PARTIAL]))
    counts = select(func.count(Procedure.id), func.count(Procedure.id).filter(level_34)).join(
        v, v.id == Procedure.current_version_id)
    stmt = (counts.add_columns(Procedure.unit_id).where(Procedure.unit_id.in_(list(unit_ids)))
            .group_by(Procedure.unit_id))
    out = {unit_id: (int(online or 0), int(total or 0)) for total, online, unit_id in db.session.execute(stmt)}
    # Competence by level: every active ward and commune handles each commune-level procedure (none names a unit).
    communes = list(db.session.scalars(select(Unit.id).where(Unit.id.in_(list(unit_ids)), Unit.is_active.is_(True),
                                                             Unit.level == UnitLevel.COMMUNE)))
    if communes:
        total, online = db.session.execute(counts.where(Procedure.level == Level.COMMUNE,
                                                        Procedure.unit_id.is_(None))).one()
        for unit_id in communes:
            named_online, named_total = out.get(unit_id, (0, 0))
            out[unit_id] = (named_online + int(online or 0), named_total + int(total or 0))
    return {unit_id: pair for unit_id, pair in out.items() if pair[1]}


def feedback_on_time(period: kernel.Period, now: datetime) -> dict[int, tuple[int, int]]:
    """{unit: (on time, in scope)} from the feedback domain's own figures (feedback.stats: the QĐ 766 on-time
    rate, handled + open overdue) — not counted again here."""
    from portal.feedback import stats as feedback_stats

    report = feedback_stats.feedback_statistics(period, now=now)
    out = {}
    for row in report.rows:
        if row.key is not None:
            rate = row.on_time_rate_766
            out[row.key] = (int(rate.numerator), int(rate.denominator))
    return out


# ---------------------------------------------------------------- scores

def _fact(fact: AgencyFact | None, name: str):
    return None if fact is None else getattr(fact, name)


def build(unit: Unit, sums: dict | None, fact: AgencyFact | None, online: tuple[int, int],
          feedback: tuple[int, int]) -> AgencyScore:
    """One unit's nine indicators from its inputs (pure apart from reading the objects given)."""
    sums = sums or dict.fromkeys(FILE_SUMS, 0)
    n = sums["n"]
    indicators: dict[int, Indicator] = {}
    for i in tt01.FILE_INDICATORS:
        indicators[i] = Indicator(i, tt01.indicator_average(sums[f"s{i}"], n) if n else None, "files",
                                  {"total": sums[f"s{i}"], "files": n})
    level = getattr(unit.level, "value", unit.level)
    decided, all_received = _fact(fact, "desk_decided_pct"), _fact(fact, "desk_all_received")
    p5 = tt01.points_desk_model(level, decided, all_received)
    indicators[5] = Indicator(5, p5, "hand", {"decided_pct": decided, "all_received": all_received,
                                              "threshold": tt01.desk_threshold(level)},
                              () if p5 is not None else tuple(k for k, v in (("desk_decided_pct", decided),
                                                                             ("desk_all_received", all_received))
                                                              if v is None))
    electronic = (sums["s6"] == n) if n else None
    posted = _fact(fact, "posted")
    p6 = tt01.points_publication(posted, electronic)
    indicators[6] = Indicator(6, p6, "portal_hand", {"electronic_files": sums["s6"], "files": n, "posted": posted},
                              ("posted",) if posted is None else ())
    on_time, in_scope = feedback
    protracted = _fact(fact, "protracted_feedback")
    p8 = tt01.points_feedback_handling(on_time, in_scope, protracted)
    indicators[8] = Indicator(8, p8, "portal_hand", {"on_time": on_time, "in_scope": in_scope,
                                                     "protracted": protracted},
                              ("protracted_feedback",) if p8 is None else ())
    files_pct, late = _fact(fact, "online_files_pct"), _fact(fact, "online_late")
    # A unit without procedures of its own in the list: nothing to judge the deployment by (not scored).
    p9 = tt01.points_online_service(online[0], online[1], files_pct, late) if online[1] else None
    indicators[9] = Indicator(9, p9, "portal_hand", {"procedures_online": online[0], "procedures": online[1],
                                                     "files_pct": files_pct, "late": late},
                              () if p9 is not None else ("procedure_list",) if not online[1] else
                              tuple(k for k, v in (("online_files_pct", files_pct), ("online_late", late)) if v is None))
    label = "" if fact is None else (f"{fact.quarter}/{fact.year}" if fact.quarter else str(fact.year))
    return AgencyScore(unit.id, unit.name, n, dict(sorted(indicators.items())), fact, label)


def agency_scores(period: kernel.Period, *, now: datetime, unit_ids=None) -> list[AgencyScore]:
    """The agency score of every unit with rated files in the period (or of `unit_ids`)."""
    sums = file_sums(period, unit_ids)
    ids = set(unit_ids) if unit_ids is not None else set(sums)
    if not ids:
        return []
    units = list(db.session.scalars(select(Unit).where(Unit.id.in_(ids))))
    facts, online, feedback = facts_for(period, ids), online_procedures(ids), feedback_on_time(period, now)
    from portal.core.text import sort_key

    scores = [build(u, sums.get(u.id), facts.get(u.id), online.get(u.id, (0, 0)), feedback.get(u.id, (0, 0)))
              for u in units]
    return sorted(scores, key=lambda s: sort_key(s.name))


def agency_score(unit_id: int, period: kernel.Period, *, now: datetime) -> AgencyScore:
    return agency_scores(period, now=now, unit_ids=[unit_id])[0]
