"""Pure rules of per-case ratings: every TT 01/2018 points function, the grades at their thresholds, rounding
half up, and the Wilson interval checked against the formula worked out independently."""
from __future__ import annotations

from datetime import date

import pytest

from portal.satisfaction import rules
from portal.satisfaction.rules import AgencyGrade, OfficerGrade, Points


def test_scales_and_satisfied_levels():
    assert [lv.value for lv in rules.levels_of(3)] == ["very_satisfied", "satisfied", "not_satisfied"]
    assert len(rules.levels_of(5)) == 5
    assert rules.valid_level(5, "neutral") and not rules.valid_level(3, "neutral")
    assert not rules.valid_level(3, "excellent") and not rules.valid_level(3, "")
    with pytest.raises(ValueError):
        rules.levels_of(4)
    assert rules.is_satisfied("very_satisfied") and rules.is_satisfied("satisfied")
    assert not rules.is_satisfied("neutral") and not rules.is_satisfied("not_satisfied")


@pytest.mark.parametrize("timing, points", [("early", 2), ("on_time", 1), ("late", 0), (None, 0), ("overdue", 0)])
def test_points_time(timing, points):
    assert rules.points_time(timing) == points


@pytest.mark.parametrize("legs, case_timing, points", [
    ([], "early", 2), ([], "late", 0),
    (["early", "early"], "late", 2), (["early", "on_time"], "early", 1), (["early", "late"], "early", 0),
])
def test_points_legs_worst_leg_counts_and_no_legs_take_the_case(legs, case_timing, points):
    assert rules.points_legs(legs, case_timing) == points


@pytest.mark.parametrize("done, due, timing", [
    (date(2027, 3, 8), date(2027, 3, 9), "early"), (date(2027, 3, 9), date(2027, 3, 9), "on_time"),
    (date(2027, 3, 10), date(2027, 3, 9), "late"), (None, date(2027, 3, 9), "late"),
])
def test_day_timing_compares_local_days(done, due, timing):
    assert rules.day_timing(done, due) == timing


@pytest.mark.parametrize("requests, contacts", [(0, 0), (1, 1), (2, 2), (5, 2), (-1, 0)])
def test_contacts_from_record(requests, contacts):
    assert rules.contacts_from_record(requests) == contacts


def test_points_of_the_citizens_answers():
    assert [rules.points_contacts(c) for c in (0, 1, 2)] == [2, 1, 0]
    assert [rules.points_agencies(a) for a in (1, 2, 3)] == [2, 1, 0]
    assert [rules.points_attitude(a) for a in ("good", "indifferent", "harassing")] == [2, 1, 0]
    with pytest.raises(ValueError):
        rules.points_contacts(3)
    with pytest.raises(ValueError):
        rules.points_agencies(0)


def test_points_publication_feedback_online():
    assert rules.points_publication(True, True) == 2
    assert rules.points_publication(True, False) == 1
    assert rules.points_publication(False, True) == 0
    assert rules.points_feedback([]) == 2
    assert rules.points_feedback(["on_time", "in_time"]) == 2
    assert rules.points_feedback(["on_time", "late"]) == 1
    assert rules.points_feedback(["late", "overdue"]) == 0
    assert [rules.points_online(x) for x in ("full", "partial", "none", None)] == [2, 1, 0, 0]


def test_points_sums_and_range():
    p = Points(i1=2, i2=1, i3=2, i4=2, i5=2, i6=1, i7=0, i8=2, i9=1)
    assert p.officer == 2 + 1 + 2 + 2 + 0
    assert p.agency == 13
    with pytest.raises(ValueError):
        Points(i1=3, i2=1, i3=2, i4=2, i5=2, i6=1, i7=0, i8=2, i9=1)


@pytest.mark.parametrize("value, rounded", [(4.25, 4.3), (4.24, 4.2), (3.45, 3.5), (0.05, 0.1), (14.95, 15.0), (2.0, 2.0)])
def test_round1_half_up(value, rounded):
    assert rules.round1(value) == rounded


@pytest.mark.parametrize("average, expected", [
    (5.0, OfficerGrade.COMPLETE), (4.96, OfficerGrade.COMPLETE), (4.94, OfficerGrade.PARTLY),
    (3.5, OfficerGrade.PARTLY), (3.45, OfficerGrade.PARTLY), (3.44, OfficerGrade.NOT_COMPLETE), (0, OfficerGrade.NOT_COMPLETE),
])
def test_officer_grade_thresholds(average, expected):
    assert rules.grade(average, rules.OFFICER_THRESHOLDS) == expected


@pytest.mark.parametrize("average, expected", [
    (18, AgencyGrade.EXCELLENT), (15.0, AgencyGrade.EXCELLENT), (14.9, AgencyGrade.GOOD), (12.0, AgencyGrade.GOOD),
    (11.94, AgencyGrade.FAIR), (9.0, AgencyGrade.FAIR), (8.9, AgencyGrade.AVERAGE), (6.0, AgencyGrade.AVERAGE),
    (5.94, AgencyGrade.WEAK), (0, AgencyGrade.WEAK),
])
def test_agency_grade_thresholds(average, expected):
    assert rules.grade(average, rules.AGENCY_THRESHOLDS) == expected


