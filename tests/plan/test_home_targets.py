"""Issue 16 point 4: the public home page shows each plan target beside its live figure — the same figure as
the statistics pages and their public API for the plan's year — with n, the formula, the period, met or not in
words, and a link to the detail."""
from __future__ import annotations

import re
from html import unescape

import pytest

from portal.core.db import db
from portal.plan.models import Plan
from portal.plan.rules import PlanStatus
from tests.plan.test_metrics import YEAR, build_world

API = {"cases_on_time": ("cases", "on_time_rate_766"), "feedback_on_time": ("feedback", "on_time_rate_766"), "feedback_satisfaction": ("feedback", "satisfaction_766"),
       "satisfaction": ("satisfaction", "rate")}


@pytest.fixture()
def world(app_ctx, fixed_clock):
    return build_world()


def _items(html: str) -> dict[str, str]:
    return {m.group(1): m.group(0) for m in re.finditer(r'<li data-metric="([a-z_]+)".*?</li>', html, re.S)}


def test_the_home_figures_equal_the_statistics(client, world):
    html = unescape(client.get("/").get_data(as_text=True))
    items = _items(html)
    assert set(API) <= set(items)
    for metric, (kind, name) in API.items():
        rate = client.get(f"/api/v1/statistics/{kind}?year={YEAR}").get_json()["total"][name]
        item = items[metric]
        num = int(re.search(r'data-numerator="(\d+)"', item).group(1))
        den = int(re.search(r'data-denominator="(\d+)"', item).group(1))
        assert (num, den) == (rate["numerator"], rate["denominator"]), metric
        assert f"n = {den}" in item
    late = client.get(f"/api/v1/statistics/cases?year={YEAR}").get_json()["total"]
    item = items["late_with_apology"]
    assert re.search(r'data-numerator="(\d+)" data-denominator="(\d+)"', item).groups() == (
        str(late["late_with_apology"]),
        str(late["late_with_apology"] + late["late_with_late_apology"] + late["late_without_apology"]))
    # the public satisfaction page's year total, as a visitor reads it
    figures = unescape(client.get(f"/hai-long?year={YEAR}").get_data(as_text=True))
    shown = re.search(r'data-col="value">([^<]+)<', items["satisfaction"]).group(1)
    assert shown.replace("\u00a0", " ").strip() in figures.replace("\u00a0", " ")


def test_each_target_says_met_or_not_in_words_with_formula_period_and_link(client, world):
    html = unescape(client.get("/").get_data(as_text=True))
    items = _items(html)
    assert "target not met" in items["cases_on_time"] or "Chưa đạt chỉ tiêu" in items["cases_on_time"]
    assert "target met" in items["procedures_published"] or "Đạt chỉ tiêu" in items["procedures_published"]
    assert "÷" in items["cases_on_time"]  # the formula
    assert f"/thong-ke?year={YEAR}" in items["cases_on_time"] and f"/hai-long?year={YEAR}" in items["satisfaction"]
    assert f"31/12/{YEAR}" in html and f"01/01/{YEAR}" in html  # the period


def test_without_a_plan_in_force_the_home_page_keeps_its_commitments(client, world):
    db.session.get(Plan, world["plan"].id).status = PlanStatus.DRAFT
    db.session.commit()
    html = client.get("/").get_data(as_text=True)
    assert 'data-metric="' not in html and 'id="commitments"' in html
