"""Own password change and the administrator's reset: both end the account's other sessions."""
from __future__ import annotations

from urllib.parse import urlsplit

from portal.core.access import Role
from tests.auth.helpers import events, field_error, reload
from tests.factories import PASSWORD, login, make_user

NEW_PASSWORD = "Mat-khau-moi-tot-2026"


def _signed_in(client, user):
    """Another browser: a new client of the same app (request-isolating, like the `client` fixture)."""
    other = client.application.test_client()
    assert login(other, user).status_code == 302
    other.set_cookie("lang", "en")
    return other


def _is_signed_out(client) -> bool:
    response = client.get("/staff/")
    return response.status_code == 302 and urlsplit(response.headers["Location"]).path == "/auth/login"


def _change(client, current=PASSWORD, new=NEW_PASSWORD, confirm=None):
    return client.post("/auth/password", data={"current_password": current, "password": new,
                                               "confirm": new if confirm is None else confirm})


def test_password_page_opens(client):
    client = _signed_in(client, make_user(Role.HANDLER))
    page = client.get("/auth/password")
    assert page.status_code == 200
    assert 'id="current_password"' in page.get_data(as_text=True)


def test_wrong_current_password_is_shown_beside_its_field(client):
    user = make_user(Role.HANDLER)
    client = _signed_in(client, user)
    old_hash = user.password_hash
    response = _change(client, current="not-my-password-1")
    assert response.status_code == 422
    assert field_error(response.get_data(as_text=True), "current_password") == (
        "The current password is wrong, or too many attempts. Try again later.")
    assert reload(user).password_hash == old_hash
    assert events("user.change_password") == []


def test_too_short_new_password_is_refused(client):
    user = make_user(Role.HANDLER)
    client = _signed_in(client, user)
    response = _change(client, new="Ng4n-qua")
    assert response.status_code == 422
    assert field_error(response.get_data(as_text=True), "password") == "The password is too short."
    assert reload(user).password_hash == user.password_hash


def test_password_containing_the_email_name_is_refused(client):
    user = make_user(Role.HANDLER, email="hungtran@gianghia.gov.vn")
    client = _signed_in(client, user)
    response = _change(client, new="HungTran-2026-abc")
    assert response.status_code == 422
    assert "e-mail" in field_error(response.get_data(as_text=True), "password")


def test_mismatched_confirmation_is_shown_beside_it(client):
    client = _signed_in(client, make_user(Role.HANDLER))
    response = _change(client, confirm="Mat-khau-khac-2026")
    assert response.status_code == 422
    assert field_error(response.get_data(as_text=True), "confirm") == "The two passwords are not the same."


def test_password_change_ends_other_sessions_and_keeps_this_one(client):
    user = make_user(Role.HANDLER)
    here = _signed_in(client, user)
    elsewhere = _signed_in(client, user)
    old_hash = user.password_hash

    response = _change(here)
    assert response.status_code == 302
    assert urlsplit(response.headers["Location"]).path == "/staff/"
    assert here.get("/staff/").status_code == 200
    assert _is_signed_out(elsewhere)

    changed = reload(user)
    assert changed.password_hash != old_hash and changed.password_hash.startswith("$argon2id$")
    assert login(client, user, PASSWORD).status_code == 422
    assert login(client, user, NEW_PASSWORD).status_code == 302

    [event] = events("user.change_password")
    assert event.actor_id == user.id and event.object_id == str(user.id)
    assert old_hash not in (event.before_json or "") + (event.after_json or "")


def test_admin_reset_ends_every_session_of_the_account(client):
    admin, user = make_user(Role.ADMIN), make_user(Role.HANDLER)
    as_admin = _signed_in(client, admin)
    as_user = _signed_in(client, user)

    response = as_admin.post(f"/staff/users/{user.id}/reset-password", data={"password": NEW_PASSWORD})
    assert response.status_code == 302
    assert urlsplit(response.headers["Location"]).path == f"/staff/users/{user.id}"
    assert _is_signed_out(as_user)
    assert as_admin.get("/staff/").status_code == 200
    assert login(client, user, NEW_PASSWORD).status_code == 302

    [event] = events("user.reset_password")
    assert event.actor_id == admin.id and event.object_id == str(user.id)
    assert NEW_PASSWORD not in (event.before_json or "") + (event.after_json or "") + event.summary


def test_admin_reset_clears_the_accounts_throttle(client):
    admin, user = make_user(Role.ADMIN), make_user(Role.HANDLER)
    anonymous = client
    for _ in range(client.application.config["LOGIN_MAX_FAILURES"]):
        login(anonymous, user, "wrong-password-123")
    assert login(anonymous, user, PASSWORD).status_code == 422  # this address waits a minute
    _signed_in(client, admin).post(f"/staff/users/{user.id}/reset-password", data={"password": NEW_PASSWORD})
    assert login(anonymous, user, NEW_PASSWORD).status_code == 302


def test_admin_reset_with_a_weak_password_changes_nothing(client):
    admin, user = make_user(Role.ADMIN), make_user(Role.HANDLER)
    as_admin = _signed_in(client, admin)
    as_user = _signed_in(client, user)
    response = as_admin.post(f"/staff/users/{user.id}/reset-password", data={"password": "short"},
                             follow_redirects=True)
    assert "The password is too short." in response.get_data(as_text=True)
    assert reload(user).password_hash == user.password_hash
    assert as_user.get("/staff/").status_code == 200
    assert events("user.reset_password") == []


def test_only_admins_reset_passwords(client):
    manager, user = make_user(Role.MANAGER), make_user(Role.HANDLER)
    response = _signed_in(client, manager).post(f"/staff/users/{user.id}/reset-password",
                                                 data={"password": NEW_PASSWORD})
    assert response.status_code == 403
    assert reload(user).password_hash == user.password_hash
