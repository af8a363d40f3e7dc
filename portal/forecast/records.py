"""The plain records the breach forecast works on (issue 18 point 2): cases as the trail left them (local days, no
applicant, no staff identity), working-day ordinals, and a case as it stood at the start of a day. Pure: no Flask,
no database, no clock; portal.forecast.features fills them from the database.

Counting in working days: W(x) is the ordinal of day x among working days (a day off takes the next working day's
ordinal), so "finished after the legal due day" is W(finish) > W(due) and r = W(due) − W(d) is the number of
working days left before the due day passes.
"""
from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, timedelta

WAITING, IN_PROGRESS, SUPPLEMENT = "waiting", "in_progress", "supplement"
STEP_OF_STATUS = {"received": WAITING, "transferred": WAITING, "in_progress": IN_PROGRESS,
                  "supplement_requested": SUPPLEMENT}


class WorkIndex:
    """Working-day ordinals between `start` and `end`: W(d) = working days in [start, d)."""

    def __init__(self, is_working_day: Callable[[date], bool], start: date, end: date):
        self.start, self.end = start, end
        self._ord: dict[date, int] = {}
        self._days: list[date] = []
        d = start
        while d <= end:
            self._ord[d] = len(self._days)
            if is_working_day(d):
                self._days.append(d)
            d += timedelta(days=1)

    def __call__(self, d: date) -> int:
        if d < self.start:
            return 0
        if d > self.end:
            return len(self._days) + (d - self.end).days  # beyond the built span: calendar days (never used)
        return self._ord[d]

    def day(self, w: int) -> date:
        """The working day with ordinal w."""
        if w < 0:
            return self.start
        if w >= len(self._days):
            return self._days[-1] + timedelta(days=w - len(self._days) + 1)
        return self._days[w]

    def working_days(self, first: date, last: date) -> list[date]:
        """The working days from `first` to `last`, both included."""
        return self._days[self(first):self(last + timedelta(days=1))]


@dataclass(frozen=True)
class Leg:
    unit_id: int
    unit_name: str
    sent_day: date
    answered_day: date | None


@dataclass(frozen=True)
class CaseRecord:
    """What the forecast knows of a case: no applicant, no staff identity (`handler` only counts open load)."""
    id: int
    procedure_id: int
    unit_id: int
    received_day: date
    due_day: date  # the legal due day as it stands (Case.original_due_at, local)
    due_set_day: date | None = None  # the day a supplement's receipt moved the legal due; unknown before it
    finish_day: date | None = None  # finished or refused
    withdrawn_day: date | None = None  # stopped: neither on time nor late
    statuses: tuple[tuple[date, str], ...] = ()  # (local day, status after) for each trail step, in order
    legs: tuple[Leg, ...] = ()
    apology_day: date | None = None
    handler: int | None = None
    assigned_day: date | None = None
    unit_name: str = ""  # the handling unit's name, for the reasons

    def end_day(self) -> date | None:
        return self.finish_day or self.withdrawn_day

    def is_open_on(self, d: date) -> bool:
        """Open at the start of day d (received before d, not finished or stopped before d)."""
        end = self.end_day()
        return self.received_day < d and (end is None or end >= d)

    def step_on(self, d: date) -> str:
        status = "received"
        for day, after in self.statuses:
            if day >= d:
                break
            status = after
        return STEP_OF_STATUS.get(status, IN_PROGRESS)

    def due_known_on(self, d: date) -> bool:
        return self.due_set_day is None or self.due_set_day < d


@dataclass(frozen=True)
class Snapshot:
    """A case as it stood at the start of day d."""
    case: CaseRecord
    day: date
    r: int | None  # working days left before the legal due day passes; None while the due is not known
    step: str
    leg: bool
    apology: bool
    load: int | None
    open_legs: tuple[tuple[Leg, int], ...] = ()  # (leg, working days open)


def snapshot(case: CaseRecord, d: date, W: WorkIndex, load: int | None = None) -> Snapshot:
    open_legs = tuple((leg, W(d) - W(leg.sent_day)) for leg in case.legs
                      if leg.sent_day < d and (leg.answered_day is None or leg.answered_day >= d))
    r = W(case.due_day) - W(d) if case.due_known_on(d) else None
    return Snapshot(case, d, r, case.step_on(d), bool(open_legs),
                    case.apology_day is not None and case.apology_day < d, load, open_legs)


def handler_loads(cases: Iterable[CaseRecord], W: WorkIndex) -> dict[tuple[int, int], int]:
    """(handler, W(d)) -> cases of that handler open at the start of d (assigned before d)."""
    diff: dict[int, Counter] = defaultdict(Counter)
    for c in cases:
        if c.handler is None or c.assigned_day is None:
            continue
        end = c.end_day()
        diff[c.handler][W(c.assigned_day) + 1] += 1  # counted from the working day after the assignment
        if end is not None:
            diff[c.handler][W(end) + 1] -= 1  # still counted on the day it is finished
    loads = {}
    for handler, steps in diff.items():
        running = 0
        for w in range(min(steps), max(steps) + 1):
            running += steps.get(w, 0)
            loads[(handler, w)] = running
    return loads


def history_snapshots(cases: list[CaseRecord], W: WorkIndex, until: date) -> list[Snapshot]:
    """Every case at the start of each working day it was open, before `until`."""
    loads = handler_loads(cases, W)
    out = []
    for c in cases:
        end = c.end_day() or until
        for d in W.working_days(c.received_day + timedelta(days=1), min(end, until - timedelta(days=1))):
            load = loads.get((c.handler, W(d))) if c.handler is not None else None
            out.append(snapshot(c, d, W, load))
    return out


def outcome_known(s: Snapshot, cutoff: date, W: WorkIndex) -> tuple[int, bool] | None:
    """(remaining working days from the snapshot's day, late) as known before `cutoff`, or None (not yet known,
    withdrawn). A case still open at the cutoff past its due day is known late; its rem is a lower bound."""
    c = s.case
    if c.withdrawn_day is not None and c.withdrawn_day < cutoff:
        return None
    if not c.due_known_on(cutoff):
        return None
    if c.finish_day is not None and c.finish_day < cutoff:
        return W(c.finish_day) - W(s.day), W(c.finish_day) > W(c.due_day)
    if c.due_day < cutoff and W(cutoff) > W(c.due_day):
        return W(cutoff) - W(s.day), True
    return None


def as_known_on(case: CaseRecord, day: date) -> CaseRecord | None:
    """The case as the portal knew it at the start of `day` (None: not yet received): later steps removed."""
    if case.received_day >= day:
        return None
    before = (lambda x: x if x is not None and x < day else None)  # noqa: E731
    return CaseRecord(case.id, case.procedure_id, case.unit_id, case.received_day, case.due_day,
                      case.due_set_day, before(case.finish_day), before(case.withdrawn_day),
                      tuple(x for x in case.statuses if x[0] < day),
                      tuple(Leg(leg.unit_id, leg.unit_name, leg.sent_day, before(leg.answered_day))
                            for leg in case.legs if leg.sent_day < day),
                      before(case.apology_day), case.handler, before(case.assigned_day), case.unit_name)
