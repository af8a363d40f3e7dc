"""The public menu marks the page the visitor is on, and only that one: the case lookup and the case
statistics share a blueprint, and both used to be marked on either page."""
from __future__ import annotations

import re

import pytest
from flask import url_for

from portal.site.navigation import PUBLIC_LINKS


def _marked(html: str) -> list[str]:
    nav = re.search(r'<nav class="public-nav".*?</nav>', html, re.S).group(0)
    return re.findall(r'<a href="([^"]+)"\s*aria-current="page"', nav)


@pytest.mark.parametrize("endpoint", [link.endpoint for link in PUBLIC_LINKS])
def test_each_public_page_marks_its_own_link_only(app, client, endpoint):
    assert endpoint in app.view_functions, f"{endpoint} is in the public menu but not registered"
    with app.test_request_context():
        path = url_for(endpoint)
    response = client.get(path)
    assert response.status_code == 200
    assert _marked(response.get_data(as_text=True)) == [path]


def test_the_home_page_marks_home_only(client):
    assert _marked(client.get("/").get_data(as_text=True)) == ["/"]
