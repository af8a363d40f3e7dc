"""Who became whom (pure): successor links of merges, splits and abolitions, and the two ways to count across them.

"As was": each unit is counted under itself, as it existed on the document's date. "As is": the work of a ceased
unit is counted under the unit that carries it on today, e.g. phường Nam Gia Nghĩa including Nghĩa Phú, Nghĩa Tân
and Đắk R'Moan before 1 July 2025. A merged or abolished unit has one successor; a split one has several and its
figures go with the successor that `takes_open_work` (the one its open files move to), so no case is counted twice.
Links chain: a unit merged in 2020 and again in 2025 rolls up to the 2025 successor.

`links` is any iterable of rows with `predecessor_id`, `successor_id` and `takes_open_work` (the UnitSuccession
rows or plain `Link`s). No Flask, no database, no clock.
"""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True)
class Link:
    predecessor_id: int
    successor_id: int
    takes_open_work: bool = True


def _heirs(links: Iterable) -> dict[int, int]:
    """{predecessor: the successor that carries its work on}."""
    heir = {}
    for link in links:
        if link.takes_open_work or link.predecessor_id not in heir:
            heir[link.predecessor_id] = link.successor_id
    return heir


def carried_by(links: Iterable, unit_id: int) -> int:
    """The unit that carries `unit_id`'s work on today (itself when it never ceased). A cycle in the links (a
    data error) stops at the first unit seen twice."""
    heir, seen = _heirs(links), {unit_id}
    while unit_id in heir and heir[unit_id] not in seen:
        unit_id = heir[unit_id]
        seen.add(unit_id)
    return unit_id


def rollup_map(links: Iterable, unit_ids: Iterable[int]) -> dict[int, int]:
    """{unit: the unit its figures are counted under "as is"} for every unit asked."""
    links = list(links)
    return {uid: carried_by(links, uid) for uid in unit_ids}


def rolled_into(links: Iterable, unit_id: int) -> set[int]:
    """`unit_id` and every unit whose work it carries on today, through any chain of links ("as is" filter)."""
    heir = _heirs(links)
    found, frontier = {unit_id}, [unit_id]
    while frontier:
        current = frontier.pop()
        for pred, succ in heir.items():
            if succ == current and pred not in found:
                found.add(pred)
                frontier.append(pred)
    return found


def predecessors(links: Iterable, unit_id: int) -> list[int]:
    """The units directly succeeded by `unit_id` (any link, split shares included), in link order."""
    return [link.predecessor_id for link in links if link.successor_id == unit_id]


def successors(links: Iterable, unit_id: int) -> list[int]:
    """The units that directly succeeded `unit_id`, in link order."""
    return [link.successor_id for link in links if link.predecessor_id == unit_id]


def existed_on(valid_from, valid_to, day) -> bool:
    """Whether a unit with these validity dates (inclusive, None = open) existed on `day`."""
    return (valid_from is None or valid_from <= day) and (valid_to is None or day <= valid_to)
