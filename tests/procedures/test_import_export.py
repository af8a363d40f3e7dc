"""Import of the catalogue from XLSX/CSV (template, row checks, all or nothing, refusals) and export to
XLSX and JSON, through the staff pages. Row-level rules are in test_import_rows.py."""
from __future__ import annotations

import html
import io
import json
import re
from datetime import UTC, date, datetime

import openpyxl
import pytest
from sqlalchemy import delete, func, select, update

from portal.core.access import Role
from portal.core.audit import AuditEvent
from portal.core.db import db
from portal.core.xlsx import XLSX_MIMETYPE
from portal.procedures import exports, queries, services
from portal.procedures.columns import COLUMNS
from portal.procedures.models import ChangeType, Procedure, ProcedureVersion, PublicStatus
from portal.units.models import UnitLevel
from tests.factories import amend_procedure, login, make_field, make_procedure, make_unit, make_user
from tests.procedures.import_helpers import HEADERS, csv_bytes, good_row, windows_1258, xlsx_bytes

IMPORT = "/staff/procedures/import"


@pytest.fixture()
def unit(app_ctx):
    return make_unit(code="000.00.31.H17", name="UBND phường Nghĩa Đức", level=UnitLevel.COMMUNE)


@pytest.fixture()
def field(app_ctx):
    return make_field("HT", "Hộ tịch")


@pytest.fixture()
def manager(client, unit):
    user = make_user(Role.MANAGER, unit=unit)
    client.set_cookie("lang", "en")
    login(client, user)
    return user


def upload(client, data: bytes, name: str = "thu-tuc.xlsx", mode: str = "all_or_nothing"):
    response = client.post(IMPORT, data={"file": (io.BytesIO(data), name), "mode": mode},
                           content_type="multipart/form-data")
    return response, html.unescape(response.get_data(as_text=True))


def count() -> int:
    return db.session.scalar(select(func.count()).select_from(Procedure))


def checked_mode(page: str) -> str:
    radios = [tag for tag in re.findall(r"<input[^>]*>", page) if 'name="mode"' in tag and "checked" in tag]
    return re.search(r'value="(\w+)"', radios[0]).group(1)


def test_template_has_the_national_headers_an_example_and_a_guide(client, manager, unit, field):
    response = client.get(f"{IMPORT}/template.xlsx")
    assert response.status_code == 200
    assert response.mimetype == XLSX_MIMETYPE
    assert response.headers["Content-Disposition"].startswith("attachment;")
    book = openpyxl.load_workbook(io.BytesIO(response.data))
    assert book.sheetnames == [exports.SHEET_TITLE, "Hướng dẫn"]
    rows = list(book.worksheets[0].iter_rows(values_only=True))
    assert list(rows[0]) == HEADERS and len(rows) == 2
    example = dict(zip([k for k, _h in COLUMNS], rows[1], strict=False))
    # Birth registration is a ward / commune-level procedure: it names no unit (competence by level).
    assert example["unit"] == "UBND cấp xã" and example["field"] == field.name and example["level"] == "Cấp xã"
    guide = [cell for row in book["Hướng dẫn"].iter_rows(values_only=True) for cell in row if cell]
    assert set(HEADERS) <= set(guide) and unit.code in guide and "HT" in guide


def test_the_template_example_imports_and_is_published_with_its_decision(client, manager, unit, field):
    template = client.get(f"{IMPORT}/template.xlsx").data
    response, _page = upload(client, template, "mau.xlsx")
    assert response.status_code == 302 and response.headers["Location"].endswith("/staff/procedures/")
    procedure = db.session.scalar(select(Procedure))
    version = procedure.current_version
    assert procedure.status == PublicStatus.ACTIVE and version.change_type == ChangeType.NEW
    assert (version.decision_number, version.decision_date) == ("123/QĐ-UBND", date(2024, 3, 15))
    assert version.unit_id is None and version.field_id == field.id and version.channels == ["in_person", "post", "online"]
    assert version.published_by_id == manager.id
    event = db.session.scalar(select(AuditEvent).where(AuditEvent.action == "procedure.import"))
    assert event.after == {"file": "mau.xlsx", "mode": "all_or_nothing", "rows": 1, "created": 1, "rejected_rows": 0}
    assert "1 procedure imported" in html.unescape(client.get("/staff/procedures/").get_data(as_text=True))


def _file_with_one_bad_row(unit, field) -> bytes:
    return xlsx_bytes([good_row(unit, field, "A.1"), good_row(unit, field, "A.2", processing_days=-2),
                       good_row(unit, field, "A.3")])


def test_one_bad_row_stores_nothing_and_reports_the_row(client, manager, unit, field):
    response, page = upload(client, _file_with_one_bad_row(unit, field))
    assert response.status_code == 422
    assert count() == 0
    report = page[page.index("Import report"):]
    assert "3 rows read, 0 procedures imported, 1 rows with problems" in report
    assert re.search(r"<td[^>]*>3</td><td>Thời hạn giải quyết \(ngày làm việc\)</td><td>The processing time cannot be "
                     r"negative\.</td>", report)
    assert "Nothing was imported" in report
    assert checked_mode(page) == "all_or_nothing"


def test_valid_rows_only_when_asked(client, manager, unit, field):
    response, page = upload(client, _file_with_one_bad_row(unit, field), mode="valid_only")
    assert response.status_code == 200
    assert sorted(db.session.scalars(select(Procedure.code))) == ["A.1", "A.3"]
    assert "2 procedures imported and published." in page
    assert "<td>Thời hạn giải quyết (ngày làm việc)</td>" in page
    assert checked_mode(page) == "valid_only"  # the report keeps the manager's choice


def test_wrong_headers_are_refused_with_the_list(client, manager, unit, field):
    headers = ["Tên TTHC" if h == "Tên thủ tục" else h for h in HEADERS]
    response, page = upload(client, xlsx_bytes([good_row(unit, field, "B.1")], headers=headers))
    assert response.status_code == 422 and count() == 0
    assert "Missing columns: Tên thủ tục. Columns not recognised: Tên TTHC." in page


def test_csv_in_utf8_with_bom_and_semicolons_is_imported(client, manager, unit, field):
    data = csv_bytes([good_row(unit, field, "C.1", name="Đăng ký kết hôn, có yếu tố nước ngoài")], delimiter=";")
    assert data.startswith(b"\xef\xbb\xbf")
    response, _page = upload(client, data, "thu-tuc.csv")
    assert response.status_code == 302
    assert services.get_by_code("C.1").name == "Đăng ký kết hôn, có yếu tố nước ngoài"


def test_csv_in_a_legacy_encoding_is_refused_with_the_reason(client, manager, unit, field):
    data = csv_bytes([good_row(unit, field, "C.2")], encoding="cp1258")
    with pytest.raises(UnicodeDecodeError):
        data.decode("utf-8")
    response, page = upload(client, data, "thu-tuc.csv")
    assert response.status_code == 422 and count() == 0
    assert "The CSV file is not encoded in UTF-8" in page and "CSV UTF-8 (Comma delimited)" in page


def test_a_program_renamed_xlsx_and_other_types_are_refused(client, manager):
    response, page = upload(client, b"MZ\x90\x00\x03" + bytes(500), "thu-tuc.xlsx")
    assert response.status_code == 422 and "not an Excel workbook (.xlsx), although its name says so" in page
    response, page = upload(client, b"PK\x03\x04 broken zip", "thu-tuc.xlsx")
    assert response.status_code == 422 and "not a readable Excel workbook" in page
    response, page = upload(client, b"MZ\x90\x00", "setup.exe")
    assert response.status_code == 422 and "Only XLSX and CSV files can be imported." in page
    assert count() == 0


def test_more_rows_than_the_limit_are_refused(client, manager, unit, field, monkeypatch):
    monkeypatch.setitem(client.application.config, "IMPORT_MAX_ROWS", 100)
    rows = [good_row(unit, field, f"D.{n}") for n in range(150)]
    response, page = upload(client, xlsx_bytes(rows))
    assert response.status_code == 422 and count() == 0
    assert "The file has more than 100 procedure rows" in page


def test_a_file_larger_than_the_limit_is_refused(client, manager, unit, field, monkeypatch):
    monkeypatch.setitem(client.application.config, "IMPORT_MAX_BYTES", 1024 * 1024)
    response, page = upload(client, b"PK\x03\x04" + bytes(1024 * 1024), "big.xlsx")
    assert response.status_code == 422 and "The file is larger than 1 MB." in page


def test_a_code_taken_meanwhile_undoes_the_whole_import(client, manager, unit, field, monkeypatch):
    from portal.procedures import imports

    original = imports.load_reference

    def stale_reference():  # as if another manager created D.2 between the check and the insert
        reference = original()
        reference.codes.discard("d.2")
        return reference

    make_procedure("D.2", unit=unit, field=field)
    monkeypatch.setattr(imports, "load_reference", stale_reference)
    response, page = upload(client, xlsx_bytes([good_row(unit, field, "D.1"), good_row(unit, field, "D.2")]),
                            mode="valid_only")
    assert response.status_code == 422
    assert "Row 3 could not be saved: Another procedure already uses this code. Nothing was imported" in page
    assert sorted(db.session.scalars(select(Procedure.code))) == ["D.2"]  # D.1 was undone with the rest


# ---------------------------------------------------------------- export

def _catalogue(unit, field):
    town = make_unit(code="000.00.11.H17", name="Phòng Tư pháp", level=UnitLevel.TOWN)
    make_procedure("E.1", unit=unit, field=field)
    make_procedure("E.2", unit=town, field=make_field("DD", "Đất đai"), level="town",
                   name='=HYPERLINK("http://example.com") Cấp giấy phép', channels=["post"], fee_amount=150000,
                   documents=[{"name": "Đơn đề nghị", "kind": "copy", "count": 2},
                              {"name": "Giấy tờ tùy thân", "kind": "certified_copy", "count": 1},
                              {"name": "Sổ hộ khẩu", "kind": "original_or_certified", "count": 1}],
                   processing_days=15, online_level="full", old_online_level=None, forms=[], conditions="")
    amend_procedure(make_procedure("E.3", unit=make_unit(name="UBND phường Nghĩa Đức"), field=field),
                    processing_days=5, steps="Bước 1: Nộp.\n\nBước 2: Nhận.")
    services.abolish(make_procedure("E.4", unit=unit, field=field), decision_number="9/QĐ", decision_date=date(2024, 1, 2),
                     now=datetime(2024, 1, 3, tzinfo=UTC))
    make_procedure("E.5", unit=unit, field=field, published=False)
    db.session.commit()


def test_export_xlsx_reimports_into_an_empty_catalogue_unchanged(client, manager, unit, field):
    _catalogue(unit, field)
    expected = {p.code: services.content_of(p.current_version) for p in db.session.scalars(select(Procedure))
                if p.status in queries.PUBLIC_STATUSES}
    response = client.get("/staff/procedures/export.xlsx")
    assert response.status_code == 200 and response.mimetype == XLSX_MIMETYPE
    assert re.fullmatch(r'attachment; filename=thu-tuc-hanh-chinh-\d{4}-\d{2}-\d{2}\.xlsx',
                        response.headers["Content-Disposition"])
    sheet = openpyxl.load_workbook(io.BytesIO(response.data)).worksheets[0]
    assert [c.value for c in sheet[1]] == HEADERS
    assert [c.value for c in sheet["A"][1:]] == ["E.1", "E.2", "E.3"]  # in force only: no abolished, no draft
    assert sheet["B3"].data_type == "s"  # a name starting with "=" is text, never a formula
    # Units are written by name, by code when two share a name (E.3 here); a commune-level procedure (E.1) names
    # none: "UBND cấp xã", every ward and commune.
    namesake = services.get_by_code("E.3").unit.code
    assert (sheet["E2"].value, sheet["E3"].value, sheet["E4"].value) == ("UBND cấp xã", "Phòng Tư pháp", namesake)
    db.session.execute(update(Procedure).values(current_version_id=None))
    db.session.execute(delete(ProcedureVersion))
    db.session.execute(delete(Procedure))
    db.session.commit()

    reply, page = upload(client, response.data, "xuat.xlsx")
    assert reply.status_code == 302, page
    db.session.expire_all()
    imported = {p.code: services.content_of(p.current_version) for p in db.session.scalars(select(Procedure))}
    assert imported == expected


def test_export_json_is_the_api_detail_of_each_procedure_in_force(client, manager, unit, field):
    _catalogue(unit, field)
    response = client.get("/staff/procedures/export.json", buffered=True)  # streamed: read inside the request
    assert response.status_code == 200 and response.mimetype == "application/json"
    assert re.fullmatch(r'attachment; filename="thu-tuc-hanh-chinh-\d{4}-\d{2}-\d{2}\.json"',
                        response.headers["Content-Disposition"])
    records = json.loads(response.get_data(as_text=True))
    assert [r["code"] for r in records] == ["E.1", "E.2", "E.3"]
    assert records[2]["status"] == "amended" and records[2]["decision"]["number"] == "2150/QĐ-UBND"
    assert records[1]["fee"] == {"amount": 150000, "description": records[1]["fee"]["description"]}
    if "api_procedures.procedure_detail" not in client.application.view_functions:
        pytest.skip("the JSON API is not installed")
    for record in records:
        api = client.get(f"/api/v1/procedures/{record['code']}").get_json()
        api.pop("versions")
        assert record == api


def test_an_empty_catalogue_exports_an_empty_list(client, manager):
    assert json.loads(client.get("/staff/procedures/export.json", buffered=True).get_data(as_text=True)) == []


# ---------------------------------------------------------------- access

def test_only_managers_import_and_every_editor_exports(client, unit):
    handler = make_user(Role.HANDLER, unit=unit)
    login(client, handler)
    assert client.get(IMPORT).status_code == 403
    assert upload(client, b"x", "a.csv")[0].status_code == 403
    assert client.get("/staff/procedures/export.xlsx").status_code == 200
    assert client.get("/staff/procedures/export.json", buffered=True).status_code == 200
    assert client.get(f"{IMPORT}/template.xlsx").status_code == 200
    client.post("/auth/logout")
    login(client, make_user(Role.DESK_OFFICER, unit=unit))
    assert client.get("/staff/procedures/export.json").status_code == 403


def test_anonymous_visitors_are_sent_to_sign_in(client):
    for path in (IMPORT, f"{IMPORT}/template.xlsx", "/staff/procedures/export.xlsx", "/staff/procedures/export.json"):
        response = client.get(path)
        assert response.status_code == 302 and "/auth/login" in response.headers["Location"]
    assert client.post(IMPORT).status_code == 302


def test_the_catalogue_links_to_import_for_managers_and_to_export_for_others(client, manager):
    page = client.get("/staff/procedures/").get_data(as_text=True)
    assert f'href="{IMPORT}"' in page
    form = client.get(IMPORT).get_data(as_text=True)
    assert 'enctype="multipart/form-data"' in form and f"{IMPORT}/template.xlsx" in form


def test_the_import_page_and_its_report_speak_vietnamese(client, unit, field):
    from tests.core.test_i18n import _english_phrases, _visible_text

    login(client, make_user(Role.MANAGER, unit=unit))
    phrases = _english_phrases()
    bad = xlsx_bytes([good_row(unit, field, "V.1", processing_days="ba", unit="?"), good_row(unit, field, "V.1")])
    for response in (client.get(IMPORT), upload(client, bad)[0], upload(client, b"\xff\xfe", "a.xlsx")[0],
                     upload(client, windows_1258("Mã thủ tục;Tên"), "a.csv")[0]):
        text = _visible_text(response.get_data(as_text=True))
        assert [p for p in phrases if p in text] == [], text
    assert "Nhập, xuất dữ liệu" in client.get("/staff/procedures/").get_data(as_text=True)
