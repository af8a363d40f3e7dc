"""The mail server refusing (issue 13 point 14). The defined outcome: a temporary refusal (4xx, or no server
listening) leaves the message failed and due again after the next wait of rules.RETRY_DELAYS, its attempt
counted and the server's answer kept; it is not tried before then, and once the server accepts it is sent
exactly once. A permanent refusal (5xx) ends it at once (dead, no retry). Nothing is ever marked sent that
the server did not accept. Time is passed in (FIXED_NOW); a real aiosmtpd server answers (tests/faults/smtp.py)."""
from __future__ import annotations

from datetime import timedelta

import pytest

from portal.core.db import db
from portal.notify import rules, services
from portal.notify.models import OutboxMessage
from portal.notify.rules import Channel, OutboxStatus
from portal.notify.worker import send_pending
from tests.conftest import FIXED_NOW
from tests.faults.smtp import ScriptedSmtp

RECIPIENT = "hoa.tran@example.vn"


@pytest.fixture()
def smtp(mail_port):
    server = ScriptedSmtp(mail_port).start()
    yield server.handler
    server.stop()


def queued(key: str = "faults:mail") -> int:
    message = services.enqueue(channel=Channel.EMAIL, recipient=RECIPIENT, subject="Hồ sơ đã có kết quả",
                               body="Kính gửi Bà Trần Thị Hoa,\n\nHồ sơ của Bà đã có kết quả.\n", dedupe_key=key,
                               now=FIXED_NOW)
    db.session.commit()
    return message.id


def state(message_id: int) -> tuple:
    db.session.expire_all()
    m = db.session.get(OutboxMessage, message_id)
    return m.status, m.attempts, m.next_attempt_at, m.sent_at


def error_of(message_id: int) -> str:
    return db.session.get(OutboxMessage, message_id).last_error


@pytest.mark.parametrize("command", ["MAIL", "RCPT", "DATA"])
def test_a_temporary_refusal_backs_off_on_schedule_then_sends_once(smtp, command):
    smtp.refuse(command, "451 4.3.0 Mailbox temporarily unavailable, try again later")
    message_id = queued()
    now = FIXED_NOW
    for attempt in range(1, 4):  # the first waits of the schedule, each kept to the second
        report = send_pending(now)
        assert report.as_dict() == {"sent": 0, "failed": 1, "dead": 0}
        due = now + rules.RETRY_DELAYS[attempt - 1]
        assert state(message_id) == (OutboxStatus.FAILED, attempt, due, None)
        assert "451" in error_of(message_id)
        assert send_pending(due - timedelta(seconds=1)).as_dict() == {"sent": 0, "failed": 0, "dead": 0}
        assert smtp.attempts == attempt  # not knocked again before it was due
        now = due
    assert smtp.accepted == []

    smtp.accept()
    assert send_pending(now).sent == [message_id]
    status, attempts, _, sent_at = state(message_id)
    assert (status, attempts, sent_at) == (OutboxStatus.SENT, 4, now)
    assert error_of(message_id) == ""
    assert send_pending(now + timedelta(days=3)).as_dict() == {"sent": 0, "failed": 0, "dead": 0}
    assert [e.rcpt_tos for e in smtp.accepted] == [[RECIPIENT]]  # exactly once


def test_temporary_refusals_end_after_the_last_attempt_without_a_send(smtp):
    smtp.refuse("DATA", "421 4.7.0 Too many messages, slow down")
    message_id = queued()
    now = FIXED_NOW
    for attempt in range(1, rules.MAX_ATTEMPTS):
        send_pending(now)
        status, attempts, due, sent_at = state(message_id)
        assert (status, attempts, sent_at) == (OutboxStatus.FAILED, attempt, None)
        assert due - now == rules.RETRY_DELAYS[attempt - 1]
        now = due
    assert send_pending(now).dead == [message_id]
    assert state(message_id)[:2] == (OutboxStatus.DEAD, rules.MAX_ATTEMPTS)
    assert send_pending(now + timedelta(days=30)).as_dict() == {"sent": 0, "failed": 0, "dead": 0}
    assert smtp.attempts == rules.MAX_ATTEMPTS and smtp.accepted == []


@pytest.mark.parametrize("command", ["MAIL", "RCPT", "DATA"])
def test_a_permanent_refusal_ends_at_once_without_retries(smtp, command):
    smtp.refuse(command, "550 5.7.1 Message rejected by policy")
    message_id = queued()
    assert send_pending(FIXED_NOW).dead == [message_id]
    status, attempts, _, sent_at = state(message_id)
    assert (status, attempts, sent_at) == (OutboxStatus.DEAD, 1, None)
    assert "550" in error_of(message_id)
    smtp.accept()
    assert send_pending(FIXED_NOW + timedelta(days=30)).as_dict() == {"sent": 0, "failed": 0, "dead": 0}
    assert smtp.attempts == 1 and smtp.accepted == []


def test_no_server_listening_is_temporary(mail_port):
    message_id = queued()
    assert send_pending(FIXED_NOW).failed == [message_id]
    assert state(message_id) == (OutboxStatus.FAILED, 1, FIXED_NOW + rules.RETRY_DELAYS[0], None)
    assert "ConnectionRefused" in error_of(message_id)
    server = ScriptedSmtp(mail_port).start()  # the server is back
    try:
        assert send_pending(FIXED_NOW + rules.RETRY_DELAYS[0]).sent == [message_id]
        assert len(server.handler.accepted) == 1
    finally:
        server.stop()
