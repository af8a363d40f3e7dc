"""Every public page and the main staff pages pass axe at 390 px and 1280 px (issue 16 point 7): the
parameterless public pages of the URL map, a procedure's page, then every section of the administrator's
staff navigation. CheckedPage.check runs axe at both widths and fails on a serious or critical issue."""
from __future__ import annotations

import pytest
from sqlalchemy import select

from portal.core.access import PUBLIC, access_rule_of
from portal.core.db import db
from tests.e2e.test_navigation import EXPECTED_SECTIONS, demo_email, sign_in

pytestmark = pytest.mark.e2e

_NOT_PAGES = ("static", "site.healthz")
_NOT_PAGE_PREFIXES = ("/api/", "/open311/v2/", "/language/", "/auth/logout")
_DOWNLOADS = (".csv", ".xlsx", ".json", ".atom", ".xml", ".docx", ".txt")


def _public_pages(app) -> list[str]:
    return sorted({r.rule for r in app.url_map.iter_rules()
                   if "GET" in r.methods and not r.arguments and access_rule_of(r.endpoint) == PUBLIC
                   and r.endpoint not in _NOT_PAGES and not r.rule.startswith(_NOT_PAGE_PREFIXES)
                   and not r.rule.endswith(_DOWNLOADS)})


def test_every_public_page_passes_axe_at_both_widths(live_server, phone):
    from portal.procedures.models import Procedure

    with live_server.app.app_context():
        code = db.session.scalar(select(Procedure.code).limit(1))
        pages = _public_pages(live_server.app)
    assert {"/", "/thu-tuc/", "/phan-anh-kien-nghi/gui"} <= set(pages)
    for path in [*pages, f"/thu-tuc/{code}"]:
        response = phone.page.goto(path)
        assert response is not None
        if response.status == 200 and "text/html" in (response.headers.get("content-type") or ""):
            phone.check(path)
        else:
            phone.pending = None
    assert phone.count >= len(pages) - 3  # the walk checked the pages (a few answer with a redirect)


def test_the_main_staff_pages_pass_axe_at_both_widths(live_server, desktop):
    sign_in(desktop, demo_email("admin"))
    desktop.check("staff home")
    with live_server.app.test_request_context():
        from flask import url_for

        paths = [url_for(endpoint) for endpoint in EXPECTED_SECTIONS["admin"]]
    for path in paths:
        desktop.goto(path, path)
    assert desktop.count == len(paths) + 2  # the sign-in page, the staff home, every section
