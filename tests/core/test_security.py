"""Security headers on every response, CSRF refusal, the htmx page/fragment switch, request size limit."""
from __future__ import annotations

import re

import pytest
from sqlalchemy import func, select

from portal.core.access import Role
from portal.core.db import db
from portal.units.models import Unit
from tests.factories import PASSWORD, login, make_user


def _csp(response) -> dict[str, list[str]]:
    policy = response.headers["Content-Security-Policy"]
    directives = {}
    for part in policy.split(";"):
        name, *values = part.split()
        directives[name] = values
    return directives


def _assert_hardened(response) -> None:
    csp = _csp(response)
    assert csp["script-src"] == ["'self'"]
    assert csp["frame-ancestors"] == ["'none'"]
    assert csp["object-src"] == ["'none'"]
    assert "'unsafe-inline'" not in response.headers["Content-Security-Policy"]
    assert "'unsafe-eval'" not in response.headers["Content-Security-Policy"]
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert response.headers["X-Frame-Options"] == "DENY"


@pytest.mark.parametrize(("path", "status"), [
    ("/", 200),
    ("/auth/login", 200),
    ("/healthz", 200),
    ("/static/css/portal.css", 200),
    ("/static/vendor/htmx-2.0.11.min.js", 200),
    ("/no-such-page", 404),
    ("/staff/", 302),  # anonymous: sent to the login page
])
def test_anonymous_responses_carry_security_headers(client, path, status):
    response = client.get(path)
    assert response.status_code == status
    _assert_hardened(response)


@pytest.mark.parametrize(("path", "status"), [
    ("/staff/", 200),
    ("/staff/units/", 200),
    ("/staff/audit/", 200),
    ("/staff/no-such-page", 404),
    ("/auth/logout", 405),
])
def test_staff_responses_carry_security_headers(client, path, status):
    login(client, make_user(Role.ADMIN))
    response = client.get(path)
    assert response.status_code == status
    _assert_hardened(response)


def test_staff_and_auth_pages_are_never_stored(client):
    assert "no-store" in client.get("/auth/login").headers["Cache-Control"]
    assert "no-store" in client.get("/staff/").headers["Cache-Control"]  # even the redirect to sign in
    login(client, make_user(Role.ADMIN))
    for path in ("/staff/", "/staff/users/", "/staff/audit/", "/auth/password"):
        assert "no-store" in client.get(path).headers["Cache-Control"], path


def test_static_files_are_not_marked_no_store(client):
    assert "no-store" not in client.get("/static/css/portal.css").headers.get("Cache-Control", "")


def _csrf_token(html: str) -> str:
    return re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', html).group(1)


def test_post_without_csrf_token_is_refused_in_vietnamese(csrf_app, client):
    user = make_user(Role.HANDLER)
    response = client.post("/auth/login", data={"email": user.email, "password": PASSWORD})
    assert response.status_code == 400
    html = response.get_data(as_text=True)
    assert '<html lang="vi">' in html
    assert "Yêu cầu không hợp lệ" in html
    assert client.get("/staff/").status_code == 302  # not signed in


def test_post_without_csrf_token_is_refused_in_english(csrf_app, client):
    client.set_cookie("lang", "en")
    response = client.post("/auth/login", data={"email": "a@gianghia.gov.vn", "password": PASSWORD})
    assert response.status_code == 400
    html = response.get_data(as_text=True)
    assert '<html lang="en">' in html
    assert "Bad request" in html
    assert "The form has expired or was not sent from this portal." in html
    _assert_hardened(response)


def test_post_with_the_forms_csrf_token_is_accepted(csrf_app, client):
    user = make_user(Role.HANDLER)
    token = _csrf_token(client.get("/auth/login").get_data(as_text=True))
    response = client.post("/auth/login", data={"email": user.email, "password": PASSWORD, "csrf_token": token})
    assert response.status_code == 302
    assert client.get("/staff/").status_code == 200


def test_forged_csrf_token_is_refused_on_staff_actions(csrf_app, client):
    user = make_user(Role.HANDLER)
    token = _csrf_token(client.get("/auth/login").get_data(as_text=True))
    client.post("/auth/login", data={"email": user.email, "password": PASSWORD, "csrf_token": token})
    assert client.post("/auth/logout", data={"csrf_token": "forged"}).status_code == 400
    assert client.post("/auth/logout").status_code == 400
    assert client.get("/staff/").status_code == 200  # still signed in: the forged sign-out did nothing


def test_csrf_token_header_is_accepted_for_htmx(csrf_app, client):
    """htmx sends the token in X-CSRFToken, set once on <body>."""
    user = make_user(Role.HANDLER)
    token = _csrf_token(client.get("/auth/login").get_data(as_text=True))
    client.post("/auth/login", data={"email": user.email, "password": PASSWORD, "csrf_token": token})
    page = client.get("/staff/").get_data(as_text=True)
    header_token = re.search(r'hx-headers=\'\{"X-CSRFToken": "([^"]+)"\}\'', page).group(1)
    response = client.post("/auth/logout", headers={"X-CSRFToken": header_token, "HX-Request": "true"})
    assert response.status_code == 302
    assert client.get("/staff/").status_code == 302


@pytest.fixture()
def admin_client(client):
    login(client, make_user(Role.ADMIN))
    return client


def test_audit_page_without_htmx_is_a_whole_page(admin_client):
    response = admin_client.get("/staff/audit/")
    html = response.get_data(as_text=True)
    assert "<html" in html and 'id="events"' in html and "<table" in html
    assert "HX-Request" in response.vary


def test_htmx_request_gets_only_the_partial(admin_client):
    response = admin_client.get("/staff/audit/", headers={"HX-Request": "true"})
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    assert "<html" not in html and "<body" not in html and "<nav class=\"staff-nav\"" not in html
    assert "<table" in html and 'id="events"' not in html  # the swap target stays on the page
    assert "HX-Request" in response.vary


@pytest.mark.parametrize("extra", [{"HX-Boosted": "true"}, {"HX-History-Restore-Request": "true"}])
def test_boosted_and_history_restore_requests_get_the_whole_page(admin_client, extra):
    response = admin_client.get("/staff/audit/", headers={"HX-Request": "true", **extra})
    assert "<html" in response.get_data(as_text=True)
    assert "HX-Request" in response.vary


def test_request_body_over_the_limit_is_refused(client, monkeypatch):
    monkeypatch.setitem(client.application.config, "MAX_CONTENT_LENGTH", 2048)
    user = make_user(Role.HANDLER)
    small = client.post("/auth/login", data={"email": user.email, "password": "x" * 100})
    assert small.status_code == 422
    response = client.post("/auth/login", data={"email": user.email, "password": "x" * 5000})
    assert response.status_code == 413
    assert "<html" in response.get_data(as_text=True)
    _assert_hardened(response)


def test_oversized_upload_is_refused_before_the_view(client, monkeypatch):
    monkeypatch.setitem(client.application.config, "MAX_CONTENT_LENGTH", 2048)
    login(client, make_user(Role.ADMIN))
    response = client.post("/staff/units/new", data={"code": "X", "name": "y" * 4096})
    assert response.status_code == 413
    assert db.session.scalar(select(func.count(Unit.id))) == 0
