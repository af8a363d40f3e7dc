"""THE acceptance test of the live indicators: with cases, feedback, ratings, procedures and survey campaigns
of 2025, each bound indicator's live value equals what the other domain's own statistics (its function and
its page) show for the same period and unit, and equals counts written out by hand."""
from __future__ import annotations

import re
from datetime import UTC, date, datetime, timedelta
from html import unescape
from zoneinfo import ZoneInfo

import pytest

from portal.cases import stats as case_stats
from portal.cases.models import Apology, Case
from portal.cases.rules import CaseStatus, Timing
from portal.core.access import Role
from portal.core.db import db
from portal.core.stats import range_period
from portal.feedback import stats as fb_stats
from portal.feedback.models import Feedback
from portal.feedback.vocabulary import Category, Channel, FeedbackKind, FeedbackStatus, Satisfaction
from portal.plan import metrics
from portal.plan.models import ActivityUpdate, IndicatorReport, Plan, PlanActivity, PlanField, PlanResult
from portal.plan.rules import Direction, Metric, PlanStatus, Progress
from portal.procedures.metrics import catalogue_compliance
from portal.satisfaction import rollup, stats as sat_stats
from portal.satisfaction.models import Rating
from portal.surveys.models import Campaign
from portal.surveys.rules import CampaignStatus
from tests.factories import known_access_hash, login, make_field, make_procedure, make_unit, make_user
from tests.printed import cut_percent

VN = ZoneInfo("Asia/Ho_Chi_Minh")
YEAR = 2025
START, END = date(YEAR, 1, 1), date(YEAR, 12, 31)
NOW = datetime(2026, 3, 1, 3, 0, tzinfo=UTC)  # every period below has ended


def local(*args) -> datetime:
    return datetime(*args, tzinfo=VN).astimezone(UTC)


_n = iter(range(1, 10**6))


def _case(unit, procedure, received: datetime, *, timing=None, finished=None, due=None) -> Case:
    n = next(_n)
    due = due or received + timedelta(days=5)
    case = Case(code=f"{unit.code}-25{n:05d}", access_code_hash=known_access_hash(), unit_id=unit.id, handling_unit_id=unit.id,
                procedure_id=procedure.id, procedure_version_id=procedure.current_version_id,
                applicant_name="Nguyễn Văn Thành", processing_days=5, received_at=received, counting_from_at=received,
                original_due_at=due, due_at=due,
                status=CaseStatus.RETURNED if finished else CaseStatus.IN_PROGRESS, finished_at=finished,
                timing=timing, returned_at=finished)
    db.session.add(case)
    db.session.flush()
    return case


def _feedback(unit, received: datetime, *, answered_after_due: int | None, satisfaction=None, closed=False):
    n = next(_n)
    due = received + timedelta(days=20)
    fb = Feedback(tracking_code=f"PA-2501-{n:06d}", access_code_hash=known_access_hash(), kind=FeedbackKind.REFLECTION,
                  category=list(Category)[0], title="Đường giao thông xuống cấp", content="Đề nghị sửa chữa.",
                  submitter_kind="individual", submitter_name="Trần Thị Hoa", submitter_address="Tổ 2, phường Nghĩa Phú",
                  submitter_phone="0905123456", consent_given_at=received, consent_version="2026-01",
                  publish_allowed=True, channel=list(Channel)[0], unit_id=unit.id, received_at=received,
                  answer_due_at=due, status=FeedbackStatus.ASSIGNED)
    if answered_after_due is not None:
        fb.answered_at = due + timedelta(days=answered_after_due)
        fb.answer = "Đã chỉ đạo sửa chữa."
        fb.published_at = fb.answered_at
        fb.public_question, fb.public_answer = "Câu hỏi đã ẩn thông tin cá nhân.", fb.answer
        fb.satisfaction = satisfaction
        fb.status = FeedbackStatus.CLOSED if closed else FeedbackStatus.PUBLISHED
    db.session.add(fb)
    return fb


def _rating(case, satisfied: bool, rated_on: date) -> Rating:
    level = "satisfied" if satisfied else "not_satisfied"
    rating = Rating(case_id=case.id, channel="tablet", scale=3, level=level, satisfied=satisfied, contacts=0,
                    agencies=1, attitude="good", comment="", rated_at=local(rated_on.year, rated_on.month,
                                                                            rated_on.day, 10),
                    rated_on=rated_on, unit_id=case.handling_unit_id, procedure_id=case.procedure_id,
                    **{f"i{k}": 1 for k in range(1, 10)}, officer_score=5, agency_score=9)
    db.session.add(rating)
    db.session.flush()
    rollup.add(rating)
    return rating


def build_world():
    """Known counts for 2025 (unit A / all units):
    cases finished: A 6 early, 10 on time, 4 late (2 with an apology) + 2 open overdue; B 2 early, 1 late.
    feedback: A 9 on time (2 of them not satisfied), 3 late, 1 open; B 2 on time.
    ratings: A 8 satisfied of 10; B 0 of 1.  procedures in force 2, both complete; 1 surveyed in 2025."""
    unit_a = make_unit(code="000.21.26.H17", name="Phòng Tư pháp")
    unit_b = make_unit(code="000.22.26.H17", name="UBND phường Nghĩa Tân")
    field = make_field()
    p1 = make_procedure(code="1.001193.000.00.00.H17", unit=unit_a, field=field, name="Đăng ký khai sinh",
                        decision_date=date(YEAR, 3, 3), published_at=local(YEAR, 3, 4, 9))
    p2 = make_procedure(code="1.001022.000.00.00.H17", unit=unit_b, field=field, name="Đăng ký kết hôn",
                        decision_date=date(YEAR, 3, 3), published_at=local(YEAR, 3, 5, 9))
    head = make_user(Role.UNIT_HEAD, unit=unit_a, full_name="Hoàng Đức Trưởng")
    finished = []
    for i, (unit, timing) in enumerate([(unit_a, Timing.EARLY)] * 6 + [(unit_a, Timing.ON_TIME)] * 10
                                       + [(unit_a, Timing.LATE)] * 4 + [(unit_b, Timing.EARLY)] * 2
                                       + [(unit_b, Timing.LATE)]):
        received = local(YEAR, 2 + i % 9, 3 + i, 9)
        done = received + timedelta(days={Timing.EARLY: 3, Timing.ON_TIME: 5, Timing.LATE: 9}[timing])
        finished.append(_case(unit, p1 if unit is unit_a else p2, received, timing=timing, finished=done))
    late_a = [c for c in finished if c.timing == Timing.LATE and c.handling_unit_id == unit_a.id]
    for case in late_a[:2]:
        db.session.add(Apology(case_id=case.id, issued_at=case.received_at + timedelta(days=4), reason="Chờ xác minh",
                               previous_due_at=case.due_at, new_due_at=case.due_at + timedelta(days=5)))
    for day in (1, 2):  # open and overdue at the end of 2025
        _case(unit_a, p1, local(YEAR, 12, day, 9), due=local(YEAR, 12, 10 + day, 17))
    _case(unit_a, p1, local(2024, 12, 3, 9), timing=Timing.ON_TIME, finished=local(2024, 12, 6, 9))  # outside

    for i in range(9):
        _feedback(unit_a, local(YEAR, 4, 1 + i, 9), answered_after_due=-2,
                  satisfaction=Satisfaction.NOT_SATISFIED if i < 2 else Satisfaction.SATISFIED, closed=i == 8)
    for i in range(3):
        _feedback(unit_a, local(YEAR, 5, 1 + i, 9), answered_after_due=3)
    _feedback(unit_a, local(YEAR, 6, 1, 9), answered_after_due=None)
    for i in range(2):
        _feedback(unit_b, local(YEAR, 7, 1 + i, 9), answered_after_due=0)
    _feedback(unit_a, local(2024, 11, 1, 9), answered_after_due=5)  # outside

    a_cases = [c for c in finished if c.handling_unit_id == unit_a.id]
    for i, case in enumerate(a_cases[:10]):
        _rating(case, i < 8, date(YEAR, 3 + i % 9, 10))
    _rating(next(c for c in finished if c.handling_unit_id == unit_b.id), False, date(YEAR, 8, 10))

    db.session.add(Campaign(title="Khảo sát sự hài lòng về đăng ký khai sinh năm 2025", period_start=date(YEAR, 4, 1),
                            period_end=date(YEAR, 6, 30), status=CampaignStatus.OPEN, procedures=[p1]))
    db.session.add(Campaign(title="Khảo sát đăng ký kết hôn (bản nháp)", period_start=date(YEAR, 4, 1),
                            period_end=date(YEAR, 6, 30), status=CampaignStatus.DRAFT, procedures=[p2]))
    db.session.add(Campaign(title="Khảo sát năm 2024", period_start=date(2024, 4, 1), period_end=date(2024, 6, 30),
                            status=CampaignStatus.CLOSED, procedures=[p2]))
    db.session.commit()
    plan = build_plan(unit_a, unit_b, head)
    return {"a": unit_a, "b": unit_b, "procedures": (p1, p2), "head": head, "plan": plan}


BOUND = [  # code, metric, target, direction, unit
    ("MT.1", Metric.SATISFACTION, 80, Direction.AT_LEAST, "%"),
    ("MT.2", Metric.CASES_ON_TIME, 95, Direction.AT_LEAST, "%"),
    ("MT.3", Metric.FEEDBACK_ON_TIME, 80, Direction.MORE_THAN, "%"),
    ("MT.4", Metric.LATE_WITH_APOLOGY, 100, Direction.AT_LEAST, "%"),
    ("MT.5", Metric.PROCEDURES_PUBLISHED, 100, Direction.AT_LEAST, "%"),
    ("MT.6", Metric.FEEDBACK_SATISFACTION, 50, Direction.AT_LEAST, "%"),
    ("MT.7", Metric.SERVICES_SURVEYED, 1, Direction.AT_LEAST, "dịch vụ"),
]


def build_plan(unit_a, unit_b, head) -> Plan:
    plan = Plan(year=YEAR, title=f"Kế hoạch cải cách hành chính năm {YEAR}", unit_id=unit_a.id,
                decision_number="12/QĐ-UBND", status=PlanStatus.IN_FORCE)
    mt = PlanField(code="MT", position=0, title="Mục tiêu cụ thể")
    for i, (code, metric, target, direction, unit) in enumerate(BOUND):
        mt.results.append(PlanResult(code=code, position=i, title=f"Chỉ tiêu {code}", indicator=f"Chỉ số {code}",
                                     target_value=target, target_unit=unit, direction=direction, metric=metric))
    field2 = PlanField(code="II", position=1, title="Cải cách thủ tục hành chính")
    r21 = PlanResult(code="2.1", position=0, title="Rà soát, đơn giản hóa thủ tục hành chính",
                     indicator="100% TTHC được rà soát", target_value=100, target_unit="%",
                     direction=Direction.AT_LEAST)
    r21.activities = [
        PlanActivity(code="2.1.1", position=0, name="Xây dựng kế hoạch rà soát TTHC", budget=10_000_000,
                     lead_unit_id=unit_a.id, lead_text=unit_a.name, start_month=1, end_month=3,
                     progress=Progress.DONE, percent=100),
        PlanActivity(code="2.1.2", position=1, name="Rà soát TTHC lĩnh vực hộ tịch", budget=5_000_000,
                     lead_unit_id=unit_b.id, lead_text=unit_b.name, start_month=2, end_month=5,
                     progress=Progress.DONE, percent=100),
        PlanActivity(code="2.1.3", position=2, name="Tổng hợp, báo cáo kết quả rà soát", budget=3_000_000,
                     lead_unit_id=unit_a.id, lead_text=unit_a.name, start_month=10, end_month=11,
                     progress=Progress.IN_PROGRESS, percent=40),
    ]
    field2.results.append(r21)
    field3 = PlanField(code="III", position=2, title="Cải cách tổ chức bộ máy")
    r31 = PlanResult(code="3.1", position=0, title="Sắp xếp tổ chức bộ máy", indicator="Số đơn vị được sắp xếp",
                     target_value=4, target_unit="đơn vị", direction=Direction.AT_LEAST)
    r31.activities = [PlanActivity(code="3.1.1", position=0, name="Rà soát chức năng, nhiệm vụ", budget=7_000_000,
                                   lead_text="Các phòng, ban, đơn vị", start_month=3, end_month=9)]
    field3.results.append(r31)
    plan.fields = [mt, field2, field3]
    db.session.add(plan)
    db.session.flush()
    a1, a2, a3 = r21.activities
    db.session.add_all([
        ActivityUpdate(activity_id=a1.id, at=local(YEAR, 3, 20, 10), actor_name=head.full_name,
                       progress=Progress.DONE, percent=100, comment="Đã ban hành kế hoạch rà soát."),
        ActivityUpdate(activity_id=a2.id, at=local(YEAR, 5, 2, 10), actor_name="Lê Quang Vinh",
                       progress=Progress.IN_PROGRESS, percent=50, comment="Đã rà soát 12/24 thủ tục."),
        ActivityUpdate(activity_id=a2.id, at=local(YEAR, 7, 15, 10), actor_name="Lê Quang Vinh",
                       progress=Progress.DONE, percent=100, comment="Hoàn thành rà soát."),
        ActivityUpdate(activity_id=a3.id, at=local(YEAR, 10, 5, 10), actor_name=head.full_name,
                       progress=Progress.IN_PROGRESS, percent=40, comment="Đang tổng hợp số liệu."),
        IndicatorReport(result_id=r21.id, at=local(YEAR, 6, 30, 16), actor_name=head.full_name, value=60,
                        as_of=date(YEAR, 6, 30), comment="Quý II"),
        IndicatorReport(result_id=r21.id, at=local(YEAR, 12, 20, 16), actor_name=head.full_name, value=90,
                        as_of=date(YEAR, 12, 20), comment="Cả năm"),
        IndicatorReport(result_id=r21.id, at=local(2026, 1, 10, 16), actor_name=head.full_name, value=100,
                        as_of=date(2026, 1, 10), comment="Sau kỳ báo cáo"),
    ])
    db.session.commit()
    return plan


@pytest.fixture()
def world(app_ctx):
    return build_world()


EXPECTED_ALL = {  # written out from build_world's docstring
    Metric.CASES_ON_TIME: (18, 25),  # (8 early + 10 on time) ÷ (23 finished + 2 open overdue)
    Metric.LATE_WITH_APOLOGY: (2, 7),  # 5 finished late + 2 open overdue; 2 apologies
    # QĐ 766 (feedback.indicators): 14 answered in 2025 + 1 open and overdue at its end
    Metric.FEEDBACK_ON_TIME: (11, 15),
    Metric.FEEDBACK_SATISFACTION: (9, 15),  # 14 handled − 3 late − 2 not satisfied
    Metric.SATISFACTION: (8, 11),
    Metric.PROCEDURES_PUBLISHED: (2, 2),
}
EXPECTED_A = {Metric.CASES_ON_TIME: (16, 22), Metric.LATE_WITH_APOLOGY: (2, 6), Metric.FEEDBACK_ON_TIME: (9, 13),
              Metric.FEEDBACK_SATISFACTION: (7, 13), Metric.SATISFACTION: (8, 10)}
PLAN_WORDING = {None: {Metric.CASES_ON_TIME: (18, 23), Metric.FEEDBACK_ON_TIME: (11, 14)},  # ÷ finished / handled
                "a": {Metric.CASES_ON_TIME: (16, 20), Metric.FEEDBACK_ON_TIME: (9, 12)}}


def test_live_values_equal_the_counts_and_the_domains_own_functions(world):
    unit_a = world["a"].id
    for unit_id, expected in ((None, EXPECTED_ALL), (unit_a, EXPECTED_A)):
        figures = metrics.live_values(list(Metric), START, END, unit_id, now=NOW)
        for metric, (num, den) in expected.items():
            f = figures[metric]
            assert (f.numerator, f.denominator) == (num, den), (metric, unit_id)
            assert f.value == pytest.approx(100 * num / den)
            assert f.low < f.value < f.high or f.value == 100  # its 95% Wilson interval
        for metric, (num, den) in PLAN_WORDING["a" if unit_id else None].items():  # shown beside, labelled
            (_indicator, rate), = figures[metric].extra
            assert (rate.numerator, rate.denominator) == (num, den), (metric, unit_id)
        # the domains' own code, called here for the same period and unit
        total = case_stats.case_statistics(range_period(START, END), now=NOW,
                                           unit_id=unit_id).total
        assert figures[Metric.CASES_ON_TIME].value == pytest.approx(100 * total.on_time_rate_766.value)
        fb_period = range_period(START, END)
        fb_total = fb_stats.feedback_statistics(fb_period, now=NOW, unit_id=unit_id).total
        assert figures[Metric.FEEDBACK_ON_TIME].value == pytest.approx(100 * fb_total.on_time_rate_766.value)
        assert figures[Metric.FEEDBACK_SATISFACTION].value == pytest.approx(100 * fb_total.satisfaction_766.value)
        assert figures[Metric.SATISFACTION].value == pytest.approx(
            100 * sat_stats.overall_rate(START, END, unit_id).value)
    compliance = catalogue_compliance(START, END)
    assert metrics.live_value(Metric.PROCEDURES_PUBLISHED, START, END).value == pytest.approx(
        100 * compliance.complete_rate)
    surveyed = metrics.live_value(Metric.SERVICES_SURVEYED, START, END)
    assert (surveyed.value, surveyed.unit) == (1, "")  # the draft and the 2024 campaign do not count
    assert metrics.live_value(Metric.SERVICES_SURVEYED, date(2024, 1, 1), date(2024, 12, 31)).value == 1


def test_a_bound_result_gives_its_metric_and_each_figure_links_to_its_page(world, app_ctx):
    result = next(r for f in world["plan"].fields for r in f.results if r.metric == Metric.CASES_ON_TIME)
    with app_ctx.test_request_context():
        figure = metrics.live_value(result, START, END, world["a"].id, now=NOW)
        assert figure.metric == Metric.CASES_ON_TIME
        assert figure.url == f"/staff/cases/statistics?from={START}&to={END}&unit={world['a'].id}"
        sat = metrics.live_value(Metric.SATISFACTION, START, END)
        assert sat.url == "/staff/satisfaction/?from=2025-01&to=2025-12"
        assert "÷" in str(figure.formula)


def _number(text: str) -> float:
    """A rate under 100 with one decimal, in either language (72,7 % or 72.7 %)."""
    return float(text.replace(",", ".").replace("%", "").replace("\xa0", "").strip())


def test_the_domains_pages_show_the_same_figures(world, client):
    manager = make_user(Role.MANAGER, unit=world["a"])
    login(client, manager)
    unit_a = world["a"].id
    figures = metrics.live_values([Metric.CASES_ON_TIME, Metric.FEEDBACK_ON_TIME], START, END, unit_a)
    with client.application.test_request_context():
        cases_url, fb_url = figures[Metric.CASES_ON_TIME].url, figures[Metric.FEEDBACK_ON_TIME].url
    cases_page = unescape(client.get(cases_url).get_data(as_text=True))
    total_row = cases_page.split('class="total"')[1]
    shown = re.search(r'data-key="on_time_rate_766">([^<]+)<', total_row).group(1)
    assert _number(shown) == pytest.approx(cut_percent(figures[Metric.CASES_ON_TIME].value))
    fb_page = unescape(client.get(fb_url).get_data(as_text=True))
    shown = re.search(r'data-rate="on_time_rate_766"><span class="target-figure">([^<]+)<', fb_page).group(1)
    assert _number(shown) == pytest.approx(cut_percent(figures[Metric.FEEDBACK_ON_TIME].value))
    # and the plan dashboard shows the same figure
    board = unescape(client.get(f"/staff/plan/{world['plan'].id}/dashboard?unit={unit_a}").get_data(as_text=True))
    row = board.split('data-result="MT.2"')[1].split("</tr>")[0]
    shown = re.search(r'data-col="actual"><strong>([^<]+)<', row).group(1)
    assert _number(shown) == pytest.approx(cut_percent(figures[Metric.CASES_ON_TIME].value))
