"""The search set in a browser on a phone (issue 16 point 3, acceptance: "the 40-query search set" as a browser
journey): every query of tests/procedures/test_search_queries.py, typed by a citizen into the catalogue's search
box at 390 px, shows its procedure among the first three results. The first is typed into the home page's box and
sent with Enter (the plain GET form), the others into the catalogue's live (htmx) search.

The shared demo server holds the demo catalogue only; the set also needs the commonly sought procedures of other
sectors (CCCD, residence, driving licences, land…), so this module serves tests.procedures.search_catalogue from a
server and database of its own."""
from __future__ import annotations

import os
import re
from urllib.parse import quote

import pytest
from playwright.sync_api import expect
from sqlalchemy import make_url

from portal import create_app
from portal.config import TestConfig
from portal.core.db import db
from tests.conftest import serve
from tests.e2e.conftest import PHONE, _drop_pg_database, _recreate_pg_database
from tests.procedures.search_catalogue import build_catalogue
from tests.procedures.test_search_queries import QUERIES

pytestmark = pytest.mark.e2e


@pytest.fixture(scope="module")
def search_server(tmp_path_factory):
    base = os.environ.get("TEST_DATABASE_URL")
    pg_url = None
    if base:
        pg_url = make_url(base).set(database=f"{make_url(base).database}_e2e_search")
        _recreate_pg_database(pg_url)
        url = pg_url.render_as_string(hide_password=False)
    else:
        url = f"sqlite:///{tmp_path_factory.mktemp('search') / 'search.sqlite3'}"
    app = create_app(TestConfig, SQLALCHEMY_DATABASE_URI=url, WTF_CSRF_ENABLED=True, RATELIMIT_ENABLED=False)
    with app.app_context():
        db.create_all()
        build_catalogue()
        db.session.commit()
        db.session.remove()
    with serve(app, "e2e-search-server") as base_url:
        yield base_url
    if pg_url is not None:
        _drop_pg_database(pg_url)


def _top_three(page) -> list[str]:
    codes = page.locator("#results .proc-item .proc-meta .mono")
    return [c.split(".000.")[0] for c in codes.all_inner_texts()[:3]]


def test_every_query_of_the_set_finds_its_procedure_in_the_top_three_on_a_phone(open_page, search_server):
    assert len(QUERIES) >= 40
    citizen = open_page(PHONE, is_mobile=True, has_touch=True)
    page = citizen.page
    citizen.goto(f"{search_server}/", "home page of the search catalogue")

    first_query, first_code = QUERIES[0]
    page.locator("#home-q").fill(first_query)
    page.locator("#home-q").press("Enter")  # the plain GET form of the home page
    page.wait_for_url(re.compile(r"/thu-tuc/\?q="))
    citizen.check("results of the home page's search box")
    assert page.evaluate("document.documentElement.scrollWidth - window.innerWidth") <= 0
    misses = [] if first_code in _top_three(page) else [(first_query, first_code, _top_three(page))]

    box = page.locator("#q")
    for query, code in QUERIES[1:]:
        box.fill(query)  # htmx live search: the results, then the address, follow what is typed
        typed = re.escape(quote(query, safe="")).replace("%20", "(?:%20|\\+)")  # htmx writes a space as %20
        expect(page).to_have_url(re.compile(r"[?&]q=" + typed + r"(&|$)"))
        page.wait_for_load_state("networkidle")
        top = _top_three(page)
        if code not in top:
            misses.append((query, code, top))
        # Each query replaces the address (htmx push): the same results template, checked by axe above and in
        # tests/e2e/test_catalogue.py; one axe run per query would add minutes and check nothing new.
        citizen.pending = None
        citizen.last_checked = page.url
    assert misses == []
