"""Issue 16 point 9: the public satisfaction page (/hai-long) opens on the latest year that has ratings, not
on an empty current year; a year without ratings asked for by hand falls back to it too."""
from __future__ import annotations

import re
from html import unescape

import pytest

from portal.core.db import db
from portal.satisfaction import services
from portal.satisfaction.rules import Channel
from tests.satisfaction.helpers import local, make_world, returned_case
from tests.satisfaction.test_views import ANSWERS


@pytest.fixture()
def world(app_ctx, fixed_clock):
    return make_world()


def _rate(world, year: int, day: int, level: str = "very_satisfied") -> None:
    case = returned_case(world, received=(year, 5, day, 9, 0), finished=(year, 5, day + 2, 10, 0))
    services.record_rating(case, {**ANSWERS, "level": level}, channel=Channel.ONLINE, now=local(year, 5, day + 2, 11, 0))
    db.session.commit()


def _selected_year(html: str) -> int:
    return int(re.search(r'<option value="(\d{4})" selected>', html).group(1))


def test_it_opens_on_the_latest_year_with_ratings_not_the_empty_current_one(client, world, fixed_clock):
    _rate(world, 2025, 5)
    _rate(world, 2026, 5)
    _rate(world, 2026, 12, "not_satisfied")
    assert fixed_clock.year == 2027  # the current year has no rating
    html = unescape(client.get("/hai-long").get_data(as_text=True))
    assert _selected_year(html) == 2026 and "n = 2" in html
    assert "No rating was given" not in html and "satisfaction-table" in html
    assert _selected_year(unescape(client.get("/hai-long?year=2027").get_data(as_text=True))) == 2026
    html_2025 = unescape(client.get("/hai-long?year=2025").get_data(as_text=True))
    assert _selected_year(html_2025) == 2025 and "n = 1" in html_2025
