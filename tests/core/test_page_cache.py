"""The micro-cache of anonymous public pages: served again without entering Flask for a few
seconds, then fresh; never for signed-in staff, other languages, htmx fragments or cookies."""
from __future__ import annotations

import pytest

from portal import create_app
from portal.config import TestConfig
from portal.core import cache as page_cache
from portal.core.access import Role
from portal.procedures import queries
from tests.factories import amend_procedure, login, make_procedure, make_user


@pytest.fixture()
def cached(app_ctx, monkeypatch):
    """A second app on the same database with the cache on, and a clock the test moves."""
    now = [1000.0]
    monkeypatch.setattr(page_cache, "monotonic", lambda: now[0])
    other = create_app(TestConfig, SQLALCHEMY_DATABASE_URI=app_ctx.config["SQLALCHEMY_DATABASE_URI"],
                       PAGE_CACHE_SECONDS=5)
    from tests.conftest import RequestIsolatingClient

    other.test_client_class = RequestIsolatingClient
    return other.test_client(), now


def count_calls(monkeypatch, name):
    calls = []
    original = getattr(queries, name)
    monkeypatch.setattr(queries, name, lambda *a, **k: calls.append(1) or original(*a, **k))
    return calls


def test_a_page_is_served_from_the_cache_then_refreshed(cached, monkeypatch):
    client, now = cached
    procedure = make_procedure()
    calls = count_calls(monkeypatch, "get_public")
    first = client.get(f"/thu-tuc/{procedure.code}")
    second = client.get(f"/thu-tuc/{procedure.code}")
    assert first.data == second.data and len(calls) == 1
    assert second.headers["Content-Security-Policy"] and "X-Portal-Page-Cache" not in second.headers
    amend_procedure(procedure, processing_note="Trong 01 ngày làm việc")
    assert "Trong 01 ngày làm việc" not in client.get(f"/thu-tuc/{procedure.code}").get_data(as_text=True)
    now[0] += 5.1
    assert "Trong 01 ngày làm việc" in client.get(f"/thu-tuc/{procedure.code}").get_data(as_text=True)
    assert len(calls) == 2


def test_languages_and_htmx_fragments_are_kept_apart(cached):
    client, _now = cached
    make_procedure()
    page = client.get("/thu-tuc/?q=khai+sinh").get_data(as_text=True)
    fragment = client.get("/thu-tuc/?q=khai+sinh", headers={"HX-Request": "true"}).get_data(as_text=True)
    assert "<html" in page and "<html" not in fragment
    client.set_cookie("lang", "en")
    assert '<html lang="en">' in client.get("/thu-tuc/?q=khai+sinh").get_data(as_text=True)


def test_signed_in_staff_always_get_a_fresh_page(cached):
    client, _now = cached
    client.get("/")
    login(client, make_user(Role.HANDLER))
    assert "X-CSRFToken" in client.get("/").get_data(as_text=True)  # rendered for this user


def test_a_flash_message_after_sign_out_is_shown(cached):
    client, _now = cached
    client.get("/")
    login(client, make_user(Role.HANDLER))
    assert "Bạn đã đăng xuất." in client.post("/auth/logout", follow_redirects=True).get_data(as_text=True)


def test_errors_and_unmarked_pages_are_not_cached(cached):
    client, _now = cached
    assert client.get("/thu-tuc/9.999999.000.00.00.H17").status_code == 404
    make_procedure(code="9.999999.000.00.00.H17")
    assert client.get("/thu-tuc/9.999999.000.00.00.H17").status_code == 200
    client.get("/healthz")  # a view without @cached_page is never kept
    assert not any(key[0] == "/healthz" for key in client.application.wsgi_app._entries)
    assert any(key[0] == "/thu-tuc/9.999999.000.00.00.H17" for key in client.application.wsgi_app._entries)


def test_anonymous_public_pages_set_no_session_cookie(cached):
    client, _now = cached
    make_procedure()
    for path in ("/", "/thu-tuc/", "/thu-tuc/1.001193.000.00.00.H17"):
        assert "Set-Cookie" not in client.get(path).headers, path
