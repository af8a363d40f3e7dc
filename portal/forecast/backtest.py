"""The backtest and the warnings' replay (issue 18 point 3 and its last acceptance bullet). Pure: plain case
records, a working-day index and dates in; figures out. No Flask, no database, no clock.

The day that matters: an apology is in time when issued at the latest one working day before the legal due day,
and only once (NĐ 61/2018 Điều 19 k9; for cases received from 1 Jul 2025 NĐ 118/2025 keeps the same lead,
DOMAIN.md §7a). So the last apology day is previous_working_day(due day), and the forecast judged is the one
made the working day before it (the morning the handler's warning, N = 2 working days before the due day, goes
out): time enough to draft the Mẫu 04 for the head to sign on the last day.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from portal.forecast import model as m, records as rec

RELIABILITY_BINS = 10


@dataclass
class Judged:
    case_id: int
    day: date  # the forecast day: one working day before the last apology day
    p_late: float
    naive_late: bool
    late: bool
    apologised: bool = False  # an apology was issued before the forecast day: no warning needed any more


def forecast_day(case: rec.CaseRecord, W: rec.WorkIndex) -> date:
    """One working day before the last apology day (= previous_working_day(due day), NĐ 61/2018 Điều 19 k9)."""
    return W.day(W(case.due_day) - 2)


def last_apology_day(case: rec.CaseRecord, W: rec.WorkIndex) -> date:
    return W.day(W(case.due_day) - 1)


def final_outcome(case: rec.CaseRecord, W: rec.WorkIndex, data_end: date) -> bool | None:
    """Late (finished after the legal due day, or still open after it at the end of the data), on time, or
    None (withdrawn, or still open and not yet due: not known)."""
    if case.withdrawn_day is not None:
        return None
    if case.finish_day is not None:
        return W(case.finish_day) > W(case.due_day)
    return True if W(data_end) > W(case.due_day) else None


def refit_days(start: date, end: date, every_days: int) -> list[date]:
    days, d = [], start
    while d <= end:
        days.append(d)
        d += timedelta(days=every_days)
    return days


def replay_forecasts(cases: list[rec.CaseRecord], W: rec.WorkIndex, start: date, end: date, data_end: date,
                     every_days: int = 7, min_n: int = m.MIN_N) -> list[Judged]:
    """Day by day without leakage: the forecast made on day D comes from a model fitted only on what was known
    before the last refit day R <= D (refits every `every_days` days from `start`), applied to the case as it
    stood at the start of D."""
    snaps = rec.history_snapshots(cases, W, until=data_end + timedelta(days=1))
    by_case_day = {(s.case.id, s.day): s for s in snaps}
    due: dict[date, list[rec.CaseRecord]] = {}
    for c in cases:
        d = forecast_day(c, W)
        if start <= d <= end and c.is_open_on(d) and c.due_known_on(d) and final_outcome(c, W, data_end) is not None:
            due.setdefault(d, []).append(c)
    judged = []
    refits = refit_days(start, end, every_days)
    for i, r_day in enumerate(refits):
        block = [d for d in sorted(due) if r_day <= d < (refits[i + 1] if i + 1 < len(refits) else end + timedelta(1))]
        if not block:
            continue
        params = m.fit(cases, W, r_day, [s for s in snaps if s.day < r_day], min_n=min_n)
        for d in block:
            for c in due[d]:
                s = by_case_day.get((c.id, d)) or rec.snapshot(c, d, W)
                f = m.predict(params, s)
                judged.append(Judged(c.id, d, f.p_late, f.naive_late, bool(final_outcome(c, W, data_end)),
                                     s.apology))
    return judged


def confusion(flags: list[tuple[bool, bool]]) -> dict:
    """precision = TP / (TP + FP), recall = TP / (TP + FN); None when the denominator is 0."""
    tp = sum(1 for said, late in flags if said and late)
    fp = sum(1 for said, late in flags if said and not late)
    fn = sum(1 for said, late in flags if not said and late)
    return {"tp": tp, "fp": fp, "fn": fn, "tn": len(flags) - tp - fp - fn,
            "precision": round(tp / (tp + fp), 4) if tp + fp else None,
            "recall": round(tp / (tp + fn), 4) if tp + fn else None}


def reliability(judged: list[Judged], bins: int = RELIABILITY_BINS) -> list[dict]:
    """Forecasts grouped by p_late in tenths: n, mean forecast, observed share late (= late / n)."""
    rows = []
    for b in range(bins):
        lo, hi = b / bins, (b + 1) / bins
        inside = [j for j in judged if lo <= j.p_late < hi or (b == bins - 1 and j.p_late == 1.0)]
        late = sum(j.late for j in inside)
        rows.append({"from": lo, "to": hi, "n": len(inside), "late": late,
                     "mean_p": round(sum(j.p_late for j in inside) / len(inside), 4) if inside else None,
                     "observed": round(late / len(inside), 4) if inside else None})
    return rows


def choose_threshold(judged: list[Judged], target_precision: float) -> float:
    """The lowest p_late threshold (most recall) whose precision is at least `target_precision`; 1.01 (never
    warns) when none reaches it."""
    best = 1.01
    for t in sorted({j.p_late for j in judged}, reverse=True):
        said = [(j.p_late >= t, j.late) for j in judged]
        p = confusion(said)["precision"]
        if p is not None and p >= target_precision:
            best = t
    return best


def metrics(judged: list[Judged]) -> dict:
    """The model against the naive rule at the naive rule's precision (issue 18 point 3), on every case judged
    and on those without an apology yet (the cases a warning is for). The model beats the naive rule only when
    it does on both: finding cases already apologised helps nobody."""
    out = compare(judged)
    out["unapologised"] = compare([j for j in judged if not j.apologised])
    out["beats_naive"] = out["beats_naive"] and out["unapologised"]["beats_naive"]
    return out


def compare(judged: list[Judged]) -> dict:
    """When the naive rule warns for no case its precision is undefined and the model must reach 0.5 (right at
    least half the times it warns). The threshold is chosen on the same replay (one number, said so in
    docs/forecast.md)."""
    naive = confusion([(j.naive_late, j.late) for j in judged])
    target = naive["precision"] if naive["precision"] is not None else 0.5
    threshold = choose_threshold(judged, target)
    model = confusion([(j.p_late >= threshold, j.late) for j in judged])
    beats = (model["recall"] or 0) > (naive["recall"] or 0) and (model["precision"] or 0) >= target
    n_late = sum(j.late for j in judged)
    brier = sum((j.p_late - j.late) ** 2 for j in judged) / len(judged) if judged else None
    return {"n": len(judged), "n_late": n_late, "threshold": threshold, "target_precision": target,
            "model": model, "naive": naive, "beats_naive": beats, "reliability": reliability(judged),
            "brier": round(brier, 4) if brier is not None else None,
            "base_rate": round(n_late / len(judged), 4) if judged else None}


def warnings_replay(cases: list[rec.CaseRecord], W: rec.WorkIndex, start: date, end: date, data_end: date,
                    in_time_apology: set[int], handler_lead: int = 2) -> dict:
    """Every case that ended late (finished after its legal due day, or open after it at `data_end`) whose legal
    due day falls in [start, end]: would the warnings have reached it while an in-time apology was possible?
    Assumptions: a warning goes out in the morning digest and reaches a case open at the start of that day whose
    legal due was already known (not moved later by a supplement's receipt); the head acts on it the day it
    arrives. The head's warning comes on the last apology day (NĐ 61/2018 Điều 19 k9), the handler's
    `handler_lead` working days before the due day."""
    late = [c for c in cases if start <= c.due_day <= end and final_outcome(c, W, data_end)]
    rows = {"late": len(late), "apology_in_time_recorded": 0, "head_warning_reached": 0, "handler_warning_reached": 0,
            "covered_without_recorded_apology": 0, "no_warning_could_save": 0, "received_too_late": 0,
            "due_moved_too_late": 0}
    for c in late:
        last = last_apology_day(c, W)
        handler_day = W.day(W(c.due_day) - handler_lead)
        recorded = c.id in in_time_apology
        head = c.is_open_on(last) and c.due_known_on(last)
        rows["apology_in_time_recorded"] += recorded
        rows["head_warning_reached"] += head
        rows["handler_warning_reached"] += c.is_open_on(handler_day) and c.due_known_on(handler_day)
        rows["covered_without_recorded_apology"] += head and not recorded
        if not head:
            rows["no_warning_could_save"] += 1
            if c.received_day >= last:
                rows["received_too_late"] += 1
            elif not c.due_known_on(last):
                rows["due_moved_too_late"] += 1
    rows["in_time_with_warnings"] = sum(1 for c in late if c.id in in_time_apology
                                        or (c.is_open_on(last_apology_day(c, W))
                                            and c.due_known_on(last_apology_day(c, W))))
    return rows
