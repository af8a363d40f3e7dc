"""Figures of closed periods kept in memory (portal/plan/metrics.py): they are computed again as soon as
anything is recorded (an audit row), and a period still running is always computed."""
from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from portal.core import audit
from portal.core.db import db
from portal.plan import metrics
from portal.plan.rules import Metric
from tests.plan.test_metrics import END, NOW, START, YEAR, _feedback, local, world  # noqa: F401

ON_TIME = Metric.FEEDBACK_ON_TIME


@pytest.fixture()
def cache_on(app_ctx):
    app_ctx.config["PLAN_FIGURE_CACHE_SECONDS"] = 600
    metrics._closed_figures.clear()
    yield
    app_ctx.config.pop("PLAN_FIGURE_CACHE_SECONDS", None)
    metrics._closed_figures.clear()


def test_a_closed_period_is_computed_again_once_something_is_recorded(world, cache_on):
    unit = world["a"]
    first = metrics.live_values([ON_TIME], START, END, now=NOW)[ON_TIME]
    _feedback(unit, local(YEAR, 8, 4, 9), answered_after_due=-1)  # written straight to the table: no audit row
    db.session.flush()
    assert metrics.live_values([ON_TIME], START, END, now=NOW)[ON_TIME].denominator == first.denominator

    audit.record("feedback.answer_privately", "feedback", 1, summary="PA-2508-000001")
    db.session.flush()
    again = metrics.live_values([ON_TIME], START, END, now=NOW)[ON_TIME]
    assert (again.numerator, again.denominator) == (first.numerator + 1, first.denominator + 1)


def test_a_period_not_over_yet_is_always_computed(world, cache_on):
    unit = world["a"]
    during = datetime(YEAR, 9, 1, 3, 0, tzinfo=UTC)
    first = metrics.live_values([ON_TIME], START, END, now=during)[ON_TIME]
    _feedback(unit, local(YEAR, 8, 4, 9), answered_after_due=-1)
    db.session.flush()
    assert metrics.live_values([ON_TIME], START, END, now=during)[ON_TIME].denominator == first.denominator + 1


def test_the_cache_is_off_under_testing_unless_configured(world):
    unit = world["a"]
    first = metrics.live_values([ON_TIME], date(YEAR, 1, 1), END, now=NOW)[ON_TIME]
    _feedback(unit, local(YEAR, 8, 4, 9), answered_after_due=-1)
    db.session.flush()
    assert metrics.live_values([ON_TIME], date(YEAR, 1, 1), END, now=NOW)[ON_TIME].denominator == \
        first.denominator + 1
