"""Issue 14 point 5: the QĐ 766 "unhappy" case (rated not satisfied, or named by a PAKN) is defined above cases,
feedback and satisfaction and handed to the case statistics by the app factory; without it the case figures
refuse to run rather than count every case as happy. Its effect on the figures: test_indicators, test_api."""
from __future__ import annotations

from datetime import UTC, datetime

import pytest

from portal.cases.stats import UNHAPPY, case_statistics
from portal.core.stats import year_period
from portal.statistics.cases_766 import unhappy_cases


def test_the_app_factory_hands_the_predicate_to_the_case_statistics(app):
    assert app.extensions[UNHAPPY] is unhappy_cases


def test_without_the_predicate_the_case_figures_refuse_to_run(app_ctx, monkeypatch):
    monkeypatch.delitem(app_ctx.extensions, UNHAPPY)
    with pytest.raises(RuntimeError, match="unhappy-case predicate"):
        case_statistics(year_period(2027), now=datetime(2028, 1, 1, tzinfo=UTC))
