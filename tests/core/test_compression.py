"""Responses are compressed for clients that ask (issue 16 point 7): text pages in gzip or brotli, with the
ETag and conditional requests still working and the page micro-cache keeping one copy per encoding;
spreadsheets and other already-compressed downloads are left alone."""
from __future__ import annotations

import gzip

import brotli
import pytest

from portal import create_app
from portal.config import TestConfig
from portal.core import cache as page_cache
from portal.core.xlsx import XLSX_MIMETYPE
from tests.factories import make_procedure


def test_a_page_answers_gzip_when_asked_and_plain_otherwise(client):
    make_procedure()
    plain = client.get("/thu-tuc/")
    assert plain.status_code == 200 and "Content-Encoding" not in plain.headers
    packed = client.get("/thu-tuc/", headers={"Accept-Encoding": "gzip"})
    assert packed.headers["Content-Encoding"] == "gzip" and "Accept-Encoding" in packed.headers["Vary"]
    assert gzip.decompress(packed.data) == plain.data
    assert int(packed.headers["Content-Length"]) == len(packed.data) < len(plain.data) / 2


def test_brotli_is_preferred_when_offered(client):
    make_procedure()
    plain = client.get("/thu-tuc/")
    packed = client.get("/thu-tuc/", headers={"Accept-Encoding": "gzip, deflate, br"})
    assert packed.headers["Content-Encoding"] == "br" and brotli.decompress(packed.data) == plain.data


def test_etag_and_conditional_requests_still_work_on_compressed_static_files(client):
    # Static files are streamed: Flask-Compress streams br or zstd (not gzip) for them.
    first = client.get("/static/css/portal.css", headers={"Accept-Encoding": "br"})
    assert first.status_code == 200 and first.headers["Content-Encoding"] == "br"
    etag = first.headers["ETag"]
    assert etag.endswith(':br"')  # one validator per encoding, so a cache never mixes them
    again = client.get("/static/css/portal.css", headers={"Accept-Encoding": "br", "If-None-Match": etag})
    assert again.status_code == 304 and again.data == b""


def test_the_atom_feed_is_compressed_and_a_spreadsheet_is_not(client):
    make_procedure()
    feed = client.get("/thu-tuc/feed.atom", headers={"Accept-Encoding": "gzip"})
    assert feed.headers["Content-Encoding"] == "gzip" and b"<feed" in gzip.decompress(feed.data)
    kinds = client.application.config["COMPRESS_MIMETYPES"]
    assert XLSX_MIMETYPE not in kinds and "application/zip" not in kinds and "image/png" not in kinds


@pytest.fixture()
def cached(app_ctx, monkeypatch):
    monkeypatch.setattr(page_cache, "monotonic", lambda: 1000.0)
    other = create_app(TestConfig, SQLALCHEMY_DATABASE_URI=app_ctx.config["SQLALCHEMY_DATABASE_URI"],
                       PAGE_CACHE_SECONDS=5)
    from tests.conftest import RequestIsolatingClient

    other.test_client_class = RequestIsolatingClient
    return other.test_client()


def test_the_page_cache_never_serves_a_compressed_copy_to_a_client_that_did_not_ask(cached):
    procedure = make_procedure()
    packed = cached.get(f"/thu-tuc/{procedure.code}", headers={"Accept-Encoding": "gzip"})
    assert packed.headers["Content-Encoding"] == "gzip"
    plain = cached.get(f"/thu-tuc/{procedure.code}")
    assert "Content-Encoding" not in plain.headers and b"<html" in plain.data
