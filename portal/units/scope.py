"""Units "as they were" or "as they are now" in a statistic (issue 15 point 2; portal.units.lineage).

One helper for every statistics page (cases, feedback, satisfaction, the plan figures, the open-data API):

- `parse_mode(args)`: the query parameter ``units=as_was`` (default: each figure under the unit that handled it)
  or ``units=as_is`` (a ceased unit's figures under the unit that carries its work on today);
- `unit_filter(unit_id, mode)`: the units a filter by one unit covers (as_is: the unit and its predecessors);
- `fold(rows, mode, new_row)`: rows keyed by unit summed into the rows of the units that carry them on (counts
  are added, rates are recomputed from the sums by the row itself: never an average of rates);
- `inclusions(unit_ids)`: for the page, which ceased units each shown unit includes, with their last day.
"""
from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass

from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from portal.core.db import db
from portal.core.text import sort_key
from portal.units import lineage
from portal.units.models import Unit
from portal.units.services import succession_links

AS_WAS, AS_IS = "as_was", "as_is"
MODES = {AS_WAS: _l("Units as they were"), AS_IS: _l("Units as they are now (predecessors included)")}


def parse_mode(args: Mapping) -> str:
    """`units=as_is` or the default `as_was` (anything else is ignored)."""
    return AS_IS if (args.get("units") or "").strip() == AS_IS else AS_WAS


def unit_filter(unit_id: int | None, mode: str) -> set[int] | None:
    """The units a filter by `unit_id` covers: itself as it was, itself and its predecessors as it is now;
    None when there is no unit filter."""
    if not unit_id:
        return None
    return lineage.rolled_into(succession_links(), unit_id) if mode == AS_IS else {unit_id}


def rollup(unit_ids: Iterable, mode: str) -> dict:
    """{unit: the unit it is counted under} (identity as it was; None keys stay None)."""
    ids = [u for u in unit_ids if u is not None]
    mapping = lineage.rollup_map(succession_links(), ids) if mode == AS_IS and ids else {u: u for u in ids}
    return mapping


def fold(rows: dict, mode: str, new_row: Callable[[int], object]) -> dict:
    """`rows` ({unit id: row with .add(other)}) with every ceased unit's row added into the row of the unit
    that carries it on (created by `new_row(unit_id)` when that unit has no row of its own). Unchanged as was."""
    if mode != AS_IS:
        return rows
    mapping = rollup(rows, mode)
    out = {key: row for key, row in rows.items() if mapping.get(key, key) == key}
    for key, row in rows.items():
        target = mapping.get(key, key)
        if target != key:
            if target not in out:
                out[target] = new_row(target)
            out[target].add(row)
    return out


def fold_counts(counts: Mapping, mode: str) -> dict:
    """{unit: number} summed into the units that carry them on (as_is)."""
    if mode != AS_IS:
        return dict(counts)
    mapping = rollup(counts, mode)
    out: dict = {}
    for key, n in counts.items():
        target = mapping.get(key, key)
        out[target] = out.get(target, 0) + n
    return out


@dataclass(frozen=True)
class Inclusion:
    unit_id: int
    name: str
    predecessors: list  # [(name, valid_to or None)]


def inclusions(unit_ids: Iterable[int], mode: str) -> list[Inclusion]:
    """For the units shown as_is: which ceased units each includes (through any chain), with their last day,
    so the page says e.g. "Nam Gia Nghĩa includes: Nghĩa Phú, Nghĩa Tân, Đắk R'Moan (until 30/06/2025)"."""
    if mode != AS_IS:
        return []
    links = succession_links()
    found = {uid: lineage.rolled_into(links, uid) - {uid} for uid in unit_ids if uid}
    found = {uid: preds for uid, preds in found.items() if preds}
    if not found:
        return []
    wanted = set(found) | set().union(*found.values())
    units = {u.id: u for u in db.session.scalars(select(Unit).where(Unit.id.in_(wanted)))}
    out = []
    for uid, preds in found.items():
        named = sorted(((units[p].name, units[p].valid_to) for p in preds if p in units),
                       key=lambda item: sort_key(item[0]))
        out.append(Inclusion(uid, units[uid].name if uid in units else "", named))
    return sorted(out, key=lambda i: sort_key(i.name))

