"""Feedback services against the database: submission checks, idempotency, workflow, lookup, satisfaction."""
from __future__ import annotations

import pytest
from flask_babel import force_locale
from sqlalchemy import func, select

from portal.core.access import Role
from portal.core.audit import AuditEvent
from portal.core.db import db
from portal.core.errors import Conflict, DomainError
from portal.feedback import services, submission
from portal.feedback.models import Feedback, FeedbackEvent
from portal.feedback.vocabulary import Action, Channel, FeedbackStatus, Satisfaction
from portal.notify.models import OutboxMessage
from tests.factories import make_unit, make_user
from tests.feedback.data import local, valid_data


def count(model) -> int:
    return db.session.scalar(select(func.count()).select_from(model))


def test_submit_stores_codes_deadlines_consent_trail_and_acknowledgement(app_ctx):
    fb = submission.submit_feedback(valid_data(), now=local(2026, 11, 2, 9, 0))  # a Monday
    db.session.commit()
    assert fb.tracking_code == "PA-2611-000001"
    assert len(fb.issued_access_code) == 8 and fb.issued_access_code.isalnum()
    assert fb.status == FeedbackStatus.NEW and fb.channel == Channel.WEB
    assert fb.submitter_phone == "0912345678"
    assert fb.consent_given_at == local(2026, 11, 2, 9, 0) and fb.consent_version == submission.CONSENT_VERSION
    # Working days, the day of receipt not counted, ending at the end (office close) of the last day
    # (Bộ luật Dân sự Điều 147–148). Practice: answer in 15 from Monday 2 Nov 2026: Monday 23 Nov; decide on
    # a rejection in 2: Wednesday 4 Nov. Statutory (NĐ 20/2008 Điều 9 k1 d): forward in 5: Monday 9 Nov.
    assert fb.answer_due_at == local(2026, 11, 23, 17, 0)
    assert fb.step_due_at == local(2026, 11, 4, 17, 0)
    assert fb.forward_due_at == local(2026, 11, 9, 17, 0) and fb.forwarded_at is None
    assert fb.practice_from.isoformat() == "2008-03-03" and fb.practice_basis == ""
    assert [e.action for e in fb.events] == ["submit"]
    assert db.session.scalar(select(AuditEvent.action).where(AuditEvent.object_type == "feedback")) == "feedback.submit"
    messages = list(db.session.scalars(select(OutboxMessage)))
    assert {m.channel.value for m in messages} == {"email", "sms"}
    email = next(m for m in messages if m.channel.value == "email")
    assert fb.tracking_code in email.body and fb.issued_access_code in email.body
    sms = next(m for m in messages if m.channel.value == "sms")
    assert fb.issued_access_code in sms.body  # typed by the citizen on the web form (issue 16 point 1)


def test_running_number_counts_per_month(app_ctx):
    a = submission.submit_feedback(valid_data(), now=local(2026, 11, 2, 9))
    b = submission.submit_feedback(valid_data(), now=local(2026, 11, 3, 9))
    c = submission.submit_feedback(valid_data(), now=local(2026, 12, 1, 9))
    assert [a.tracking_code, b.tracking_code, c.tracking_code] == ["PA-2611-000001", "PA-2611-000002",
                                                                     "PA-2612-000001"]


def test_same_token_twice_gives_one_record(app_ctx):
    data = valid_data()
    first = submission.submit_feedback(data, now=local(2026, 11, 2, 9))
    db.session.commit()
    second = submission.submit_feedback(dict(data), now=local(2026, 11, 2, 9, 0, 1))
    db.session.commit()
    assert second.id == first.id and count(Feedback) == 1 and count(OutboxMessage) == 2


@pytest.mark.parametrize("changes, field", [
    ({"content": ""}, "content"),
    ({"content": "x" * 10_001}, "content"),
    ({"title": "   "}, "title"),
    ({"submitter_name": ""}, "submitter_name"),
    ({"submitter_address": ""}, "submitter_address"),
    ({"submitter_phone": "", "submitter_email": ""}, "submitter_phone"),
    ({"submitter_phone": "12345"}, "submitter_phone"),
    ({"consent": False}, "consent"),
    ({"consent": None}, "consent"),
    ({"category": "khieu_nai"}, "category"),
    ({"latitude": 12.0, "longitude": None}, "longitude"),  # beside the missing half
    ({"latitude": None, "longitude": 107.69}, "latitude"),
    ({"latitude": 48.85, "longitude": 2.35}, "latitude"),  # outside FEEDBACK_LOCATION_BOUNDS
    ({"latitude": 12.0, "longitude": 2.35}, "longitude"),
])
def test_bad_submissions_are_refused_and_nothing_stored(app_ctx, changes, field):
    with pytest.raises(DomainError) as err:
        submission.submit_feedback(valid_data(**changes), now=local(2026, 11, 2, 9))
    assert err.value.field == field
    db.session.rollback()
    assert count(Feedback) == 0 and count(OutboxMessage) == 0


def test_text_is_normalised_to_nfc(app_ctx):
    decomposed = "Nguye\u0302\u0303n Thi\u0323 Lan"
    fb = submission.submit_feedback(valid_data(submitter_name=decomposed, title="  Đường  hỏng  "),
                                  now=local(2026, 11, 2, 9))
    assert fb.submitter_name == "Nguyễn Thị Lan" and fb.title == "Đường hỏng"


def _walk_to_approved(fb, unit, handler, head):
    at = local(2026, 11, 3, 9)
    for action, kwargs, actor in [
        (Action.ACCEPT, {"subject": "behaviour"}, head),
        (Action.ASSIGN, {"unit_id": unit.id, "handler_id": handler.id}, head),
        (Action.DRAFT_ANSWER, {"answer": "Phường đã trả kết quả ngày 10/11 và xin lỗi bà."}, handler),
        (Action.APPROVE_ANSWER, {}, head),
    ]:
        services.transition(fb, action, now=at, expected_version=fb.version, actor=actor, **kwargs)
    db.session.commit()


def test_workflow_to_publication_audits_every_step_and_tells_the_submitter(app_ctx):
    unit = make_unit()
    handler, head = make_user(unit=unit), make_user(unit=unit)
    fb = submission.submit_feedback(valid_data(), now=local(2026, 11, 2, 9))
    db.session.commit()
    _walk_to_approved(fb, unit, handler, head)
    assert fb.status == FeedbackStatus.ANSWER_APPROVED and fb.subject.value == "behaviour"
    assert fb.step_due_at == local(2026, 11, 5, 17)  # publish within 2 working days of approval (Tue 3 Nov)
    with pytest.raises(DomainError):
        services.transition(fb, Action.PUBLISH, now=local(2026, 11, 4, 9), expected_version=fb.version,
                            public_question="", public_answer="")
    db.session.rollback()
    services.transition(fb, Action.PUBLISH, now=local(2026, 11, 4, 9), expected_version=fb.version, actor=head,
                        public_question="Chậm trả kết quả khai sinh.", public_answer="Đã trả kết quả.")
    db.session.commit()
    assert fb.status == FeedbackStatus.PUBLISHED and fb.published_at == local(2026, 11, 4, 9)
    actions = [e.action for e in db.session.scalars(select(FeedbackEvent).order_by(FeedbackEvent.id))]
    assert actions == ["submit", "accept", "assign", "draft_answer", "approve_answer", "publish"]
    audited = db.session.scalars(select(AuditEvent.action).where(AuditEvent.object_type == "feedback")).all()
    assert "feedback.publish" in audited and len(audited) == 6
    assert db.session.scalar(select(func.count()).select_from(OutboxMessage)
                             .where(OutboxMessage.dedupe_key.like("%answer_published%"))) == 2


def test_stale_version_and_impossible_step_are_refused(app_ctx):
    fb = submission.submit_feedback(valid_data(), now=local(2026, 11, 2, 9))
    db.session.commit()
    with pytest.raises(Conflict):
        services.transition(fb, Action.ACCEPT, now=local(2026, 11, 3, 9), expected_version=fb.version - 1)
    with pytest.raises(DomainError):
        services.transition(fb, Action.PUBLISH, now=local(2026, 11, 3, 9), expected_version=fb.version)
    with pytest.raises(DomainError) as err:
        services.transition(fb, Action.REJECT, now=local(2026, 11, 3, 9), expected_version=fb.version, note=" ",
                            rejection_code="other")  # "other" needs the explanation
    assert err.value.field == "note"
    db.session.rollback()
    assert fb.status == FeedbackStatus.NEW


def test_publication_needs_the_submitters_permission(app_ctx):
    unit = make_unit()
    handler, head = make_user(unit=unit), make_user(unit=unit)
    fb = submission.submit_feedback(valid_data(publish_allowed=False), now=local(2026, 11, 2, 9))
    _walk_to_approved(fb, unit, handler, head)
    with pytest.raises(DomainError):
        services.transition(fb, Action.PUBLISH, now=local(2026, 11, 4, 9), expected_version=fb.version,
                            public_question="q", public_answer="a")
    db.session.rollback()
    services.transition(fb, Action.ANSWER_PRIVATELY, now=local(2026, 11, 4, 9), expected_version=fb.version)
    assert fb.status == FeedbackStatus.ANSWERED_PRIVATELY and fb.answered_at is not None


def test_public_lookup_needs_both_codes(app_ctx):
    fb = submission.submit_feedback(valid_data(), now=local(2026, 11, 2, 9))
    db.session.commit()
    assert submission.public_lookup(fb.tracking_code.lower(), fb.issued_access_code.lower()) == fb
    assert submission.public_lookup(fb.tracking_code, "WRONGONE") is None
    assert submission.public_lookup("PA-2611-999999", fb.issued_access_code) is None


def test_satisfaction_once_and_only_after_publication(app_ctx):
    unit = make_unit()
    handler, head = make_user(unit=unit), make_user(unit=unit)
    fb = submission.submit_feedback(valid_data(), now=local(2026, 11, 2, 9))
    with pytest.raises(DomainError):
        submission.mark_satisfaction(fb, Satisfaction.SATISFIED, now=local(2026, 11, 2, 10))
    _walk_to_approved(fb, unit, handler, head)
    services.transition(fb, Action.PUBLISH, now=local(2026, 11, 4, 9), expected_version=fb.version,
                        public_question="q", public_answer="a")
    submission.mark_satisfaction(fb, Satisfaction.NOT_SATISFIED, now=local(2026, 11, 5, 9))
    with pytest.raises(DomainError):
        submission.mark_satisfaction(fb, Satisfaction.SATISFIED, now=local(2026, 11, 5, 10))
    assert fb.satisfaction == Satisfaction.NOT_SATISFIED


def test_assignment_to_a_handler_of_another_unit_is_refused(app_ctx):
    """Issue 14: the handler must belong to the unit that handles the item, or he could not open it (403)."""
    fb = submission.submit_feedback(valid_data(), now=local(2026, 11, 2, 9))
    unit, other = make_unit(), make_unit()
    stranger = make_user(Role.HANDLER, unit=other)
    services.transition(fb, Action.ACCEPT, now=local(2026, 11, 2, 10), expected_version=fb.version, unit_id=unit.id)
    with pytest.raises(DomainError) as refused:
        services.transition(fb, Action.ASSIGN, now=local(2026, 11, 2, 11), expected_version=fb.version,
                            unit_id=unit.id, handler_id=stranger.id)
    assert refused.value.field == "handler_id"
    with force_locale("en"):
        assert str(refused.value.message) == "Choose a handler of the unit that handles this feedback."
    assert fb.status == FeedbackStatus.ACCEPTED and fb.handler_id is None


def test_every_action_of_the_transition_table_has_its_own_step_function():
    from portal.feedback import rules

    assert set(services.STEPS) == set(Action)  # a new action fails here until it has its step and its checks
    assert {action for _status, action in rules.TRANSITIONS} <= set(services.STEPS)
    assert services.STEPS[Action.REJECT] is not services.STEPS[Action.ASSIGN]
