"""Acceptance (issue 12): on the 2019 demo data, plain SQL (no portal code, tests/statistics/plain_sql.py)
computes the on-time rate against the promise at receipt, the late-with-apology share and the PAKN QĐ 766
on-time rate; the staff statistics, the public statistics, the plan dashboard, the manager overview and the
open-data API show those same numbers."""
from __future__ import annotations

from html import unescape

import pytest
from sqlalchemy import select

from portal.core.access import Role
from portal.core.db import db
from portal.plan.models import Plan, PlanField, PlanResult
from portal.plan.rules import Metric
from tests.factories import login, make_user
from tests.printed import printed_percent
from tests.statistics.plain_sql import sql_cases, sql_feedback

YEAR = 2019


@pytest.fixture(scope="module")
def demo(app):
    """A smaller demo year (400 cases, their ratings, 150 PAKN, the 2019 plan), loaded once for the module."""
    from tests.conftest import _empty_tables

    with app.app_context():
        from portal.demo.cases import load_cases
        from portal.demo.feedback import load_feedback
        from portal.demo.satisfaction import load_ratings
        from portal.demo.seed import DEMO_YEAR_END, load_demo

        load_demo()  # units, accounts, catalogue, plans; no cases or feedback under TESTING
        load_cases(count=400)
        load_ratings()
        load_feedback(count=150, now=DEMO_YEAR_END)
        db.session.commit()
        cases, pakn = sql_cases(year=YEAR), sql_feedback(year=YEAR)
        plan_id = db.session.scalar(select(Plan.id).where(Plan.year == YEAR))
        codes = {m: db.session.scalar(select(PlanResult.code).join(PlanField).where(PlanField.plan_id == plan_id,
                                                                                 PlanResult.metric == m))
                 for m in (Metric.CASES_ON_TIME, Metric.LATE_WITH_APOLOGY, Metric.FEEDBACK_ON_TIME)}
        yield {"cases": cases, "pakn": pakn, "plan": plan_id, "codes": codes}
        db.session.rollback()
        _empty_tables(app)
        db.session.remove()


def _shown(share: float) -> str:
    """One decimal with a decimal comma, as the Vietnamese pages print it (no trailing ",0")."""
    return printed_percent(share)


def test_every_page_and_the_api_show_the_plain_sql_figures(demo, app):
    c, f = demo["cases"], demo["pakn"]
    on_time_766 = c["good_766"] / (c["finished"] + c["open_late_766"])
    plan_wording = (c["early"] + c["on_time"]) / c["finished"]
    late = c["late"] + c["open_overdue"]
    with_apology = (c["late_with_apology"] + c["late_with_late_apology"]) / late
    pakn_766 = f["on_time"] / (f["handled"] + f["open_overdue"])
    assert c["finished"] > 300 and late > 0 and f["handled"] > 50 and f["open_overdue"] > 0  # not vacuous

    with app.app_context():
        client = app.test_client()
        login(client, make_user(Role.MANAGER))
        pages = {url: unescape(client.get(url).get_data(as_text=True)) for url in (
            f"/staff/cases/statistics?year={YEAR}", f"/ho-so/thong-ke?year={YEAR}",
            f"/staff/feedback/statistics?year={YEAR}", f"/staff/plan/{demo['plan']}/dashboard?quarter=4",
            f"/staff/plan/overview?start={YEAR}-01-01&end={YEAR}-12-31")}
        api_cases = client.get(f"/api/v1/statistics/cases?year={YEAR}").get_json()["total"]
        api_pakn = client.get(f"/api/v1/statistics/feedback?year={YEAR}").get_json()["total"]

    def card(url: str, key: str) -> str:
        return pages[url].split(f'data-rate="{key}"')[1].split("</li>")[0]

    for url in (f"/staff/cases/statistics?year={YEAR}", f"/ho-so/thong-ke?year={YEAR}"):
        assert _shown(on_time_766) in card(url, "on_time_rate_766"), url
        assert _shown(plan_wording) in card(url, "on_time_rate"), url
        assert _shown(with_apology) in card(url, "late_with_apology_rate"), url
    assert _shown(pakn_766) in card(f"/staff/feedback/statistics?year={YEAR}", "on_time_rate_766")
    board = pages[f"/staff/plan/{demo['plan']}/dashboard?quarter=4"]
    for metric, share in ((Metric.CASES_ON_TIME, on_time_766), (Metric.LATE_WITH_APOLOGY, with_apology),
                          (Metric.FEEDBACK_ON_TIME, pakn_766)):
        row = board.split(f'data-result="{demo["codes"][metric]}"')[1].split("</tr>")[0]
        assert _shown(share) in row, metric
    overview = pages[f"/staff/plan/overview?start={YEAR}-01-01&end={YEAR}-12-31"]
    for metric, share in ((Metric.CASES_ON_TIME, on_time_766), (Metric.FEEDBACK_ON_TIME, pakn_766)):
        section = overview.split(f'data-metric="{metric.value}"')[1].split("</section>")[0]
        assert _shown(share) in section, metric
    assert (api_cases["on_time_rate_766"]["numerator"], api_cases["on_time_rate_766"]["denominator"]) == (
        c["good_766"], c["finished"] + c["open_late_766"])
    assert {k: api_cases[k] for k in ("late_with_apology", "late_with_late_apology", "late_without_apology")} == {
        k: c[k] for k in ("late_with_apology", "late_with_late_apology", "late_without_apology")}
    assert (api_pakn["on_time"], api_pakn["handled"], api_pakn["open_overdue"]) == (
        f["on_time"], f["handled"], f["open_overdue"])
