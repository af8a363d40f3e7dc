"""Writing a reform plan, or an empty template to fill in, as an XLSX workbook in the layout of xlsx_layout.py:
the plan's rows with the computed "Tổng" lines for readers; in the template, one example of each kind of row
and lists for months, direction, metric and budget."""
from __future__ import annotations

from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from portal.core.xlsx import append_row, new_workbook, workbook_bytes
from portal.plan.budget import plan_totals
from portal.plan.models import Plan
from portal.plan.rules import Direction, Metric
from portal.plan.xlsx_layout import COLUMNS, INFO_ROWS, REQUIRED, SHEET_INFO, SHEET_PLAN


def _widths(ws):
    for index, width in enumerate([18, 60, 50, 30, 16, 30, 30, 10, 10, 24, 12, 12, 10, 12, 22, 18, 50], start=1):
        ws.column_dimensions[get_column_letter(index)].width = width


def _header(ws):
    append_row(ws, [h for _, h in COLUMNS])
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
    append_row(ws, ["Mục", "Giá trị"])
    for cell in ws[1]:
        cell.font = Font(bold=True)
    values = {}
    if plan is not None:
        values = {"title": plan.title, "year": plan.year, "decision_number": plan.decision_number,
                  "decision_date": plan.decision_date.isoformat() if plan.decision_date else "",
                  "unit_code": plan.unit.code if plan.unit else "", "stated_grand_total": plan.stated_grand_total,
                  "notes": plan.notes}
    for key, label in INFO_ROWS:
        append_row(ws, [label, values.get(key)])
    ws.column_dimensions["A"].width = 36
    ws.column_dimensions["B"].width = 90


def export_plan(plan: Plan) -> bytes:
    wb = new_workbook()
    ws = wb.active
    ws.title = SHEET_PLAN
    _header(ws)
    totals = plan_totals(plan)
    bold, italic = Font(bold=True), Font(italic=True)
    wrap = Alignment(wrap_text=True, vertical="top")

    def add(values: dict, font=None):
        append_row(ws, [values.get(k) for k, _ in COLUMNS])
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
    return workbook_bytes(wb)


def template() -> bytes:
    """An empty plan: the headers, one example of each kind of row, lists for months, direction and metric."""
    wb = new_workbook()
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
        append_row(ws, [values.get(k) for k, _ in COLUMNS])
    months = DataValidation(type="list", formula1='"' + ",".join(str(m) for m in range(1, 13)) + '"',
                            allow_blank=True, showErrorMessage=True, errorTitle="Tháng",
                            error="Chọn một tháng từ 1 đến 12.")
    months.add("H2:I1000")
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
    return workbook_bytes(wb)
