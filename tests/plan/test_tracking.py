"""Tracking services: progress reports (rules, roles, evidence, optimistic locking, history, audit), indicator
reports, lateness and reminders through the notification outbox."""
from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from sqlalchemy import func, select

from portal.core.access import Role
from portal.core.audit import AuditEvent
from portal.core.db import db
from portal.core.errors import Conflict, DomainError
from portal.notify.models import OutboxMessage
from portal.plan import evidence, reminders, tracking
from portal.plan.models import ActivityUpdate, IndicatorReport, Plan, PlanActivity, PlanField, PlanResult
from portal.plan.rules import Metric, PlanStatus, Progress
from tests.factories import make_unit, make_user

NOW = datetime(2026, 11, 16, 3, 0, tzinfo=UTC)  # 10:00 in Gia Nghĩa
PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"


def build_plan(*, status=PlanStatus.IN_FORCE, year=2026):
    """Phòng Nội vụ follows the plan; Phòng Tư pháp leads 1.2.1 (ends in March, late by November) and 1.2.2
    (ends in November); 2.5.2 has a collective lead; result 2.2 is bound to a live figure."""
    noi_vu = make_unit(name="Phòng Nội vụ")
    tu_phap = make_unit(name="Phòng Tư pháp")
    plan = Plan(year=year, title=f"Kế hoạch cải cách hành chính năm {year}", unit_id=noi_vu.id, status=status)
    field1 = PlanField(code="I", position=1, title="Cải cách thể chế")
    field2 = PlanField(code="II", position=2, title="Cải cách thủ tục hành chính")
    plan.fields += [field1, field2]
    r12 = PlanResult(code="1.2", position=1, indicator="80% văn bản QPPL được rà soát", target_value=80,
                     target_unit="%", direction=">=")
    r22 = PlanResult(code="2.2", position=1, indicator="100% TTHC được niêm yết, công khai", target_value=100,
                     target_unit="%", direction=">=", metric=Metric.PROCEDURES_PUBLISHED)
    r25 = PlanResult(code="2.5", position=2, indicator="")
    field1.results.append(r12)
    field2.results += [r22, r25]
    r12.activities += [
        PlanActivity(code="1.2.1", position=1, name="Tham mưu ban hành kế hoạch rà soát văn bản", lead_unit_id=tu_phap.id,
                     lead_text="Phòng Tư pháp", start_month=1, end_month=3),
        PlanActivity(code="1.2.2", position=2, name="Báo cáo UBND tỉnh về kết quả rà soát", lead_unit_id=tu_phap.id,
                     lead_text="Phòng Tư pháp", start_month=10, end_month=11),
    ]
    r25.activities.append(PlanActivity(code="2.5.2", position=1, name="Thực hiện cơ chế một cửa, một cửa liên thông",
                                       lead_text="Các phòng, ban, đơn vị, UBND các xã, phường", start_month=1,
                                       end_month=12))
    db.session.add(plan)
    db.session.commit()
    return plan, noi_vu, tu_phap


def activity(plan, code) -> PlanActivity:
    return next(a for f in plan.fields for r in f.results for a in r.activities if a.code == code)


def result(plan, code) -> PlanResult:
    return next(r for f in plan.fields for r in f.results if r.code == code)


def report(act, actor, **kw):
    values = {"progress": Progress.IN_PROGRESS, "percent": 40, "comment": "", "evidence": None, "actor": actor,
              "now": NOW, "expected_version": act.version}
    values.update(kw)
    return tracking.report_progress(act, **values)


def updates_count() -> int:
    return db.session.scalar(select(func.count(ActivityUpdate.id)))


@pytest.fixture()
def setup(app_ctx):
    plan, noi_vu, tu_phap = build_plan()
    head = make_user(Role.UNIT_HEAD, unit=tu_phap, full_name="Đặng Văn Quang", email="truongphong.tp@gianghia.gov.vn")
    return plan, noi_vu, tu_phap, head


@pytest.fixture()
def uploads(app_ctx, tmp_path, monkeypatch):
    monkeypatch.setitem(app_ctx.config, "UPLOAD_FOLDER", str(tmp_path))
    return tmp_path


# --- progress rules -------------------------------------------------------------------------------

def test_a_percent_of_120_is_refused_beside_the_field_and_nothing_is_stored(setup):
    plan, _, _, head = setup
    act = activity(plan, "1.2.2")
    with pytest.raises(DomainError) as err:
        report(act, head, percent=120, comment="Đã hoàn thành vượt kế hoạch")
    db.session.rollback()
    assert err.value.field == "percent" and "120" in str(err.value.message)
    assert updates_count() == 0 and db.session.get(PlanActivity, act.id).percent == 0


@pytest.mark.parametrize("progress, percent, comment, field", [
    (Progress.IN_PROGRESS, 100, "", "percent"),  # 100% is done: choose Done
    (Progress.IN_PROGRESS, None, "", "percent"),  # in progress needs a figure
    (Progress.IN_PROGRESS, "ba mươi", "", "percent"),
    (Progress.IN_PROGRESS, -5, "", "percent"),
    (Progress.NOT_STARTED, 30, "", "percent"),
    (Progress.CANCELLED, 20, "   ", "comment"),  # a cancellation says why
    ("finished", 100, "", "progress"),
])
def test_inconsistent_reports_are_refused_beside_the_field(setup, progress, percent, comment, field):
    plan, _, _, head = setup
    with pytest.raises(DomainError) as err:
        report(activity(plan, "1.2.2"), head, progress=progress, percent=percent, comment=comment)
    assert err.value.field == field
    db.session.rollback()
    assert updates_count() == 0


def test_done_stores_100_and_cancelled_keeps_the_percent_with_its_reason(setup):
    plan, _, _, head = setup
    done = report(activity(plan, "1.2.1"), head, progress=Progress.DONE, percent=80,
                  comment="Đã ban hành Kế hoạch số 25/KH-UBND ngày 15/3/2026")
    cancelled = report(activity(plan, "1.2.2"), head, progress=Progress.CANCELLED, percent="30%",
                       comment="UBND tỉnh không yêu cầu báo cáo riêng năm nay")
    db.session.commit()
    assert (done.percent, activity(plan, "1.2.1").percent) == (100, 100)
    assert (cancelled.percent, activity(plan, "1.2.2").progress) == (30, Progress.CANCELLED)


def test_reports_are_kept_as_history_with_audit_rows(setup):
    plan, _, _, head = setup
    act = activity(plan, "1.2.2")
    report(act, head, percent=30, comment="Đang tổng hợp số liệu")
    db.session.commit()
    report(act, head, percent=70, comment="Đã dự thảo báo cáo")
    db.session.commit()
    rows = db.session.scalars(select(ActivityUpdate).order_by(ActivityUpdate.id)).all()
    assert [(u.percent, u.comment, u.actor_name) for u in rows] == [
        (30, "Đang tổng hợp số liệu", "Đặng Văn Quang"), (70, "Đã dự thảo báo cáo", "Đặng Văn Quang")]
    assert (act.percent, act.progress, act.progress_at) == (70, Progress.IN_PROGRESS, NOW)
    audits = db.session.scalars(select(AuditEvent).where(AuditEvent.action == "plan.activity.progress")
                             .order_by(AuditEvent.id)).all()
    assert [(a.before["percent"], a.after["percent"], a.actor_id) for a in audits] == [(0, 30, head.id), (30, 70, head.id)]


def test_a_report_on_a_stale_version_is_a_conflict_and_stores_nothing(setup):
    plan, _, _, head = setup
    act = activity(plan, "1.2.2")
    opened = act.version
    report(act, head, percent=30)
    db.session.commit()
    with pytest.raises(Conflict):
        report(act, head, percent=50, expected_version=opened)
    db.session.rollback()
    assert updates_count() == 1 and db.session.get(PlanActivity, act.id).percent == 30


def test_a_draft_plan_takes_no_report(app_ctx):
    plan, _, tu_phap = build_plan(status=PlanStatus.DRAFT, year=2027)
    head = make_user(Role.UNIT_HEAD, unit=tu_phap)
    with pytest.raises(DomainError):
        report(activity(plan, "1.2.2"), head)


# --- who may report --------------------------------------------------------------------------------

def test_who_may_report_progress(setup):
    plan, noi_vu, tu_phap, head = setup
    own, collective = activity(plan, "1.2.2"), activity(plan, "2.5.2")
    handler_tp = make_user(Role.HANDLER, unit=tu_phap)
    handler_nv = make_user(Role.HANDLER, unit=noi_vu)
    other_head = make_user(Role.UNIT_HEAD)
    manager = make_user(Role.MANAGER, unit=noi_vu)
    desk = make_user(Role.DESK_OFFICER, unit=tu_phap)
    admin = make_user(Role.ADMIN)
    may = tracking.can_report_progress
    assert [may(u, own) for u in (head, handler_tp, manager, handler_nv, other_head, desk, admin)] == [
        True, True, True, False, False, False, False]
    assert [may(u, collective) for u in (handler_nv, manager, head, other_head)] == [True, True, False, False]
    with pytest.raises(DomainError):
        report(own, other_head)
    # Reading: every unit head and manager, the lead unit's and Nội vụ's staff; not another unit's handler.
    stranger = make_user(Role.HANDLER)
    see = tracking.can_see_activity
    assert [see(u, own) for u in (other_head, handler_nv, handler_tp, stranger, desk)] == [True, True, True, False, False]


# --- evidence --------------------------------------------------------------------------------------

def test_evidence_is_stored_under_the_plan_prefix_with_its_metadata(setup, uploads):
    plan, _, _, head = setup
    checked = evidence.check_evidence("Báo cáo rà soát.pdf", PDF)
    entry = report(activity(plan, "1.2.2"), head, evidence=checked)
    db.session.commit()
    assert entry.evidence_path.startswith("plan/") and entry.evidence_type == "application/pdf"
    assert entry.evidence_name == "Báo cáo rà soát.pdf" and entry.evidence_size == len(PDF)
    assert Path(evidence.evidence_path(entry.evidence_path)).read_bytes() == PDF
    with pytest.raises(ValueError):
        evidence.evidence_path("feedback/ab/" + "a" * 64)


def test_evidence_just_over_the_configured_limit_is_refused_with_the_limit(app_ctx, monkeypatch):
    monkeypatch.setitem(app_ctx.config, "PLAN_EVIDENCE_MAX_BYTES", 2 * 1024 * 1024)
    big = PDF + b"0" * (2 * 1024 * 1024 + 1 - len(PDF))
    with pytest.raises(evidence.EvidenceError) as err:
        evidence.check_evidence("scan.pdf", big)
    assert err.value.field == "evidence" and "2 MB" in str(err.value.message)
    assert evidence.check_evidence("scan.pdf", big[:-1]).size == 2 * 1024 * 1024


def test_the_default_limit_refuses_a_30_mb_file(app_ctx):
    with pytest.raises(evidence.EvidenceError) as err:
        evidence.check_evidence("bien-ban.pdf", PDF + b"0" * (30 * 1024 * 1024))
    assert "20 MB" in str(err.value.message)


@pytest.mark.parametrize("name, data", [
    ("ghi-chu.pdf", "Biên bản kiểm tra".encode()),  # plain text named .pdf
    ("anh.gif", b"GIF89a\x01\x00\x01\x00\x00\x00\x00;"),  # a picture type that is not accepted
    ("setup.pdf", b"MZ\x90\x00" + b"\x00" * 200),  # a Windows program renamed
    ("empty.pdf", b""),
])
def test_evidence_of_a_wrong_type_is_refused(app_ctx, name, data):
    with pytest.raises(evidence.EvidenceError) as err:
        evidence.check_evidence(name, data)
    assert err.value.field == "evidence"


# --- lateness --------------------------------------------------------------------------------------

def test_an_open_activity_past_its_end_month_is_late_until_done(setup):
    plan, _, _, head = setup
    march, november = activity(plan, "1.2.1"), activity(plan, "1.2.2")
    today = date(2026, 11, 16)
    assert tracking.activity_is_late(march, today) and not tracking.activity_is_late(november, today)
    assert not tracking.activity_is_late(march, date(2026, 3, 31))
    assert [a.code for a in tracking.worklist_order([november, march], today)] == ["1.2.1", "1.2.2"]
    report(march, head, progress=Progress.DONE, percent=100)
    assert not tracking.activity_is_late(march, today)
    assert [a.code for a in tracking.worklist_order([march, november], today)] == ["1.2.2", "1.2.1"]


# --- reminders -------------------------------------------------------------------------------------

def test_reminders_go_once_to_the_lead_units_heads_within_the_window(setup):
    plan, noi_vu, tu_phap, head = setup
    make_user(Role.HANDLER, unit=tu_phap)  # handlers are not reminded
    nv_head = make_user(Role.UNIT_HEAD, unit=noi_vu, email="truongphong.nv@gianghia.gov.vn")
    november = activity(plan, "1.2.2")
    version = november.version
    assert reminders.remind_due(datetime(2026, 11, 19, 9, 0, tzinfo=UTC)) == 0  # 11 days before the end
    now = datetime(2026, 11, 21, 2, 0, tzinfo=UTC)
    assert reminders.remind_due(now) == 1
    db.session.commit()
    messages = db.session.scalars(select(OutboxMessage)).all()
    assert [m.recipient for m in messages] == [head.email]
    assert "1.2.2" in messages[0].subject and "30/11/2026" in messages[0].body
    assert f"http://localhost/staff/plan/activities/{november.id}" in messages[0].body  # absolute: it leaves the site
    refreshed = db.session.get(PlanActivity, november.id)
    assert refreshed.reminded_at == now and refreshed.version == version  # an open form does not go stale
    assert reminders.remind_due(datetime(2026, 11, 25, 2, 0, tzinfo=UTC)) == 0
    db.session.commit()
    assert db.session.scalar(select(func.count(OutboxMessage.id))) == 1
    # The collective 2.5.2 ends in December: Nội vụ's head is reminded then; a done activity is not.
    report(activity(plan, "1.2.1"), head, progress=Progress.DONE, percent=100)
    db.session.commit()
    assert reminders.remind_due(datetime(2026, 12, 22, 2, 0, tzinfo=UTC)) == 1
    db.session.commit()
    assert db.session.scalars(select(OutboxMessage.recipient).order_by(OutboxMessage.id)).all()[-1] == nv_head.email


def test_the_remind_command_queues_and_commits(setup, app_ctx, monkeypatch):
    plan, _, _, head = setup
    monkeypatch.setattr("portal.core.clock.utcnow", lambda: datetime(2026, 11, 25, 2, 0, tzinfo=UTC))
    out = app_ctx.test_cli_runner().invoke(args=["plan", "remind"])
    assert out.exit_code == 0 and "1 activities" in out.output
    again = app_ctx.test_cli_runner().invoke(args=["plan", "remind"])
    assert "0 activities" in again.output
    assert db.session.scalar(select(func.count(OutboxMessage.id))) == 1


# --- indicator reports -----------------------------------------------------------------------------

def test_a_bound_indicator_refuses_a_typed_value(setup):
    plan, noi_vu, _, _ = setup
    manager = make_user(Role.MANAGER, unit=noi_vu)
    with pytest.raises(DomainError) as err:
        tracking.report_indicator(result(plan, "2.2"), value="100", as_of=date(2026, 11, 1), actor=manager, now=NOW)
    assert err.value.field == "value"
    assert db.session.scalar(select(func.count(IndicatorReport.id))) == 0


def test_indicator_values_are_kept_as_history(setup):
    plan, _, _, head = setup
    r = result(plan, "1.2")
    tracking.report_indicator(r, value="62,5", as_of=date(2026, 6, 30), comment="Rà soát 6 tháng", actor=head, now=NOW)
    tracking.report_indicator(r, value="85", as_of=date(2026, 10, 31), actor=head, now=NOW)
    db.session.commit()
    assert [(x.value, x.as_of) for x in r.reports] == [(62.5, date(2026, 6, 30)), (85.0, date(2026, 10, 31))]
    with pytest.raises(DomainError) as err:
        tracking.report_indicator(r, value="90", as_of=date(2026, 12, 31), actor=head, now=NOW)  # in the future
    assert err.value.field == "as_of"
    with pytest.raises(DomainError) as err:
        tracking.report_indicator(r, value="nhiều", as_of=date(2026, 10, 31), actor=head, now=NOW)
    assert err.value.field == "value"
    with pytest.raises(DomainError):
        tracking.report_indicator(r, value="90", as_of=date(2026, 10, 31), actor=make_user(Role.UNIT_HEAD), now=NOW)
