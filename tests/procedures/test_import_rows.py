"""Reading and checking import rows (procedures/spreadsheets.py, imports.py) against the database,
without the web layer: every kind of bad cell is reported with its row and column, and stores nothing."""
from __future__ import annotations

import io
from datetime import date

import openpyxl
import pytest
from flask import current_app
from flask_babel import force_locale
from sqlalchemy import func, select

from portal.procedures import imports, spreadsheets
from portal.procedures.columns import COLUMNS
from portal.procedures.models import Procedure
from portal.units.models import UnitLevel
from tests.factories import make_field, make_procedure, make_unit
from tests.procedures.import_helpers import HEADERS, csv_bytes, good_row, xlsx_bytes

DAYS = "Thời hạn giải quyết (ngày làm việc)"


@pytest.fixture()
def ref(app_ctx):
    unit = make_unit(code="000.00.31.H17", name="UBND phường Nghĩa Đức", level=UnitLevel.COMMUNE)
    field = make_field("HT", "Hộ tịch")
    with force_locale("en"):
        yield unit, field


def run(rows, mode="all_or_nothing", max_rows=5000):
    return imports.import_procedures(imports.read_rows(xlsx_bytes(rows), "f.xlsx", max_rows), mode)


def count() -> int:
    return imports.db.session.scalar(select(func.count()).select_from(Procedure))


BAD_CELLS = [
    ({"processing_days": -2}, DAYS, "The processing time cannot be negative."),
    ({"processing_days": "-2"}, DAYS, "The processing time cannot be negative."),
    ({"processing_days": 2.5}, DAYS, "The processing time must be a whole number of working days."),
    ({"processing_days": "3 ngày"}, DAYS, "The processing time must be a whole number of working days."),
    ({"processing_days": 400}, DAYS, "The processing time cannot exceed 365 working days."),
    ({"processing_days": None}, DAYS, "This field is required."),
    ({"name": "  "}, "Tên thủ tục", "This field is required."),
    ({"code": None}, "Mã thủ tục", "This field is required."),
    ({"decision_number": None}, "Số quyết định công bố", "This field is required."),
    ({"decision_date": "31/02/2024"}, "Ngày quyết định công bố", "Write the date as dd/mm/yyyy, for example 15/03/2024."),
    ({"unit": "Phòng Không Có", "level": "Cấp huyện"}, "Cơ quan thực hiện",
     "Unknown unit “Phòng Không Có”: write a unit code or name"),
    ({"unit": "Phòng Không Có"}, "Cơ quan thực hiện", "A ward / commune-level procedure names no unit"),
    ({"unit": None, "level": "Cấp huyện"}, "Cơ quan thực hiện", "This field is required."),
    ({"field": "Ngoại giao"}, "Lĩnh vực", "Unknown field “Ngoại giao”: write a field code or name"),
    ({"level": "Cấp tỉnh"}, "Cấp thực hiện", "Write “Cấp huyện” (town level) or “Cấp xã”"),
    ({"channels": "Trực tiếp, Fax"}, "Cách thức thực hiện", "Unknown channel “Fax”"),
    ({"documents": "Tờ khai; bản nháp; 1"}, "Thành phần hồ sơ", "Lines 1 could not be read."),
    ({"fee_amount": "-5000"}, "Lệ phí (đồng)", "The fee must be a whole, non-negative number of đồng."),
    ({"sets": 0}, "Số bộ hồ sơ", "The number of sets must be between 1 and 99."),
    ({"online_level": "Mức 5"}, "Mức độ DVC trực tuyến", "Write “Toàn trình”, “Một phần” or “Không”."),
    ({"name": "x" * 501}, "Tên thủ tục", "This text is too long (at most 500 characters)."),
]


@pytest.mark.parametrize("changes, column, message", BAD_CELLS)
def test_a_bad_cell_is_reported_with_its_row_and_column_and_nothing_is_stored(ref, changes, column, message):
    unit, field = ref
    report = run([good_row(unit, field, "A.1"), good_row(unit, field, "A.2", **changes)])
    assert (report.rows, report.created, report.bad_rows) == (2, 0, 1)
    assert [(p.row, p.column) for p in report.problems] == [(3, column)]
    assert report.problems[0].message.startswith(message)
    assert count() == 0


def test_several_problems_in_one_row_are_all_reported(ref):
    unit, field = ref
    report = run([good_row(unit, field, "A.1", name="", processing_days="ba", unit="?", decision_date="hôm qua")])
    assert [p.column for p in report.problems] == ["Tên thủ tục", "Cơ quan thực hiện", DAYS, "Ngày quyết định công bố"]


def test_duplicate_codes_in_the_file_and_in_the_catalogue(ref):
    unit, field = ref
    make_procedure("1.000002.H17", unit=unit, field=field)
    report = run([good_row(unit, field, "B.1"), good_row(unit, field, "B.2"), good_row(unit, field, "b.1"),
                  good_row(unit, field, "1.000002.h17")], mode="valid_only")
    assert [(p.row, p.column, p.message) for p in report.problems] == [
        (4, "Mã thủ tục", "This code is repeated: row 2 of this file already uses it."),
        (5, "Mã thủ tục", "Another procedure already uses this code."),
    ]
    assert report.created == 2 and count() == 3


def test_values_are_read_as_a_clerk_writes_them(ref):
    unit, field = ref
    report = run([good_row(unit, field, "C.1", unit=unit.name.upper(), field="ht", level="cấp xã",
                           channels="Bưu chính; trực tuyến", fee_amount="50.000 đồng", processing_days=5.0,
                           decision_date=date(2024, 3, 15), online_level="", old_online_level="Mức độ 3")])
    assert report.problems == [] and report.created == 1
    version = imports.services.get_by_code("C.1").current_version
    # A ward / commune-level row may name a ward: it is read, and not kept (every ward handles it).
    assert (version.unit_id, version.field_id, version.level, version.channels) == (None, field.id, "commune",
                                                                                    ["post", "online"])
    assert (version.fee_amount, version.processing_days, version.online_level, version.old_online_level) == (
        50000, 5, "none", 3)
    assert version.documents[1] == {"name": "Giấy xác nhận tình trạng hôn nhân", "kind": "certified_copy", "count": 2}


def test_a_name_shared_by_two_units_must_be_given_by_code(ref):
    unit, field = ref
    make_unit(name=unit.name)
    report = run([good_row(unit, field, "D.1", unit=unit.name, level="Cấp huyện")])
    assert report.problems[0].message.startswith("Several entries are named")


def test_an_inactive_unit_is_refused(ref):
    unit, field = ref
    unit.is_active = False
    report = run([good_row(unit, field, "D.2", level="Cấp huyện")])
    assert report.problems[0].column == "Cơ quan thực hiện" and "no longer active" in report.problems[0].message


@pytest.mark.parametrize("cell", [None, "UBND cấp xã", "ubnd cap xa"])
def test_a_commune_level_row_names_no_unit(ref, cell):
    unit, field = ref
    report = run([good_row(unit, field, "G.1", unit=cell)])
    assert report.problems == [] and report.created == 1
    assert imports.services.get_by_code("G.1").current_version.unit_id is None


def test_blank_rows_are_skipped_and_numbering_follows_the_sheet(ref):
    unit, field = ref
    report = run([good_row(unit, field, "E.1"), {}, good_row(unit, field, "E.2", sets="hai")])
    assert report.rows == 2 and report.problems[0].row == 4


def test_headers_in_any_order_with_the_optional_column_missing_and_an_stt_column(ref):
    unit, field = ref
    row = good_row(unit, field, "F.1")
    columns = list(reversed(COLUMNS[:-1]))  # no "Mức độ DVC cũ (1-4)"
    book = openpyxl.Workbook()
    book.active.append(["STT"] + [header.upper() + " *" for _key, header in columns])
    book.active.append([1] + [row.get(key) for key, _header in columns])
    buffer = io.BytesIO()
    book.save(buffer)
    report = imports.import_procedures(imports.read_rows(buffer.getvalue(), "f.xlsx", 10))
    assert report.created == 1, report.problems


def test_a_file_with_only_headers_or_nothing_is_refused(ref):
    with pytest.raises(imports.ImportRefused, match="no procedure rows"):
        imports.import_procedures(imports.read_rows(xlsx_bytes([]), "f.xlsx", 10))
    with pytest.raises(imports.ImportRefused, match="The file is empty"):
        imports.import_procedures(imports.read_rows(b"", "f.csv", 10))
    with pytest.raises(imports.ImportRefused, match="no header row"):
        imports.import_procedures(imports.read_rows(b"\n\n", "f.csv", 10))


def test_an_old_xls_file_is_refused_with_advice(ref):
    with pytest.raises(imports.ImportRefused, match=r"old Excel file \(.xls\)"):
        imports.read_rows(b"\xd0\xcf\x11\xe0" + bytes(100), "f.xlsx", 10)


def test_a_workbook_that_unpacks_too_large_is_refused_before_it_is_opened(ref, monkeypatch):
    unit, field = ref
    monkeypatch.setattr(spreadsheets, "MAX_UNPACKED_BYTES", 10_000)
    with pytest.raises(imports.ImportRefused, match="too large once unpacked"):
        list(imports.read_rows(xlsx_bytes([good_row(unit, field, "A.1")]), "f.xlsx", 10))


def test_csv_utf16_and_plain_utf8_are_read(ref):
    unit, field = ref
    for n, encoding in enumerate(("utf-16", "utf-8")):
        rows = list(imports.read_rows(csv_bytes([good_row(unit, field, f"G.{n}")], encoding=encoding), "f.csv", 10))
        assert rows[0].values["name"] == "Đăng ký kết hôn" and rows[0].number == 2


def test_fifty_thousand_rows_are_refused_by_the_default_limit_without_reading_them_all(ref):
    unit, field = ref
    line = csv_bytes([good_row(unit, field, "H.1")]).split(b"\n", 1)[1]
    data = csv_bytes([]) + line * 50_000
    limit = current_app.config["IMPORT_MAX_ROWS"]
    with pytest.raises(imports.ImportRefused, match=f"more than {limit} procedure rows"):
        imports.import_procedures(imports.read_rows(data, "f.csv", limit))
    assert count() == 0
    consumed = []

    def rows():
        for number in range(1, 50_001):
            consumed.append(number)
            yield number, (HEADERS if number == 1 else ["x"] * len(HEADERS))

    with pytest.raises(imports.ImportRefused):
        list(spreadsheets._records(rows(), 100))
    assert len(consumed) == 102  # the header, 100 rows, and the one that broke the limit
