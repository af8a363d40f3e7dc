"""New passwords are checked for strength (issue 13 point 10): zxcvbn's score 3 or more with the person's and
the town's names as its first guesses, a short list of common passwords, and the town's name with a year, each
refused beside the field in English and Vietnamese. Demo and test accounts skip the check, on purpose."""
from __future__ import annotations

import pytest

from portal.auth import services
from portal.core.access import Role
from portal.core.db import db
from portal.demo.constants import DEMO_PASSWORD
from tests.auth.helpers import events, field_error, reload
from tests.factories import PASSWORD, login, make_unit, make_user

COMMON = "This password is among the first that attackers try. Choose another."
PLACE = "A place's name with a year or a few digits is among the first passwords attackers try. Choose another."
WEAK = "The password is too easy to guess. Use a longer one, e.g. several unrelated words."


def _change(client, new):
    return client.post("/auth/password", data={"current_password": PASSWORD, "password": new, "confirm": new})


@pytest.mark.parametrize(("password", "message"), [
    ("1234567890", COMMON),
    ("password12", COMMON),
    ("Matkhau@2024", COMMON),
    ("GiaNghia2019", PLACE),
    ("gianghia@2024", PLACE),
    ("Gia-Nghĩa-2025", PLACE),
    ("LamDong2025!", PLACE),
    ("abcd123456", WEAK),
    ("Nguyenthimai1990", WEAK),  # the person's own name and a year
])
def test_weak_new_passwords_are_refused_beside_the_field(client, password, message):
    user = make_user(Role.HANDLER, full_name="Nguyễn Thị Mai")
    login(client, user)
    client.set_cookie("lang", "en")
    response = _change(client, password)
    assert response.status_code == 422
    assert field_error(response.get_data(as_text=True), "password") == message
    assert reload(user).password_hash == user.password_hash
    assert events("user.change_password") == []


def test_the_refusal_is_in_vietnamese_too(client):
    user = make_user(Role.HANDLER)
    login(client, user)
    client.set_cookie("lang", "vi")
    response = _change(client, "GiaNghia2019")
    assert response.status_code == 422
    assert field_error(response.get_data(as_text=True), "password") == (
        "Tên địa danh kèm năm hoặc vài chữ số là một trong những mật khẩu kẻ tấn công thử đầu tiên. "
        "Hãy chọn mật khẩu khác.")


def test_the_units_name_is_a_first_guess_too(client):
    unit = make_unit(name="Phòng Tư pháp")
    user = make_user(Role.HANDLER, unit=unit)
    login(client, user)
    client.set_cookie("lang", "en")
    response = _change(client, "PhongTuPhap2026")
    assert field_error(response.get_data(as_text=True), "password") == PLACE


def test_a_strong_password_is_accepted(client):
    user = make_user(Role.HANDLER)
    login(client, user)
    assert _change(client, "Ca-phe-sang-o-Dak-Nia").status_code == 302


def test_an_administrator_cannot_create_an_account_with_a_weak_password(client):
    admin, unit = make_user(Role.ADMIN), make_unit()
    login(client, admin)
    client.set_cookie("lang", "en")
    response = client.post("/staff/users/new", data={
        "full_name": "Nguyễn Thị Mai", "email": "mai.nguyen@gianghia.gov.vn", "unit_id": str(unit.id),
        "roles": ["handler"], "is_active": "y", "password": "gianghia@2024"})
    assert response.status_code == 422
    assert field_error(response.get_data(as_text=True), "password") == PLACE
    assert services.find_by_email("mai.nguyen@gianghia.gov.vn") is None


def test_an_administrator_cannot_reset_to_a_weak_password(client):
    admin, user = make_user(Role.ADMIN), make_user(Role.HANDLER)
    login(client, admin)
    client.set_cookie("lang", "en")
    response = client.post(f"/staff/users/{user.id}/reset-password", data={"password": "password12"},
                           follow_redirects=True)
    assert COMMON in response.get_data(as_text=True)
    assert reload(user).password_hash == user.password_hash


def test_demo_accounts_skip_the_check_on_purpose(app_ctx):
    """The demo's published password is weak by design (demo only): seed-demo passes check_strength=False."""
    unit = make_unit()
    with pytest.raises(services.DomainError):
        services.create_user(email="demo1@gianghia.gov.vn", full_name="Lê Văn Demo", unit_id=unit.id,
                             roles=[Role.HANDLER], password=DEMO_PASSWORD)
    db.session.rollback()
    user = services.create_user(email="demo2@gianghia.gov.vn", full_name="Lê Văn Demo", unit_id=unit.id,
                                roles=[Role.HANDLER], password=DEMO_PASSWORD, check_strength=False)
    db.session.commit()
    assert services._verify(user.password_hash, DEMO_PASSWORD)
