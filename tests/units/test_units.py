"""Unit screens: the list in Vietnamese order, one unit's page, and the administrators' create/edit."""
from __future__ import annotations

import re
from html import unescape
from urllib.parse import urlsplit

import pytest
from sqlalchemy import func, select

from portal.core.access import Role
from portal.core.db import db
from portal.units.models import Unit, UnitLevel
from tests.auth.helpers import events, field_error, form_alert
from tests.factories import login, make_unit, make_user

TOWN = ["Phòng Giáo dục và Đào tạo", "Văn phòng HĐND và UBND thị xã", "Phòng Đô thị", "Đài Truyền thanh thị xã",
        "Phòng Dân tộc"]
COMMUNES = ["UBND phường Nghĩa Trung", "UBND xã Quảng Thành", "UBND phường Nghĩa Đức", "UBND xã Đắk R'Moan",
            "UBND phường Nghĩa Tân", "UBND xã Đắk Nia"]


def _listed_names(html: str) -> list[str]:
    return [unescape(n) for n in re.findall(r'<td><a href="/staff/units/\d+">([^<]+)</a></td>', html)]


def _signed_in(client, role: Role, **kwargs):
    user = make_user(role, **kwargs)
    assert login(client, user).status_code == 302
    client.set_cookie("lang", "en")
    client.user = user
    return client


@pytest.fixture()
def admin_client(client):
    return _signed_in(client, Role.ADMIN, full_name="Trần Minh Tuấn")


def _reload(unit: Unit) -> Unit:
    db.session.expire_all()
    return db.session.get(Unit, unit.id)


def _count_units() -> int:
    return db.session.scalar(select(func.count(Unit.id)))


def test_list_shows_town_offices_then_wards_in_vietnamese_order(client):
    for name in COMMUNES:
        make_unit(name=name, level=UnitLevel.COMMUNE)
    for name in TOWN:
        make_unit(name=name, level=UnitLevel.TOWN)
    _signed_in(client, Role.MANAGER, unit=make_unit(name="Phòng Nội vụ"))
    names = _listed_names(client.get("/staff/units/").get_data(as_text=True))
    assert names == [
        # Town level: Đ comes after D and before G; V last.
        "Đài Truyền thanh thị xã", "Phòng Dân tộc", "Phòng Đô thị", "Phòng Giáo dục và Đào tạo", "Phòng Nội vụ",
        "Văn phòng HĐND và UBND thị xã",
        # Ward / commune level, after every town office.
        "UBND phường Nghĩa Đức", "UBND phường Nghĩa Tân", "UBND phường Nghĩa Trung",
        "UBND xã Đắk Nia", "UBND xã Đắk R'Moan", "UBND xã Quảng Thành",
    ]


def test_managers_read_the_list_but_only_admins_get_edit_links(client):
    unit = make_unit(name="Phòng Tư pháp")
    manager = _signed_in(client, Role.MANAGER, unit=unit)
    html = manager.get("/staff/units/").get_data(as_text=True)
    assert "Phòng Tư pháp" in html
    assert 'href="/staff/units/new"' not in html and f'href="/staff/units/{unit.id}/edit"' not in html

    admin = _signed_in(client.application.test_client(), Role.ADMIN)
    html = admin.get("/staff/units/").get_data(as_text=True)
    assert 'href="/staff/units/new"' in html and f'href="/staff/units/{unit.id}/edit"' in html


def test_unit_page_lists_its_own_staff_only(client):
    unit, other = make_unit(name="Phòng Tư pháp"), make_unit(name="Phòng Nội vụ")
    make_user(Role.HANDLER, unit=unit, full_name="Đặng Thị Thu Hà")
    make_user(Role.HANDLER, unit=unit, full_name="Bùi Văn An")
    make_user(Role.DESK_OFFICER, unit=unit, full_name="Giang Thị Lan")
    make_user(Role.HANDLER, unit=other, full_name="Người Đơn Vị Khác")
    _signed_in(client, Role.UNIT_HEAD, unit=unit, full_name="Cao Minh Châu")
    html = client.get(f"/staff/units/{unit.id}").get_data(as_text=True)
    staff = re.findall(r"<tr><td>([^<]+)</td>", html)
    assert staff == ["Bùi Văn An", "Cao Minh Châu", "Đặng Thị Thu Hà", "Giang Thị Lan"]  # D < Đ < G
    assert unit.code in html


def _unit_form(**changes) -> dict:
    data = {"code": "000.31.26.H17", "name": "UBND xã Đắk Ha", "level": "commune", "parent_id": "0",
            "is_active": "y"}
    data.update(changes)
    return {k: v for k, v in data.items() if v is not None}


def _edit_form(unit: Unit, **changes) -> dict:
    current = _reload(unit)
    data = {"code": current.code, "name": current.name, "level": current.level.value,
            "parent_id": str(current.parent_id or 0), "is_active": "y" if current.is_active else None,
            "version": str(current.version)}
    data.update(changes)
    return {k: v for k, v in data.items() if v is not None}


def test_admin_creates_a_unit_and_it_is_audited(admin_client):
    parent = make_unit(name="Văn phòng HĐND và UBND thị xã")
    response = admin_client.post("/staff/units/new", data=_unit_form(
        code=" 000.31.26.h17 ", name="UBND  xã   Đắk Ha", parent_id=str(parent.id)))
    assert response.status_code == 302
    assert urlsplit(response.headers["Location"]).path == "/staff/units/"
    unit = db.session.scalar(select(Unit).where(Unit.code == "000.31.26.H17"))
    assert (unit.name, unit.level, unit.parent_id, unit.is_active) == ("UBND xã Đắk Ha", UnitLevel.COMMUNE,
                                                                       parent.id, True)
    [event] = events("unit.create")
    assert event.actor_id == admin_client.user.id and event.object_type == "unit"
    assert event.object_id == str(unit.id)
    assert event.before == {}
    assert event.after == {"code": "000.31.26.H17", "name": "UBND xã Đắk Ha", "level": "commune",
                           "parent_id": parent.id, "is_active": True, "case_code_pattern": None,
                           "valid_from": None, "valid_to": None}


def test_duplicate_code_is_refused_beside_the_field(admin_client):
    make_unit(code="000.31.26.H17")
    before = _count_units()
    response = admin_client.post("/staff/units/new", data=_unit_form(code="000.31.26.h17"))
    assert response.status_code == 422
    assert field_error(response.get_data(as_text=True), "code") == "Another unit already uses this code."
    assert _count_units() == before
    assert events("unit.create") == []


@pytest.mark.parametrize(("changes", "field", "message"), [
    ({"code": "000 31/26"}, "code", "Use letters, digits, dots and hyphens only (e.g. 000.00.12.H40)."),
    ({"code": "mã-đơn-vị"}, "code", "Use letters, digits, dots and hyphens only (e.g. 000.00.12.H40)."),
    ({"code": ""}, "code", "Enter the unit code."),
    ({"name": "  "}, "name", "Enter the unit name."),
])
def test_malformed_unit_is_refused_beside_the_field(admin_client, changes, field, message):
    before = _count_units()
    response = admin_client.post("/staff/units/new", data=_unit_form(**changes))
    assert response.status_code == 422
    assert field_error(response.get_data(as_text=True), field) == message
    assert _count_units() == before


def test_non_admins_cannot_create_or_edit_units(client):
    unit = make_unit(name="Phòng Tư pháp")
    _signed_in(client, Role.MANAGER)
    assert client.post("/staff/units/new", data=_unit_form()).status_code == 403
    assert client.post(f"/staff/units/{unit.id}/edit", data=_edit_form(unit, name="Đổi tên")).status_code == 403
    assert _reload(unit).name == "Phòng Tư pháp"


def test_admin_edits_a_unit_and_the_change_is_audited(admin_client):
    unit = make_unit(code="000.03.26.H17", name="Phòng Tư pháp")
    response = admin_client.post(f"/staff/units/{unit.id}/edit", data=_edit_form(
        unit, name="Phòng Tư pháp thị xã", is_active=None))
    assert response.status_code == 302
    edited = _reload(unit)
    assert edited.name == "Phòng Tư pháp thị xã" and edited.is_active is False
    [event] = events("unit.update")
    assert event.actor_id == admin_client.user.id
    assert {k: (old, new) for k, old, new in event.changes} == {
        "name": ("Phòng Tư pháp", "Phòng Tư pháp thị xã"), "is_active": (True, False)}


def test_edit_with_a_stale_version_is_a_conflict_and_changes_nothing(admin_client):
    unit = make_unit(code="000.03.26.H17", name="Phòng Tư pháp")
    stale = _edit_form(unit, name="Tên của tôi")
    colleague = _signed_in(admin_client.application.test_client(), Role.ADMIN)
    assert colleague.post(f"/staff/units/{unit.id}/edit",
                          data=_edit_form(unit, name="Tên của đồng nghiệp")).status_code == 302

    response = admin_client.post(f"/staff/units/{unit.id}/edit", data=stale)
    assert response.status_code == 409
    assert "changed by someone else" in form_alert(response.get_data(as_text=True))
    assert _reload(unit).name == "Tên của đồng nghiệp"
    assert len(events("unit.update")) == 1


def test_edit_to_another_units_code_is_refused(admin_client):
    make_unit(code="000.02.26.H17")
    unit = make_unit(code="000.03.26.H17")
    response = admin_client.post(f"/staff/units/{unit.id}/edit", data=_edit_form(unit, code="000.02.26.h17"))
    assert response.status_code == 422
    assert field_error(response.get_data(as_text=True), "code") == "Another unit already uses this code."
    assert _reload(unit).code == "000.03.26.H17"
    assert events("unit.update") == []


def test_a_unit_cannot_be_its_own_parent(admin_client):
    unit = make_unit()
    response = admin_client.post(f"/staff/units/{unit.id}/edit", data=_edit_form(unit, parent_id=str(unit.id)))
    assert response.status_code == 422
    assert field_error(response.get_data(as_text=True), "parent_id")
    assert _reload(unit).parent_id is None


def test_inactive_units_are_not_offered_for_new_accounts(admin_client):
    active, closed = make_unit(name="Phòng Tư pháp"), make_unit(name="Phòng đã giải thể")
    admin_client.post(f"/staff/units/{closed.id}/edit", data=_edit_form(closed, is_active=None))
    form = admin_client.get("/staff/users/new").get_data(as_text=True)
    assert f'<option value="{active.id}">' in form
    assert f'<option value="{closed.id}">' not in form
    assert "Inactive" in admin_client.get("/staff/units/").get_data(as_text=True)
