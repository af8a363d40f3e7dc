"""A small known world for the indicators and the open-data API: 2025, two handling units, every case,
PAKN and rating written out below, so that each figure can be counted by hand and by plain SQL.

Unit A (cases): finished in 2025: 3 early (one with two supplement requests: late under QĐ 766, and one
rated not satisfied), 2 on time (one with a PAKN about it), 3 late (apology in time, late apology, none);
open at the end of 2025: 2 overdue (one apologised in time), 1 in time but with two supplement requests,
1 in time; one case finished in 2024 (outside).
Unit B (cases): 1 on time, 1 late (no apology).
PAKN: unit A answered in 2025: 4 on time (1 not satisfied), 2 late; open and overdue at the end of 2025: 1;
answered in January 2026 but overdue on 31 Dec 2025: 1; received 2024 answered 2025 on time: 1; rejected: 1
(not the town's to answer). Unit B: 1 answered on time.
Ratings: unit A 3 (2 satisfied), unit B 1 satisfied.
"""
from __future__ import annotations

from datetime import UTC, datetime, timedelta
from itertools import count
from zoneinfo import ZoneInfo

from portal.cases.models import Apology, Case
from portal.cases.rules import ApologyKind, CaseStatus, Timing
from portal.core.db import db
from portal.feedback.models import Feedback
from portal.feedback.vocabulary import Category, Channel, FeedbackKind, FeedbackStatus, Satisfaction
from portal.satisfaction import rollup
from portal.satisfaction.models import Rating
from tests.factories import known_access_hash, make_field, make_procedure, make_unit

VN = ZoneInfo("Asia/Ho_Chi_Minh")
YEAR = 2025
NOW = datetime(2026, 3, 1, 3, 0, tzinfo=UTC)  # 2025 has ended
UNIT_A, UNIT_B = "000.41.26.H17", "000.42.26.H17"
_n = count(1)


def local(*args) -> datetime:
    return datetime(*args, tzinfo=VN).astimezone(UTC)


def _case(unit, procedure, received, *, timing=None, finished=None, due=None, supplements=0) -> Case:
    n = next(_n)
    due = due or received + timedelta(days=5)
    case = Case(code=f"{unit.code}-25{n:05d}", access_code_hash=known_access_hash(), unit_id=unit.id, handling_unit_id=unit.id,
                procedure_id=procedure.id, procedure_version_id=procedure.current_version_id,
                applicant_name="Nguyễn Văn Thành", processing_days=5, received_at=received, counting_from_at=received,
                original_due_at=due, due_at=due, supplement_requests=supplements,
                status=CaseStatus.RETURNED if finished else CaseStatus.IN_PROGRESS, finished_at=finished,
                timing=timing, returned_at=finished)
    db.session.add(case)
    db.session.flush()
    return case


def _finished(unit, procedure, month: int, timing: Timing, **kw) -> Case:
    received = local(YEAR, month, 3, 9)
    days = {Timing.EARLY: 2, Timing.ON_TIME: 5, Timing.LATE: 9}[timing]
    return _case(unit, procedure, received, timing=timing, finished=received + timedelta(days=days), **kw)


def _apology(case, kind: ApologyKind) -> None:
    db.session.add(Apology(case_id=case.id, issued_at=case.received_at + timedelta(days=3), kind=kind,
                           reason="Chờ xác minh", previous_due_at=case.due_at, new_due_at=case.due_at + timedelta(days=7)))


def _feedback(unit, received, *, answered=None, satisfaction=None, status=None, case_code="") -> Feedback:
    n = next(_n)
    fb = Feedback(tracking_code=f"PA-2501-{n:06d}", access_code_hash=known_access_hash(), kind=FeedbackKind.REFLECTION,
                  category=list(Category)[0], title="Đường giao thông xuống cấp", content="Đề nghị sửa chữa.",
                  submitter_kind="individual", submitter_name="Trần Thị Hoa", submitter_address="Tổ 2, phường Nghĩa Phú",
                  submitter_phone="0905123456", consent_given_at=received, consent_version="2026-01",
                  publish_allowed=True, channel=list(Channel)[0], unit_id=unit.id, received_at=received,
                  answer_due_at=received + timedelta(days=20), status=status or FeedbackStatus.ASSIGNED,
                  case_code=case_code)
    if answered is not None:
        fb.answered_at = fb.answer_due_at + timedelta(days=answered)
        fb.answer = "Đã chỉ đạo sửa chữa."
        fb.published_at = fb.answered_at
        fb.public_question, fb.public_answer = "Câu hỏi đã ẩn thông tin cá nhân.", fb.answer
        fb.satisfaction = satisfaction
        fb.status = status or FeedbackStatus.PUBLISHED
    db.session.add(fb)
    return fb


def _rating(case, satisfied: bool) -> None:
    day = case.finished_at.astimezone(VN).date() + timedelta(days=1)
    rating = Rating(case_id=case.id, channel="tablet", scale=3, level="satisfied" if satisfied else "not_satisfied",
                    satisfied=satisfied, contacts=0, agencies=1, attitude="good", comment="",
                    rated_at=local(day.year, day.month, day.day, 10), rated_on=day, unit_id=case.handling_unit_id,
                    procedure_id=case.procedure_id, **{f"i{k}": 1 for k in range(1, 10)}, officer_score=5,
                    agency_score=9)
    db.session.add(rating)
    db.session.flush()
    rollup.add(rating)


def build() -> dict:
    a = make_unit(code=UNIT_A, name="Phòng Tư pháp")
    b = make_unit(code=UNIT_B, name="UBND phường Nghĩa Tân")
    field = make_field()
    pa = make_procedure("1.001193.000.00.00.H17", a, field, name="Đăng ký khai sinh")
    pb = make_procedure("1.001022.000.00.00.H17", b, field, name="Đăng ký kết hôn")
    early = [_finished(a, pa, 2, Timing.EARLY, supplements=2), _finished(a, pa, 3, Timing.EARLY),
             _finished(a, pa, 4, Timing.EARLY)]
    on_time = [_finished(a, pa, 5, Timing.ON_TIME), _finished(a, pa, 6, Timing.ON_TIME)]
    late = [_finished(a, pa, 7, Timing.LATE), _finished(a, pa, 8, Timing.LATE), _finished(a, pa, 9, Timing.LATE)]
    _apology(late[0], ApologyKind.IN_TIME)
    _apology(late[1], ApologyKind.LATE)
    overdue = [_case(a, pa, local(YEAR, 12, 1, 9), due=local(YEAR, 12, 10, 17)),
               _case(a, pa, local(YEAR, 12, 2, 9), due=local(YEAR, 12, 11, 17))]
    _apology(overdue[0], ApologyKind.IN_TIME)
    _case(a, pa, local(YEAR, 12, 22, 9), due=local(2026, 1, 5, 17), supplements=2)  # in time, asked twice
    _case(a, pa, local(YEAR, 12, 23, 9), due=local(2026, 1, 6, 17))  # in time
    _case(a, pa, local(2024, 12, 3, 9), timing=Timing.ON_TIME, finished=local(2024, 12, 6, 9))  # outside
    b_cases = [_finished(b, pb, 3, Timing.ON_TIME), _finished(b, pb, 4, Timing.LATE)]

    _rating(early[1], False)
    _rating(early[2], True)
    _rating(on_time[0], True)
    _rating(b_cases[0], True)
    _feedback(a, local(YEAR, 7, 1, 9), case_code=on_time[1].code, answered=-2)  # a PAKN about a case

    for i in range(3):
        _feedback(a, local(YEAR, 3, 1 + i, 9), answered=-1,
                  satisfaction=Satisfaction.NOT_SATISFIED if i == 0 else Satisfaction.SATISFIED)
    for i in range(2):
        _feedback(a, local(YEAR, 5, 1 + i, 9), answered=4)
    _feedback(a, local(YEAR, 11, 1, 9))  # open, due 21 Nov: overdue at the end of 2025
    _feedback(a, local(YEAR, 12, 1, 9), answered=15)  # due 21 Dec, answered 5 Jan 2026: overdue on 31 Dec
    _feedback(a, local(2024, 12, 20, 9), answered=-3)  # received 2024, answered on time in January 2025
    _feedback(a, local(YEAR, 6, 1, 9), status=FeedbackStatus.REJECTED)
    _feedback(b, local(YEAR, 8, 1, 9), answered=0)
    db.session.commit()
    return {"a": a, "b": b}


# Written out from the docstring (unit A / total), 2025:
CASES_A = {"received": 12, "finished": 8, "early": 3, "on_time": 2, "late": 3, "late_with_apology": 2,
           "late_with_late_apology": 1, "late_without_apology": 2, "open_in_time": 2, "open_overdue": 2}
CASES_B = {"received": 2, "finished": 2, "early": 0, "on_time": 1, "late": 1, "late_with_apology": 0,
           "late_with_late_apology": 0, "late_without_apology": 1, "open_in_time": 0, "open_overdue": 0}
# on time (plan) = 5 ÷ 8; QĐ 766 = (5 − 1 asked twice) ÷ (8 + 2 overdue + 1 open asked twice) = 4 ÷ 11
# case satisfaction 766 = (4 − 1 rated not satisfied − 1 with a PAKN) ÷ 11 = 2 ÷ 11
RATES_A = {"on_time_rate": (5, 8), "on_time_rate_766": (4, 11), "satisfaction_766": (2, 11),
           "late_with_apology_rate": (3, 5)}
# PAKN unit A: handled in 2025 = 3 on time + 2 late + 1 (received 2024) + 1 (about a case) = 7, on time 5;
# open overdue at the end of 2025: 2; late or not satisfied: 2 late + 1 not satisfied = 3
FEEDBACK_A = {"received": 9, "handled": 7, "on_time": 5, "open_overdue": 2}
FEEDBACK_RATES_A = {"on_time_rate": (5, 7), "on_time_rate_766": (5, 9), "satisfaction_766": (4, 9)}
