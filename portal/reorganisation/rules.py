"""What a reorganisation may look like (pure: no Flask, no database, no clock).

merge: one or more predecessors, one successor (new or existing); split: one predecessor, two or more successors, one
of which takes the open work; abolish: one predecessor, one existing active successor ("functions moved to"). A unit
cannot succeed itself, a ceased unit cannot be a successor, predecessors must be active and must have begun before
the effective day (the first day of the new arrangement; the predecessors' last day is the day before).
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

MERGE, SPLIT, ABOLISH = "merge", "split", "abolish"


@dataclass(frozen=True)
class UnitState:
    id: int
    is_active: bool = True
    valid_from: date | None = None
    valid_to: date | None = None
    new: bool = False  # created in the same operation


def problems(kind: str, predecessors: list[UnitState], successors: list[UnitState], open_work_to: int | None,
             effective_on: date | None) -> list[tuple[str, str]]:
    """[(field, problem key)]; empty when the reorganisation may be recorded. Fields: predecessor_ids,
    successor_ids, open_work_to, effective_on."""
    found: list[tuple[str, str]] = []
    pred_ids = [u.id for u in predecessors]
    succ_ids = [u.id for u in successors]
    if not predecessors:
        found.append(("predecessor_ids", "no_predecessor"))
    elif kind in (SPLIT, ABOLISH) and len(predecessors) != 1:
        found.append(("predecessor_ids", "one_predecessor"))
    if any(not u.is_active or u.valid_to is not None for u in predecessors):
        found.append(("predecessor_ids", "predecessor_ceased"))
    if not successors:
        found.append(("successor_ids", "no_successor"))
    elif kind == SPLIT and len(successors) < 2:
        found.append(("successor_ids", "two_successors"))
    elif kind in (MERGE, ABOLISH) and len(successors) != 1:
        found.append(("successor_ids", "one_successor"))
    if set(pred_ids) & set(succ_ids):
        found.append(("successor_ids", "itself"))
    if any(not u.new and (not u.is_active or u.valid_to is not None) for u in successors):
        found.append(("successor_ids", "successor_ceased"))
    if kind == ABOLISH and any(u.new for u in successors):
        found.append(("successor_ids", "abolish_existing"))
    if successors and open_work_to not in succ_ids:
        found.append(("open_work_to", "open_work_to"))
    if effective_on is None:
        found.append(("effective_on", "no_day"))
    elif any(u.valid_from is not None and effective_on <= u.valid_from for u in predecessors):
        found.append(("effective_on", "before_start"))
    return found
