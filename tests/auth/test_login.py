"""Signing in and out: throttling, one message for every failure, session rotation, safe redirects."""
from __future__ import annotations

import html
from urllib.parse import urlsplit

import pytest
from argon2 import PasswordHasher, extract_parameters, profiles

from portal.auth.services import hash_password
from portal.core.access import Role
from portal.core.db import db
from tests.auth.helpers import events, form_alert, reload
from tests.factories import PASSWORD, login, make_user

WRONG = "wrong-password-123"


def test_login_then_staff_home(client):
    user = make_user(Role.HANDLER)
    response = login(client, user)
    assert response.status_code == 302
    assert response.headers["Location"].endswith("/staff/")
    page = client.get("/staff/")
    assert user.full_name in html.unescape(page.get_data(as_text=True))  # "H'Hương Byă" is served as H&#39;Hương


def test_wrong_password_is_refused_with_message(client):
    user = make_user(Role.HANDLER)
    response = login(client, user, WRONG)
    assert response.status_code == 422
    assert client.get("/staff/").status_code == 302


def test_login_records_an_audit_event_and_the_sign_in_time(client):
    user = make_user(Role.HANDLER)
    login(client, user)
    logins = events("auth.login")
    assert [(e.actor_id, e.object_id) for e in logins] == [(user.id, str(user.id))]
    assert reload(user).last_login_at is not None


def test_email_is_matched_without_regard_to_case(client):
    make_user(Role.HANDLER, email="nguyen.mai@gianghia.gov.vn")
    response = client.post("/auth/login", data={"email": "  Nguyen.Mai@GiaNghia.gov.vn ", "password": PASSWORD})
    assert response.status_code == 302
    assert client.get("/staff/").status_code == 200


def test_unknown_email_and_wrong_password_get_the_same_message(client):
    client.set_cookie("lang", "en")
    user = make_user(Role.HANDLER)
    unknown = client.post("/auth/login", data={"email": "nobody@gianghia.gov.vn", "password": PASSWORD})
    wrong = login(client, user, WRONG)
    assert unknown.status_code == wrong.status_code == 422
    message = form_alert(unknown.get_data(as_text=True))
    assert message == form_alert(wrong.get_data(as_text=True))
    assert message == "Wrong e-mail or password, or too many attempts. Try again later."


def test_no_account_wide_lock(client, app_ctx):
    """Many failures lock nobody out: the throttle is per (account, address) (test_login_throttle.py)."""
    user = make_user(Role.HANDLER)
    for _ in range(3 * app_ctx.config["LOGIN_MAX_FAILURES"]):
        client.post("/auth/login", data={"email": user.email, "password": WRONG},
                    environ_base={"REMOTE_ADDR": "203.0.113.66"})
    assert login(client.application.test_client(), user).status_code == 302
    assert events("account.locked") == []


def test_session_is_rotated_at_login(client):
    user = make_user(Role.HANDLER)
    client.get("/auth/login")
    with client.session_transaction() as session:
        session["planted"] = "attacker-chosen"
    before = client.get_cookie("session").value
    assert login(client, user).status_code == 302
    after = client.get_cookie("session").value
    assert after != before
    with client.session_transaction() as session:
        assert "planted" not in session
        user_id, version, token = session["_user_id"].split(":")
        assert (int(user_id), int(version)) == (user.id, user.session_version) and len(token) >= 32


def test_logout_is_post_only(client):
    user = make_user(Role.HANDLER)
    login(client, user)
    response = client.get("/auth/logout")
    assert response.status_code == 405
    assert "POST" in response.headers["Allow"]
    assert client.get("/staff/").status_code == 200  # a GET (a link, an image) cannot sign anyone out

    response = client.post("/auth/logout")
    assert response.status_code == 302
    assert urlsplit(response.headers["Location"]).path == "/"
    assert client.get("/staff/").status_code == 302
    with client.session_transaction() as session:
        assert "_user_id" not in session


@pytest.mark.parametrize("target", ["https://evil.example", "//evil.example/staff/", "/\\evil.example",
                                    "javascript:alert(1)", "evil.example"])
def test_next_never_leaves_the_site(client, target):
    user = make_user(Role.HANDLER)
    form = client.get("/auth/login", query_string={"next": target}).get_data(as_text=True)
    assert 'name="next" value="/staff/"' in form
    response = client.post("/auth/login", data={"email": user.email, "password": PASSWORD, "next": target})
    assert response.status_code == 302
    location = urlsplit(response.headers["Location"])
    assert location.netloc in ("", "localhost")
    assert location.path == "/staff/"
    # Signed in already: the login page redirects, still on site.
    again = client.get("/auth/login", query_string={"next": target})
    assert urlsplit(again.headers["Location"]).path == "/staff/"
    assert "evil.example" not in again.headers["Location"]


def test_next_on_site_is_followed(client):
    user = make_user(Role.HANDLER)
    refused = client.get("/staff/calendar/")
    next_url = refused.headers["Location"]
    assert urlsplit(next_url).path == "/auth/login"
    page = client.get(next_url).get_data(as_text=True)
    assert 'name="next" value="/staff/calendar/"' in page
    response = client.post("/auth/login", data={"email": user.email, "password": PASSWORD,
                                                "next": "/staff/calendar/"})
    assert urlsplit(response.headers["Location"]).path == "/staff/calendar/"


def test_passwords_are_stored_as_argon2id_hashes(app_ctx):
    stored = hash_password("Mat-khau-moi-2026")
    assert stored.startswith("$argon2id$")
    assert "Mat-khau-moi-2026" not in stored


def test_hash_with_outdated_parameters_is_upgraded_at_sign_in(client):
    user = make_user(Role.HANDLER)
    user.password_hash = PasswordHasher(time_cost=2, memory_cost=16, parallelism=1).hash(PASSWORD)
    db.session.commit()
    assert login(client, user).status_code == 302
    upgraded = reload(user).password_hash
    assert upgraded.startswith("$argon2id$")
    assert extract_parameters(upgraded) == getattr(profiles, client.application.config["ARGON2_PROFILE"])
