"""Plan services: loading with validation, computed totals, bindings, copy to a new year, audit."""
from __future__ import annotations

import json

import pytest
from flask_babel import force_locale
from sqlalchemy import func, select

from portal.core.audit import AuditEvent
from portal.core.db import db
from portal.core.errors import Conflict
from portal.demo import plan as demo_plan
from portal.demo.seed import UNITS
from portal.plan import budget, building, services
from portal.plan.models import ActivityUpdate, IndicatorReport, Plan, PlanActivity
from portal.plan.rules import Metric, PlanStatus, Progress
from portal.units import services as units
from tests.factories import make_user


@pytest.fixture(autouse=True)
def _english_messages(app_ctx):
    """Messages are compared in English (the msgids); the Vietnamese catalogue is checked by test_i18n."""
    with force_locale("en"):
        yield



@pytest.fixture()
def seeded_units(app_ctx):
    for code, name, level in UNITS:
        units.create_unit(code=code, name=name, level=level)


def raw():
    return json.loads(services.PLAN_2019_JSON.read_text(encoding="utf-8"))


def small_plan(**activity):
    a = {"code": "1.1.1", "name": "Rà soát văn bản quy phạm pháp luật", "expected": "", "output": "Báo cáo",
         "budget": 5_000_000, "lead": "Phòng Tư pháp", "coordinating": "", "start": 2, "end": 6, "note": ""}
    a.update(activity)
    return {"title": "Kế hoạch thử nghiệm cải cách hành chính", "year": 2027, "decision_number": "", "fields": [
        {"code": "I", "title": "Cải cách thể chế", "goals": "", "stated_total": None, "results": [
            {"code": "1.1", "title": "Văn bản QPPL", "indicator": "", "target": None, "stated_total": None,
             "activities": [a]}]}]}


def errors_of(data):
    with pytest.raises(building.PlanInvalid) as info:
        services.load_plan_json(data, with_targets=False)
    assert db.session.scalar(select(func.count()).select_from(Plan)) == 0
    return [(e.code, e.column, str(e.message)) for e in info.value.errors]


def test_load_2019_binds_metrics_and_adds_the_targets_field(seeded_units):
    plan = services.load_plan_json(services.PLAN_2019_JSON)
    assert plan.fields[0].code == "MT" and plan.fields[0].source_note
    bound = {r.code: r.metric for f in plan.fields for r in f.results if r.metric}
    assert bound == {"MT.1": Metric.SATISFACTION, "MT.2": Metric.CASES_ON_TIME, "MT.3": Metric.FEEDBACK_ON_TIME,
                     "MT.4": Metric.LATE_WITH_APOLOGY, "2.2": Metric.PROCEDURES_PUBLISHED,
                     "3.4": Metric.SERVICES_SURVEYED}
    mt2 = services.find_result(plan, "MT.2")
    assert (mt2.target_value, mt2.direction.value, mt2.target_unit) == (95, ">=", "%")
    assert "Mục tiêu cụ thể" in mt2.source_note
    assert "Bound by the portal" in services.find_result(plan, "2.2").source_note
    assert plan.unit.code == services.PLAN_UNIT_CODE and plan.status == PlanStatus.IN_FORCE
    event = db.session.scalars(select(AuditEvent).where(AuditEvent.action == "plan.load")).one()
    assert event.after["activities"] == 49 and event.after["total_budget"] == 85_000_000


def test_validation_collects_every_problem_and_stores_nothing(seeded_units):
    data = small_plan(budget=-1, start=13, end=2, lead="Phòng Không Tồn Tại")
    data["fields"][0]["results"][0]["activities"].append(dict(data["fields"][0]["results"][0]["activities"][0],
                                                              budget="mười triệu", start=5, end=3,
                                                              lead="Phòng Tư pháp"))
    errors = errors_of(data)
    columns = [(code, column) for code, column, _ in errors]
    assert ("1.1.1", "budget") in columns and ("1.1.1", "start") in columns and ("1.1.1", "lead") in columns
    assert any("twice" in m for _, _, m in errors)
    assert any("mười triệu" in m for _, _, m in errors)
    assert any("before the start month" in m for _, _, m in errors)
    assert any("negative" in m for _, _, m in errors)


def test_collective_lead_stays_text_and_names_match_exactly(seeded_units):
    plan = services.load_plan_json(small_plan(lead="các phòng, ban, đơn vị, ubnd các xã, phường"), with_targets=False)
    activity = services.find_activity(plan, "1.1.1")
    assert activity.lead_unit_id is None and activity.lead_text.startswith("các phòng")
    db.session.rollback()
    assert "lead" in [c for _, c, _ in errors_of(small_plan(lead="Phòng Tư Pháp huyện"))]


def test_nfc_everywhere(seeded_units):
    decomposed = "Ra\u0300 soa\u0301t   văn bản"
    plan = services.load_plan_json(small_plan(name=decomposed), with_targets=False)
    assert services.find_activity(plan, "1.1.1").name == "Rà soát văn bản"


def test_totals_and_disagreements_follow_the_activities(seeded_units):
    data = small_plan()
    data["stated_grand_total"] = 4_000_000
    data["fields"][0]["stated_total"] = 5_000_000
    data["fields"][0]["results"][0]["stated_total"] = 6_000_000
    plan = services.load_plan_json(data, with_targets=False)
    totals = budget.plan_totals(plan)
    assert (totals.results["1.1"], totals.fields["I"], totals.plan) == (5_000_000, 5_000_000, 5_000_000)
    assert [d.as_tuple() for d in totals.disagreements] == [("result", "1.1", 6_000_000, 5_000_000),
                                                           ("plan", "", 4_000_000, 5_000_000)]
    services.find_activity(plan, "1.1.1").budget = 6_000_000
    assert [d.level for d in budget.plan_totals(plan).disagreements] == ["field", "plan"]


def test_copy_resets_progress_keeps_bindings_and_skips_history(seeded_units):
    plan = services.load_plan_json(services.PLAN_2019_JSON)
    user = make_user()
    activity = services.find_activity(plan, "2.3.2")
    activity.progress, activity.percent = Progress.DONE, 100
    from portal.core.clock import utcnow
    activity.updates.append(ActivityUpdate(at=utcnow(), progress=Progress.DONE, percent=100, comment="Xong"))
    services.find_result(plan, "1.2").reports.append(IndicatorReport(at=utcnow(), value=85, as_of=utcnow().date()))
    db.session.flush()
    new = services.copy_plan(plan, year=2020, actor=user)
    db.session.commit()
    assert new.title == "Kế hoạch cải cách hành chính năm 2020 của UBND thị xã Gia Nghĩa"
    assert (new.status, new.copied_from_id, new.decision_number, new.decision_date) == (PlanStatus.DRAFT, plan.id, "",
                                                                                        None)
    copied = services.find_activity(new, "2.3.2")
    assert (copied.progress, copied.percent, copied.updates) == (Progress.NOT_STARTED, 0, [])
    assert copied.lead_unit_id == activity.lead_unit_id and copied.budget == activity.budget
    assert services.find_result(new, "1.2").reports == []
    assert {r.code: r.metric for f in new.fields for r in f.results if r.metric} == \
           {r.code: r.metric for f in plan.fields for r in f.results if r.metric}
    assert len(services.activities(new)) == 49 and budget.plan_totals(new).plan == 85_000_000
    assert budget.plan_totals(new).disagreements == []  # the old document's total lines are not copied
    event = db.session.scalars(select(AuditEvent).where(AuditEvent.action == "plan.copy")).one()
    assert event.actor_id == user.id and event.after["copied_from_id"] == plan.id
    # The original is untouched.
    assert services.find_activity(plan, "2.3.2").progress == Progress.DONE
    with pytest.raises(Conflict):
        services.copy_plan(plan, year=2020)


def test_demo_loader_is_idempotent_and_makes_the_2026_copy(seeded_units):
    demo_plan.load_plans()
    assert demo_plan.load_plans() == "reform plans already loaded"
    plans = services.list_plans()
    assert [(p.year, p.status) for p in plans] == [(2026, PlanStatus.IN_FORCE), (2019, PlanStatus.IN_FORCE)]
    demo = plans[0]
    assert demo.title == demo_plan.DEMO_TITLE and "minh họa" in demo.notes
    assert demo.copied_from_id == plans[1].id
    assert db.session.scalar(select(func.count()).select_from(PlanActivity)) == 98
