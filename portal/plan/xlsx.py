"""Reform plans as XLSX in the layout the offices use: one row per field, result and activity, with the
seed's columns (Mã, Nội dung, Chỉ số / Kết quả dự kiến, Sản phẩm, Kinh phí, Chủ trì, Phối hợp, Bắt đầu,
Kết thúc, Ghi chú), then the machine columns a faithful round trip needs (target, metric, stated totals,
source notes) on the right. A second sheet holds the plan's own data (title, year, decision, stated grand total,
notes).

Rows: "Lĩnh vực I" (Nội dung = title, Chỉ số = the field's goals), "Kết quả 1.2" (Nội dung = title,
Chỉ số = indicator), "Hoạt động 1.2.1" (every column). Rows whose Mã starts with "Tổng" are the computed
totals written by the export for readers; the import skips them (totals are never typed). On a field or result
row, an amount in "Kinh phí" is read as the source's stated total when the stated-total column is empty.

The import checks everything first and collects every problem as (row, column, message); it stores nothing
unless the whole file is correct. Merged cells in the data area are refused (a merged cell hides which row a
value belongs to), and so are missing columns, text in the budget column, months outside 1–12 or an end
before the start, an unknown lead unit (collective leads excepted, see services.COLLECTIVE_LEADS), duplicate
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
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from portal.core.text import fold, nfc
from portal.plan import services
from portal.plan.models import Plan
from portal.plan.rules import Direction, Metric, PlanStatus

XLSX_MIMETYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
MAX_UNPACKED_BYTES = 64 * 1024 * 1024
SHEET_PLAN = "Kế hoạch"
SHEET_INFO = "Thông tin kế hoạch"

# (key, header). The first ten are the seed's columns and required; the others are optional machine columns.
COLUMNS = [
    ("code", "Mã"),
    ("content", "Nội dung"),
    ("indicator", "Chỉ số / Kết quả dự kiến"),
    ("output", "Sản phẩm"),
    ("budget", "Kinh phí (VND)"),
    ("lead", "Chủ trì"),
    ("coordinating", "Phối hợp"),
    ("start", "Bắt đầu (tháng)"),
    ("end", "Kết thúc (tháng)"),
    ("note", "Ghi chú"),
    ("target_value", "Chỉ tiêu (giá trị)"),
    ("target_unit", "Chỉ tiêu (đơn vị)"),
    ("direction", "Chỉ tiêu (chiều)"),
    ("baseline", "Giá trị ban đầu"),
    ("metric", "Chỉ số đo tự động"),
    ("stated_total", "Tổng ghi trong văn bản (VND)"),
    ("source_note", "Ghi chú nguồn"),
]
REQUIRED = [key for key, _ in COLUMNS[:10]]
HEADER = dict(COLUMNS)
_BY_FOLDED = {fold(h): k for k, h in COLUMNS}
# Error messages name the file's column; the service's JSON keys map onto these headers.
ERROR_COLUMNS = {"code": HEADER["code"], "budget": HEADER["budget"], "start": HEADER["start"], "end": HEADER["end"],
                 "lead": HEADER["lead"], "direction": HEADER["direction"], "metric": HEADER["metric"],
                 "target_value": HEADER["target_value"], "stated_total": HEADER["stated_total"],
                 "baseline": HEADER["baseline"], "name": HEADER["content"], "title": HEADER["content"]}

INFO_ROWS = [("title", "Tên kế hoạch"), ("year", "Năm"), ("decision_number", "Số quyết định"),
             ("decision_date", "Ngày quyết định"), ("unit_code", "Mã đơn vị theo dõi"),
             ("stated_grand_total", "Tổng kinh phí ghi trong văn bản (VND)"), ("notes", "Ghi chú")]
_INFO_BY_FOLDED = {fold(label): key for key, label in INFO_ROWS}

FIELD_LABEL = re.compile(r"^(?:lĩnh vực|linh vuc)\s+(\S+)$", re.IGNORECASE)
RESULT_LABEL = re.compile(r"^(?:kết quả|ket qua)\s+(\S+)$", re.IGNORECASE)
ACTIVITY_LABEL = re.compile(r"^(?:hoạt động|hoat dong)\s+(\S+)$", re.IGNORECASE)


# --- export --------------------------------------------------------------------------------------

def _widths(ws):
    for index, width in enumerate([18, 60, 50, 30, 16, 30, 30, 10, 10, 24, 12, 12, 10, 12, 22, 18, 50], start=1):
        ws.column_dimensions[get_column_letter(index)].width = width


def _header(ws):
    ws.append([h for _, h in COLUMNS])
    bold = Font(bold=True)
    machine = PatternFill("solid", fgColor="EDEDED")
    for index, cell in enumerate(ws[1], start=1):
        cell.font = bold
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        if index > len(REQUIRED):
            cell.fill = machine
    ws.freeze_panes = "C2"
    _widths(ws)


def _num(value):
    if value is None:
        return None
    return int(value) if float(value).is_integer() else value


def _info_sheet(wb, plan: Plan | None):
    ws = wb.create_sheet(SHEET_INFO)
    ws.append(["Mục", "Giá trị"])
    for cell in ws[1]:
        cell.font = Font(bold=True)
    values = {}
    if plan is not None:
        values = {"title": plan.title, "year": plan.year, "decision_number": plan.decision_number,
                  "decision_date": plan.decision_date.isoformat() if plan.decision_date else "",
                  "unit_code": plan.unit.code if plan.unit else "", "stated_grand_total": plan.stated_grand_total,
                  "notes": plan.notes}
    for key, label in INFO_ROWS:
        ws.append([label, values.get(key)])
    ws.column_dimensions["A"].width = 36
    ws.column_dimensions["B"].width = 90


def export_plan(plan: Plan) -> bytes:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = SHEET_PLAN
    _header(ws)
    totals = services.plan_totals(plan)
    bold, italic = Font(bold=True), Font(italic=True)
    wrap = Alignment(wrap_text=True, vertical="top")

    def add(values: dict, font=None):
        ws.append([values.get(k) for k, _ in COLUMNS])
        for cell in ws[ws.max_row]:
            cell.alignment = wrap
            if font is not None:
                cell.font = font
        ws.cell(ws.max_row, REQUIRED.index("budget") + 1).number_format = "#,##0"
        ws.cell(ws.max_row, len(COLUMNS) - 1).number_format = "#,##0"

    for f in plan.fields:
        add({"code": f"Lĩnh vực {f.code}", "content": f.title, "indicator": f.goals or None,
             "stated_total": f.stated_total, "source_note": f.source_note or None}, bold)
        for r in f.results:
            add({"code": f"Kết quả {r.code}", "content": r.title or None, "indicator": r.indicator or None,
                 "target_value": _num(r.target_value), "target_unit": r.target_unit or None,
                 "direction": r.direction.value if r.direction else None, "baseline": _num(r.baseline),
                 "metric": r.metric.value if r.metric else None, "stated_total": r.stated_total,
                 "source_note": r.source_note or None}, bold)
            for a in r.activities:
                add({"code": f"Hoạt động {a.code}", "content": a.name, "indicator": a.expected or None,
                     "output": a.output or None, "budget": a.budget, "lead": a.lead_text or None,
                     "coordinating": a.coordinating or None, "start": a.start_month, "end": a.end_month,
                     "note": a.note or None, "source_note": a.source_note or None})
            add({"code": "Tổng", "content": f"Kết quả {r.code}", "budget": totals.results[r.code]}, italic)
        add({"code": "Tổng cộng", "content": f"Lĩnh vực {f.code}", "budget": totals.fields[f.code]}, italic)
    add({"code": "Tổng kinh phí thực hiện", "budget": totals.plan}, bold)
    _info_sheet(wb, plan)
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def template() -> bytes:
    """An empty plan: the headers, one example of each kind of row, lists for months, direction and metric."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = SHEET_PLAN
    _header(ws)
    example = [
        {"code": "Lĩnh vực II", "content": "Cải cách thủ tục hành chính",
         "indicator": "Nâng cao hiệu quả tiếp nhận và xử lý phản ánh, kiến nghị của tổ chức, công dân"},
        {"code": "Kết quả 2.3", "content": "Công tác tiếp nhận, xử lý phản ánh, kiến nghị được chú trọng thực hiện",
         "indicator": "Trên 80% phản ánh, kiến nghị được xử lý theo đúng thời hạn", "target_value": 80,
         "target_unit": "%", "direction": ">", "metric": Metric.FEEDBACK_ON_TIME.value},
        {"code": "Hoạt động 2.3.1",
         "content": "Tổ chức việc tiếp nhận và xử lý phản ánh, kiến nghị của cá nhân, tổ chức",
         "indicator": "Trên 80% phản ánh, kiến nghị được xử lý theo đúng thời hạn và quy định",
         "output": "Báo cáo kết quả", "budget": 5000000, "lead": "Văn phòng HĐND và UBND thị xã",
         "coordinating": "Các phòng, ban, đơn vị, UBND các xã, phường", "start": 1, "end": 12, "note": ""},
    ]
    for values in example:
        ws.append([values.get(k) for k, _ in COLUMNS])
    months = DataValidation(type="list", formula1='"' + ",".join(str(m) for m in range(1, 13)) + '"',
                            allow_blank=True, showErrorMessage=True, errorTitle="Tháng",
                            error="Chọn một tháng từ 1 đến 12.")
    months.add(f"H2:I1000")
    directions = DataValidation(type="list", formula1='"' + ",".join(d.value for d in Direction) + '"',
                                allow_blank=True, showErrorMessage=True, error="Chọn >=, >, <=, < hoặc =.")
    directions.add("M2:M1000")
    metrics = DataValidation(type="list", formula1='"' + ",".join(m.value for m in Metric) + '"', allow_blank=True,
                             showErrorMessage=True, error="Chọn một chỉ số trong danh sách hoặc để trống.")
    metrics.add("O2:O1000")
    budget = DataValidation(type="whole", operator="greaterThanOrEqual", formula1="0", allow_blank=True,
                            showErrorMessage=True, error="Kinh phí là số nguyên (VND), không âm.")
    budget.add("E2:E1000")
    for dv in (months, directions, metrics, budget):
        ws.add_data_validation(dv)
    _info_sheet(wb, None)
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


# --- import --------------------------------------------------------------------------------------

def _refuse(message, column: str = "") -> services.PlanInvalid:
    return services.PlanInvalid([services.PlanError(None, column, message)])


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
    if services.ACTIVITY_CODE.match(text):
        return "activity", text
    if services.RESULT_CODE.match(text):
        return "result", text
    if services.FIELD_CODE.match(text):
        return "field", text
    return None


def read_plan(file) -> dict:
    """The plan in the workbook as the JSON shape services.build_plan takes (items carry "_row"),
    or PlanInvalid listing every problem of the layout found while reading."""
    wb = _open(_read_bytes(file))
    ws = wb[SHEET_PLAN] if SHEET_PLAN in wb.sheetnames else wb.worksheets[0]
    found = _find_header(ws)
    if found is None:
        raise _refuse(_l("No header row found: the first row must hold the template's column headers (Mã, Nội dung, "
                         "…). Download the template and copy your data into it."))
    header_row, positions = found
    errors: list[services.PlanError] = []
    for merged in sorted(ws.merged_cells.ranges, key=lambda r: (r.min_row, r.min_col)):
        if merged.max_row >= header_row:
            errors.append(services.PlanError(merged.min_row, get_column_letter(merged.min_col), _l(
                "Merged cells %(range)s: unmerge them and write the value in every row it belongs to.",
                range=merged.coord)))
    missing = [HEADER[k] for k in REQUIRED if k not in positions]
    if missing:
        errors.append(services.PlanError(header_row, "; ".join(missing), _l(
            "Missing columns: %(columns)s. Download the template and copy your data into it.",
            columns="; ".join(missing))))
    if errors:
        raise services.PlanInvalid(errors)
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
            errors.append(services.PlanError(number, HEADER["code"], _l(
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
                errors.append(services.PlanError(number, HEADER["code"], _l(
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
                errors.append(services.PlanError(number, HEADER["code"], _l(
                    "Activity %(code)s comes before any result row (Kết quả …).", code=kind[1])))
                continue
            result["activities"].append({
                "_row": number, "code": kind[1], "name": values.get("content"), "expected": values.get("indicator"),
                "output": values.get("output"), "budget": values.get("budget"), "lead": values.get("lead"),
                "coordinating": values.get("coordinating"), "start": values.get("start"), "end": values.get("end"),
                "note": values.get("note"), "source_note": values.get("source_note")})
    if not data["fields"] and not errors:
        errors.append(services.PlanError(None, HEADER["code"], _l("The file holds no plan rows.")))
    if errors:
        raise services.PlanInvalid(errors)
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
        unit = services.db.session.scalar(services.select(services.Unit).where(
            services.Unit.code == nfc(str(data["unit_code"]))))
        unit_id = unit.id if unit else None
    if status is None:
        effective = decision_number if decision_number is not None else data.get("decision_number")
        status = PlanStatus.IN_FORCE if effective else PlanStatus.DRAFT
    try:
        plan = services.build_plan(data, unit_lookup=services.unit_lookup_from_db(), plan_unit_id=unit_id,
                                   columns=ERROR_COLUMNS, year=year, title=title, decision_number=decision_number,
                                   decision_date=decision_date, status=status)
    except services.PlanInvalid as err:
        raise services.PlanInvalid(err.errors) from None
    return services.store_plan(plan, actor=actor, action="plan.import", summary=f"{plan.title} (XLSX)")
