"""Import of the catalogue from the national database's spreadsheet (XLSX or CSV).

The whole file is read and checked before anything is written, so a bad row never leaves half an
import behind: either nothing is stored (all or nothing) or only the rows without problems, when the
manager explicitly asks for that. Checking a row is pure given a `Reference` (the fields, units and
codes already known), loaded once. Reading the file is spreadsheets.py's job.
"""
from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field as dc_field
from datetime import date, datetime
from typing import NamedTuple

from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from portal.core import audit
from portal.core.clock import utcnow
from portal.core.db import db
from portal.core.errors import DomainError
from portal.core.text import fold, nfc
from portal.procedures import rules, services
from portal.procedures.columns import (
    CHANNEL_WORDS,
    COMMUNE_UNIT_TEXT,
    HEADERS,
    LEVEL_WORDS,
    ONLINE_WORDS,
    REQUIRED_VALUES,
)
from portal.procedures.forms import parse_documents
from portal.procedures.models import ChangeType, Level, Procedure, ProcedureField
from portal.procedures.spreadsheets import ImportRefused, RawRow, blank as _blank, read_rows  # noqa: F401
from portal.units.models import Unit

MODES = ("all_or_nothing", "valid_only")
# check_content names components by their stored key; the sheet by its column.
_COLUMN_OF = {"field_id": "field", "unit_id": "unit"}
_POSITION = {header: index for index, header in enumerate(HEADERS.values())}


class RowProblem(NamedTuple):
    row: int
    column: str  # the header, as in the file
    message: str


@dataclass(frozen=True)
class ParsedRow:
    number: int
    code: str
    content: dict
    decision_number: str
    decision_date: date


@dataclass
class ImportReport:
    mode: str
    rows: int
    created: int
    problems: list[RowProblem] = dc_field(default_factory=list)

    @property
    def bad_rows(self) -> int:
        return len({p.row for p in self.problems})


# ---------------------------------------------------------------- checking

@dataclass
class Reference:
    """What a row may refer to, keyed by casefolded code or name."""

    field_codes: dict[str, int]
    field_names: dict[str, list[int]]
    unit_codes: dict[str, Unit]
    unit_names: dict[str, list[Unit]]
    codes: set[str]


def _key(value) -> str:
    return nfc(_text(value)).casefold()


def load_reference() -> Reference:
    ref = Reference({}, {}, {}, {}, set(_key(c) for c in db.session.scalars(select(Procedure.code))))
    for item in db.session.scalars(select(ProcedureField)):
        ref.field_codes[_key(item.code)] = item.id
        ref.field_names.setdefault(_key(item.name), []).append(item.id)
    for unit in db.session.scalars(select(Unit)):
        ref.unit_codes[_key(unit.code)] = unit
        ref.unit_names.setdefault(_key(unit.name), []).append(unit)
    return ref


def validate_rows(rows: Iterable[RawRow], ref: Reference) -> tuple[list[ParsedRow], list[RowProblem], int]:
    parsed, problems, first_row_of, total = [], [], {}, 0
    for raw in rows:
        total += 1
        row, row_problems = validate_row(raw, ref)
        code = _key(raw.values.get("code"))
        if code and code in first_row_of:
            row_problems.append(RowProblem(raw.number, HEADERS["code"], str(_l(
                "This code is repeated: row %(row)s of this file already uses it.", row=first_row_of[code]))))
        elif code:
            first_row_of[code] = raw.number
        if row_problems:
            problems.extend(sorted(row_problems, key=lambda p: _POSITION.get(p.column, len(_POSITION))))
        else:
            parsed.append(row)
    return parsed, problems, total


def validate_row(raw: RawRow, ref: Reference) -> tuple[ParsedRow | None, list[RowProblem]]:
    values = raw.values
    problems: list[RowProblem] = []

    def bad(key: str, message) -> None:
        problems.append(RowProblem(raw.number, HEADERS.get(key, key), str(message)))

    for key in REQUIRED_VALUES:
        if _blank(values.get(key)):
            bad(key, _l("This field is required."))
    code = nfc(_text(values.get("code")))
    if len(code) > 60:
        bad("code", services.problem_message(rules.Problem("code", "too_long", "60")))
    elif code and code.casefold() in ref.codes:
        bad("code", services.problem_message(rules.Problem("code", "code_taken")))
    field_id = _lookup(values.get("field"), ref.field_codes, ref.field_names, "field", bad)
    level = _word(values.get("level"), LEVEL_WORDS)
    if level is None and not _blank(values.get("level")):
        bad("level", _l("Write “Cấp huyện” (town level) or “Cấp xã” (ward / commune level)."))
    unit = None
    if level == Level.COMMUNE.value:  # competence by level: no unit named, the cell may say "UBND cấp xã"
        if not _blank(values.get("unit")) and fold(_text(values.get("unit"))) != fold(COMMUNE_UNIT_TEXT) \
                and _key(values.get("unit")) not in ref.unit_codes and _key(values.get("unit")) not in ref.unit_names:
            bad("unit", _l("A ward / commune-level procedure names no unit: write “UBND cấp xã” or leave it empty."))
    else:
        if level is not None and _blank(values.get("unit")):
            bad("unit", _l("This field is required."))
        unit = _lookup(values.get("unit"), ref.unit_codes, ref.unit_names, "unit", bad)
        if unit is not None and not unit.is_active:
            bad("unit", _l("The unit “%(value)s” is no longer active.", value=unit.name))
    online = _word(values.get("online_level"), ONLINE_WORDS)
    if online is None:
        bad("online_level", _l("Write “Toàn trình”, “Một phần” or “Không”."))
    channels, unknown = _channels(values.get("channels"))
    for word in unknown:
        bad("channels", _l("Unknown channel “%(value)s”: write Trực tiếp, Bưu chính or Trực tuyến, separated by commas.",
                           value=word))
    documents, bad_lines = parse_documents(_text(values.get("documents")))
    if bad_lines:
        bad("documents", _l("Lines %(lines)s could not be read. Write: name; original / certified copy / copy; number.",
                            lines=", ".join(bad_lines)))
    decision_date = _date(values.get("decision_date"))
    if decision_date is None and not _blank(values.get("decision_date")):
        bad("decision_date", _l("Write the date as dd/mm/yyyy, for example 15/03/2024."))
    decision_number = nfc(_text(values.get("decision_number")))
    if len(decision_number) > 60:
        bad("decision_number", services.problem_message(rules.Problem("decision_number", "too_long", "60")))
    content = {
        "name": _text(values.get("name")), "field_id": field_id, "level": level, "unit_id": getattr(unit, "id", None),
        "steps": _text(values.get("steps")), "channels": channels, "documents": documents,
        "sets": _integer(values.get("sets"), 1), "processing_days": _integer(values.get("processing_days"), None),
        "processing_note": _text(values.get("processing_note")), "applicants": _text(values.get("applicants")),
        "result": _text(values.get("result")), "fee_amount": _amount(values.get("fee_amount")),
        "fee_description": _text(values.get("fee_description")), "conditions": _text(values.get("conditions")),
        "legal_basis": _text(values.get("legal_basis")), "online_level": online,
        "old_online_level": _integer(values.get("old_online_level"), None, search=True),
        "forms": [{"name": nfc(line)} for line in _text(values.get("forms")).splitlines() if line.strip()],
    }
    reported = {p.column for p in problems}
    for problem in rules.check_content(content):
        key = _COLUMN_OF.get(problem.field, problem.field)
        if HEADERS.get(key, key) not in reported:
            bad(key, services.problem_message(problem))
    if problems:
        return None, problems
    return ParsedRow(raw.number, code, content, decision_number, decision_date), []


def _lookup(value, codes: dict, names: dict, key: str, bad):
    if _blank(value):
        return None
    wanted = _key(value)
    if wanted in codes:
        return codes[wanted]
    found = names.get(wanted, [])
    if len(found) == 1:
        return found[0]
    if found:
        bad(key, _l("Several entries are named “%(value)s”: write the code instead.", value=_text(value)))
    elif key == "field":
        bad(key, _l("Unknown field “%(value)s”: write a field code or name listed in the guide sheet.", value=_text(value)))
    else:
        bad(key, _l("Unknown unit “%(value)s”: write a unit code or name listed in the guide sheet.", value=_text(value)))
    return None


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime):
        return f"{value:%d/%m/%Y}"
    return str(value).replace("\r\n", "\n").strip()


def _word(value, words: dict):
    return words.get(fold(_text(value)).removeprefix("cap ").strip())


def _channels(value) -> tuple[list[str], list[str]]:
    channels, unknown = [], []
    for token in re.split(r"[,;\n]+", _text(value)):
        if not token.strip():
            continue
        channel = CHANNEL_WORDS.get(fold(token))
        if channel is None:
            unknown.append(nfc(token))
        elif channel not in channels:
            channels.append(channel)
    return channels, unknown


def _integer(value, default, search: bool = False):
    """An int when the cell holds a whole number; otherwise the value itself, for check_content to refuse."""
    if _blank(value):
        return default
    if isinstance(value, bool):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, str):
        text = value.strip()
        match = re.search(r"\d+", text) if search else re.fullmatch(r"[+-]?\d+", text)
        return int(match.group()) if match else text
    return value


def _amount(value):
    if isinstance(value, str):
        text = re.sub(r"\s*(đồng|đ|vnđ|vnd)$", "", value.strip().casefold())
        if re.fullmatch(r"\d{1,3}([., ]\d{3})+", text):
            text = re.sub(r"[., ]", "", text)  # 50.000 is fifty thousand đồng in Vietnamese usage
        return _integer(text, None)
    return _integer(value, None)


def _date(value) -> date | None:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    for pattern in ("%d/%m/%Y", "%d-%m-%Y", "%d.%m.%Y", "%Y-%m-%d"):
        try:
            return datetime.strptime(_text(value), pattern).date()
        except ValueError:
            continue
    return None


# ---------------------------------------------------------------- the service

def import_procedures(rows: Iterable[RawRow], mode: str = "all_or_nothing", actor=None, *, now: datetime | None = None,
                      source: str = "") -> ImportReport:
    """Create and publish (as new) every checked row, inside the caller's transaction. All or nothing:
    any problem and nothing is created. Valid only: the rows without problems are created."""
    if mode not in MODES:
        raise ValueError(mode)
    now = now or utcnow()
    parsed, problems, total = validate_rows(rows, load_reference())
    if total == 0:
        raise ImportRefused(_l("The file has no procedure rows under the header."))
    to_create = [] if problems and mode == "all_or_nothing" else parsed
    for row in to_create:
        try:
            version = services.create_procedure(row.code, row.content, actor=actor)
            services.publish_version(version, decision_number=row.decision_number, decision_date=row.decision_date,
                                     change_type=ChangeType.NEW, changed_components=[], now=now, actor=actor)
        except DomainError as err:  # e.g. the code was taken since the check; the caller rolls everything back
            raise ImportRefused(_l("Row %(row)s could not be saved: %(reason)s Nothing was imported; please try again.",
                                   row=row.number, reason=str(err.message))) from err
    report = ImportReport(mode, total, len(to_create), problems)
    audit.record("procedure.import", "procedure", "", after={"file": source, "mode": mode, "rows": total,
                                                             "created": report.created, "rejected_rows": report.bad_rows},
                 summary=f"{source}: {report.created}/{total}"[:500], actor=actor)
    return report
