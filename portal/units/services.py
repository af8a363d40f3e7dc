"""Unit queries and commands."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select

from portal.core import audit
from portal.core.db import db
from portal.core.errors import Conflict, DomainError
from portal.core.text import nfc, sort_key
from portal.units import case_codes
from portal.units.models import Unit, UnitLevel

# app.extensions key: (unit_id, day) -> the next daily case number, handed down by create_app from the cases
# (which sit above the units), for the preview of a unit's next case code.
NEXT_CASE_NUMBER = "units.next_case_number"

# Why a case code pattern is refused (case_codes.pattern_problem), shown beside the field.
PATTERN_MESSAGES = {
    "shape": _l("Write the identifier (or {UNIT} for the unit code), a hyphen, {YYMMDD}, a hyphen, up to two "
                "letters or digits, then {NNNN}: e.g. {UNIT}-{YYMMDD}-{NNNN} or M40.123.01-{YYMMDD}-AB{NNNN}."),
    "too_long": _l("This pattern makes codes longer than 60 characters; shorten the identifier."),
}

FORMAT_LABELS = {
    "tt01_2018": _l("TT 01/2018/TT-VPCP Điều 19"),
    "tt03_2025": _l("TT 03/2025/TT-VPCP Điều 13"),
    "tt04_2025": _l("TT 04/2025/TT-VPCP (nationally centralised services)"),
}


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


def _pattern(text: str | None) -> str | None:
    """The unit's own case code pattern, normalised; None (the format in force by receipt date) when empty."""
    pattern = case_codes.normalize_pattern(text)
    if not pattern:
        return None
    problem = case_codes.pattern_problem(pattern)
    if problem:
        raise DomainError(PATTERN_MESSAGES[problem], field="case_code_pattern")
    return pattern


def code_preview(*, unit_code: str, pattern: str | None, day, next_number: int) -> dict:
    """What the next case code received on `day` looks like, and which format gives it."""
    own = case_codes.normalize_pattern(pattern)
    in_force = case_codes.format_in_force(day)
    return {"code": case_codes.case_code(unit_code or "", day, next_number, own or None),
            "own": bool(own), "format": in_force, "label": FORMAT_LABELS[in_force.key]}


def create_unit(*, code: str, name: str, level: UnitLevel, parent_id: int | None = None,
                case_code_pattern: str | None = None) -> Unit:
    code = code.strip().upper()
    _check(code, parent_id, None)
    unit = Unit(code=code, name=nfc(name), level=UnitLevel(level), parent_id=parent_id or None,
                case_code_pattern=_pattern(case_code_pattern))
    db.session.add(unit)
    db.session.flush()
    audit.record("unit.create", "unit", unit.id, after=audit.snapshot(unit, Unit.AUDITED), summary=unit.name)
    return unit


def update_unit(unit: Unit, *, expected_version: int, code: str, name: str, level, parent_id, is_active: bool,
                case_code_pattern: str | None = None) -> Unit:
    if unit.version != expected_version:
        raise Conflict(_l("This unit was changed by someone else while you were editing. Your changes were not saved; review the current data and try again."))
    code = code.strip().upper()
    _check(code, parent_id or None, unit)
    before = audit.snapshot(unit, Unit.AUDITED)
    unit.code, unit.name, unit.level = code, nfc(name), UnitLevel(level)
    unit.parent_id, unit.is_active = parent_id or None, is_active
    unit.case_code_pattern = _pattern(case_code_pattern)  # codes already issued keep their format
    db.session.flush()
    audit.record("unit.update", "unit", unit.id, before=before, after=audit.snapshot(unit, Unit.AUDITED),
                 summary=unit.name)
    return unit
