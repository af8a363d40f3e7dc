"""Issue 17 point 2: the micro-cache keys a page only on the query parameters its view reads, so junk
parameters (`?x=1&_=123&utm_source=...`) are served from the clean URL's copy and cannot force the expensive
path; a parameter the page reads still gets its own copy. The public statistics pages are rate-limited per
client address, and a page served from the cache is not counted."""
from __future__ import annotations

import pytest

from portal import create_app
from portal.config import TestConfig
from portal.core import cache as page_cache
from portal.core.db import db
from tests.factories import make_procedure

JUNK = "x=1&_=123&utm_source=zalo&utm_campaign=t%E1%BA%BFt"


def _app(app_ctx, **config):
    from tests.conftest import RequestIsolatingClient

    other = create_app(TestConfig, SQLALCHEMY_DATABASE_URI=app_ctx.config["SQLALCHEMY_DATABASE_URI"],
                       PAGE_CACHE_SECONDS=5, **config)
    other.test_client_class = RequestIsolatingClient
    return other


@pytest.fixture()
def cached(app_ctx, monkeypatch, fixed_clock):
    """An app with the cache on, and a count of the requests that reach Flask (i.e. miss the cache)."""
    monkeypatch.setattr(page_cache, "monotonic", lambda: 1000.0)
    other = _app(app_ctx)
    micro = other.wsgi_app
    assert isinstance(micro, page_cache.MicroCache)
    entered = []
    flask_app = micro.wsgi_app

    def counting(environ, start_response):
        entered.append(environ.get("QUERY_STRING"))
        return flask_app(environ, start_response)

    micro.wsgi_app = counting
    yield other.test_client(), entered
    with other.app_context():
        db.session.remove()
        db.engine.dispose()


def test_the_query_is_reduced_to_the_declared_parameters():
    year = ("year", lambda raw: raw.strip() or None)
    assert page_cache.normalised_query("", (year,)) == ""
    assert page_cache.normalised_query(f"{JUNK}&year=+2023+", (year,)) == "year=2023"  # '+' is a space
    assert page_cache.normalised_query("year=%2B2023", (year,)) == "year=%2B2023"
    assert page_cache.normalised_query("b=2&a=1&a=9&z=0", (("b", None), ("a", None))) == "a=1&b=2"  # first value, sorted
    assert page_cache.normalised_query("year=%20", (year,)) == ""  # ignored by the view: dropped
    assert page_cache.normalised_query(JUNK, ()) == ""


PAGES = [
    # (path, clean query, the same page as the view reads it, a query the page reads differently)
    ("/", "", "", None),
    ("/thu-tuc/", "q=khai+sinh", "q=+khai+sinh+&level=nonsense&page=01", "q=khai+sinh&page=2"),
    ("/thu-tuc/{code}", "", "", None),
    ("/thu-tuc/{code}/phien-ban/1", "", "", None),
    ("/thu-tuc/{code}/ho-so-can-chuan-bi", "", "", None),
    ("/phan-anh-kien-nghi/kenh-tiep-nhan", "", "", None),
    ("/du-lieu-mo/open311", "", "", None),
    ("/ho-so/thong-ke", "year=2026", "year=+2026+&units=as_was&quarter=5", "year=2026&quarter=2"),
    ("/ho-so/thong-ke", "units=as_is&year=2026", "year=2026&units=as_is", "year=2026"),
    ("/hai-long", "year=2026", "year=2026&year=2019", "year=2025"),
]


@pytest.mark.parametrize(("path", "clean", "same", "other"), PAGES)
def test_junk_parameters_are_served_from_the_clean_urls_copy(cached, path, clean, same, other):
    client, entered = cached
    path = path.format(code=make_procedure().code)
    first = client.get(f"{path}?{clean}")
    assert first.status_code == 200 and len(entered) == 1
    assert entered[0] == clean  # the view reads only what the key holds
    junk = client.get(f"{path}?{JUNK}&{same}" if same else f"{path}?{JUNK}")
    assert len(entered) == 1, "a request with junk parameters reached Flask"
    assert junk.data == first.data and b"utm_source" not in junk.data and b"zalo" not in junk.data
    if other is not None:
        assert client.get(f"{path}?{other}").status_code == 200
        assert len(entered) == 2, "a parameter the page reads was served from another URL's copy"


def test_a_first_request_with_junk_does_not_leak_it_into_the_copy(cached):
    client, entered = cached
    make_procedure()
    dirty = client.get(f"/thu-tuc/?{JUNK}&q=khai+sinh")
    assert entered == ["q=khai+sinh"]
    clean = client.get("/thu-tuc/?q=khai+sinh")
    assert len(entered) == 1 and clean.data == dirty.data and b"zalo" not in clean.data


def test_pages_without_cached_page_pass_through_with_their_query(cached):
    client, entered = cached
    client.get(f"/ho-so/tra-cuu?{JUNK}")
    client.get(f"/ho-so/tra-cuu?{JUNK}")
    assert entered == [JUNK, JUNK]  # not a cached page: untouched, never served from the cache


@pytest.fixture()
def limited(app_ctx, monkeypatch, fixed_clock):
    monkeypatch.setattr(page_cache, "monotonic", lambda: 1000.0)
    other = _app(app_ctx, RATELIMIT_ENABLED=True, RATELIMIT_STORAGE_URI="memory://",
                 PUBLIC_STATISTICS_RATE_LIMIT="3 per minute")
    yield other.test_client()
    with other.app_context():
        db.session.remove()
        db.engine.dispose()


def test_the_public_statistics_are_rate_limited_but_cache_hits_are_not_counted(limited):
    client = limited
    assert [client.get(f"/ho-so/thong-ke?year={y}").status_code for y in (2024, 2025)] == [200, 200]
    # Served from the micro-cache: never reaches Flask, so never counted (PUBLIC_STATISTICS_RATE_LIMIT).
    assert [client.get(f"/ho-so/thong-ke?year=2024&{JUNK}&n={n}").status_code for n in range(10)] == [200] * 10
    assert client.get("/hai-long?year=2026").status_code == 200  # the third computed page: one budget for both
    refused = client.get("/ho-so/thong-ke?year=2026")
    assert refused.status_code == 429
    assert "Bạn đã gửi quá nhiều yêu cầu. Vui lòng chờ một phút rồi thử lại." in refused.get_data(as_text=True)
    assert "Retry-After" in refused.headers
    assert client.get("/hai-long?year=2025").status_code == 429
    assert client.get("/ho-so/thong-ke?year=2025").status_code == 200  # still cached
    client.set_cookie("lang", "en")
    english = client.get("/ho-so/thong-ke?year=2023")
    assert english.status_code == 429
    assert "You have sent too many requests. Please wait a minute and try again." in english.get_data(as_text=True)
