"""Issue 16: the home page names the place of the organisation profile in force today (DOMAIN.md §7a: from
1 July 2025 the ward Nam Gia Nghĩa, not the abolished town), in the hero and in the targets heading; the static
TOWN_NAME only through the configured profile when none is recorded. Today is FIXED_NOW (10/03/2027)."""
from __future__ import annotations

import re
from datetime import date
from html import unescape

import pytest
import time_machine

from portal.core.db import db
from portal.units import organisation
from tests.plan.test_metrics import build_world
from tests.units.test_organisation import NEW

pytestmark = pytest.mark.usefixtures("fixed_clock")
TOWN = {**NEW, "committee_name": "Ủy ban nhân dân thị xã Gia Nghĩa", "issuer_line": "", "superior_name": "",
        "province": "Đắk Nông", "place": "Gia Nghĩa", "address": "02 Võ Văn Tần, phường Nghĩa Tân"}


def _heading(html: str, tag: str, attrs: str = "") -> str:
    return re.search(rf"<{tag}{attrs}[^>]*>(.*?)</{tag}>", html, re.S).group(1).strip()


def _home(client) -> str:
    return unescape(client.get("/").get_data(as_text=True))


def _record_change(on: date) -> None:
    organisation.record_profile(TOWN, valid_from=date(2000, 1, 1), expected=None)
    organisation.record_profile(NEW, valid_from=on, expected=date(2000, 1, 1))
    db.session.commit()


def test_without_a_recorded_profile_the_hero_names_the_configured_town(app_ctx, client):
    assert app_ctx.config["TOWN_NAME"] == "Thị xã Gia Nghĩa"
    assert _heading(_home(client), "h1") == "Phục vụ người dân và doanh nghiệp Gia Nghĩa"


def test_from_the_change_date_the_hero_names_the_new_place(app_ctx, client):
    _record_change(date(2027, 3, 10))  # the fixed today
    html = _home(client)
    assert _heading(html, "h1") == "Phục vụ người dân và doanh nghiệp Nam Gia Nghĩa"
    assert "Thị xã Gia Nghĩa" not in html and "thị xã Gia Nghĩa" not in html
    client.set_cookie("lang", "en")
    assert _heading(_home(client), "h1") == "Serving citizens and businesses of Nam Gia Nghĩa"


def test_the_day_before_the_change_the_hero_names_the_old_place(app_ctx, client):
    _record_change(date(2027, 3, 10))
    with time_machine.travel(date(2027, 3, 9), tick=False):
        html = _home(client)
    assert _heading(html, "h1") == "Phục vụ người dân và doanh nghiệp Gia Nghĩa"
    assert "Nam Gia Nghĩa" not in html


def test_the_targets_heading_names_the_place_of_the_day(app_ctx, client):
    build_world()
    _record_change(date(2027, 1, 1))
    html = _home(client)
    assert _heading(html, "h2", ' id="commitments"') == "Nam Gia Nghĩa đang ở đâu so với các chỉ tiêu cải cách hành chính"
    assert "Thị xã đang ở đâu" not in html
