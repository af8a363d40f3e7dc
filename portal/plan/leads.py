"""Lead units (Chủ trì) of a plan's activities: the collective leads and the matching of a lead's name to a unit.

Lead units are matched by their exact name (NFC, case and accents folded only to compare) to the portal's
units. A collective lead — "Các phòng, ban, đơn vị, UBND các xã, phường" and the like, listed in
COLLECTIVE_LEADS — stays text-only with lead_unit_id NULL; any other name that matches no unit is refused.
The name is always kept as written in lead_text.
"""
from __future__ import annotations

from sqlalchemy import select

from portal.core.db import db
from portal.core.text import fold
from portal.units.models import Unit

COLLECTIVE_LEADS = (
    "Các phòng, ban, đơn vị, UBND các xã, phường",
    "Các phòng, ban, đơn vị",
    "Các cơ quan, đơn vị",
    "Các đơn vị sự nghiệp",
    "Các đơn vị sự nghiệp công lập",
    "UBND các xã, phường",
    "Các xã, phường",
)
_COLLECTIVE = {fold(p) for p in COLLECTIVE_LEADS}


def is_collective(lead: str) -> bool:
    return fold(lead) in _COLLECTIVE


def unit_lookup_from_db() -> dict[str, int]:
    """Exact unit names (folded only for case/accents typed differently) → unit id."""
    return {fold(u.name): u.id for u in db.session.scalars(select(Unit))}


def match_lead(unit_lookup, name: str) -> int | None:
    """The id of the unit named `name` in `unit_lookup` (a mapping as unit_lookup_from_db returns, or a
    callable), or None."""
    if callable(unit_lookup):
        return unit_lookup(name)
    return unit_lookup.get(fold(name), unit_lookup.get(name))
