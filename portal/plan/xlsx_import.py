"""Importing a reform plan from an XLSX workbook in the layout of xlsx_layout.py.

The import checks everything first and collects every problem as (row, column, message); it stores nothing
unless the whole file is correct. Merged cells in the data area are refused (a merged cell hides which row a
value belongs to), and so are missing columns, text in the budget column, months outside 1–12 or an end
before the start, an unknown lead unit (collective leads excepted, see leads.COLLECTIVE_LEADS), duplicate
activity codes, a file that is not an XLSX and a file over PLAN_IMPORT_MAX_BYTES.
"""
from __future__ import annotations

import io
import re
import zipfile
from datetime import date, datetime

import openpyxl
from flask import current_app
from flask_babel import lazy_gettext as _l
from openpyxl.utils import get_column_letter
from sqlalchemy import select

from portal.core.db import db
from portal.core.text import fold, nfc
from portal.plan.building import ACTIVITY_CODE, FIELD_CODE, RESULT_CODE, PlanError, PlanInvalid, build_plan
from portal.plan.leads import unit_lookup_from_db
from portal.plan.models import Plan
from portal.plan.rules import PlanStatus
from portal.plan.services import store_plan
from portal.plan.xlsx_layout import COLUMNS, HEADER, INFO_ROWS, REQUIRED, SHEET_INFO, SHEET_PLAN
from portal.units.models import Unit

MAX_UNPACKED_BYTES = 64 * 1024 * 1024
_BY_FOLDED = {fold(h): k for k, h in COLUMNS}
# Error messages name the file's column; build_plan's JSON keys map onto these headers.
ERROR_COLUMNS = {"code": HEADER["code"], "budget": HEADER["budget"], "start": HEADER["start"], "end": HEADER["end"],
                 "lead": HEADER["lead"], "direction": HEADER["direction"], "metric": HEADER["metric"],
                 "target_value": HEADER["target_value"], "stated_total": HEADER["stated_total"],
                 "baseline": HEADER["baseline"], "name": HEADER["content"], "title": HEADER["content"]}

_INFO_BY_FOLDED = {fold(label): key for key, label in INFO_ROWS}

FIELD_LABEL = re.compile(r"^(?:lĩnh vực|linh vuc)\s+(\S+)$", re.IGNORECASE)
RESULT_LABEL = re.compile(r"^(?:kết quả|ket qua)\s+(\S+)$", re.IGNORECASE)
ACTIVITY_LABEL = re.compile(r"^(?:hoạt động|hoat dong)\s+(\S+)$", re.IGNORECASE)


def _refuse(message, column: str = "") -> PlanInvalid:
    return PlanInvalid([PlanError(None, column, message)])


def _read_bytes(file) -> bytes:
    limit = current_app.config["PLAN_IMPORT_MAX_BYTES"]
    if isinstance(file, (bytes, bytearray)):
        data = bytes(file)
    else:
        stream = getattr(file, "stream", file)
        data = stream.read(limit + 1)
    if len(data) > limit:
        raise _refuse(_l("The file is larger than %(kb)s KB. A plan fits in a much smaller workbook.",
                         kb=limit // 1024))
    if not data:
        raise _refuse(_l("The file is empty."))
    return data


def _open(data: bytes):
    not_xlsx = _l("The file is not an Excel workbook (.xlsx). Save it as .xlsx (Excel Workbook) and upload it again.")
    if not data.startswith(b"PK\x03\x04"):
        raise _refuse(not_xlsx)
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = set(archive.namelist())
            unpacked = sum(item.file_size for item in archive.infolist())
    except zipfile.BadZipFile:
        raise _refuse(not_xlsx) from None
    if "xl/workbook.xml" not in names:
        raise _refuse(not_xlsx)
    if unpacked > MAX_UNPACKED_BYTES:
        raise _refuse(_l("The workbook is too large once unpacked."))
    try:
        return openpyxl.load_workbook(io.BytesIO(data), data_only=True)
    except Exception:  # zip, XML or workbook errors all mean the same to the user
        raise _refuse(not_xlsx) from None


def _blank(value) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _find_header(ws) -> tuple[int, dict[str, int]] | None:
    for row in ws.iter_rows(min_row=1, max_row=min(ws.max_row, 10)):
        keys = {}
        for cell in row:
            key = _BY_FOLDED.get(fold(str(cell.value))) if not _blank(cell.value) else None
            if key and key not in keys:
                keys[key] = cell.column
        if "code" in keys or "content" in keys:
            return row[0].row, keys
    return None


def _info(wb) -> dict:
    if SHEET_INFO not in wb.sheetnames:
        return {}
    values = {}
    for row in wb[SHEET_INFO].iter_rows(min_row=2, values_only=True):
        if row and not _blank(row[0]):
            key = _INFO_BY_FOLDED.get(fold(str(row[0])))
            if key:
                values[key] = row[1] if len(row) > 1 else None
    return values


def _kind(code_cell) -> tuple[str, str] | None:
    text = nfc(str(code_cell))
    for kind, pattern in (("field", FIELD_LABEL), ("result", RESULT_LABEL), ("activity", ACTIVITY_LABEL)):
        m = pattern.match(text)
        if m:
            return kind, m.group(1)
    if ACTIVITY_CODE.match(text):
        return "activity", text
    if RESULT_CODE.match(text):
        return "result", text
    if FIELD_CODE.match(text):
        return "field", text
    return None


def read_plan(file) -> dict:
    """The plan in the workbook as the JSON shape building.build_plan takes (items carry "_row"),
    or PlanInvalid listing every problem of the layout found while reading."""
    wb = _open(_read_bytes(file))
    ws = wb[SHEET_PLAN] if SHEET_PLAN in wb.sheetnames else wb.worksheets[0]
    found = _find_header(ws)
    if found is None:
        raise _refuse(_l("No header row found: the first row must hold the template's column headers (Mã, Nội dung, "
                         "…). Download the template and copy your data into it."))
    header_row, positions = found
    errors: list[PlanError] = []
    for merged in sorted(ws.merged_cells.ranges, key=lambda r: (r.min_row, r.min_col)):
        if merged.max_row >= header_row:
            errors.append(PlanError(merged.min_row, get_column_letter(merged.min_col), _l(
                "Merged cells %(range)s: unmerge them and write the value in every row it belongs to.",
                range=merged.coord)))
    missing = [HEADER[k] for k in REQUIRED if k not in positions]
    if missing:
        errors.append(PlanError(header_row, "; ".join(missing), _l(
            "Missing columns: %(columns)s. Download the template and copy your data into it.",
            columns="; ".join(missing))))
    if errors:
        raise PlanInvalid(errors)
    info = _info(wb)
    data = {"title": info.get("title"), "year": info.get("year"), "decision_number": info.get("decision_number"),
            "decision_date": info.get("decision_date"), "unit_code": info.get("unit_code"),
            "stated_grand_total": info.get("stated_grand_total"), "notes": info.get("notes") or "", "fields": []}
    field = result = None
    for row in ws.iter_rows(min_row=header_row + 1):
        number = row[0].row
        values = {k: row[c - 1].value if c - 1 < len(row) else None for k, c in positions.items()}
        values = {k: (v.strip() if isinstance(v, str) else v) for k, v in values.items()}
        if all(_blank(v) for v in values.values()):
            continue
        code = values.get("code")
        if not _blank(code) and fold(str(code)).startswith("tong"):
            continue  # a computed total line
        kind = _kind(code) if not _blank(code) else None
        if kind is None:
            errors.append(PlanError(number, HEADER["code"], _l(
                "“%(value)s” is not a code: write “Lĩnh vực I”, “Kết quả 1.2” or “Hoạt động 1.2.1”.",
                value=str(code or "")[:40])))
            continue
        stated = values.get("stated_total")
        if _blank(stated) and kind[0] != "activity":
            stated = values.get("budget")
        if kind[0] == "field":
            field = {"_row": number, "code": kind[1], "title": values.get("content"), "goals": values.get("indicator"),
                     "stated_total": stated, "source_note": values.get("source_note"), "results": []}
            data["fields"].append(field)
            result = None
        elif kind[0] == "result":
            if field is None:
                errors.append(PlanError(number, HEADER["code"], _l(
                    "Result %(code)s comes before any field row (Lĩnh vực …).", code=kind[1])))
                continue
            result = {"_row": number, "code": kind[1], "title": values.get("content"),
                      "indicator": values.get("indicator"),
                      "target": {"value": values.get("target_value"), "unit": values.get("target_unit"),
                                 "direction": values.get("direction")},
                      "baseline": values.get("baseline"), "metric": values.get("metric"), "stated_total": stated,
                      "source_note": values.get("source_note"), "activities": []}
            field["results"].append(result)
        else:
            if result is None:
                errors.append(PlanError(number, HEADER["code"], _l(
                    "Activity %(code)s comes before any result row (Kết quả …).", code=kind[1])))
                continue
            result["activities"].append({
                "_row": number, "code": kind[1], "name": values.get("content"), "expected": values.get("indicator"),
                "output": values.get("output"), "budget": values.get("budget"), "lead": values.get("lead"),
                "coordinating": values.get("coordinating"), "start": values.get("start"), "end": values.get("end"),
                "note": values.get("note"), "source_note": values.get("source_note")})
    if not data["fields"] and not errors:
        errors.append(PlanError(None, HEADER["code"], _l("The file holds no plan rows.")))
    if errors:
        raise PlanInvalid(errors)
    return data


def import_plan(file, *, year: int | None = None, title: str | None = None, decision_number: str | None = None,
                decision_date: date | None = None, unit_id: int | None = None, actor=None,
                status: PlanStatus | None = None) -> Plan:
    """Read, check and store the plan in `file` (bytes or an uploaded file). All or nothing: on any problem
    PlanInvalid lists every one of them (rows and columns of the layout, then of the content) and nothing is
    stored. Year, title and decision come from the arguments, or else from the workbook's plan sheet."""
    data = read_plan(file)
    if isinstance(data.get("year"), str) and data["year"].strip().isdigit():
        data["year"] = int(data["year"])
    elif isinstance(data.get("year"), float):
        data["year"] = int(data["year"])
    if isinstance(data.get("decision_date"), datetime):
        data["decision_date"] = data["decision_date"].date().isoformat()
    elif isinstance(data.get("decision_date"), date):
        data["decision_date"] = data["decision_date"].isoformat()
    if unit_id is None and data.get("unit_code"):
        unit = db.session.scalar(select(Unit).where(Unit.code == nfc(str(data["unit_code"]))))
        unit_id = unit.id if unit else None
    if status is None:
        effective = decision_number if decision_number is not None else data.get("decision_number")
        status = PlanStatus.IN_FORCE if effective else PlanStatus.DRAFT
    try:
        plan = build_plan(data, unit_lookup=unit_lookup_from_db(), plan_unit_id=unit_id,
                          columns=ERROR_COLUMNS, year=year, title=title, decision_number=decision_number,
                          decision_date=decision_date, status=status)
    except PlanInvalid as err:
        raise PlanInvalid(err.errors) from None
    return store_plan(plan, actor=actor, action="plan.import", summary=f"{plan.title} (XLSX)")
