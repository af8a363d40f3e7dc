"""Unit queries and commands."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select

from portal.core import audit
from portal.core.db import db
from portal.core.errors import Conflict, DomainError
from portal.core.text import nfc, sort_key
from portal.units.models import Unit, UnitLevel


def all_units(active_only: bool = False) -> list[Unit]:
    """Town offices first, then wards and communes, each in Vietnamese order."""
    stmt = select(Unit)
    if active_only:
        stmt = stmt.where(Unit.is_active.is_(True))
    units = list(db.session.scalars(stmt))
    units.sort(key=lambda u: (u.level != UnitLevel.TOWN, sort_key(u.name)))
    return units


def unit_choices() -> list[tuple[int, str]]:
    return [(u.id, u.name) for u in all_units(active_only=True)]


def get_by_code(code: str) -> Unit | None:
    return db.session.scalar(select(Unit).where(func.upper(Unit.code) == code.strip().upper()))


def _check(code: str, parent_id: int | None, unit: Unit | None) -> None:
    other = get_by_code(code)
    if other is not None and (unit is None or other.id != unit.id):
        raise DomainError(_l("Another unit already uses this code."), field="code")
    if unit is not None and parent_id == unit.id:
        raise DomainError(_l("A unit cannot be its own parent."), field="parent_id")


def create_unit(*, code: str, name: str, level: UnitLevel, parent_id: int | None = None) -> Unit:
    code = code.strip().upper()
    _check(code, parent_id, None)
    unit = Unit(code=code, name=nfc(name), level=UnitLevel(level), parent_id=parent_id or None)
    db.session.add(unit)
    db.session.flush()
    audit.record("unit.create", "unit", unit.id, after=audit.snapshot(unit, Unit.AUDITED), summary=unit.name)
    return unit


def update_unit(unit: Unit, *, expected_version: int, code: str, name: str, level, parent_id, is_active: bool) -> Unit:
    if unit.version != expected_version:
        raise Conflict(_l("This unit was changed by someone else while you were editing. Your changes were not saved; review the current data and try again."))
    code = code.strip().upper()
    _check(code, parent_id or None, unit)
    before = audit.snapshot(unit, Unit.AUDITED)
    unit.code, unit.name, unit.level = code, nfc(name), UnitLevel(level)
    unit.parent_id, unit.is_active = parent_id or None, is_active
    db.session.flush()
    audit.record("unit.update", "unit", unit.id, before=before, after=audit.snapshot(unit, Unit.AUDITED),
                 summary=unit.name)
    return unit
