"""XLSX template, export → import round trip, and every bad input of the issue refused with nothing stored."""
from __future__ import annotations

import io

import openpyxl
import pytest
from flask_babel import force_locale
from sqlalchemy import func, select

from portal.core.audit import AuditEvent
from portal.core.db import db
from portal.demo.seed import UNITS
from portal.plan import building, services, xlsx_export, xlsx_import, xlsx_layout
from portal.plan.models import Plan, PlanActivity
from portal.units import services as units


@pytest.fixture(autouse=True)
def _english_messages(app_ctx):
    """Messages are compared in English (the msgids); the Vietnamese catalogue is checked by test_i18n."""
    with force_locale("en"):
        yield



@pytest.fixture()
def plan(app_ctx):
    for code, name, level in UNITS:
        units.create_unit(code=code, name=name, level=level)
    plan = services.load_plan_json(services.PLAN_2019_JSON)
    db.session.commit()
    return plan


def dump(plan):
    rows = [("plan", plan.stated_grand_total, plan.notes, plan.unit_id, plan.decision_number, plan.decision_date)]
    for f in plan.fields:
        rows.append(("F", f.code, f.position, f.title, f.goals, f.stated_total, f.source_note))
        for r in f.results:
            rows.append(("R", r.code, r.position, r.title, r.indicator, r.target_value, r.target_unit, r.direction,
                         r.baseline, r.metric, r.stated_total, r.source_note))
            for a in r.activities:
                rows.append(("A", a.code, a.position, a.name, a.expected, a.output, a.budget, a.lead_unit_id,
                             a.lead_text, a.coordinating, a.start_month, a.end_month, a.note, a.source_note))
    return rows


def workbook(data: bytes):
    return openpyxl.load_workbook(io.BytesIO(data))


def save(wb) -> bytes:
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def row_of(ws, label):
    return next(r for r in range(1, ws.max_row + 1) if ws.cell(r, 1).value == label)


def col_of(ws, header):
    return next(c for c in range(1, ws.max_column + 1) if ws.cell(1, c).value == header)


def refused(data: bytes, **kw):
    before = db.session.scalar(select(func.count()).select_from(Plan))
    with pytest.raises(building.PlanInvalid) as info:
        xlsx_import.import_plan(data, year=2030, title="Kế hoạch nhập thử", **kw)
    db.session.rollback()
    assert db.session.scalar(select(func.count()).select_from(Plan)) == before
    return [(e.row, e.column, str(e.message)) for e in info.value.errors]


def test_template_opens_with_headers_example_and_lists(app_ctx):
    wb = workbook(xlsx_export.template())
    ws = wb[xlsx_layout.SHEET_PLAN]
    assert [c.value for c in ws[1]] == [h for _, h in xlsx_layout.COLUMNS]
    assert ws["A2"].value == "Lĩnh vực II" and ws["A4"].value.startswith("Hoạt động")
    lists = {str(dv.sqref): dv.formula1 for dv in ws.data_validations.dataValidation}
    assert lists["H2:I1000"] == '"1,2,3,4,5,6,7,8,9,10,11,12"'
    assert ">=" in lists["M2:M1000"] and "satisfaction" in lists["O2:O1000"]
    assert xlsx_layout.SHEET_INFO in wb.sheetnames


def test_the_template_itself_imports(app_ctx):
    for code, name, level in UNITS:
        units.create_unit(code=code, name=name, level=level)
    plan = xlsx_import.import_plan(xlsx_export.template(), year=2027, title="Kế hoạch mẫu")
    assert [a.code for a in services.activities(plan)] == ["2.3.1"]
    assert services.find_result(plan, "2.3").metric.value == "feedback_on_time"


def test_export_then_import_round_trips_every_field(plan):
    data = xlsx_export.export_plan(plan)
    ws = workbook(data)[xlsx_layout.SHEET_PLAN]
    assert ws.cell(row_of(ws, "Tổng kinh phí thực hiện"), 5).value == 85_000_000  # computed, for readers
    again = xlsx_import.import_plan(data, year=plan.year, title=plan.title + " (nhập lại)")
    db.session.commit()
    assert dump(again) == dump(plan)
    assert len(dump(plan)) == 1 + 9 + 34 + 49
    assert (again.year, again.status) == (2019, plan.status)
    assert db.session.scalar(select(AuditEvent).where(AuditEvent.action == "plan.import")).object_id == str(again.id)


def test_merged_cells_are_refused_naming_the_range(plan):
    wb = workbook(xlsx_export.export_plan(plan))
    ws = wb[xlsx_layout.SHEET_PLAN]
    r = row_of(ws, "Hoạt động 1.2.1")
    ws.merge_cells(start_row=r, start_column=6, end_row=r + 1, end_column=6)
    errors = refused(save(wb))
    assert errors == [(r, "F", f"Merged cells F{r}:F{r + 1}: unmerge them and write the value in every row it "
                                "belongs to.")]


def test_missing_columns_are_listed(plan):
    wb = workbook(xlsx_export.export_plan(plan))
    ws = wb[xlsx_layout.SHEET_PLAN]
    ws.delete_cols(col_of(ws, "Kinh phí (VND)"))
    ws.delete_cols(col_of(ws, "Chủ trì"))
    (row, column, message), = refused(save(wb))
    assert row == 1 and "Kinh phí (VND); Chủ trì" in message


def test_text_budget_months_lead_and_duplicate_code_all_listed_at_once(plan):
    wb = workbook(xlsx_export.export_plan(plan))
    ws = wb[xlsx_layout.SHEET_PLAN]
    r1, r2, r3 = row_of(ws, "Hoạt động 1.2.1"), row_of(ws, "Hoạt động 1.2.2"), row_of(ws, "Hoạt động 1.2.3")
    r4 = row_of(ws, "Hoạt động 1.3.1")
    ws.cell(r1, col_of(ws, "Kinh phí (VND)")).value = "mười triệu"
    ws.cell(r2, col_of(ws, "Kết thúc (tháng)")).value = 13
    ws.cell(r3, col_of(ws, "Bắt đầu (tháng)")).value = 11  # ends in month 10
    ws.cell(r4, col_of(ws, "Chủ trì")).value = "Phòng Quản lý đô thị"
    ws.cell(row_of(ws, "Hoạt động 1.3.2"), 1).value = "Hoạt động 1.3.1"
    errors = refused(save(wb))
    assert (r1, "Kinh phí (VND)", "“mười triệu” is not an amount in VND: write a whole number, e.g. 10000000.") in errors
    assert (r2, "Kết thúc (tháng)", "“13” is not a month: write a number from 1 to 12.") in errors
    assert (r3, "Kết thúc (tháng)", "The end month (10) is before the start month (11).") in errors
    assert any(e[0] == r4 and e[1] == "Chủ trì" and "Phòng Quản lý đô thị" in e[2] for e in errors)
    assert (r4 + 1, "Mã", f"Activity code 1.3.1 is used twice (first on row {r4}).") in errors
    assert len(errors) == 5
    assert db.session.scalar(select(func.count()).select_from(PlanActivity)) == 49  # only the original


def test_a_collective_lead_is_accepted(plan):
    wb = workbook(xlsx_export.export_plan(plan))
    ws = wb[xlsx_layout.SHEET_PLAN]
    ws.cell(row_of(ws, "Hoạt động 1.3.1"), col_of(ws, "Chủ trì")).value = "UBND các xã, phường"
    new = xlsx_import.import_plan(save(wb), year=2030, title="Kế hoạch nhập thử")
    assert services.find_activity(new, "1.3.1").lead_unit_id is None


@pytest.mark.parametrize("content", [b"Ma;Noi dung\n1.2.1;Ra soat\n", b"PK\x03\x04 not really a zip",
                                     b"\xd0\xcf\x11\xe0 old excel"])
def test_not_an_xlsx(app_ctx, content):
    (row, column, message), = refused(content)
    assert "not an Excel workbook (.xlsx)" in message


def test_oversized_file(app_ctx):
    app_ctx.config["PLAN_IMPORT_MAX_BYTES"] = 2048
    try:
        (row, column, message), = refused(xlsx_export.template())
    finally:
        app_ctx.config["PLAN_IMPORT_MAX_BYTES"] = 2 * 1024 * 1024
    assert message == "The file is larger than 2 KB. A plan fits in a much smaller workbook."
