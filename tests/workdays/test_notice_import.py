"""The Government's yearly notice read from XLSX/CSV and applied (services): every bad input refused with a
message, the preview's classification, apply with one audit row per change, and idempotence."""
from __future__ import annotations

import io
import unicodedata
from datetime import date, datetime
from pathlib import Path

import openpyxl
import pytest
from flask_babel import force_locale
from flask_login import login_user
from sqlalchemy import func, select

from portal.core.access import Role
from portal.core.audit import AuditEvent
from portal.core.db import db
from portal.core.errors import DomainError
from portal.workdays import notice_import, services
from portal.workdays.models import WorkdayException
from portal.workdays.notice_import import ImportRefused, check_rows, read_notice
from portal.workdays.rules import ExceptionKind, NoticeChange, notice_change
from tests.factories import make_user

SAMPLE = Path(__file__).resolve().parents[2] / "portal" / "workdays" / "data" / "thong-bao-nghi-2027-mau.csv"
HEADER = "Ngày,Loại,Lý do\n"


@pytest.fixture(autouse=True)
def english(app_ctx):
    """Messages compared in English here; the view tests check them in Vietnamese too."""
    with force_locale("en"):
        yield


def csv_bytes(*lines: str, encoding: str = "utf-8", header: str = HEADER) -> bytes:
    text = header + "\n".join(lines) + "\n"
    return windows_1258(text) if encoding == "cp1258" else text.encode(encoding)


def windows_1258(text: str) -> bytes:
    """As Windows writes Vietnamese in CP1258: base letters precomposed (â, ơ, đ…), tone marks combining."""
    tones = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}
    out = []
    for ch in unicodedata.normalize("NFC", text):
        parts = unicodedata.normalize("NFD", ch)
        base = unicodedata.normalize("NFC", "".join(c for c in parts if c not in tones))
        out.append(base + "".join(c for c in parts if c in tones))
    return "".join(out).encode("cp1258")


def xlsx_bytes(rows) -> bytes:
    book = openpyxl.Workbook()
    for row in rows:
        book.active.append(list(row))
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def refused(data: bytes, name: str = "notice.csv") -> str:
    with pytest.raises(ImportRefused) as err:
        read_notice(data, name)
    assert err.value.field == "file"
    return str(err.value.message)


def problems(data: bytes, year: int = 2027, name: str = "notice.csv") -> dict[int, str]:
    rows, found = check_rows(read_notice(data, name), year)
    return {p.number: " ".join(str(m) for m in p.messages) for p in found}


# --- the file as a whole ---------------------------------------------------------------------------------------

def test_wrong_types_are_refused(app_ctx):
    assert "Only XLSX and CSV" in refused(b"%PDF-1.4 ...", "notice.pdf")
    assert "old Excel file" in refused(b"\xd0\xcf\x11\xe0" + b"\x00" * 100, "notice.xls")
    assert "not a readable Excel workbook" in refused(b"Ngay,Loai\n", "notice.xlsx")
    assert "not a readable Excel workbook" in refused(b"PK\x03\x04broken zip", "notice.xlsx")
    assert "not a text CSV" in refused(b"\x00\x01\x02binary", "notice.csv")


def test_an_oversized_or_empty_file_is_refused(app_ctx):
    assert "larger than 256 KB" in refused(b"a" * (notice_import.MAX_BYTES + 1))
    assert "empty" in refused(b"")
    assert "holds no dates" in refused(HEADER.encode())
    lines = [f"{(date(2027, 1, 1).toordinal() + i)},Ngày nghỉ,x" for i in range(notice_import.MAX_ROWS + 1)]
    assert "more than 400 rows" in refused(csv_bytes(*lines))


def test_windows_1258_is_refused_and_utf8_with_bom_is_read(app_ctx):
    line = "15/04/2027,Ngày nghỉ,Nghỉ hoán đổi"
    assert "not encoded in UTF-8" in refused(csv_bytes(line, encoding="cp1258"))
    for encoding in ("utf-8-sig", "utf-16"):
        rows, found = check_rows(read_notice(csv_bytes(line, encoding=encoding), "notice.csv"), 2027)
        assert not found and [(r.on, r.kind, r.reason) for r in rows] == [
            (date(2027, 4, 15), ExceptionKind.DAY_OFF, "Nghỉ hoán đổi")], encoding


def test_a_file_without_the_headers_is_refused(app_ctx):
    assert "column headers of the template" in refused(b"15/04/2027,Ngay nghi,x\n")


def test_semicolon_csv_and_english_headers_are_read(app_ctx):
    data = csv_bytes("2027-04-24;Make-up working day;Notice 12", header="Date;Kind;Reason\n")
    rows, found = check_rows(read_notice(data, "n.csv"), 2027)
    assert not found and rows[0].kind == ExceptionKind.WORKING_DAY and rows[0].on == date(2027, 4, 24)


# --- row by row -------------------------------------------------------------------------------------------------

def test_each_bad_row_is_named_with_its_problem(app_ctx):
    found = problems(csv_bytes(
        "15/04/2027,Ngày nghỉ,QĐ 1",  # row 2: fine
        "31/02/2027,Ngày nghỉ,QĐ 2",  # row 3: no such date
        "15/04/2026,Ngày nghỉ,QĐ 3",  # row 4: another year
        "15/04/2027,Ngày làm bù,QĐ 4",  # row 5: same date as row 2
        "16/04/2027,Nghỉ phép,QĐ 5",  # row 6: unknown kind
        "19/04/2027,Ngày nghỉ,",  # row 7: no reason
    ))
    assert sorted(found) == [3, 4, 5, 6, 7]
    assert "“31/02/2027” is not a date" in found[3]
    assert "15/04/2026 is not in 2027" in found[4]
    assert "15/04/2027 is already on row 2" in found[5]
    assert "“Nghỉ phép” is not a kind" in found[6]
    assert "Enter the reason" in found[7]


def test_xlsx_dates_cells_and_text_dates_are_read(app_ctx):
    data = xlsx_bytes([("Ngày (Date)", "Loại (Kind)", "Lý do, căn cứ (Reason)"),
                       (datetime(2027, 4, 15), "Ngày nghỉ", "TB 1"), ("24/04/2027", "ngay lam bu", "TB 1"),
                       (None, None, None), ("xx", "Ngày nghỉ", "TB 1")])
    rows, found = check_rows(read_notice(data, "n.xlsx"), 2027)
    assert [(r.number, r.on, r.kind) for r in rows] == [(2, date(2027, 4, 15), ExceptionKind.DAY_OFF),
                                                        (3, date(2027, 4, 24), ExceptionKind.WORKING_DAY)]
    assert [(p.number, "is not a date" in str(p.messages[0])) for p in found] == [(5, True)]


def test_the_template_is_read_back_as_a_notice_with_no_dates(app_ctx):
    assert "holds no dates" in refused(notice_import.template_xlsx(), "mau.xlsx")


def test_the_2027_sample_reads_without_problems(app_ctx):
    rows, found = check_rows(read_notice(SAMPLE.read_bytes(), SAMPLE.name), 2027)
    assert not found and len(rows) == 13


# --- the decision (pure) ----------------------------------------------------------------------------------------

@pytest.mark.parametrize("kind, existing, working_nationally, expected", [
    (ExceptionKind.DAY_OFF, None, True, NoticeChange.ADD),
    (ExceptionKind.DAY_OFF, None, False, NoticeChange.SAME_NATIONAL),  # already a holiday
    (ExceptionKind.WORKING_DAY, None, False, NoticeChange.ADD),  # a make-up Saturday
    (ExceptionKind.WORKING_DAY, None, True, NoticeChange.SAME_NATIONAL),
    (ExceptionKind.DAY_OFF, (ExceptionKind.DAY_OFF, "TB 1"), True, NoticeChange.SAME_LOCAL),
    (ExceptionKind.DAY_OFF, (ExceptionKind.DAY_OFF, "TB 0"), True, NoticeChange.CHANGE),
    (ExceptionKind.DAY_OFF, (ExceptionKind.WORKING_DAY, "TB 1"), False, NoticeChange.CHANGE),
])
def test_notice_change(kind, existing, working_nationally, expected):
    assert notice_change(kind, "TB 1", existing, working_nationally) == expected


# --- preview and apply ------------------------------------------------------------------------------------------

@pytest.fixture()
def as_admin(app_ctx):
    admin = make_user(Role.ADMIN)
    with app_ctx.test_request_context():
        login_user(admin)
        yield admin


def audit_actions() -> list[str]:
    return list(db.session.scalars(select(AuditEvent.action).where(AuditEvent.object_type == "workday_exception")
                                   .order_by(AuditEvent.id)))


def test_preview_apply_audit_and_idempotence(as_admin):
    db.session.add(WorkdayException(on=date(2027, 4, 24), kind=ExceptionKind.WORKING_DAY, reason="Tạm ghi",
                                    created_by_id=as_admin.id))
    db.session.commit()
    data = SAMPLE.read_bytes()
    preview = services.read_notice_file(data, SAMPLE.name, 2027)
    by_day = {line.row.on: line.change for line in preview.lines}
    assert by_day[date(2027, 4, 15)] == NoticeChange.ADD
    assert by_day[date(2027, 4, 24)] == NoticeChange.CHANGE
    assert by_day[date(2027, 2, 8)] == by_day[date(2027, 11, 24)] == NoticeChange.SAME_NATIONAL
    assert (preview.count(NoticeChange.ADD), preview.count(NoticeChange.CHANGE)) == (1, 1)
    assert db.session.scalar(select(func.count(WorkdayException.id))) == 1  # a preview stores nothing

    services.apply_notice(read_notice(data, SAMPLE.name), 2027)
    db.session.commit()
    rows = {r.on: (r.kind, r.reason) for r in db.session.scalars(select(WorkdayException))}
    assert rows[date(2027, 4, 15)][0] == ExceptionKind.DAY_OFF
    assert rows[date(2027, 4, 24)] == (ExceptionKind.WORKING_DAY, "Mẫu minh hoạ, không phải thông báo chính thức: "
                                                                  "làm bù cho ngày 15/04/2027")
    assert len(rows) == 2
    assert audit_actions() == ["workday_exception.create", "workday_exception.update"]
    cal = services.calendar_for([2027], language="vi")
    assert not cal.is_working_day(date(2027, 4, 15)) and cal.is_working_day(date(2027, 4, 24))

    again = services.read_notice_file(data, SAMPLE.name, 2027)
    assert {line.change for line in again.lines} == {NoticeChange.SAME_LOCAL, NoticeChange.SAME_NATIONAL}
    services.apply_notice(read_notice(data, SAMPLE.name), 2027)
    db.session.commit()
    assert len(audit_actions()) == 2 and db.session.scalar(select(func.count(WorkdayException.id))) == 2


def test_apply_refuses_everything_when_one_row_is_bad(as_admin):
    records = read_notice(csv_bytes("15/04/2027,Ngày nghỉ,TB 1", "16/04/2027,Nghỉ phép,TB 1"), "n.csv")
    with pytest.raises(DomainError):
        services.apply_notice(records, 2027)
    db.session.rollback()
    assert db.session.scalar(select(func.count(WorkdayException.id))) == 0 and audit_actions() == []
