"""Administrators' account screens: create, edit, deactivate; every change leaves an audit row."""
from __future__ import annotations

import json
import re
from urllib.parse import urlsplit

import pytest
from sqlalchemy import func, select

from portal.auth.models import StaffUser
from portal.core.access import Role
from portal.core.db import db
from tests.auth.helpers import events, field_error, form_alert, reload
from tests.factories import PASSWORD, login, make_unit, make_user

NEW_PASSWORD = "Mat-khau-ban-dau-2026"


@pytest.fixture()
def admin_client(client):
    admin = make_user(Role.ADMIN, full_name="Trần Minh Tuấn")
    assert login(client, admin).status_code == 302
    client.set_cookie("lang", "en")
    client.admin = admin
    return client


def _count_users() -> int:
    return db.session.scalar(select(func.count(StaffUser.id)))


def _new_user_data(unit, **changes) -> dict:
    data = {"full_name": "Nguyễn Thị Mai", "email": "mai.nguyen@gianghia.gov.vn", "unit_id": str(unit.id),
            "roles": ["handler"], "is_active": "y", "password": NEW_PASSWORD}
    data.update(changes)
    return data


def _edit_data(user: StaffUser, **changes) -> dict:
    current = reload(user)
    data = {"full_name": current.full_name, "email": current.email, "unit_id": str(current.unit_id or 0),
            "roles": current.role_list, "is_active": "y", "version": str(current.version)}
    data.update(changes)
    return {k: v for k, v in data.items() if v is not None}


def test_admin_creates_an_account_that_can_sign_in(admin_client):
    unit = make_unit(name="Phòng Tư pháp")
    before = _count_users()
    response = admin_client.post("/staff/users/new", data=_new_user_data(
        unit, email="  Mai.Nguyen@GiaNghia.gov.vn ", full_name="Nguyễn  Thị   Mai", roles=["handler", "desk_officer"]))
    assert response.status_code == 302
    assert urlsplit(response.headers["Location"]).path == "/staff/users/"
    assert _count_users() == before + 1

    user = db.session.scalar(select(StaffUser).where(StaffUser.email == "mai.nguyen@gianghia.gov.vn"))
    assert user.full_name == "Nguyễn Thị Mai"
    assert user.unit_id == unit.id
    assert user.role_list == ["desk_officer", "handler"]
    assert user.password_hash.startswith("$argon2id$")

    [event] = events("user.create")
    assert event.actor_id == admin_client.admin.id and event.actor_name == "Trần Minh Tuấn"
    assert event.object_type == "staff_user" and event.object_id == str(user.id)
    assert event.before == {}
    assert event.after == {"email": "mai.nguyen@gianghia.gov.vn", "full_name": "Nguyễn Thị Mai", "unit_id": unit.id,
                           "is_active_account": True, "role_list": ["desk_officer", "handler"]}
    assert NEW_PASSWORD not in event.after_json and "argon2" not in event.after_json

    assert login(admin_client.application.test_client(), user, NEW_PASSWORD).status_code == 302


def test_duplicate_email_is_refused_beside_the_field(admin_client):
    unit = make_unit()
    make_user(Role.HANDLER, email="mai.nguyen@gianghia.gov.vn")
    before = _count_users()
    response = admin_client.post("/staff/users/new", data=_new_user_data(unit, email="MAI.NGUYEN@gianghia.gov.vn"))
    assert response.status_code == 422
    assert field_error(response.get_data(as_text=True), "email") == "An account with this e-mail already exists."
    assert _count_users() == before
    assert events("user.create") == []


@pytest.mark.parametrize(("changes", "field", "message"), [
    ({"password": "ngan-qua"}, "password", "The password is too short."),
    ({"email": "not-an-email"}, "email", "Enter a valid e-mail address."),
    ({"full_name": ""}, "full_name", "Enter the full name."),
])
def test_invalid_new_account_is_refused_beside_the_field(admin_client, changes, field, message):
    before = _count_users()
    response = admin_client.post("/staff/users/new", data=_new_user_data(make_unit(), **changes))
    assert response.status_code == 422
    assert field_error(response.get_data(as_text=True), field) == message
    assert _count_users() == before


def test_admin_edits_an_account_and_the_change_is_audited(admin_client):
    user = make_user(Role.HANDLER, full_name="Lê Hoàng Nam")
    response = admin_client.post(f"/staff/users/{user.id}", data=_edit_data(
        user, full_name="Lê Hoàng Nam Anh", roles=["handler", "unit_head"]))
    assert response.status_code == 302
    edited = reload(user)
    assert edited.full_name == "Lê Hoàng Nam Anh"
    assert edited.role_list == ["handler", "unit_head"]

    [event] = events("user.update")
    assert event.actor_id == admin_client.admin.id and event.object_id == str(user.id)
    assert event.before["full_name"] == "Lê Hoàng Nam" and event.after["full_name"] == "Lê Hoàng Nam Anh"
    assert dict((k, (old, new)) for k, old, new in event.changes) == {
        "full_name": ("Lê Hoàng Nam", "Lê Hoàng Nam Anh"),
        "role_list": (["handler"], ["handler", "unit_head"]),
    }


def test_edit_to_another_accounts_email_is_refused_beside_the_field(admin_client):
    taken = make_user(Role.HANDLER, email="da.co@gianghia.gov.vn")
    user = make_user(Role.HANDLER, email="nam.le@gianghia.gov.vn")
    response = admin_client.post(f"/staff/users/{user.id}", data=_edit_data(user, email=taken.email.upper()))
    assert response.status_code == 422
    assert field_error(response.get_data(as_text=True), "email") == "An account with this e-mail already exists."
    assert reload(user).email == "nam.le@gianghia.gov.vn"
    assert events("user.update") == []


def test_edit_with_a_stale_version_is_a_conflict_and_changes_nothing(admin_client):
    user = make_user(Role.HANDLER, full_name="Lê Hoàng Nam")
    stale = _edit_data(user, full_name="Tên của tôi")  # the form as this admin opened it

    colleague = admin_client.application.test_client()
    login(colleague, make_user(Role.ADMIN))
    assert colleague.post(f"/staff/users/{user.id}", data=_edit_data(user, full_name="Tên của đồng nghiệp")).status_code == 302

    response = admin_client.post(f"/staff/users/{user.id}", data=stale)
    assert response.status_code == 409
    assert "changed by someone else" in form_alert(response.get_data(as_text=True))
    assert reload(user).full_name == "Tên của đồng nghiệp"
    assert len(events("user.update")) == 1


def test_deactivating_an_account_ends_its_session(admin_client):
    user = make_user(Role.HANDLER)
    as_user = admin_client.application.test_client()
    login(as_user, user)
    assert as_user.get("/staff/").status_code == 200

    response = admin_client.post(f"/staff/users/{user.id}", data=_edit_data(user, is_active=None))
    assert response.status_code == 302
    assert reload(user).is_active_account is False

    refused = as_user.get("/staff/")
    assert refused.status_code == 302 and urlsplit(refused.headers["Location"]).path == "/auth/login"
    assert login(admin_client.application.test_client(), user, PASSWORD).status_code == 422

    [event] = events("user.update")
    assert event.actor_id == admin_client.admin.id
    assert json.loads(event.before_json)["is_active_account"] is True
    assert json.loads(event.after_json)["is_active_account"] is False


def test_an_account_switched_off_elsewhere_loses_its_session(client):
    """The session loader checks the flag too, whoever switched the account off (a script, the database)."""
    user = make_user(Role.HANDLER)
    login(client, user)
    reload(user).is_active_account = False
    db.session.commit()
    refused = client.get("/staff/")
    assert refused.status_code == 302 and urlsplit(refused.headers["Location"]).path == "/auth/login"


def test_non_admins_cannot_create_accounts(client):
    login(client, make_user(Role.MANAGER))
    before = _count_users()
    response = client.post("/staff/users/new", data=_new_user_data(make_unit()))
    assert response.status_code == 403
    assert _count_users() == before


def test_account_list_searches_without_accents(admin_client):
    make_user(Role.HANDLER, full_name="Nguyễn Thị Mai")
    make_user(Role.HANDLER, full_name="Phạm Thu Trang")
    page = admin_client.get("/staff/users/", query_string={"q": "nguyen thi"}).get_data(as_text=True)
    assert "Nguyễn Thị Mai" in page
    assert "Phạm Thu Trang" not in page


def test_a_sign_in_does_not_make_an_open_edit_form_stale(admin_client):
    user = make_user(Role.HANDLER, full_name="Phạm Thu Trang")
    opened = _edit_data(user, full_name="Phạm Thu Trang (Tư pháp)")
    other = admin_client.application.test_client()
    assert login(other, user).status_code == 302  # writes last_login_at on the same row
    assert admin_client.post(f"/staff/users/{user.id}", data=opened).status_code == 302
    assert reload(user).full_name == "Phạm Thu Trang (Tư pháp)"


def test_the_last_active_administrator_cannot_remove_their_own_role(admin_client):
    admin = admin_client.admin
    response = admin_client.post(f"/staff/users/{admin.id}", data=_edit_data(admin, roles=["manager"]))
    assert response.status_code == 422
    html = response.get_data(as_text=True)
    assert re.search(r'<fieldset aria-describedby="roles-error">', html)
    assert re.search(r'<p class="error" id="roles-error">[^<]*last active administrator', html)
    assert reload(admin).role_list == ["admin"]
    response = admin_client.post(f"/staff/users/{admin.id}", data=_edit_data(admin, is_active=None))
    assert response.status_code == 422 and reload(admin).is_active_account is True


def test_an_administrator_can_step_down_when_another_remains(admin_client):
    make_user(Role.ADMIN)
    admin = admin_client.admin
    response = admin_client.post(f"/staff/users/{admin.id}", data=_edit_data(admin, roles=["manager"]))
    assert response.status_code == 302
    assert reload(admin).role_list == ["manager"]


def test_handlers_need_a_unit_but_administrators_do_not(admin_client):
    response = admin_client.post("/staff/users/new", data=_new_user_data(make_unit(), unit_id="0"))
    assert response.status_code == 422
    assert "unit" in field_error(response.get_data(as_text=True), "unit_id")
    response = admin_client.post("/staff/users/new", data=_new_user_data(make_unit(), unit_id="0", roles=["admin"]))
    assert response.status_code == 302
