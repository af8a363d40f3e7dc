"""Rejection with a standard reason (vocabulary.RejectionReason) and a note: the rule, the service, the staff
form, the public tracking page and the message to the submitter."""
from __future__ import annotations

import re
from html import unescape

import pytest
from flask_babel import force_locale
from sqlalchemy import select

from portal.core.access import Role
from portal.core.audit import AuditEvent
from portal.core.db import db
from portal.core.errors import DomainError
from portal.feedback import rules, services, submission
from portal.feedback.labels import REJECTION_LABELS
from portal.feedback.models import Feedback
from portal.feedback.vocabulary import STATUTORY_REJECTIONS, Action, FeedbackStatus, RejectionReason
from portal.notify.models import OutboxMessage
from tests.factories import login, make_user
from tests.feedback.data import local, valid_data

BASE = "/staff/feedback"
TRACK = "/phan-anh-kien-nghi/tra-cuu"


def vi(text) -> str:
    with force_locale("vi"):
        return str(text)


def _new(**changes) -> Feedback:
    fb = submission.submit_feedback(valid_data(**changes), now=local(2026, 11, 2, 9))
    db.session.commit()
    return fb


def test_only_other_needs_the_note_and_every_reason_has_a_label():
    assert rules.rejection_note_required("other")
    assert not any(rules.rejection_note_required(r) for r in RejectionReason if r != RejectionReason.OTHER)
    assert set(REJECTION_LABELS) == set(RejectionReason)
    assert RejectionReason.COMPLAINT in STATUTORY_REJECTIONS
    assert "khiếu nại" in vi(REJECTION_LABELS[RejectionReason.COMPLAINT]).lower()
    with pytest.raises(ValueError):
        rules.rejection_note_required("because")


def test_rejection_needs_a_listed_reason(app_ctx):
    fb = _new()
    for code in (None, "", "because"):
        with pytest.raises(DomainError) as err:
            services.transition(fb, Action.REJECT, now=local(2026, 11, 3, 9), expected_version=fb.version,
                                note="Không rõ nội dung.", rejection_code=code)
        assert err.value.field == "rejection_code"
        db.session.rollback()
    with pytest.raises(DomainError) as err:
        services.transition(fb, Action.REJECT, now=local(2026, 11, 3, 9), expected_version=fb.version,
                            rejection_code="other")
    assert err.value.field == "note"
    db.session.rollback()
    assert fb.status == FeedbackStatus.NEW and fb.rejection_code is None


def test_rejection_stores_code_and_note_audits_and_tells_the_submitter(app_ctx):
    desk = make_user(Role.DESK_OFFICER)
    fb = _new()
    services.transition(fb, Action.REJECT, now=local(2026, 11, 3, 9), expected_version=fb.version, actor=desk,
                        rejection_code="complaint", note="Đề nghị bà gửi đơn khiếu nại đến Thanh tra thị xã.")
    db.session.commit()
    db.session.refresh(fb)
    assert fb.status == FeedbackStatus.REJECTED and fb.rejection_code == RejectionReason.COMPLAINT
    assert fb.rejection_reason.startswith("Đề nghị bà") and fb.closed_at == local(2026, 11, 3, 9)
    row = db.session.scalars(select(AuditEvent).where(AuditEvent.action == "feedback.reject")).one()
    assert "complaint" in str(row.after)
    email = db.session.scalars(select(OutboxMessage).where(OutboxMessage.dedupe_key.like("%:rejected:email"))).one()
    assert fb.tracking_code in email.subject
    assert vi(REJECTION_LABELS[RejectionReason.COMPLAINT]) in email.body
    assert "Thanh tra thị xã" in email.body
    assert db.session.scalars(select(OutboxMessage).where(OutboxMessage.dedupe_key.like("%:rejected:sms"))).one()


def test_a_reason_without_a_note_is_enough(app_ctx):
    fb = _new()
    services.transition(fb, Action.REJECT, now=local(2026, 11, 3, 9), expected_version=fb.version,
                        rejection_code="already_answered")
    db.session.commit()
    assert fb.status == FeedbackStatus.REJECTED and fb.rejection_reason == ""


def test_staff_form_refuses_no_reason_next_to_the_field_and_keeps_the_note(client):
    fb = _new()
    login(client, make_user(Role.DESK_OFFICER))
    page = unescape(client.get(f"{BASE}/{fb.id}").get_data(as_text=True))
    assert re.search(r'<select[^>]*name="reject-rejection_code"', page)
    response = client.post(f"{BASE}/{fb.id}/reject", data={"reject-version": fb.version, "reject-rejection_code": "",
                                                           "reject-note": "Nội dung là đơn tố cáo cán bộ."})
    html = unescape(response.get_data(as_text=True))
    assert response.status_code == 422
    assert re.search(r'id="reject-rejection_code-error"', html)
    assert "Nội dung là đơn tố cáo cán bộ." in html
    db.session.rollback()
    assert db.session.get(Feedback, fb.id).status == FeedbackStatus.NEW
    response = client.post(f"{BASE}/{fb.id}/reject", data={"reject-version": fb.version,
                                                           "reject-rejection_code": "complaint",
                                                           "reject-note": "Nội dung là đơn tố cáo cán bộ."})
    assert response.status_code == 303
    page = unescape(client.get(f"{BASE}/{fb.id}").get_data(as_text=True))
    assert vi(REJECTION_LABELS[RejectionReason.COMPLAINT]) in page and "NĐ 20/2008/NĐ-CP" in page


def test_track_page_shows_the_reason_without_personal_data(client):
    fb = _new()
    services.transition(fb, Action.REJECT, now=local(2026, 11, 3, 9), expected_version=fb.version,
                        rejection_code="offensive", note="Nội dung có lời lẽ xúc phạm.")
    db.session.commit()
    html = unescape(client.post(TRACK, data={"code": fb.tracking_code, "access": fb.issued_access_code})
                    .get_data(as_text=True))
    assert vi(REJECTION_LABELS[RejectionReason.OFFENSIVE]) in html
    assert "Nội dung có lời lẽ xúc phạm." in html
    for personal in (fb.submitter_name, fb.submitter_address, fb.submitter_email, "0912345678", "0912 345 678"):
        assert personal not in html
