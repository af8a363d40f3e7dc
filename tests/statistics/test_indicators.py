"""Each QĐ 766 indicator through the services and on every page that shows it (DOMAIN.md §7): the counts of
tests/statistics/world.py, written out by hand."""
from __future__ import annotations

import re
from datetime import date
from html import unescape

import pytest
import time_machine

from portal.cases import stats as case_stats
from portal.core.access import Role
from portal.core.stats import Rate, year_period
from portal.feedback import stats as fb_stats
from portal.plan import metrics
from portal.plan.rules import Metric
from tests.factories import login, make_user
from tests.printed import printed_percent
from tests.statistics import world as w

START, END = date(w.YEAR, 1, 1), date(w.YEAR, 12, 31)


@pytest.fixture()
def world(app_ctx):
    with time_machine.travel(w.NOW, tick=False):
        built = w.build()
    return built


def test_case_indicators_through_the_service(world):
    row = case_stats.case_statistics(year_period(w.YEAR), now=w.NOW, unit_id=world["a"].id).total
    for name, (num, den) in w.RATES_A.items():
        assert getattr(row, name) == Rate(num, den), name
    # the same cases while the year is still running (10 Dec): only the case due 10 Dec is not overdue yet
    running = case_stats.case_statistics(year_period(w.YEAR), now=w.local(w.YEAR, 12, 10, 15),
                                         unit_id=world["a"].id).total
    assert running.open_overdue == 0 and running.on_time_rate_766 == Rate(4, 8 + 0)


def test_pakn_indicators_read_the_backlog_at_the_end_of_the_period(world):
    counts = fb_stats.indicator_counts(year_period(w.YEAR), now=w.NOW, unit_id=world["a"].id)
    for name, (num, den) in w.FEEDBACK_RATES_A.items():
        assert getattr(counts, name) == Rate(num, den), name
    # Read today (2026) the PAKN answered in January 2026 is no longer open; the 2025 figure still counts it,
    # as it stood on 31 December.
    assert counts.open_overdue_766 == 2
    # the statistics page's total row is the same
    report = fb_stats.feedback_statistics(year_period(w.YEAR), now=w.NOW, unit_id=world["a"].id)
    assert report.total.on_time_rate_766 == counts.on_time_rate_766
    assert report.total.satisfaction_766 == counts.satisfaction_766


def test_the_plan_shows_the_indicators_and_its_own_wording_beside(world):
    figures = metrics.live_values(list(Metric), START, END, world["a"].id, now=w.NOW)
    cases = figures[Metric.CASES_ON_TIME]
    assert (cases.numerator, cases.denominator) == w.RATES_A["on_time_rate_766"]
    (label, plan_wording), = cases.extra
    assert (plan_wording.numerator, plan_wording.denominator) == w.RATES_A["on_time_rate"]
    assert (figures[Metric.LATE_WITH_APOLOGY].numerator,
            figures[Metric.LATE_WITH_APOLOGY].denominator) == w.RATES_A["late_with_apology_rate"]
    pakn = figures[Metric.FEEDBACK_ON_TIME]
    assert (pakn.numerator, pakn.denominator) == w.FEEDBACK_RATES_A["on_time_rate_766"]
    assert (pakn.extra[0][1].numerator, pakn.extra[0][1].denominator) == w.FEEDBACK_RATES_A["on_time_rate"]
    sat = figures[Metric.SATISFACTION]
    (_label, case_sat), = sat.extra
    assert (case_sat.numerator, case_sat.denominator) == w.RATES_A["satisfaction_766"]
    assert cases.low < cases.value < cases.high  # percent, with its interval


def _percent(value: float) -> str:
    """As the pages print a share in Vietnamese: one decimal, a decimal comma, no trailing ",0"."""
    return printed_percent(value)


def test_every_page_shows_the_same_figures(world, client):
    a = world["a"].id
    with time_machine.travel(w.NOW, tick=False):
        login(client, make_user(Role.MANAGER))
        staff = unescape(client.get(f"/staff/cases/statistics?year={w.YEAR}&unit={a}").get_data(as_text=True))
        public = unescape(client.get(f"/ho-so/thong-ke?year={w.YEAR}").get_data(as_text=True))
        pakn = unescape(client.get(f"/staff/feedback/statistics?year={w.YEAR}&unit={a}").get_data(as_text=True))
        overview = unescape(client.get(f"/staff/plan/overview?start={START}&end={END}&unit={a}")
                            .get_data(as_text=True))
        dashboard = unescape(client.get(f"/staff/satisfaction/?year={w.YEAR}&unit={a}").get_data(as_text=True))

    def card(page: str, key: str) -> str:
        return page.split(f'data-rate="{key}"')[1].split("</li>")[0]

    staff_card = card(staff, "on_time_rate_766")
    assert _percent(4 / 11) in staff_card and "n = 11" in staff_card and "QĐ 766" in staff_card
    assert re.search(r"95\s?%", staff_card)  # its interval
    assert _percent(5 / 8) in card(staff, "on_time_rate")  # the plan's wording, beside
    assert _percent(2 / 11) in card(staff, "satisfaction_766")
    assert _percent(3 / 5) in card(staff, "late_with_apology_rate")
    # the public page: every unit (A 4 of 11, B 1 of 2)
    assert _percent(5 / 13) in card(public, "on_time_rate_766") and "n = 13" in card(public, "on_time_rate_766")
    pakn_card = card(pakn, "on_time_rate_766")
    assert _percent(5 / 9) in pakn_card and "n = 9" in pakn_card
    assert _percent(4 / 9) in card(pakn, "satisfaction_766")
    cases_card = overview.split('data-metric="cases_on_time"')[1].split("</section>")[0]
    assert _percent(4 / 11) in cases_card and _percent(5 / 8) in cases_card
    satisfaction_card = overview.split('data-metric="satisfaction"')[1].split("</section>")[0]
    assert _percent(2 / 11) in satisfaction_card  # the QĐ 766 case satisfaction beside the ratings' share
    sat_card = dashboard.split('data-rate="satisfaction_766"')[1].split("</div>")[0]
    assert _percent(2 / 11) in sat_card and "n = 11" in sat_card
