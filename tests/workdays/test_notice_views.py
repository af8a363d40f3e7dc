"""The yearly notice on the calendar page: upload (admin only), preview, confirm; every bad file answered beside the
file field or per row, in Vietnamese and English, and nothing applied until the confirmation."""
from __future__ import annotations

import io
import json
import re
from pathlib import Path

import openpyxl
import pytest
from sqlalchemy import func, select

from portal.core.access import Role
from portal.core.audit import AuditEvent
from portal.core.db import db
from portal.workdays import notice_import
from portal.workdays.models import WorkdayException
from tests.factories import login, make_user, page_as

CALENDAR = "/staff/calendar/?year=2027"
UPLOAD = "/staff/calendar/notice"
CONFIRM = "/staff/calendar/notice/confirm"
TEMPLATE = "/staff/calendar/notice/template.xlsx"
SAMPLE = Path(__file__).resolve().parents[2] / "portal" / "workdays" / "data" / "thong-bao-nghi-2027-mau.csv"


def upload(client, data: bytes, name: str = "thong-bao.csv", year: int = 2027):
    return client.post(UPLOAD, data={"year": str(year), "file": (io.BytesIO(data), name)},
                       content_type="multipart/form-data")


def exceptions() -> int:
    return db.session.scalar(select(func.count(WorkdayException.id)))


def file_error(html: str) -> str:
    """The messages beside the file field."""
    match = re.search(r'id="file-error"[^>]*>(.*?)</', html, re.S)
    assert match, "no message beside the file field"
    return match.group(1)


@pytest.fixture()
def admin(client, fixed_clock):
    user = make_user(Role.ADMIN)
    login(client, user)
    return user


def test_only_an_admin_sees_and_uses_the_import(client, fixed_clock):
    for role in (Role.MANAGER, Role.HANDLER, Role.UNIT_HEAD):
        html = page_as(client, make_user(role), CALENDAR)
        assert f'action="{UPLOAD}"' not in html and TEMPLATE not in html, role
        assert upload(client, SAMPLE.read_bytes()).status_code == 403, role
        assert client.post(CONFIRM, data={"year": "2027", "rows": "[]"}).status_code == 403, role
        assert client.get(TEMPLATE).status_code == 403, role
    html = page_as(client, make_user(Role.ADMIN), CALENDAR)
    assert f'action="{UPLOAD}"' in html and TEMPLATE in html
    assert exceptions() == 0


def test_the_template_downloads_and_has_the_headers(admin, client):
    response = client.get(TEMPLATE)
    assert response.status_code == 200 and response.mimetype.endswith("spreadsheetml.sheet")
    sheet = openpyxl.load_workbook(io.BytesIO(response.data)).worksheets[0]
    assert [c.value for c in sheet[1]] == list(notice_import.TEMPLATE_HEADERS)


@pytest.mark.parametrize("lang, data, name, expected", [
    ("vi", b"%PDF-1.4", "a.pdf", "Chỉ nhập được tệp XLSX và CSV."),
    ("en", b"%PDF-1.4", "a.pdf", "Only XLSX and CSV files can be imported."),
    ("vi", b"x" * (notice_import.MAX_BYTES + 1), "a.csv", "Tệp lớn hơn 256 KB"),
    ("en", b"x" * (notice_import.MAX_BYTES + 1), "a.csv", "The file is larger than 256 KB"),
    ("vi", "Ngày,Loại,Lý do\n15/04/2027,Nghỉ,TB\n".encode("utf-16-le"), "a.csv", "Tệp không phải là tệp văn bản CSV."),
    ("en", b"Ng\xe0y,Lo\xf2ai,L\xec do\n", "a.csv", "not encoded in UTF-8"),
    ("vi", b"Ng\xe0y,Lo\xf2ai,L\xec do\n", "a.csv", "Tệp CSV không dùng bảng mã UTF-8"),
    ("en", b"PK\x03\x04not a zip", "a.xlsx", "not a readable Excel workbook"),
    ("vi", b"a,b,c\n1,2,3\n", "a.csv", "Ngày (Date), Loại (Kind)"),
])
def test_a_bad_file_is_answered_beside_the_file_field(admin, client, lang, data, name, expected):
    client.get(f"/language/{lang}")
    response = upload(client, data, name)
    assert response.status_code == 422
    html = response.get_data(as_text=True)
    assert expected in file_error(html)
    assert f'action="{UPLOAD}"' in html  # the calendar page again, with its form
    assert exceptions() == 0


def test_no_file_chosen(admin, client):
    response = client.post(UPLOAD, data={"year": "2027"}, content_type="multipart/form-data")
    assert response.status_code == 422
    assert "Chọn tệp thông báo." in file_error(response.get_data(as_text=True))


@pytest.mark.parametrize("lang, expected", [
    ("vi", ["“31/02/2027” không phải là ngày", "15/04/2026 không thuộc năm 2027", "15/04/2027 đã có ở dòng 2",
            "“Nghỉ phép” không phải là loại ngày"]),
    ("en", ["“31/02/2027” is not a date", "15/04/2026 is not in 2027", "15/04/2027 is already on row 2",
            "“Nghỉ phép” is not a kind"]),
])
def test_bad_rows_are_listed_and_nothing_can_be_applied(admin, client, lang, expected):
    client.get(f"/language/{lang}")
    data = ("Ngày,Loại,Lý do\n15/04/2027,Ngày nghỉ,TB 1\n31/02/2027,Ngày nghỉ,TB 1\n15/04/2026,Ngày nghỉ,TB 1\n"
            "15/04/2027,Ngày làm bù,TB 1\n16/04/2027,Nghỉ phép,TB 1\n").encode("utf-8-sig")
    response = upload(client, data)
    assert response.status_code == 422
    html = response.get_data(as_text=True)
    problems = re.search(r'<ul class="plain notice-problems" id="notice-problems">(.*)</ul>', html, re.S).group(1)
    items = re.split(r"<li><strong>", problems)[1:]  # one per bad row, its messages inside
    assert len(items) == 4
    for item, number, message in zip(items, (3, 4, 5, 6), expected, strict=True):
        assert re.match(rf"\w+ {number}</strong>", item) and message in item, message
    assert f'action="{CONFIRM}"' not in html
    assert exceptions() == 0


@pytest.mark.parametrize("lang, words", [
    ("vi", ["Sẽ thêm", "Đã có (lịch quốc gia)", "xem trước"]),
    ("en", ["Will be added", "Already there (national calendar)", "preview"]),
])
def test_preview_confirm_audit_and_reimport(admin, client, lang, words):
    client.get(f"/language/{lang}")
    response = upload(client, SAMPLE.read_bytes(), SAMPLE.name)
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    for word in words:
        assert word in html
    lines = re.search(r'id="notice-lines">(.*?)</table>', html, re.S).group(1)
    assert lines.count('class="notice-add"') == 2 and lines.count('class="notice-same_national"') == 11
    assert exceptions() == 0  # the preview stores nothing
    rows = re.search(r'name="rows" type="hidden" value="([^"]*)"', html).group(1)
    rows = json.loads(rows.replace("&#34;", '"').replace("&quot;", '"'))

    response = client.post(CONFIRM, data={"year": "2027", "rows": json.dumps(rows)})
    assert response.status_code == 302 and response.headers["Location"].endswith("/staff/calendar/?year=2027")
    assert exceptions() == 2
    audited = list(db.session.scalars(select(AuditEvent).where(AuditEvent.action == "workday_exception.create")))
    assert sorted(e.summary for e in audited) == ["2027-04-15", "2027-04-24"]
    assert all(e.actor_id == admin.id for e in audited)

    again = upload(client, SAMPLE.read_bytes(), SAMPLE.name).get_data(as_text=True)
    assert 'class="notice-add"' not in again and f'action="{CONFIRM}"' not in again
    assert client.post(CONFIRM, data={"year": "2027", "rows": json.dumps(rows)}).status_code == 302
    assert exceptions() == 2
    assert db.session.scalar(select(func.count(AuditEvent.id)).where(
        AuditEvent.object_type == "workday_exception")) == 2


def test_a_tampered_confirmation_is_checked_again(admin, client):
    response = client.post(CONFIRM, data={"year": "2027", "rows": json.dumps([[2, "2027-04-15", "nghi phep", "x"]])})
    assert response.status_code == 422
    assert "Thông báo có dòng bị lỗi; chưa nhập gì." in file_error(response.get_data(as_text=True))
    broken = client.post(CONFIRM, data={"year": "2027", "rows": "not json"})
    assert broken.status_code == 422
    assert "Không đọc được bản xem trước" in file_error(broken.get_data(as_text=True))
    assert exceptions() == 0
