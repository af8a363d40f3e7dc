"""Which units are competent for a procedure (cơ quan thực hiện): its level decides (rules.competent_unit_ids).
A town-level procedure is handled by the unit it names; a commune-level one by every active ward and commune,
each for its own area; any desk may receive a file for one of them (DOMAIN.md §7a, NQ 27/NQ-CP 2025 as quoted).
"""
from __future__ import annotations

from sqlalchemy import select

from portal.core.db import db
from portal.core.text import sort_key
from portal.procedures import rules
from portal.units.models import Unit, UnitLevel


def competent_unit_ids(version) -> list[int]:
    """Ids of the units competent for a procedure version (or a Procedure row's cached level and unit)."""
    if not rules.is_commune_level(version.level):
        return rules.competent_unit_ids(version.level, version.unit_id, [])
    rows = db.session.execute(select(Unit.id, Unit.level, Unit.is_active).where(Unit.level == UnitLevel.COMMUNE))
    return rules.competent_unit_ids(version.level, None, [tuple(r) for r in rows])


def commune_units() -> list[Unit]:
    """Every active ward and commune, in Vietnamese order of their names: the units competent for every
    commune-level procedure."""
    units = db.session.scalars(select(Unit).where(Unit.level == UnitLevel.COMMUNE, Unit.is_active.is_(True)))
    return sorted(units, key=lambda u: sort_key(u.name))


def competent_units(version) -> list[Unit]:
    """The competent units themselves: the named unit of a town-level procedure, else commune_units()."""
    if not rules.is_commune_level(version.level):
        return [version.unit] if version.unit is not None else []
    return commune_units()
