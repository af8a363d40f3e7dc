"""TT 01/2018 scoring, pure: every indicator's scale as a table quoting its clause (Điều 13 k1–k9), the
rounding of each indicator before the sum (Điều 15 k2) with the worked check of DOMAIN.md §6, the grades
at their thresholds (Điều 15 k3) and rounding half up."""
from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from portal.satisfaction import rules, tt01
from portal.satisfaction.tt01 import AgencyGrade, OfficerGrade, Points

# ---------------------------------------------------------------- TT 01/2018 Điều 13, one table per indicator

# k1 "Điểm 2 khi tổng thời gian ngắn hơn so với quy định; Điểm 1 khi ... bằng ...; Điểm 0 khi ... dài hơn"
@pytest.mark.parametrize("timing, points", [("early", 2), ("on_time", 1), ("late", 0), (None, 0), ("overdue", 0)])
def test_indicator_1_total_time(timing, points):
    assert tt01.points_time(timing) == points


# k2 "Thời gian thực hiện của từng cơ quan, đơn vị tham gia giải quyết (kể cả đơn vị phối hợp)": every unit
# that took part — the handling unit (the case's timing) and each consulted one — the worst counts.
@pytest.mark.parametrize("legs, case_timing, points", [
    ([], "early", 2), ([], "on_time", 1), ([], "late", 0),
    (["early", "early"], "early", 2), (["early", "on_time"], "early", 1), (["early", "late"], "early", 0),
    (["early", "early"], "late", 0),  # the handling unit itself was late
    (["early"], "on_time", 1),
])
def test_indicator_2_each_participating_unit(legs, case_timing, points):
    assert tt01.points_units(legs, case_timing) == points


@pytest.mark.parametrize("done, due, timing", [
    (date(2027, 3, 8), date(2027, 3, 9), "early"), (date(2027, 3, 9), date(2027, 3, 9), "on_time"),
    (date(2027, 3, 10), date(2027, 3, 9), "late"), (None, date(2027, 3, 9), "late"),
])
def test_day_timing_compares_local_days(done, due, timing):
    assert tt01.day_timing(done, due) == timing


# k3 "Điểm 2 khi không phải liên hệ ... lần nào ...; Điểm 1 khi chỉ phải một lần ...; Điểm 0 khi phải hơn một lần"
@pytest.mark.parametrize("contacts, points", [(0, 2), (1, 1), (2, 0)])
def test_indicator_3_contacts_with_the_desk(contacts, points):
    assert tt01.points_contacts(contacts) == points


@pytest.mark.parametrize("requests, contacts", [(0, 0), (1, 1), (2, 2), (5, 2), (-1, 0)])
def test_contacts_from_record(requests, contacts):
    assert tt01.contacts_from_record(requests) == contacts


# k4 "Điểm 2 khi không phải liên hệ với cơ quan, đơn vị, tổ chức nào ...; Điểm 1 khi phải liên hệ với một cơ quan,
# đơn vị, tổ chức là Bộ phận Một cửa ...; Điểm 0 khi phải liên hệ với hơn một cơ quan, đơn vị, tổ chức."
@pytest.mark.parametrize("agencies, points", [(rules.Agencies.NONE, 2), (rules.Agencies.DESK, 1),
                                              (rules.Agencies.MORE, 0)])
def test_indicator_4_agencies_contacted(agencies, points):
    assert tt01.points_agencies(agencies) == points


def test_indicator_4_out_of_scale_and_from_the_record():
    with pytest.raises(ValueError):
        tt01.points_agencies(3)
    with pytest.raises(ValueError):
        tt01.points_contacts(3)
    assert [tt01.agencies_from_record(n) for n in (0, 1, 3)] == [rules.Agencies.NONE, rules.Agencies.DESK,
                                                                  rules.Agencies.DESK]


# k7 "Điểm 2 khi ... sớm hơn thời hạn quy định và không có ý kiến phản ánh, kiến nghị về hành vi, thái độ nhũng
# nhiễu, gây phiền hà ...; Điểm 1 khi ... đúng thời hạn quy định và không có ...; Điểm 0 khi có ý kiến phản ánh,
# kiến nghị ..." — a late file without one meets neither a) nor b): 0.
@pytest.mark.parametrize("timing, conduct, points", [
    ("early", False, 2), ("on_time", False, 1), ("late", False, 0),
    ("early", True, 0), ("on_time", True, 0), ("late", True, 0), (None, False, 0),
])
def test_indicator_7_objective_conduct(timing, conduct, points):
    assert tt01.points_conduct(timing, conduct) == points


# k5 a) "tối thiểu 50%" (district-level desk) / "100%" (commune-level desk) received, appraised and approved at
# the desk → 2; b) "100% thủ tục hành chính không thuộc đối tượng ... điểm a, b khoản 5 Điều 14 Nghị định số
# 61/2018/NĐ-CP được tiếp nhận hồ sơ và trả kết quả tại Bộ phận Một cửa" → 1; c) under 100% → 0. Unknown: None.
@pytest.mark.parametrize("level, decided, all_received, points", [
    ("town", 50, None, 2), ("town", 49.9, True, 1), ("town", 49.9, False, 0),
    ("commune", 100, False, 2), ("commune", 99.9, True, 1), ("commune", 50, False, 0),
    ("town", None, True, None),  # could still be 2: the share is not known
    ("town", None, None, None), ("commune", 80, None, None),
])
def test_indicator_5_desk_model(level, decided, all_received, points):
    assert tt01.points_desk_model(level, decided, all_received) == points


# k6 "Điểm 2 khi ... công khai chính xác, đầy đủ, kịp thời bằng cả hình thức niêm yết và điện tử; Điểm 1 khi ...
# bằng hình thức niêm yết hoặc điện tử; Điểm 0 khi ... không được công khai chính xác, đầy đủ, kịp thời."
@pytest.mark.parametrize("posted, electronic, points", [
    (True, True, 2), (True, False, 1), (False, True, 1), (False, False, 0), (None, True, None), (True, None, None),
])
def test_indicator_6_publication(posted, electronic, points):
    assert tt01.points_publication(posted, electronic) == points


def test_indicator_6_per_file_is_the_electronic_form():
    assert tt01.electronic_publication(True, True) == 1
    assert tt01.electronic_publication(True, False) == 0 and tt01.electronic_publication(False, False) == 0


# k8 "Điểm 2 khi không có phản ánh, kiến nghị hoặc 100% ... được xử lý đúng thời hạn ... và không có phản ánh, kiến
# nghị kéo dài; Điểm 1 khi tối thiểu từ 90% ... và không có ... kéo dài; Điểm 0 khi dưới 90% ... hoặc có ... kéo dài."
@pytest.mark.parametrize("on_time, in_scope, protracted, points", [
    (0, 0, None, 2), (0, 0, False, 2),  # no PAKN at all
    (20, 20, False, 2), (18, 20, False, 1), (9, 10, False, 1), (17, 20, False, 0),
    (20, 20, True, 0), (18, 20, True, 0),
    (17, 20, None, 0),  # under 90%: 0 whatever the protracted fact
    (20, 20, None, None), (18, 20, None, None),  # 1 or 2 hangs on a fact not recorded
    (899, 1000, False, 0), (900, 1000, False, 1),
])
def test_indicator_8_feedback_handling(on_time, in_scope, protracted, points):
    assert tt01.points_feedback_handling(on_time, in_scope, protracted) == points


# k9 a) "tối thiểu 20% thủ tục hành chính ... mức độ 3, 4; tỷ lệ hồ sơ trực tuyến ... tối thiểu 30%; và không có hồ
# sơ trực tuyến nào không giải quyết hoặc giải quyết quá hạn" → 2; b) "có triển khai ... mức độ 3, 4 ...; ... tối
# thiểu 15% đến dưới 30%; và không có ..." → 1; c) "không triển khai ... hoặc ... dưới 15%; hoặc có hồ sơ trực tuyến
# không được giải quyết hoặc giải quyết quá hạn" → 0.
@pytest.mark.parametrize("online, total, files_pct, late, points", [
    (2, 10, 30, False, 2), (2, 10, 29.9, False, 1), (2, 10, 15, False, 1), (2, 10, 14.9, False, 0),
    (2, 10, 40, True, 0), (0, 10, 40, False, 0), (0, 10, None, None, 0),
    (1, 10, 35, False, 1),  # under 20% of procedures: not a), b)'s floor met (the reading taken)
    (2, 10, None, False, None), (2, 10, 30, None, None), (2, 10, 10, None, 0),
])
def test_indicator_9_online_service(online, total, files_pct, late, points):
    assert tt01.points_online_service(online, total, files_pct, late) == points


def test_points_of_a_file_and_their_range():
    p = Points(i1=2, i2=1, i3=2, i4=2, i6=1, i7=0)
    assert p.officer == 2 + 1 + 2 + 2 + 0
    with pytest.raises(ValueError):
        Points(i1=3, i2=1, i3=2, i4=2, i6=1, i7=0)
    with pytest.raises(ValueError):
        Points(i1=2, i2=1, i3=2, i4=2, i6=2, i7=0)  # per-file 6 is the electronic form only: 0 or 1


# ---------------------------------------------------------------- TT 01/2018 Điều 15 k2: round each, then add

def test_worked_check_of_domain_6_twenty_files_score_5_and_complete():
    """DOMAIN.md §6: 20 files where each of indicators 1, 2, 3, 4, 7 has nineteen files at 1 point and one at
    0. Each average 19/20 = 0.95 rounds half up to 1.0 (Điều 15 k2 a) and the five are added: 5.0, "hoàn thành
    100% nhiệm vụ" (k3 a) — not round(5 × 0.95) = 4.8, which would be "70% to under 100%"."""
    sums = {i: 19 for i in (1, 2, 3, 4, 7)}
    assert tt01.indicator_average(19, 20) == Decimal("1.0")
    assert tt01.staff_score(sums, 20) == Decimal("5.0")
    assert tt01.grade(tt01.staff_score(sums, 20), tt01.OFFICER_THRESHOLDS) == OfficerGrade.COMPLETE
    rounded_after = tt01.round1(sum(sums.values()) / 20)  # the old order: add per file, then round
    assert rounded_after == 4.8 and tt01.grade(rounded_after, tt01.OFFICER_THRESHOLDS) == OfficerGrade.PARTLY


@pytest.mark.parametrize("total, files, average", [
    (19, 20, "1.0"), (17, 20, "0.9"), (1, 40, "0.0"), (2, 40, "0.1"), (25, 20, "1.3"), (5, 4, "1.3"),
    (1, 3, "0.3"), (2, 3, "0.7"), (40, 20, "2.0"), (0, 7, "0.0"),
])
def test_indicator_average_rounds_half_up_on_exact_decimals(total, files, average):
    # 25/20 = 1.25 and 5/4 = 1.25 are exact halves: up, never to even (1.2) nor binary-float drift.
    assert tt01.indicator_average(total, files) == Decimal(average)


def test_agency_score_adds_rounded_file_indicators_and_the_agency_ones_not_scored_left_out():
    file_part = tt01.file_indicators({1: 19, 2: 17, 3: 39, 4: 21, 7: 25}, 20)
    assert file_part == {1: Decimal("1.0"), 2: Decimal("0.9"), 3: Decimal("2.0"), 4: Decimal("1.1"),
                         7: Decimal("1.3")}
    assert tt01.agency_score(file_part, {5: 2, 6: 1, 8: 1, 9: 0}) == Decimal("10.3")
    assert tt01.agency_score(file_part, {5: None, 6: None, 8: 2, 9: None}) == Decimal("8.3")  # Điều 15 k4 b
    assert tt01.grade(Decimal("10.3"), tt01.AGENCY_THRESHOLDS) == AgencyGrade.FAIR


@pytest.mark.parametrize("value, rounded", [(4.25, 4.3), (4.24, 4.2), (3.45, 3.5), (0.05, 0.1), (14.95, 15.0), (2.0, 2.0)])
def test_round1_half_up(value, rounded):
    assert tt01.round1(value) == rounded


@pytest.mark.parametrize("average, expected", [
    (5.0, OfficerGrade.COMPLETE), (4.96, OfficerGrade.COMPLETE), (4.94, OfficerGrade.PARTLY),
    (3.5, OfficerGrade.PARTLY), (3.45, OfficerGrade.PARTLY), (3.44, OfficerGrade.NOT_COMPLETE), (0, OfficerGrade.NOT_COMPLETE),
])
def test_officer_grade_thresholds(average, expected):
    assert tt01.grade(average, tt01.OFFICER_THRESHOLDS) == expected


@pytest.mark.parametrize("average, expected", [
    (18, AgencyGrade.EXCELLENT), (15.0, AgencyGrade.EXCELLENT), (14.9, AgencyGrade.GOOD), (12.0, AgencyGrade.GOOD),
    (11.94, AgencyGrade.FAIR), (9.0, AgencyGrade.FAIR), (8.9, AgencyGrade.AVERAGE), (6.0, AgencyGrade.AVERAGE),
    (5.94, AgencyGrade.WEAK), (0, AgencyGrade.WEAK),
])
def test_agency_grade_thresholds(average, expected):
    assert tt01.grade(average, tt01.AGENCY_THRESHOLDS) == expected


