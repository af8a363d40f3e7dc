"""Queueing: in the case's transaction, once per event, in Vietnamese, without the access code."""
from __future__ import annotations

import unicodedata
from datetime import timedelta

import pytest

from portal.cases import services as cases
from portal.cases.rules import Action
from portal.core.access import Role
from portal.core.clock import to_local, utcnow
from portal.core.db import db
from portal.core.errors import DomainError
from portal.notify import case_events, services
from portal.notify.rules import Channel, OutboxStatus
from portal.notify.services import KICK_FLAG
from tests.conftest import FIXED_NOW
from tests.factories import make_user
from tests.notify.conftest import finish, outbox, receive


def test_result_ready_queues_one_email_and_one_sms(app_ctx):
    case = finish(receive(), utcnow())
    email, sms = outbox()
    assert (email.channel, email.recipient, email.status, email.attempts) == (
        Channel.EMAIL, "hoa.tran@example.vn", OutboxStatus.PENDING, 0)
    assert (sms.channel, sms.recipient, sms.subject) == (Channel.SMS, "0912345678", "")
    assert email.dedupe_key == f"case:{case.id}:result_ready:email"
    assert email.next_attempt_at == case.finished_at  # due at once


def test_texts_are_vietnamese_and_name_the_case(app_ctx):
    case = finish(receive(), utcnow())
    email, sms = outbox()
    day = to_local(case.finished_at).strftime("%d/%m/%Y")
    assert email.subject == f"Hồ sơ {case.code}: đã có kết quả"
    for body in (email.body, sms.body):
        assert case.code in body and day in body and "/ho-so/tra-cuu" in body
        assert unicodedata.is_normalized("NFC", body)
        assert case.issued_access_code not in body  # see messages.py: never in a message
    assert "Thủ tục đăng ký khai sinh" in email.body and "Thủ tục đăng ký khai sinh" in sms.body
    assert email.body.startswith("Kính gửi Ông/Bà Trần Thị Hoa,")
    assert "UBND phường Nghĩa Tân" in email.body and "Giấy tiếp nhận hồ sơ và hẹn trả kết quả" in email.body
    assert "Ủy ban nhân dân thị xã Gia Nghĩa" in email.body
    assert "đã có kết quả" in sms.body and len(sms.body) <= 210  # three UCS-2 segments


def test_supplement_request_and_apology_are_told(app_ctx):
    now = utcnow()
    case = receive(received_at=now - timedelta(minutes=1))
    cases.transition(case, Action.ASSIGN, now=now, expected_version=case.version, handler_id=make_user(Role.HANDLER, unit=case.handling_unit).id)
    cases.transition(case, Action.REQUEST_SUPPLEMENT, now=now, expected_version=case.version,
                     note="Bản sao giấy chứng nhận kết hôn")
    request = outbox(channel=Channel.EMAIL)[0]
    assert request.subject == f"Hồ sơ {case.code}: đề nghị bổ sung hồ sơ"
    assert "Nội dung cần bổ sung: Bản sao giấy chứng nhận kết hôn" in request.body
    cases.transition(case, Action.SUPPLEMENT, now=now + timedelta(hours=1), expected_version=case.version)
    new_due = case.due_at + timedelta(days=7)
    cases.issue_apology(case, reason="Chờ ý kiến của Phòng Tài nguyên và Môi trường", new_due_at=new_due,
                        now=now + timedelta(hours=2), expected_version=case.version)
    apology = outbox(channel=Channel.EMAIL)[1]
    assert apology.dedupe_key == f"case:{case.id}:apology_issued:email"
    assert to_local(new_due).strftime("%d/%m/%Y") in apology.body  # the new return date
    assert "Lý do: Chờ ý kiến của Phòng Tài nguyên và Môi trường" in apology.body


def test_other_steps_and_applicants_without_contacts_queue_nothing(app_ctx):
    case = receive({"name": "Lê Văn Tám", "phone": "0261 3544 111"})  # a landline: no SMS
    cases.transition(case, Action.TRANSFER, now=utcnow(), expected_version=case.version)
    assert outbox() == []
    finish(case, utcnow())
    assert outbox() == []


def test_enqueue_is_atomic_with_the_case_change(app_ctx):
    case = receive()
    db.session.commit()
    finish(case, utcnow())
    assert len(outbox()) == 2 and db.session.info.get(KICK_FLAG)
    db.session.rollback()  # the view failed after the service: the case and its messages go together
    assert outbox() == [] and KICK_FLAG not in db.session.info
    assert db.session.get(type(case), case.id).finished_at is None


def test_the_same_event_twice_queues_one_message(app_ctx):
    case = finish(receive(), utcnow())
    db.session.commit()
    again = case_events.case_changed(case, "result_ready", now=utcnow() + timedelta(minutes=5))
    db.session.commit()
    assert [m.id for m in again] == [m.id for m in outbox()] and len(outbox()) == 2
    first = services.enqueue(channel=Channel.EMAIL, recipient="a@example.vn", subject="x", body="y",
                             dedupe_key="test:1", now=utcnow())
    second = services.enqueue(channel=Channel.EMAIL, recipient="b@example.vn", subject="z", body="w",
                              dedupe_key="test:1", now=utcnow())
    assert second.id == first.id and second.recipient == "a@example.vn"
    assert len(outbox(dedupe_key="test:1")) == 1


def test_a_second_supplement_request_is_refused_and_tells_nobody(app_ctx):
    """NĐ 61/2018 Điều 19 k4: one request; the refused second one queues no message."""
    now = utcnow()
    case = receive({"name": "Trần Thị Hoa", "email": "hoa.tran@example.vn"})
    cases.transition(case, Action.ASSIGN, now=now, expected_version=case.version, handler_id=make_user(Role.HANDLER, unit=case.handling_unit).id)
    cases.transition(case, Action.REQUEST_SUPPLEMENT, now=now + timedelta(hours=1), expected_version=case.version,
                     note="Bổ sung bản sao giấy khai sinh.")
    cases.transition(case, Action.SUPPLEMENT, now=now + timedelta(hours=2), expected_version=case.version)
    with pytest.raises(DomainError):
        cases.transition(case, Action.REQUEST_SUPPLEMENT, now=now + timedelta(hours=3), expected_version=case.version,
                         note="Bổ sung lần hai.")
    assert len(outbox()) == 1 and case.supplement_requests == 1


def test_a_message_body_keeps_its_lines_and_is_nfc(app_ctx):
    """A letter is several paragraphs: the outbox normalises it to NFC (decomposed 'ế' becomes one character) but
    keeps its line breaks (`nfc` would make one paragraph of it), and the subject stays one line."""
    now = FIXED_NOW
    decomposed = unicodedata.normalize("NFD", "Kính gửi ông Bình,\r\n\r\nHồ sơ đã có kết quả.  \nTrân trọng.")
    one = services.enqueue(channel=Channel.EMAIL, recipient="a@example.vn", subject="Hồ sơ\n  của ông",
                           body=decomposed, dedupe_key="test:lines:1", now=now)
    services.enqueue_many([{"channel": Channel.EMAIL, "recipient": "b@example.vn", "subject": "s", "body": decomposed,
                            "dedupe_key": "test:lines:2"}], now=now)
    db.session.flush()
    expected = "Kính gửi ông Bình,\n\nHồ sơ đã có kết quả.\nTrân trọng."
    assert one.subject == "Hồ sơ của ông"
    bodies = [m.body for m in outbox()]
    assert bodies.count(expected) == 2, bodies
    assert unicodedata.is_normalized("NFC", bodies[0])
