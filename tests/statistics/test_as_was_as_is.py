"""Statistics "as was" and "as is" (issue 15 point 2; portal.units.scope): three wards merged into Nam Gia Nghĩa
on 1 July 2025 (tests/statistics/reorganised.py). As was, every unit keeps its own figures; as is, the ceased
wards' figures are summed into Nam Gia Nghĩa (counts summed, rates recomputed from the sums), a filter by Nam Gia
Nghĩa includes them, and a series across 1 July 2025 stays comparable. Totals never change between modes."""
from __future__ import annotations

import pytest
import time_machine
from sqlalchemy import text

from portal.cases import stats as case_stats
from portal.core import stats as kernel
from portal.core.db import db
from portal.feedback import stats as fb_stats
from portal.plan import metrics
from portal.plan.rules import Metric
from portal.satisfaction import selection, stats as sat_stats
from portal.units import scope
from tests.statistics import reorganised as r, world as w

YEAR = kernel.year_period(2025)


@pytest.fixture()
def units(app_ctx):
    with time_machine.travel(w.NOW, tick=False):
        built = r.build()
    return built


def _ids(units, *keys):
    return {units[k].id for k in keys}


def _sql_timing(unit_ids) -> dict:
    """Plain SQL, no portal code: cases of these handling units received in 2025, by timing."""
    ids = ",".join(str(i) for i in sorted(unit_ids))
    rows = db.session.execute(text(f"SELECT timing, count(*) FROM case_file WHERE handling_unit_id IN ({ids}) "
                                   "GROUP BY timing")).all()
    out = {str(t).lower(): n for t, n in rows}
    return {"received": sum(out.values()), "early": out.get("early", 0), "on_time": out.get("on_time", 0),
            "late": out.get("late", 0)}


def test_cases_as_was_keep_each_unit_and_as_is_sum_the_predecessors_into_the_successor(units):
    as_was = case_stats.case_statistics(YEAR, now=w.NOW)
    assert {row.name: row.received for row in as_was.rows} == {r.NAMES[k]: n for k, n in r.CASES_AS_WAS.items()}
    as_is = case_stats.case_statistics(YEAR, now=w.NOW, units=scope.AS_IS)
    by_name = {row.name: row for row in as_is.rows}
    assert set(by_name) == {r.NAMES["nam"], r.NAMES["tp"]}
    nam = by_name[r.NAMES["nam"]]
    counted = _sql_timing(_ids(units, "phu", "tan", "rmoan", "nam"))
    assert {k: getattr(nam, k) for k in r.NAM_AS_IS} == counted == r.NAM_AS_IS
    # the rate of the sums (5 of 8), not an average of the four units' rates; its n and interval from the sums
    rate = nam.on_time_rate
    assert (rate.numerator, rate.denominator) == (5, 8)
    assert rate.interval == kernel.wilson(5, 8)
    assert by_name[r.NAMES["tp"]].received == 2
    assert case_stats.figures(as_is.total) == case_stats.figures(as_was.total)
    assert as_is.total.received == 10
    [included] = as_is.inclusions
    assert included.name == r.NAMES["nam"]
    assert [name for name, _until in included.predecessors] == [r.NAMES["phu"], r.NAMES["tan"], r.NAMES["rmoan"]]
    assert {until for _name, until in included.predecessors} == {r.CEASED_ON}
    assert as_was.inclusions == []


def test_a_filter_by_the_successor_includes_its_predecessors_only_as_is(units):
    nam = units["nam"].id
    as_is = case_stats.case_statistics(YEAR, now=w.NOW, unit_id=nam, units=scope.AS_IS)
    as_was = case_stats.case_statistics(YEAR, now=w.NOW, unit_id=nam)
    assert (as_is.total.received, as_was.total.received) == (8, 3)
    assert [row.name for row in as_is.rows] == [r.NAMES["nam"]]
    # a ceased unit can still be chosen as it was (its 2025 figures), and carries nothing on
    tan = case_stats.case_statistics(YEAR, now=w.NOW, unit_id=units["tan"].id, units=scope.AS_IS)
    assert tan.total.received == 1


def test_a_quarterly_series_across_1_july_2025_stays_comparable_as_is(units):
    nam = units["nam"].id
    series = {mode: [case_stats.case_statistics(kernel.quarter_period(2025, q), now=w.NOW, unit_id=nam,
                                                units=mode).total.received for q in range(1, 5)]
              for mode in (scope.AS_IS, scope.AS_WAS)}
    assert series[scope.AS_IS] == r.QUARTERS_NAM_AS_IS
    assert series[scope.AS_WAS] == r.QUARTERS_NAM_AS_WAS
    before, after = sum(series[scope.AS_IS][:2]), sum(series[scope.AS_IS][2:])
    assert (before, after) == (5, 3) and before + after == 8  # the year's as-is total, split at 1 July
    # the town-wide quarters are the same in both modes
    for q in range(1, 5):
        quarter = kernel.quarter_period(2025, q)
        assert (case_stats.case_statistics(quarter, now=w.NOW, units=scope.AS_IS).total.received
                == case_stats.case_statistics(quarter, now=w.NOW).total.received)


def test_feedback_as_was_and_as_is(units):
    as_was = fb_stats.feedback_statistics(YEAR, now=w.NOW)
    assert {row.name: row.received for row in as_was.rows} == {r.NAMES["phu"]: 1, r.NAMES["tan"]: 1,
                                                               r.NAMES["nam"]: 2, r.NAMES["tp"]: 1}
    as_is = fb_stats.feedback_statistics(YEAR, now=w.NOW, units=scope.AS_IS)
    by_name = {row.name: row for row in as_is.rows}
    assert set(by_name) == {r.NAMES["nam"], r.NAMES["tp"]}
    nam = by_name[r.NAMES["nam"]]
    assert (nam.received, nam.handled_766, nam.on_time_766) == (4, 4, 3)
    assert (nam.on_time_rate.numerator, nam.on_time_rate.denominator) == (3, 4)
    assert fb_stats.indicator_counts(YEAR, now=w.NOW, unit_id=units["nam"].id, units=scope.AS_IS).handled_766 == 4
    assert fb_stats.indicator_counts(YEAR, now=w.NOW, unit_id=units["nam"].id).handled_766 == 2
    assert (as_is.total.received, as_is.total.on_time_766) == (as_was.total.received, as_was.total.on_time_766)


def _filters(unit_id=None, mode=scope.AS_WAS):
    ids = scope.unit_filter(unit_id, mode)
    return selection.Filters(unit_id=unit_id, units=mode, unit_ids=frozenset(ids) if ids else None)


def test_ratings_as_was_and_as_is_with_the_response_rate_from_summed_counts(units):
    as_was = sat_stats.report(YEAR, _filters(), now=w.NOW)
    assert {g.name: g.n for g in as_was.units} == {r.NAMES["phu"]: 1, r.NAMES["tan"]: 1, r.NAMES["rmoan"]: 1,
                                                   r.NAMES["nam"]: 2, r.NAMES["tp"]: 1}
    as_is = sat_stats.report(YEAR, _filters(mode=scope.AS_IS), now=w.NOW)
    groups = {g.name: g for g in as_is.units}
    assert set(groups) == {r.NAMES["nam"], r.NAMES["tp"]}
    nam = groups[r.NAMES["nam"]]
    assert (nam.n, nam.sums.satisfied) == (5, 4)
    assert (nam.rate.numerator, nam.rate.denominator) == (4, 5) and nam.rate.interval == kernel.wilson(4, 5)
    assert (nam.response_rate.numerator, nam.response_rate.denominator) == (5, 8)
    assert (as_is.total.n, as_is.total.sums.satisfied) == (as_was.total.n, as_was.total.sums.satisfied) == (6, 5)
    # filtered by the successor: as is, its months before July hold its predecessors' ratings
    nam_only = sat_stats.report(YEAR, _filters(units["nam"].id, scope.AS_IS), now=w.NOW)
    months = {g.key: g.n for g in nam_only.months if g.n}
    assert months == {202502: 1, 202504: 1, 202505: 1, 202508: 1, 202509: 1}
    assert sum(months.values()) == nam_only.total.n == 5
    assert sat_stats.report(YEAR, _filters(units["nam"].id), now=w.NOW).total.n == 2
    assert sat_stats.overall_rate(YEAR.start, YEAR.end, units["nam"].id, scope.AS_IS).denominator == 5


def test_plan_figures_same_town_wide_but_not_for_the_successor(units):
    wanted = (Metric.CASES_ON_TIME, Metric.SATISFACTION, Metric.FEEDBACK_ON_TIME)
    town = {mode: metrics.live_values(wanted, YEAR.start, YEAR.end, now=w.NOW, units=mode)
            for mode in scope.MODES}
    for metric in wanted:
        assert (town[scope.AS_IS][metric].value, town[scope.AS_IS][metric].n) == (
            town[scope.AS_WAS][metric].value, town[scope.AS_WAS][metric].n)
    nam = {mode: metrics.live_values(wanted, YEAR.start, YEAR.end, units["nam"].id, now=w.NOW, units=mode)
           for mode in scope.MODES}
    assert nam[scope.AS_IS][Metric.SATISFACTION].n == 5 and nam[scope.AS_WAS][Metric.SATISFACTION].n == 2
    assert nam[scope.AS_IS][Metric.CASES_ON_TIME].n == 8 and nam[scope.AS_WAS][Metric.CASES_ON_TIME].n == 3
    assert nam[scope.AS_IS][Metric.CASES_ON_TIME].args["units"] == scope.AS_IS  # the link opens the same view


def test_the_overviews_warnings_as_is_include_the_predecessors_cases(units):
    """Issue 18 point 4: the overview's "warnings sent and acted on" covers the same units as the case figures beside
    it: as is, a filter by Nam Gia Nghĩa includes the warnings about the merged wards' cases."""
    from datetime import date

    from portal.alerts.models import CaseWarning
    from portal.alerts.rules import WarningKind
    from portal.alerts.services import sent_and_acted
    from portal.core.access import Role
    from tests.factories import make_user

    manager = make_user(Role.MANAGER)
    case_ids = [i for (i,) in db.session.execute(text("SELECT id FROM case_file ORDER BY id"))]
    for n, case_id in enumerate(case_ids):
        db.session.add(CaseWarning(case_id=case_id, kind=WarningKind.MANAGER_NO_APOLOGY, step=f"due:{n}",
                                   recipient_id=manager.id, for_day=date(2025, 9, 1), created_at=w.NOW))
    db.session.commit()

    def by_sql(unit_ids) -> int:  # plain SQL: warnings about the cases these units handle
        ids = ",".join(str(i) for i in sorted(unit_ids))
        return db.session.scalar(text("SELECT count(*) FROM case_warning JOIN case_file ON case_file.id = "
                                      f"case_warning.case_id WHERE case_file.handling_unit_id IN ({ids})"))

    nam = units["nam"].id
    merged = scope.unit_filter(nam, scope.AS_IS)
    assert len(merged) > 1 and by_sql(merged) > by_sql({nam}) > 0
    start, end = date(2025, 1, 1), date(2025, 12, 31)
    assert sent_and_acted(start, end, nam)[0] == by_sql({nam})
    assert sent_and_acted(start, end, nam, scope.AS_IS)[0] == by_sql(merged)
    assert sent_and_acted(start, end, None, scope.AS_IS)[0] == len(case_ids)
