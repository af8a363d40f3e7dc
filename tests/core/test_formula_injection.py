"""Issue 13 point 5: spreadsheet formula injection. Every CSV and XLSX export writes text that begins with =, +,
-, @, a tab or a carriage return as text: CSV with a leading single quote (OWASP), XLSX as a string cell (with
Excel's quote prefix), never as a formula; numbers, negative ones included, stay numbers. Then each export
route, with a hostile value put into the data it exports (a survey's free-text answer, a unit's name, a
procedure's name, a plan activity's name), read back."""
from __future__ import annotations

import csv
import io

import openpyxl
import pytest
import time_machine
from sqlalchemy import select

from portal.core.access import Role
from portal.core.cells import FORMULA_STARTS, formula_like, safe_cell
from portal.core.csv_export import csv_text
from portal.core.db import db
from portal.core.xlsx import append_row, new_workbook, workbook_bytes
from portal.units.models import Unit
from tests.factories import login, make_user

HOSTILE = '=HYPERLINK("http://evil.example","x")'
AT = "@SUM(1+1)"


def _book(data: bytes):
    return openpyxl.load_workbook(io.BytesIO(data))


def _cells(book):
    return [cell for sheet in book.worksheets for row in sheet.iter_rows() for cell in row]


def _csv_rows(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text.lstrip("\ufeff"))))


def _assert_xlsx_holds_as_text(data: bytes, *values: str) -> None:
    cells = _cells(_book(data))
    for value in values:
        found = [c for c in cells if c.value == value]
        assert found, f"{value!r} not in the workbook"
        assert all(c.data_type == "s" for c in found), [(c.coordinate, c.data_type) for c in found]
    assert not [c for c in cells if c.data_type == "f"]  # no formula anywhere in the file


def _assert_csv_holds_quoted(text: str, *values: str) -> None:
    flat = [cell for row in _csv_rows(text) for cell in row]
    for value in values:
        assert "'" + value in flat, f"'{value!r} not in the CSV"
        assert value not in flat  # never bare
    assert not [cell for cell in flat if formula_like(cell)]


# ---------------------------------------------------------------- the guard itself

@pytest.mark.parametrize("start", FORMULA_STARTS)
def test_each_formula_start_is_guarded(start):
    text = f"{start}1+1"
    assert formula_like(text)
    assert safe_cell(text) == "'" + text
    assert _csv_rows(csv_text(["a"], [[text]]))[1] == ["'" + text]
    book = new_workbook()
    append_row(book.active, [text])
    cell = _book(workbook_bytes(book)).active["A1"]
    assert (cell.value, cell.data_type) == (text, "s")


def test_the_six_starts_are_those_of_owasp():
    assert set(FORMULA_STARTS) == {"=", "+", "-", "@", "\t", "\r"}


@pytest.mark.parametrize("write_only", [False, True])
def test_numbers_and_plain_text_are_untouched(write_only):
    row = [-5, 3.5, 0, -0.25, "Phòng Tư pháp", "a=b", "", None]
    assert [safe_cell(v) for v in row] == row
    assert _csv_rows(csv_text(["h"] * len(row), [row]))[1] == ["-5", "3.5", "0", "-0.25", "Phòng Tư pháp", "a=b", "", ""]
    book = new_workbook(write_only=write_only)
    sheet = book.create_sheet("s") if write_only else book.active
    append_row(sheet, row)
    append_row(sheet, [HOSTILE, AT, "-1"])
    read = _book(workbook_bytes(book)).worksheets[-1]
    first = [c.value for c in read[1]]
    assert first[:6] == [-5, 3.5, 0, -0.25, "Phòng Tư pháp", "a=b"]
    assert [c.data_type for c in read[1][:4]] == ["n"] * 4
    assert [(c.value, c.data_type) for c in read[2][:3]] == [(HOSTILE, "s"), (AT, "s"), ("-1", "s")]


def test_characters_xml_cannot_hold_are_dropped_not_a_failed_download():
    book = new_workbook()
    append_row(book.active, ["Ý kiến\x01 tốt"])
    assert _book(workbook_bytes(book)).active["A1"].value == "Ý kiến tốt"


# ---------------------------------------------------------------- survey answers (CSV, XLSX)

def test_survey_exports_hold_a_hostile_free_text_answer_as_text(client):
    from tests.surveys.helpers import codes, small_campaign
    from tests.surveys.test_views import form_for

    campaign, manager, _ = small_campaign()
    code, other = codes(campaign, manager, 2)
    assert client.post(f"/khao-sat/{code}", data=form_for(campaign, p1="5", p2="Có", p3="4", p4=HOSTILE)).status_code == 303
    assert client.post(f"/khao-sat/{other}", data=form_for(campaign, p1="4", p2="Không", p4=AT)).status_code == 303
    login(client, manager)
    _assert_csv_holds_quoted(client.get(f"/staff/surveys/{campaign.id}/export.csv").get_data(as_text=True),
                             HOSTILE, AT)
    _assert_xlsx_holds_as_text(client.get(f"/staff/surveys/{campaign.id}/export.xlsx").data, HOSTILE, AT)


# ---------------------------------------------------------------- figures of 2025 with hostile names

@pytest.fixture()
def hostile_world(app_ctx):
    """The open-data world (cases, ratings, feedback of 2025) with unit A and its procedure renamed."""
    from tests.statistics import world as w

    with time_machine.travel(w.NOW, tick=False):
        built = w.build()
        unit = db.session.get(Unit, built["a"].id)
        unit.name = HOSTILE
        from portal.procedures.models import Procedure

        for procedure in db.session.scalars(select(Procedure).where(Procedure.unit_id == unit.id)):
            procedure.name = AT
            procedure.current_version.name = AT
        db.session.commit()
        yield w


def test_ratings_exports_hold_hostile_unit_and_procedure_names_as_text(client, hostile_world):
    login(client, make_user(Role.MANAGER))
    year = hostile_world.YEAR
    response = client.get(f"/staff/satisfaction/ratings.csv?year={year}", buffered=True)
    assert response.status_code == 200
    _assert_csv_holds_quoted(response.get_data(as_text=True), HOSTILE, AT)
    response = client.get(f"/staff/satisfaction/ratings.xlsx?year={year}")
    assert response.status_code == 200
    _assert_xlsx_holds_as_text(response.data, HOSTILE, AT)


def test_case_statistics_xlsx_holds_hostile_names_as_text(client, hostile_world):
    login(client, make_user(Role.MANAGER))
    year = hostile_world.YEAR
    _assert_xlsx_holds_as_text(client.get(f"/staff/cases/statistics.xlsx?year={year}").data, HOSTILE)
    _assert_xlsx_holds_as_text(client.get(f"/staff/cases/statistics.xlsx?year={year}&by=procedure").data, AT)


def test_feedback_statistics_xlsx_holds_a_hostile_unit_name_as_text(client, hostile_world):
    login(client, make_user(Role.MANAGER))
    _assert_xlsx_holds_as_text(client.get(f"/staff/feedback/statistics.xlsx?year={hostile_world.YEAR}").data, HOSTILE)


@pytest.mark.parametrize("kind", ["cases", "feedback", "satisfaction"])
def test_open_data_csv_holds_a_hostile_unit_name_quoted(client, hostile_world, kind):
    response = client.get(f"/api/v1/statistics/{kind}?year={hostile_world.YEAR}&format=csv")
    assert response.status_code == 200 and response.mimetype == "text/csv"
    text = response.get_data(as_text=True)
    _assert_csv_holds_quoted(text, HOSTILE)
    unit_row = next(r for r in _csv_rows(text) if r[3] == "'" + HOSTILE)
    assert all(not formula_like(cell) for cell in unit_row)  # the figures: plain numbers


# ---------------------------------------------------------------- the reform plan (XLSX export, round trip)

def test_plan_export_holds_a_hostile_activity_name_as_text_and_imports_back(client, app_ctx):
    from portal.demo.seed import UNITS
    from portal.plan import services, xlsx_import
    from portal.plan.models import PlanActivity
    from portal.units import services as units

    for code, name, level in UNITS:
        units.create_unit(code=code, name=name, level=level)
    plan = services.load_plan_json(services.PLAN_2019_JSON)
    db.session.commit()
    activity = db.session.scalars(select(PlanActivity).order_by(PlanActivity.id)).first()
    activity.name, activity.note = HOSTILE, "-5 ngày"
    db.session.commit()
    login(client, make_user(Role.MANAGER))
    data = client.get(f"/staff/plan/{plan.id}/export.xlsx").data
    _assert_xlsx_holds_as_text(data, HOSTILE, "-5 ngày")
    again = xlsx_import.import_plan(data, year=2030, title="Kế hoạch nhập lại")
    db.session.commit()
    names = [a.name for f in again.fields for r in f.results for a in r.activities]
    assert HOSTILE in names  # the text travels unchanged
