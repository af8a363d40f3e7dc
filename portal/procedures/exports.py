"""Export of the catalogue in force: XLSX in the import's columns (an export re-imports unchanged),
JSON with the API's keys, and the import template with its guide sheet.

Only the current public content travels: version history and attached form files stay in the portal.
"""
from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterator
from datetime import UTC, date

import openpyxl
from flask import url_for
from flask_babel import gettext as _
from openpyxl.styles import Alignment, Font
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from portal.core.db import db
from portal.core.xlsx import safe_cell
from portal.procedures import queries, services
from portal.procedures.columns import (
    CHANNEL_TEXT,
    COLUMNS,
    COMMUNE_UNIT_TEXT,
    GUIDE,
    KIND_TEXT,
    LEVEL_TEXT,
    ONLINE_TEXT,
    OPTIONAL_COLUMNS,
    REQUIRED_VALUES,
)
from portal.procedures.competence import competent_units
from portal.procedures.models import Level, OnlineLevel, Procedure, ProcedureField, ProcedureVersion
from portal.units.models import Unit
from portal.units.services import all_units

SHEET_TITLE = "Thủ tục hành chính"
GUIDE_TITLE = "Hướng dẫn"
_WIDTHS = {"name": 50, "steps": 60, "documents": 60, "legal_basis": 50, "unit": 32, "field": 24}


def filename(extension: str, today: date) -> str:
    return f"thu-tuc-hanh-chinh-{today:%Y-%m-%d}.{extension}"


def in_force() -> Iterator[Procedure]:
    """Procedures in force with their current version, by code, read in batches."""
    stmt = (select(Procedure).where(Procedure.status.in_(queries.PUBLIC_STATUSES)).order_by(Procedure.code)
            .options(selectinload(Procedure.current_version).selectinload(ProcedureVersion.field),
                     selectinload(Procedure.current_version).selectinload(ProcedureVersion.unit))
            .execution_options(yield_per=500))
    return iter(db.session.scalars(stmt))


class _Labels:
    """Fields and units are written by name, as the national database does; by code when two share a name."""

    def __init__(self):
        self.shared_fields = _shared(db.session.scalars(select(ProcedureField.name)))
        self.shared_units = _shared(db.session.scalars(select(Unit.name)))

    def field(self, field: ProcedureField) -> str:
        return field.code if field.name.casefold() in self.shared_fields else field.name

    def unit(self, unit: Unit) -> str:
        return unit.code if unit.name.casefold() in self.shared_units else unit.name


def _shared(names) -> set[str]:
    return {name for name, n in Counter(n.casefold() for n in names).items() if n > 1}


def sheet_values(code: str, version: ProcedureVersion, labels: _Labels) -> dict:
    return {
        "code": code, "name": version.name, "field": labels.field(version.field),
        "level": LEVEL_TEXT[Level(version.level)],
        "unit": labels.unit(version.unit) if version.unit is not None else COMMUNE_UNIT_TEXT, "steps": version.steps,
        "channels": ", ".join(CHANNEL_TEXT[c] for c in version.channels or []),
        "documents": "\n".join(f"{d['name']}; {KIND_TEXT[d['kind']]}; {d['count']}" for d in version.documents or []),
        "sets": version.sets, "processing_days": version.processing_days, "processing_note": version.processing_note,
        "applicants": version.applicants, "result": version.result, "fee_amount": version.fee_amount,
        "fee_description": version.fee_description, "conditions": version.conditions,
        "legal_basis": version.legal_basis, "online_level": ONLINE_TEXT[OnlineLevel(version.online_level)],
        "forms": "\n".join(f["name"] for f in version.forms or []), "decision_number": version.decision_number,
        "decision_date": version.decision_date, "old_online_level": version.old_online_level,
    }


def _cell(sheet, value, bold: bool = False):
    cell = safe_cell(sheet, value)  # formula-like text stays text (portal.core.cells), XML-illegal characters dropped
    if isinstance(value, date):
        cell.number_format = "DD/MM/YYYY"
    if bold:
        cell.font = Font(bold=True)
    if isinstance(value, str) and "\n" in value:
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    return cell


def _procedure_sheet(workbook, rows: Iterator[dict]) -> None:
    sheet = workbook.create_sheet(SHEET_TITLE)
    for index, (key, _header) in enumerate(COLUMNS, start=1):
        sheet.column_dimensions[openpyxl.utils.get_column_letter(index)].width = _WIDTHS.get(key, 18)
    sheet.freeze_panes = "C2"
    sheet.append([_cell(sheet, header, bold=True) for _key, header in COLUMNS])
    for values in rows:
        sheet.append([_cell(sheet, values.get(key)) for key, _header in COLUMNS])


def write_catalogue_xlsx(target) -> None:
    """The catalogue in force, one procedure per row, written to a binary file object."""
    workbook = openpyxl.Workbook(write_only=True)
    labels = _Labels()
    _procedure_sheet(workbook, (sheet_values(p.code, p.current_version, labels) for p in in_force()))
    workbook.save(target)


def json_record(procedure: Procedure) -> dict:
    """The API's detail object (procedures/api.py, /api/v1/procedures/<code>) without the version list:
    the same keys, so one reader serves both."""
    version = procedure.current_version
    documents = [{"name": d["name"], "kind": d["kind"], "count": d["count"]} for d in version.documents or []]
    forms = [{"name": f["name"], "url": url_for("procedures.form_file", file_id=f["form_file_id"], filename=f["name"],
                                                _external=True) if f.get("form_file_id") else None}
             for f in version.forms or []]
    return {
        "code": procedure.code, "name": version.name, "field": {"code": version.field.code, "name": version.field.name},
        "level": Level(version.level).value,
        "unit": {"code": version.unit.code, "name": version.unit.name} if version.unit is not None else None,
        "competent_units": [{"code": u.code, "name": u.name} for u in competent_units(version)],
        "steps": version.steps, "channels": list(version.channels or []), "documents": documents, "sets": version.sets,
        "processing_days": version.processing_days, "processing_note": version.processing_note,
        "applicants": version.applicants, "result": version.result,
        "fee": {"amount": version.fee_amount, "description": version.fee_description},
        "conditions": version.conditions, "legal_basis": version.legal_basis,
        "online_level": OnlineLevel(version.online_level).value, "old_online_level": version.old_online_level,
        "forms": forms, "status": procedure.status.value, "version": version.number,
        "url": url_for("procedures.detail", code=procedure.code, _external=True), "changed_at": _iso(procedure.changed_at),
        "decision": {"number": version.decision_number,
                     "date": version.decision_date.isoformat() if version.decision_date else None,
                     "change_type": version.change_type.value if version.change_type else None,
                     "changed_components": list(version.changed_components or [])},
    }


def _iso(moment) -> str | None:
    return moment.astimezone(UTC).isoformat().replace("+00:00", "Z") if moment else None


def catalogue_json() -> Iterator[str]:
    """A JSON array, one procedure at a time, so a large catalogue is never held in memory whole."""
    yield "["
    for index, procedure in enumerate(in_force()):
        yield ("," if index else "") + "\n" + json.dumps(json_record(procedure), ensure_ascii=False)
    yield "\n]\n"


# ---------------------------------------------------------------- the import template

EXAMPLE = {
    "name": "Đăng ký khai sinh", "steps": "Bước 1: Nộp hồ sơ tại Bộ phận Một cửa.\nBước 2: Công chức tư pháp - hộ "
    "tịch kiểm tra hồ sơ, ghi vào Sổ hộ tịch.\nBước 3: Trả Giấy khai sinh cho người yêu cầu.",
    "channels": "Trực tiếp, Bưu chính, Trực tuyến",
    "documents": "Tờ khai đăng ký khai sinh; bản chính; 1\nGiấy chứng sinh; bản chính; 1", "sets": 1,
    "processing_days": 0, "processing_note": "Ngay trong ngày tiếp nhận hồ sơ", "applicants": "Công dân Việt Nam",
    "result": "Giấy khai sinh", "fee_amount": None, "fee_description": "Miễn lệ phí đăng ký khai sinh đúng hạn",
    "conditions": "", "legal_basis": "Luật Hộ tịch số 60/2014/QH13", "online_level": "Toàn trình",
    "forms": "Tờ khai đăng ký khai sinh", "decision_number": "123/QĐ-UBND", "decision_date": date(2024, 3, 15),
    "old_online_level": None,
}


def write_template_xlsx(target) -> None:
    """Headers, one example row that imports as it is, and a guide sheet listing the accepted values."""
    fields, units = services.all_fields(), all_units(active_only=True)
    code = "1.000001.000.00.00.H17"
    while services.get_by_code(code):
        code += "-1"
    labels = _Labels()
    example = {**EXAMPLE, "code": code, "field": labels.field(fields[0]) if fields else "Hộ tịch",
               "unit": COMMUNE_UNIT_TEXT, "level": LEVEL_TEXT[Level.COMMUNE]}  # birth registration: every ward
    workbook = openpyxl.Workbook(write_only=True)
    _procedure_sheet(workbook, iter([example]))
    guide = workbook.create_sheet(GUIDE_TITLE)
    guide.column_dimensions["A"].width = 36
    guide.column_dimensions["C"].width = 90
    guide.append([_cell(guide, text, bold=True) for text in (_("Column"), _("Required"), _("How to fill it in"))])
    for key, header in COLUMNS:
        required = _("Yes") if key in REQUIRED_VALUES else (_("Optional column") if key in OPTIONAL_COLUMNS else _("No"))
        guide.append([_cell(guide, header), _cell(guide, required), _cell(guide, str(GUIDE[key]))])
    guide.append([])
    guide.append([_cell(guide, _("Fields (lĩnh vực)"), bold=True), _cell(guide, _("Code"), bold=True)])
    for item in fields:
        guide.append([_cell(guide, item.name), _cell(guide, item.code)])
    guide.append([])
    guide.append([_cell(guide, _("Handling units"), bold=True), _cell(guide, _("Code"), bold=True)])
    for unit in units:
        guide.append([_cell(guide, unit.name), _cell(guide, unit.code)])
    workbook.save(target)
