"""Whole-page cache of anonymous public pages: served again without rendering, never stale,
never shared with signed-in staff, per language, and never hiding a flash message."""
from __future__ import annotations

from portal.core.access import Role
from portal.procedures import services
from tests.factories import amend_procedure, login, make_procedure, make_user


def count_calls(monkeypatch, module, name):
    calls = []
    original = getattr(module, name)

    def counting(*args, **kwargs):
        calls.append(1)
        return original(*args, **kwargs)

    monkeypatch.setattr(module, name, counting)
    return calls


def test_second_anonymous_visit_is_served_from_the_cache(client, monkeypatch):
    procedure = make_procedure()
    calls = count_calls(monkeypatch, services, "get_public")
    first = client.get(f"/thu-tuc/{procedure.code}")
    second = client.get(f"/thu-tuc/{procedure.code}")
    assert first.data == second.data and len(calls) == 1
    assert "Set-Cookie" not in first.headers and "Set-Cookie" not in second.headers
    assert second.headers["Content-Security-Policy"]  # headers are added to cached pages too


def test_a_new_version_is_visible_at_once(client):
    procedure = make_procedure()
    assert "Ngay trong ngày tiếp nhận hồ sơ" in client.get(f"/thu-tuc/{procedure.code}").get_data(as_text=True)
    listing = client.get("/thu-tuc/?q=khai+sinh").get_data(as_text=True)
    amend_procedure(procedure, processing_note="Trong 01 ngày làm việc", name="Thủ tục đăng ký khai sinh (sửa đổi)")
    page = client.get(f"/thu-tuc/{procedure.code}").get_data(as_text=True)
    assert "Trong 01 ngày làm việc" in page
    assert "(sửa đổi)" in client.get("/thu-tuc/?q=khai+sinh").get_data(as_text=True)
    assert "(sửa đổi)" not in listing


def test_languages_are_cached_apart(client):
    procedure = make_procedure()
    vi = client.get(f"/thu-tuc/{procedure.code}").get_data(as_text=True)
    client.set_cookie("lang", "en")
    en = client.get(f"/thu-tuc/{procedure.code}").get_data(as_text=True)
    assert '<html lang="vi">' in vi and '<html lang="en">' in en


def test_signed_in_staff_never_get_the_anonymous_copy(client, monkeypatch):
    client.get("/")  # fills the cache
    login(client, make_user(Role.HANDLER))
    page = client.get("/").get_data(as_text=True)
    assert "X-CSRFToken" in page  # rendered for this signed-in user, not the cached anonymous copy


def test_a_pending_flash_message_is_shown_not_hidden_by_the_cache(client):
    client.get("/")
    login(client, make_user(Role.HANDLER))
    response = client.post("/auth/logout", follow_redirects=True)
    assert "Bạn đã đăng xuất." in response.get_data(as_text=True)


def test_unknown_procedures_are_not_cached(client):
    assert client.get("/thu-tuc/9.999999.000.00.00.H17").status_code == 404
    make_procedure(code="9.999999.000.00.00.H17")
    assert client.get("/thu-tuc/9.999999.000.00.00.H17").status_code == 200


def test_anonymous_pages_set_no_session_cookie(client):
    make_procedure()
    for path in ("/", "/thu-tuc/", "/thu-tuc/1.001193.000.00.00.H17"):
        assert "Set-Cookie" not in client.get(path).headers, path
