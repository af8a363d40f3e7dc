"""Error pages: every status renders in both languages, in the portal's layout, with no stack trace."""
from __future__ import annotations

import pytest
from flask_babel import force_locale

from portal import create_app
from portal.config import TestConfig
from portal.core.access import Role
from portal.core.db import db
from portal.core.errors import ERROR_HINTS, ERROR_TITLES
from tests.factories import login, make_unit, make_user

LANGS = ["vi", "en"]
LEAKS = ("Traceback", 'File "', "RuntimeError", "Werkzeug Debugger", "sqlalchemy")


def _expected(app, code: int, lang: str) -> tuple[str, str]:
    """Title and hint as the catalogue of `lang` renders them (English msgids for en)."""
    with app.app_context(), app.test_request_context(), force_locale(lang):
        return str(ERROR_TITLES[code]), str(ERROR_HINTS[code])


def _check(client, response, code: int, lang: str) -> str:
    assert response.status_code == code
    assert response.mimetype == "text/html"
    html = response.get_data(as_text=True)
    assert f'<html lang="{lang}">' in html
    title, hint = _expected(client.application, code, lang)
    assert f"<h1>{title}</h1>" in html
    assert hint.replace("'", "&#39;") in html
    assert f'<p class="error-code" aria-hidden="true">{code}</p>' in html
    if lang == "en":
        assert "Back to the home page" in html
    else:
        assert title != _expected(client.application, code, "en")[0]  # really translated
    for leak in LEAKS:
        assert leak not in html
    return html


@pytest.fixture(params=LANGS)
def lang_client(request, client):
    client.set_cookie("lang", request.param)
    client.lang = request.param
    return client


def test_404_page(lang_client):
    _check(lang_client, lang_client.get("/trang-khong-ton-tai"), 404, lang_client.lang)


def test_404_for_a_missing_record(lang_client):
    login(lang_client, make_user(Role.ADMIN))
    _check(lang_client, lang_client.get("/staff/units/999999/edit"), 404, lang_client.lang)


def test_403_page(lang_client):
    login(lang_client, make_user(Role.HANDLER))
    html = _check(lang_client, lang_client.get("/staff/users/"), 403, lang_client.lang)
    assert 'class="staff-nav"' in html  # signed-in staff keep their navigation


def test_405_page(lang_client):
    response = lang_client.get("/auth/logout")
    _check(lang_client, response, 405, lang_client.lang)
    allowed = set(response.headers["Allow"].split(", "))
    assert "POST" in allowed and "GET" not in allowed


def test_413_page(lang_client, monkeypatch):
    monkeypatch.setitem(lang_client.application.config, "MAX_CONTENT_LENGTH", 1024)
    _check(lang_client, lang_client.post("/auth/login", data={"email": "x" * 4096}), 413, lang_client.lang)


def test_500_page_hides_the_error(lang_client, monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("secret internal detail: DATABASE_URL=postgresql://portal:hunter2@db")

    monkeypatch.setattr("portal.site.views.render_template", broken)
    html = _check(lang_client, lang_client.get("/"), 500, lang_client.lang)
    assert "hunter2" not in html and "secret internal detail" not in html


def test_500_in_the_staff_area_keeps_the_staff_layout(lang_client, monkeypatch):
    unit = make_unit()
    login(lang_client, make_user(Role.MANAGER, unit=unit))

    def broken(*args, **kwargs):
        raise RuntimeError("secret internal detail")

    monkeypatch.setattr("portal.units.views.list_users", broken)
    html = _check(lang_client, lang_client.get(f"/staff/units/{unit.id}"), 500, lang_client.lang)
    assert 'class="staff-nav"' in html
    assert "secret internal detail" not in html


def test_health_check_errors_are_json(client):
    response = client.post("/healthz")
    assert response.status_code == 405
    assert response.is_json and response.json["error"]


@pytest.fixture()
def rate_limited_app(app_ctx):
    """A second app with rate limiting on (the shared test app has it off) and a tiny login limit."""
    fresh = create_app(TestConfig, SQLALCHEMY_DATABASE_URI=app_ctx.config["SQLALCHEMY_DATABASE_URI"],
                       RATELIMIT_ENABLED=True, LOGIN_RATE_LIMIT="2 per minute")
    yield fresh
    with fresh.app_context():
        db.session.remove()
        db.engine.dispose()


def test_429_page_after_too_many_sign_in_attempts(rate_limited_app, client):
    browser = rate_limited_app.test_client()
    form = {"email": "ai.do@gianghia.gov.vn", "password": "doan-mat-khau-1"}
    assert [browser.post("/auth/login", data=form).status_code for _ in range(2)] == [422, 422]
    _check(browser, browser.post("/auth/login", data=form), 429, "vi")
    browser.set_cookie("lang", "en")
    _check(browser, browser.post("/auth/login", data=form), 429, "en")
    assert browser.get("/auth/login").status_code == 200  # only POSTs are limited

    # The limiter object is shared by every app in the process: the app without rate limits keeps none.
    statuses = {client.post("/auth/login", data=form).status_code for _ in range(12)}
    assert statuses == {422}
