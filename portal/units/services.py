"""Unit queries and commands."""
from __future__ import annotations

from flask import current_app
from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select

from portal.core import audit
from portal.core.db import db
from portal.core.errors import Conflict, DomainError
from portal.core.text import nfc, sort_key
from portal.units import case_codes, lineage, names
from portal.units.models import Unit, UnitLevel, UnitName, UnitSuccession

# app.extensions key: (unit_id, day) -> the next daily case number, handed down by create_app from the cases
# (which sit above the units), for the preview of a unit's next case code.
NEXT_CASE_NUMBER = "units.next_case_number"
# app.extensions key: (unit_id, day) -> how many cases this unit received or handles that were received before
# `day` (they keep the old name on their documents), handed down by create_app for the rename preview.
CASES_BEFORE = "units.cases_before"

RENAME_MESSAGES = {
    "before_current": _l("The new name must start after the current name's start date (%(day)s)."),
    "same": _l("This is already the unit's name."),
}

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
    db.session.add(UnitName(unit_id=unit.id, name=unit.name, valid_from=names.EARLIEST))
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
    # The form's name corrects the current name (a typo): the span in force takes it; a rename from a date
    # is rename_unit.
    now = names.current(history(unit.id))
    if now is not None:
        now.name = unit.name
    db.session.flush()
    audit.record("unit.update", "unit", unit.id, before=before, after=audit.snapshot(unit, Unit.AUDITED),
                 summary=unit.name)
    return unit


# ---------------------------------------------------------------- names over time


def history(unit_id: int) -> list[UnitName]:
    """The unit's recorded names, oldest first."""
    return list(db.session.scalars(select(UnitName).where(UnitName.unit_id == unit_id)
                                   .order_by(UnitName.valid_from)))


def names_on(wanted) -> dict[tuple[int, object], str]:
    """{(unit_id, day): the unit's name valid on that day} for the (unit_id, day) pairs asked, in one query
    (the units and their recorded names together); a day no recorded name covers gets the current name."""
    wanted = {(uid, day) for uid, day in wanted if uid is not None}
    ids = {uid for uid, _ in wanted}
    if not ids:
        return {}
    rows = db.session.execute(select(Unit.id, Unit.name, UnitName.name, UnitName.valid_from, UnitName.valid_to)
                              .outerjoin(UnitName, UnitName.unit_id == Unit.id).where(Unit.id.in_(ids))).all()
    current_name, spans = {}, {}
    for uid, name, span_name, valid_from, valid_to in rows:
        current_name[uid] = name
        if span_name is not None:
            spans.setdefault(uid, []).append(names.Span(span_name, valid_from, valid_to))
    return {(uid, day): names.name_on(spans.get(uid, ()), day, current_name.get(uid, ""))
            for uid, day in wanted if uid in current_name}


def name_on(unit: Unit, day) -> str:
    return names_on([(unit.id, day)]).get((unit.id, day), unit.name)


def _ensure_history(unit: Unit) -> list[UnitName]:
    """A unit made outside create_unit (tests, imports) gets its current name as its first span."""
    spans = history(unit.id)
    if not spans:
        spans = [UnitName(unit_id=unit.id, name=unit.name, valid_from=names.EARLIEST)]
        db.session.add(spans[0])
        db.session.flush()
    return spans


def rename_preview(unit: Unit, new_name: str, day) -> dict:
    """What a rename from `day` would record, nothing written: the old name until the day before, the new one
    from `day`, and how many cases received before `day` keep the old name on their documents."""
    new_name = nfc(new_name.strip())
    spans = history(unit.id) or [names.Span(unit.name, names.EARLIEST)]
    problem = names.rename_problem(spans, new_name, day)
    if problem:
        start = names.current(spans).valid_from
        raise DomainError(RENAME_MESSAGES[problem] % {"day": start.strftime("%d/%m/%Y")},
                          field="valid_from" if problem == "before_current" else "new_name")
    count = current_app.extensions.get(CASES_BEFORE)
    return {"old_name": names.current(spans).name, "old_until": names.day_before(day), "new_name": new_name,
            "valid_from": day, "cases_before": count(unit.id, day) if count else 0}


def rename_unit(unit: Unit, *, new_name: str, valid_from, expected_version: int) -> Unit:
    """Rename from `valid_from` (past or future): close the current name the day before, record the new one,
    make it `unit.name` (the name with no end), audit once."""
    if unit.version != expected_version:
        raise Conflict(_l("This unit was changed by someone else while you were editing. Your changes were not saved; review the current data and try again."))
    plan = rename_preview(unit, new_name, valid_from)
    spans = _ensure_history(unit)
    names.current(spans).valid_to = plan["old_until"]
    db.session.flush()  # the closed span first: no moment with two open names
    db.session.add(UnitName(unit_id=unit.id, name=plan["new_name"], valid_from=valid_from))
    before = audit.snapshot(unit, Unit.AUDITED)
    unit.name = plan["new_name"]
    db.session.flush()
    audit.record("unit.rename", "unit", unit.id, before={**before, "valid_until": plan["old_until"].isoformat()},
                 after={**audit.snapshot(unit, Unit.AUDITED), "valid_from": valid_from.isoformat()},
                 summary=f"{plan['old_name']} → {plan['new_name']}")
    return unit


# ---------------------------------------------------------------- successors ("as was" / "as is")


def succession_links() -> list[UnitSuccession]:
    """Every recorded predecessor -> successor link, oldest first (a few dozen rows in any town)."""
    return list(db.session.scalars(select(UnitSuccession).order_by(UnitSuccession.id)))


def rolled_into(unit_id: int) -> set[int]:
    """`unit_id` and the ceased units whose work it carries on: the "as is" filter of a statistic."""
    return lineage.rolled_into(succession_links(), unit_id)


def rollup_map(unit_ids) -> dict[int, int]:
    """{unit: the unit its figures are counted under "as is"} (itself when it never ceased)."""
    return lineage.rollup_map(succession_links(), unit_ids)


def carried_by(unit_id: int) -> int:
    """The unit that carries `unit_id`'s work on today (itself when it never ceased): the desk of a merged ward's
    cases is its successor's desk."""
    return lineage.carried_by(succession_links(), unit_id)
