"""PAKN deadlines set by the services (DOMAIN.md §5): the statutory forward deadline of NĐ 20/2008
Điều 9 k1 d (5 working days from receipt) given at receipt and judged when the feedback is forwarded, the
practice deadlines chosen by the day of receipt from the dated schedule (kept when it changes later), the
per-kind override once classified, and nothing before the decree's effective date 03/03/2008."""
from __future__ import annotations

import pytest
import time_machine

from portal.core.db import db
from portal.core.errors import DomainError
from portal.feedback import deadline_services, services, submission
from portal.feedback.models import Feedback
from portal.feedback.vocabulary import Action, FeedbackStatus, Step, Timing
from tests.factories import login, make_unit, make_user
from tests.feedback.data import local, valid_data

NATIONAL = {"reject": 2, "supplement": 5, "answer": 15, "publish": 2}
NINH_BINH = "QĐ 163/2025/QĐ-UBND tỉnh Ninh Bình, Điều 19"
PROVINCE = (("2008-03-03", NATIONAL, ""),
            ("2026-11-02", {**NATIONAL, "answer": {"*": 15, "regulation": 10}}, NINH_BINH))


def _submit(at):
    fb = submission.submit_feedback(valid_data(), now=at)
    db.session.commit()
    return fb


def test_a_forwarded_feedback_gets_5_working_days_and_is_overdue_on_day_6(app_ctx):
    fb = _submit(local(2026, 11, 2, 16, 30))  # Monday afternoon (no 15:00 rule for PAKN)
    # NĐ 20/2008 Điều 9 k1 d: within 5 working days from receipt, receipt day not counted: Monday 9 Nov.
    assert fb.forward_due_at == local(2026, 11, 9, 17, 0)
    assert deadline_services.forward_timing(fb, local(2026, 11, 6, 10)) == Timing.DUE_SOON
    assert deadline_services.forward_timing(fb, local(2026, 11, 9, 16, 59)) == Timing.DUE_SOON  # day 5: still in time
    assert deadline_services.forward_timing(fb, local(2026, 11, 10, 8)) == Timing.OVERDUE  # day 6
    row = deadline_services.deadlines_of(fb, local(2026, 11, 10, 8))[0]
    assert (row["step"], row["statutory"], row["basis"], row["timing"]) == (
        Step.FORWARD, True, "NĐ 20/2008/NĐ-CP Điều 9 k1 d", Timing.OVERDUE)

    desk = make_user("desk_officer")
    services.transition(fb, Action.TRANSFER, now=local(2026, 11, 10, 9), expected_version=fb.version, actor=desk,
                        note="Sở Tài nguyên và Môi trường")
    db.session.commit()
    assert fb.status == FeedbackStatus.TRANSFERRED and fb.forwarded_at == local(2026, 11, 10, 9)
    assert deadline_services.forward_timing(fb, local(2026, 12, 1, 9)) == Timing.LATE  # forwarded on day 6
    steps = [r["step"] for r in deadline_services.deadlines_of(fb, local(2026, 12, 1, 9))]
    assert steps == [Step.FORWARD]  # no answer deadline for the town once forwarded


def test_forwarded_on_day_5_is_on_time_and_an_accepted_feedback_has_no_forward_deadline(app_ctx):
    desk = make_user("desk_officer")
    fb = _submit(local(2026, 11, 2, 9))
    services.transition(fb, Action.TRANSFER, now=local(2026, 11, 9, 16), expected_version=fb.version, actor=desk,
                        note="Công an tỉnh")
    assert deadline_services.forward_timing(fb, local(2026, 11, 20, 9)) == Timing.ON_TIME

    other = _submit(local(2026, 11, 2, 9))
    services.transition(other, Action.ACCEPT, now=local(2026, 11, 3, 9), expected_version=other.version,
                        actor=desk, subject="behaviour")
    assert deadline_services.forward_timing(other, local(2026, 11, 20, 9)) is None
    steps = [r["step"] for r in deadline_services.deadlines_of(other, local(2026, 11, 20, 9))]
    assert steps == [Step.SUPPLEMENT, Step.ANSWER]


def test_practice_deadlines_come_from_the_row_in_force_on_the_day_of_receipt(app_ctx, monkeypatch):
    monkeypatch.setitem(app_ctx.config, "FEEDBACK_DEADLINES", PROVINCE)
    unit = make_unit()
    head = make_user("unit_head", unit=unit)
    before = _submit(local(2026, 10, 30, 9))  # Friday, the day before the provincial row
    on_day = _submit(local(2026, 11, 2, 9))  # Monday, the day it takes effect
    for fb in (before, on_day):
        services.transition(fb, Action.ACCEPT, now=local(2026, 11, 3, 9), expected_version=fb.version, actor=head,
                            subject="regulation", unit_id=unit.id)
    db.session.commit()
    # Before: national practice, 15 working days from Fri 30 Oct = Fri 20 Nov.
    assert before.answer_due_at == local(2026, 11, 20, 17) and before.practice_basis == ""
    # On the day: a PAKN about procedures is answered in 10 (QĐ 163/2025 Điều 19): Mon 16 Nov.
    assert on_day.answer_due_at == local(2026, 11, 16, 17)
    assert on_day.practice_basis == NINH_BINH and on_day.practice_from.isoformat() == "2026-11-02"
    answer = deadline_services.deadlines_of(on_day, local(2026, 11, 4, 9))[-1]
    assert (answer["step"], answer["statutory"], answer["basis"]) == (Step.ANSWER, False, NINH_BINH)


def test_a_behaviour_pakn_keeps_the_default_and_items_keep_their_deadlines_when_the_schedule_changes(app_ctx,
                                                                                                   monkeypatch):
    desk = make_user("desk_officer")
    monkeypatch.setitem(app_ctx.config, "FEEDBACK_DEADLINES", PROVINCE)
    behaviour = _submit(local(2026, 11, 2, 9))
    services.transition(behaviour, Action.ACCEPT, now=local(2026, 11, 3, 9), expected_version=behaviour.version,
                        actor=desk, subject="behaviour")
    assert behaviour.answer_due_at == local(2026, 11, 23, 17)  # "*" default: 15
    stored = _submit(local(2026, 11, 2, 9))
    due = stored.answer_due_at, stored.step_due_at, stored.forward_due_at
    monkeypatch.setitem(app_ctx.config, "FEEDBACK_DEADLINES",
                        (("2008-03-03", {**NATIONAL, "answer": 7, "reject": 1}, "later"),))
    services.transition(stored, Action.ACCEPT, now=local(2026, 11, 3, 9), expected_version=stored.version,
                        actor=desk, subject="behaviour")
    db.session.commit()
    fresh = db.session.get(Feedback, stored.id)
    assert (fresh.answer_due_at, fresh.forward_due_at) == (due[0], due[2])  # received earlier: kept


def test_the_publish_deadline_runs_from_the_approved_answer_and_is_judged_on_publication(app_ctx):
    unit = make_unit()
    handler, head = make_user(unit=unit), make_user("unit_head", unit=unit)
    fb = _submit(local(2026, 11, 2, 9))
    for action, kw, actor in [(Action.ACCEPT, {"subject": "behaviour"}, head),
                              (Action.ASSIGN, {"unit_id": unit.id, "handler_id": handler.id}, head),
                              (Action.DRAFT_ANSWER, {"answer": "Đã trả kết quả."}, handler),
                              (Action.APPROVE_ANSWER, {}, head)]:
        services.transition(fb, action, now=local(2026, 11, 10, 9), expected_version=fb.version, actor=actor, **kw)
    assert fb.step_due_at == local(2026, 11, 12, 17)  # approved Tue 10 Nov + 2 working days
    services.transition(fb, Action.PUBLISH, now=local(2026, 11, 13, 9), expected_version=fb.version, actor=head,
                        public_question="Chậm trả kết quả.", public_answer="Đã trả kết quả.")
    rows = {r["step"]: r for r in deadline_services.deadlines_of(fb, local(2026, 11, 20, 9))}
    assert rows[Step.PUBLISH]["timing"] == Timing.LATE  # published on Fri 13, due Thu 12
    assert rows[Step.ANSWER]["timing"] == Timing.ON_TIME and not rows[Step.PUBLISH]["statutory"]


def test_a_supplement_request_is_judged_against_its_window_only_when_made(app_ctx):
    unit = make_unit()
    handler, head = make_user(unit=unit), make_user("unit_head", unit=unit)
    fb = _submit(local(2026, 11, 2, 9))
    services.transition(fb, Action.ACCEPT, now=local(2026, 11, 3, 9), expected_version=fb.version, actor=head,
                        subject="behaviour")
    services.transition(fb, Action.ASSIGN, now=local(2026, 11, 3, 9), expected_version=fb.version, actor=head,
                        unit_id=unit.id, handler_id=handler.id)
    assert fb.step_due_at == local(2026, 11, 9, 17)  # ask within 5 working days of receipt (practice)
    row = deadline_services.deadlines_of(fb, local(2026, 11, 20, 9))[0]
    assert (row["step"], row["timing"]) == (Step.SUPPLEMENT, None)  # not asked: nothing to judge
    services.transition(fb, Action.REQUEST_SUPPLEMENT, now=local(2026, 11, 10, 9), expected_version=fb.version,
                        actor=handler, note="Số hồ sơ?")
    db.session.commit()
    row = deadline_services.deadlines_of(fb, local(2026, 11, 20, 9))[0]
    assert (row["step"], row["timing"]) == (Step.SUPPLEMENT, Timing.LATE)  # asked on working day 6


def test_nothing_received_before_the_decree_is_registered(app_ctx):
    with pytest.raises(DomainError) as err:
        submission.submit_feedback(valid_data(), now=local(2008, 3, 2, 9))  # the day before 03/03/2008
    assert "03/03/2008" in str(err.value.message)
    db.session.rollback()
    fb = submission.submit_feedback(valid_data(), now=local(2008, 3, 3, 9))  # the day it came into force
    assert fb.forward_due_at == local(2008, 3, 10, 17) and fb.answer_due_at is not None


def test_a_feedback_stored_before_the_decree_shows_no_deadline(app_ctx):
    # Imported history: received before 03/03/2008, no statutory deadline (forward_due_at NULL).
    fb = _submit(local(2026, 11, 2, 9))
    fb.received_at, fb.forward_due_at = local(2008, 2, 28, 9), None
    db.session.commit()
    assert deadline_services.forward_timing(fb, local(2026, 11, 20, 9)) is None
    assert deadline_services.deadline_of(fb, Step.FORWARD) is None
    assert deadline_services.deadline_of(fb, Step.ANSWER) is None
    assert deadline_services.deadlines_of(fb, local(2026, 11, 20, 9)) == [] and not deadline_services.answer_applies(fb)
    fb.received_at = local(2008, 3, 3, 9)  # the decree's first day: its deadlines apply again
    assert deadline_services.answer_applies(fb) and deadline_services.deadlines_of(fb, local(2026, 11, 20, 9))


def test_a_schedule_with_a_row_before_the_decree_is_refused(app_ctx, monkeypatch):
    monkeypatch.setitem(app_ctx.config, "FEEDBACK_DEADLINES", (("2008-01-01", NATIONAL),))
    with pytest.raises(ValueError, match="before NĐ 20/2008"):
        submission.submit_feedback(valid_data(), now=local(2026, 11, 2, 9))


def test_the_staff_pages_show_the_forward_deadline_as_statutory_and_the_others_as_practice(client):
    fb = _submit(local(2026, 11, 2, 9))
    desk = make_user("desk_officer")
    with time_machine.travel(local(2026, 11, 10, 9), tick=False):  # working day 6, not yet forwarded
        login(client, desk)
        page = client.get(f"/staff/feedback/{fb.id}").get_data(as_text=True)
        listing = client.get("/staff/feedback/").get_data(as_text=True)
    assert 'data-step="forward"' in page and "NĐ 20/2008/NĐ-CP Điều 9 k1 d" in page
    assert 'data-step="answer"' in page
    assert "Điều 9 k1 d" in listing  # the worklist flags the overdue forward step


def test_the_public_page_lists_the_deadlines_in_force_on_the_day_with_their_basis(client, monkeypatch):
    from html import unescape

    monkeypatch.setitem(client.application.config, "FEEDBACK_DEADLINES", PROVINCE)
    with time_machine.travel(local(2026, 10, 30, 9), tick=False):  # the day before the provincial row
        before = unescape(client.get("/phan-anh-kien-nghi/kenh-tiep-nhan").get_data(as_text=True))
    with time_machine.travel(local(2026, 11, 2, 9), tick=False):  # the day it takes effect
        after = unescape(client.get("/phan-anh-kien-nghi/kenh-tiep-nhan").get_data(as_text=True))
    forward = after[after.index('data-step="forward"'):after.index('data-step="reject"')]
    assert "Luật định" in forward and "NĐ 20/2008/NĐ-CP Điều 9 k1 d" in forward and "5 ngày làm việc" in forward
    answer = after[after.index('data-step="answer"'):after.index('data-step="publish"')]
    assert "Thực tiễn" in answer and NINH_BINH in answer
    assert "Về quy định, thủ tục hành chính: 10 ngày làm việc" in answer  # the per-kind override
    assert NINH_BINH not in before and "10 ngày làm việc" not in before
    assert "không phải quy định của Nghị định 20/2008/NĐ-CP" in before
