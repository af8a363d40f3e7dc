"""Both catalogues are complete and no English text leaks into Vietnamese pages."""
from __future__ import annotations

import re
from html import unescape
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po

from portal.core.access import Role
from tests.factories import login, make_user

ROOT = Path(__file__).resolve().parents[2]
CATALOGS = ROOT / "portal" / "translations"
METHOD_MAP = [("portal/**.py", "python"), ("templates/**.html", "jinja2")]


def _catalog(lang: str):
    with (CATALOGS / lang / "LC_MESSAGES" / "messages.po").open("rb") as fh:
        return read_po(fh, locale=lang)


def _source_ids() -> set[str]:
    ids = set()
    keywords = {"_": None, "gettext": None, "ngettext": (1, 2), "_l": None, "lazy_gettext": None}
    for _file, _line, message, _comments, _ctx in extract_from_dir(
            str(ROOT), METHOD_MAP, keywords=keywords, directory_filter=lambda d: not d.endswith((".venv", "__pycache__", "node_modules"))):
        ids.add(message[0] if isinstance(message, tuple) else message)
    return ids


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_catalogue_is_complete(lang):
    catalog = _catalog(lang)
    untranslated = [m.id for m in catalog if m.id and (not any(m.string if isinstance(m.string, tuple) else [m.string]) or m.fuzzy)]
    assert untranslated == []


def test_every_marked_string_is_in_the_catalogues():
    in_catalog = {m.id[0] if isinstance(m.id, tuple) else m.id for m in _catalog("vi") if m.id}
    missing = _source_ids() - in_catalog
    assert missing == set(), "run `flask --app app translate update` and translate the new strings"


def _english_phrases() -> list[str]:
    """English source strings long enough to be recognisable in a page."""
    phrases = []
    for m in _catalog("vi"):
        text = m.id[0] if isinstance(m.id, tuple) else m.id
        if not text or "%(" in text:
            continue
        if len(text) >= 10 and " " in text and text != (m.string if isinstance(m.string, str) else m.string[0]):
            phrases.append(text)
    return phrases


def _visible_text(html: str) -> str:
    html = re.sub(r"<(script|style)[^>]*>.*?</\1>", " ", html, flags=re.S)
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", html)).split())


STAFF_PAGES = ["/staff/", "/staff/users/", "/staff/units/", "/staff/calendar/", "/staff/audit/", "/auth/password",
               "/staff/users/new", "/staff/units/new"]
PUBLIC_PAGES = ["/", "/auth/login", "/page-that-does-not-exist"]


def test_vietnamese_pages_have_no_english_leaks(client):
    admin = make_user(Role.ADMIN)
    phrases = _english_phrases()
    assert len(phrases) > 50  # the check below only means something with a real catalogue
    for path in PUBLIC_PAGES:
        text = _visible_text(client.get(path).get_data(as_text=True))
        assert [p for p in phrases if p in text] == [], path
    login(client, admin)
    for path in STAFF_PAGES:
        response = client.get(path)
        assert response.status_code == 200, path
        html = response.get_data(as_text=True)
        assert '<html lang="vi">' in html
        leaks = [p for p in phrases if p in _visible_text(html)]
        assert leaks == [], f"{path}: {leaks}"


def test_english_pages_are_english(client):
    admin = make_user(Role.ADMIN)
    client.set_cookie("lang", "en")
    home = client.get("/").get_data(as_text=True)
    assert '<html lang="en">' in home and "Our commitments for administrative reform" in home
    login(client, admin)
    for path in STAFF_PAGES:
        html = client.get(path).get_data(as_text=True)
        assert '<html lang="en">' in html, path
        assert "Đăng xuất" not in html and "Sign out" in html, path


def test_language_switch_is_a_plain_link_and_remembered(client):
    response = client.get("/language/en?next=/auth/login")
    assert response.status_code == 302 and response.headers["Location"].endswith("/auth/login")
    assert "Staff sign-in" in client.get("/auth/login").get_data(as_text=True)
    client.get("/language/vi?next=/")
    assert "Đăng nhập dành cho cán bộ" in client.get("/auth/login").get_data(as_text=True)


def test_language_switch_refuses_foreign_redirects(client):
    response = client.get("/language/en?next=https://example.org/")
    assert response.headers["Location"].endswith("/")
    assert "example.org" not in response.headers["Location"]


def test_dates_follow_the_locale(client):
    admin = make_user(Role.ADMIN)
    login(client, admin)
    vi = client.get("/staff/calendar/?year=2027").get_data(as_text=True)
    assert "tháng 2" in vi.lower()
    client.set_cookie("lang", "en")
    en = client.get("/staff/calendar/?year=2027").get_data(as_text=True)
    assert "February" in en
