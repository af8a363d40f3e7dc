"""The breach forecast's pure part (issue 18 point 2): empirical conditional distributions from the centre's own
history, no Flask, no database, no clock. Everything is given: the cases as plain records, the day, the calendar.

How a forecast is made, for an open case on day d (a working day; the state is what was recorded before d):
- Count in working days (records.WorkIndex): r = W(due) − W(d) working days are left before the due day passes.
- Past cases that were open on some day d' at the same point (the same r, the same step: waiting for the
  handler / in progress / waiting for a supplement, with or without an open consultation, with or without an
  apology) are the reference set; the most specific group with at least `min_n` cases is used: procedure ×
  handling unit × handler's open load (high/low, a count, never who), then procedure × unit, procedure, unit,
  all cases at that point (at least MIN_N_POINT), all cases with r days left, all (every past case on every day
  it was open: the last resort). For each past case in the group: how many working days it still took (rem)
  and whether it finished after its legal due day (late).
- An open consultation leg: the case is not finished before the consulted unit answers; the remaining answer
  time is the median, over that unit's answered legs that were still open after as many days, of the days they
  still took (fallback: every unit's legs). Each past rem is raised to at least that, and a past case so raised
  beyond this case's r counts late.
- p_late = share of the (adjusted) reference set finishing late; likely finish = median rem, late bound = 80th
  percentile, as working days after d.
The naive rule the backtest compares with: "late if the remaining working days are fewer than the median
remaining duration" of similar cases (same procedure at the same r, else all cases at that r; no verdict when
no past case had r days left).
"""
from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date

from portal.forecast.records import SUPPLEMENT, CaseRecord, Leg, Snapshot, WorkIndex, history_snapshots, outcome_known

MIN_N = 20  # the least number of past cases a group needs to be used
# The pooled group of every procedure and unit at the same point keeps the case's own state (step, consultation,
# apology): a state seen a few times says more than all cases with r days left, which forgets it.
MIN_N_POINT = 5
LATE_BOUND = 0.8  # the late bound is this quantile of the remaining days
LEVELS = ("procedure_unit_load", "procedure_unit", "procedure", "unit", "point", "days_left", "all")
NAIVE_LEVELS = ("procedure", "days_left", "all")


def r_bucket(r: int | None) -> str:
    """The same point: exactly r working days left (each past case passes it once, so a group counts cases), every
    overdue day alike (late already), or the due not known (waiting for a supplement)."""
    return "-" if r is None else str(max(-1, r))


def group_keys(s: Snapshot, load_high: bool | None) -> dict[str, str]:
    c, rb = s.case, r_bucket(s.r)
    point = f"{s.step}|{rb}|{int(s.leg)}|{int(s.apology)}"
    load = "-" if load_high is None else str(int(load_high))
    return {"procedure_unit_load": f"{c.procedure_id}|{c.unit_id}|{load}|{point}",
            "procedure_unit": f"{c.procedure_id}|{c.unit_id}|{point}", "procedure": f"{c.procedure_id}|{point}",
            "unit": f"{c.unit_id}|{point}", "point": point, "days_left": rb, "all": ""}


def naive_keys(s: Snapshot) -> dict[str, str]:
    rb = r_bucket(s.r)
    return {"procedure": f"{s.case.procedure_id}|{rb}", "days_left": rb, "all": ""}


def _hist_add(table: dict, level: str, key: str, rem: int, late: bool) -> None:
    cell = table.setdefault(level, {}).setdefault(key, {})
    k = f"{rem}:{int(late)}"
    cell[k] = cell.get(k, 0) + 1


def _samples(hist: dict) -> list[tuple[int, bool, int]]:
    return [(int(k.split(":")[0]), k.endswith(":1"), n) for k, n in hist.items()]


def fit(cases: list[CaseRecord], W: WorkIndex, until: date, snapshots: list[Snapshot] | None = None,
        min_n: int = MIN_N) -> dict:
    """The model's parameters from what was known before `until` (no leakage: a snapshot of day d < until
    counts only if its outcome was known before `until`). Plain JSON-able dict."""
    snaps = snapshots if snapshots is not None else history_snapshots(cases, W, until)
    known = [(s, o) for s in snaps if s.day < until and (o := outcome_known(s, until, W)) is not None]
    loads = sorted(s.load for s, _ in known if s.load is not None)
    load_cut = loads[len(loads) // 2] if loads else 0
    table: dict = {}
    naive: dict = {}
    for s, (rem, late) in known:
        high = None if s.load is None else s.load > load_cut
        for level, key in group_keys(s, high).items():
            _hist_add(table, level, key, rem, late)
        if s.r is not None and not s.leg:
            for level, key in naive_keys(s).items():
                _hist_add(naive, level, key, rem, late)
    least = {"point": min(min_n, MIN_N_POINT), "all": 1}
    table = {lv: {k: h for k, h in groups.items() if sum(h.values()) >= least.get(lv, min_n)}
             for lv, groups in table.items()}
    naive = {lv: {k: h for k, h in groups.items() if sum(h.values()) >= min_n or lv == "all"}
             for lv, groups in naive.items()}
    leg_days: dict[str, list[int]] = defaultdict(list)
    for c in cases:
        for leg in c.legs:
            if leg.answered_day is not None and leg.answered_day < until and c.received_day < until:
                a = W(leg.answered_day) - W(leg.sent_day)
                leg_days[str(leg.unit_id)].append(a)
                leg_days["*"].append(a)
    return {"until": until.isoformat(), "min_n": min_n, "load_cut": load_cut, "groups": table, "naive": naive,
            "leg_days": {k: sorted(v) for k, v in leg_days.items()}, "n_snapshots": len(known),
            "n_cases": len({s.case.id for s, _ in known})}


def quantile(values: list[tuple[int, int]], q: float) -> int:
    """The q-quantile (lower) of (value, count) pairs."""
    values = sorted(values)
    total = sum(n for _, n in values)
    need, acc = max(1, math.ceil(q * total)), 0
    for v, n in values:
        acc += n
        if acc >= need:
            return v
    return values[-1][0] if values else 0


def leg_remaining(params: dict, leg: Leg, open_days: int) -> tuple[int, int | None, int]:
    """(working days the consulted unit will probably still take, its median answer time, n) from its answered
    legs still open after `open_days` (fallback: every unit's)."""
    for key in (str(leg.unit_id), "*"):
        days = params.get("leg_days", {}).get(key, [])
        if len(days) >= 3:
            longer = [a - open_days for a in days if a >= open_days]
            median = days[(len(days) - 1) // 2]
            if not longer:
                return 1, median, len(days)
            return max(0, sorted(longer)[(len(longer) - 1) // 2]), median, len(days)
    return 0, None, 0


@dataclass
class Forecast:
    p_late: float
    rem_median: int
    rem_bound: int
    reasons: list[dict] = field(default_factory=list)
    level: str = ""
    n: int = 0
    naive_late: bool = False
    naive_rem: int = 0
    naive_bound: int = 0


def _lookup(tables: dict, keys: dict[str, str], levels) -> tuple[str, dict]:
    for level in levels:
        hist = tables.get(level, {}).get(keys[level])
        if hist:
            return level, hist
    return "all", {"0:0": 1}


def predict(params: dict, s: Snapshot) -> Forecast:
    """The forecast for a case at the start of its day (see the module's docstring)."""
    high = None if s.load is None else s.load > params.get("load_cut", 0)
    level, hist = _lookup(params["groups"], group_keys(s, high), LEVELS)
    samples = _samples(hist)
    n = sum(k for _, _, k in samples)
    base_late = sum(k for _, late, k in samples if late)
    reasons: list[tuple[float, dict]] = []
    floor, leg_reason = 0, None
    for leg, open_days in s.open_legs:
        more, median, n_legs = leg_remaining(params, leg, open_days)
        if more >= floor:
            floor = more
            leg_reason = {"key": "consultation", "params": {"unit": leg.unit_name, "open_days": open_days,
                                                            "median_days": median, "n": n_legs}}
    # a past case raised to the consultation's floor is judged again against this case's days left
    adjusted = [(max(rem, floor), late or (floor > rem and s.r is not None and floor > s.r), k)
                for rem, late, k in samples]
    late_n = sum(k for _, late, k in adjusted if late)
    p = late_n / n if n else 0.0
    if s.r is not None and s.r < 0:
        p = 1.0  # open after its due day: late already
        reasons.append((2.0, {"key": "overdue", "params": {"days": -s.r}}))
    if leg_reason:
        reasons.append((1.0 + p - base_late / max(n, 1), leg_reason))
    if s.step == SUPPLEMENT:
        reasons.append((0.9, {"key": "supplement", "params": {}}))
    reasons.append((p, {"key": "group", "params": {"level": level, "n": n, "late": late_n,
                                                   "days_left": s.r if level != "all" else None,
                                                   "unit": s.case.unit_name, "step": s.step}}))
    if high:
        reasons.append((0.2, {"key": "load", "params": {"open_cases": s.load, "usual": params.get("load_cut", 0)}}))
    if s.apology:
        reasons.append((0.1, {"key": "apology", "params": {}}))
    pairs = [(rem, k) for rem, _, k in adjusted]
    naive_level, naive_hist = _lookup(params.get("naive", {}), naive_keys(s), NAIVE_LEVELS)
    naive_pairs = [(rem, k) for rem, _, k in _samples(naive_hist)]
    naive_rem = quantile(naive_pairs, 0.5)
    # no verdict from the pool of every point (it mixes cases with any number of days left)
    naive_late = s.r is not None and (s.r < 0 or (naive_level != "all" and s.r < naive_rem))
    return Forecast(round(min(1.0, max(0.0, p)), 4), quantile(pairs, 0.5), quantile(pairs, LATE_BOUND),
                    [r for _, r in sorted(reasons, key=lambda x: -x[0])], level, n, naive_late, naive_rem,
                    quantile(naive_pairs, LATE_BOUND))
