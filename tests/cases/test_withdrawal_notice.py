"""Mẫu 05 of TT 03/2025: Thông báo dừng giải quyết hồ sơ, printed once the applicant withdraws."""
from __future__ import annotations

import html

from portal.cases import documents, services
from portal.cases.rules import Action
from portal.core.db import db
from tests.cases.test_printing import APPLICANT, assert_all, docx_text, flat, local, new_case, page, world  # noqa: F401
from tests.factories import login

REASON = "Công dân xin rút hồ sơ để bổ sung giấy tờ khác"


def withdraw(case, world):
    services.transition(case, Action.WITHDRAW, now=local(2027, 3, 2, 10, 15), expected_version=case.version,
                        actor=world["officer"], note=REASON)
    db.session.commit()


def test_the_2025_notice_has_every_field_in_html_and_docx(world, client):
    case = new_case(world, "2025")
    withdraw(case, world)
    login(client, world["officer"])
    url = f"/staff/cases/{case.id}/print/withdrawal"
    expected = ["Mẫu số 05", "THÔNG BÁO DỪNG GIẢI QUYẾT HỒ SƠ", "Thông tư số 03/2025/TT-VPCP",
                f"Kính gửi: {APPLICANT['name']}", f"Mã hồ sơ: {case.code}",
                f"Thủ tục hành chính: {case.procedure_version.name}",
                "Ngày tiếp nhận hồ sơ: ngày 01 tháng 03 năm 2027",
                "Ngày dừng giải quyết hồ sơ: ngày 02 tháng 03 năm 2027", f"Lý do dừng giải quyết: {REASON}",
                # the 2025 desk is the centre of the receiving unit (DOMAIN.md §7a), not the 2018 "Bộ phận …"
                "ĐẠI DIỆN TRUNG TÂM PHỤC VỤ HÀNH CHÍNH CÔNG", "Lê Hoàng Nam",
                "Trung tâm Phục vụ hành chính công Văn phòng HĐND và UBND thị xã tiếp nhận hồ sơ",
                "Người đại diện: Nguyễn Văn Bình; số định danh cá nhân: 066085004321"]
    text = page(client, url)
    assert_all(flat(text), expected)
    assert_all(docx_text(client, url, case.code), expected)
    body = html.unescape(client.get(f"/staff/cases/{case.id}").get_data(as_text=True))
    assert url in body


def test_no_notice_before_withdrawal_or_under_the_2018_set(world, client):
    open_case = new_case(world, "2025")
    old = new_case(world, "2018", received=(2027, 3, 1, 9, 30))
    withdraw(old, world)
    login(client, world["officer"])
    assert client.get(f"/staff/cases/{open_case.id}/print/withdrawal").status_code == 404
    assert client.get(f"/staff/cases/{old.id}/print/withdrawal").status_code == 404  # the 2018 set has no such form
    body = client.get(f"/staff/cases/{old.id}").get_data(as_text=True)
    assert "/print/withdrawal" not in body
    assert documents.has_form("2025", "withdrawal") and not documents.has_form("2018", "withdrawal")


def test_another_units_staff_cannot_print_it(world, client):
    from portal.core.access import Role
    from tests.factories import make_unit, make_user

    case = new_case(world, "2025")
    withdraw(case, world)
    login(client, make_user(Role.DESK_OFFICER, unit=make_unit(code="000.99.26.H17", name="Xã khác")))
    assert client.get(f"/staff/cases/{case.id}/print/withdrawal").status_code == 403
