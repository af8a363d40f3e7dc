"""Sending through a real SMTP server: once per message, retried with back-off, never twice."""
from __future__ import annotations

import unicodedata
from datetime import timedelta

from portal.core.clock import utcnow
from portal.core.db import db
from portal.notify import rules, services
from portal.notify.models import OutboxMessage
from portal.notify.rules import Channel, OutboxStatus
from portal.notify.worker import send_pending
from tests.concurrency import at_once
from tests.notify.conftest import finish, outbox, receive


def queue_email(key: str, now, recipient: str = "hoa.tran@example.vn") -> OutboxMessage:
    return services.enqueue(channel=Channel.EMAIL, recipient=recipient, subject="Hồ sơ đã có kết quả",
                            body="Kính gửi Ông/Bà Trần Thị Hoa,\n\nHồ sơ của Ông/Bà đã có kết quả.\n",
                            dedupe_key=key, now=now)


def fresh(message_id: int) -> OutboxMessage:
    db.session.expire_all()
    return db.session.get(OutboxMessage, message_id)


def test_a_real_server_receives_one_utf8_email_per_message(smtp):
    now = utcnow()
    case = finish(receive(), now)
    db.session.commit()
    report = send_pending(now + timedelta(minutes=2))
    email, sms = outbox()
    assert len(report.sent) == 2 and email.status == sms.status == OutboxStatus.SENT
    assert email.sent_at is not None and email.attempts == 1
    [received] = smtp.inbox.messages
    [envelope] = smtp.inbox.envelopes
    assert envelope.rcpt_tos == ["hoa.tran@example.vn"]
    assert received["Subject"] == f"Hồ sơ {case.code}: đã có kết quả"
    raw_headers = envelope.content.split(b"\r\n\r\n", 1)[0]
    assert b"=?utf-8?" in raw_headers.lower() and raw_headers.isascii()  # RFC 2047 encoded, 7-bit clean
    assert received["From"].addresses[0].display_name == "Bộ phận Một cửa"
    body = received.get_content().replace("\r\n", "\n")  # CRLF on the wire
    assert body.rstrip("\n") == email.body and unicodedata.is_normalized("NFC", body)
    assert received.get_content_charset() == "utf-8"
    assert received["Message-ID"] == f"<outbox-{email.id}.case.{case.id}.result.ready.email@gianghia.gov.vn>"
    assert send_pending(now + timedelta(days=1)).as_dict() == {"sent": 0, "failed": 0, "dead": 0}
    assert len(smtp.inbox.envelopes) == 1  # sent once, never again


def test_refused_connection_backs_off_then_sends_once(smtp_later):
    t0 = utcnow()
    message_id = queue_email("test:retry", t0).id
    db.session.commit()
    assert send_pending(t0).failed == [message_id]
    message = fresh(message_id)
    assert (message.status, message.attempts) == (OutboxStatus.FAILED, 1)
    assert message.next_attempt_at == t0 + timedelta(minutes=1)
    assert "ConnectionRefused" in message.last_error
    assert send_pending(t0 + timedelta(seconds=30)).as_dict()["failed"] == 0  # not due yet
    assert fresh(message_id).attempts == 1
    t1 = t0 + timedelta(minutes=1)
    send_pending(t1)
    assert fresh(message_id).next_attempt_at == t1 + timedelta(minutes=5)
    smtp_later.start()  # the mail server is back
    assert send_pending(t1 + timedelta(minutes=4)).sent == []
    assert send_pending(t1 + timedelta(minutes=5)).sent == [message_id]
    message = fresh(message_id)
    assert (message.status, message.attempts, message.last_error) == (OutboxStatus.SENT, 3, "")
    send_pending(t1 + timedelta(days=2))
    assert len(smtp_later.inbox.envelopes) == 1


def test_gives_up_after_the_last_attempt(mail_port):
    now = utcnow()
    message_id = queue_email("test:dead", now).id
    db.session.commit()
    for _ in range(rules.MAX_ATTEMPTS):
        send_pending(now)
        now = fresh(message_id).next_attempt_at
    message = fresh(message_id)
    assert (message.status, message.attempts) == (OutboxStatus.DEAD, rules.MAX_ATTEMPTS)
    assert send_pending(now + timedelta(days=30)).as_dict() == {"sent": 0, "failed": 0, "dead": 0}


def test_a_refused_recipient_is_not_retried(smtp):
    smtp.inbox.refuse.add("khong.ton.tai@example.vn")
    now = utcnow()
    bad = queue_email("test:bad", now, recipient="khong.ton.tai@example.vn").id
    good = queue_email("test:good", now).id
    db.session.commit()
    report = send_pending(now)
    assert report.dead == [bad] and report.sent == [good]
    assert "550" in fresh(bad).last_error


def test_two_workers_send_each_message_exactly_once(app_ctx, smtp):
    now = utcnow()
    ids = [queue_email(f"test:race:{n}", now, recipient=f"nguoi{n}@example.vn").id for n in range(24)]
    db.session.commit()
    reports = at_once(app_ctx, lambda: send_pending(now, batch=3))
    sent = sorted(i for report in reports for i in report.sent)
    assert sent == ids  # every message by exactly one worker
    recipients = sorted(r for e in smtp.inbox.envelopes for r in e.rcpt_tos)
    assert recipients == sorted(f"nguoi{n}@example.vn" for n in range(24))
    assert {m.attempts for m in outbox()} == {1} and {m.status for m in outbox()} == {OutboxStatus.SENT}


def test_a_claim_hides_messages_from_other_workers_and_old_claims_cannot_record(app_ctx):
    now = utcnow()
    message_id = queue_email("test:claim", now).id
    db.session.commit()
    [claimed] = services.claim_due(10, now)
    db.session.commit()
    assert services.claim_due(10, now + timedelta(minutes=9)) == []  # within the lease
    [again] = services.claim_due(10, now + rules.CLAIM_LEASE)  # the first worker died: retried
    assert again.attempts == 2
    assert services.record_sent(message_id, 1, now) is False  # the first claim is stale
    assert services.record_sent(message_id, 2, now) is True
    assert services.record_sent(message_id, 2, now) is False  # already sent


def test_sms_goes_through_the_configured_transport(app_ctx, mail_port):
    from portal.notify.transports import LogSmsTransport

    now = utcnow()
    finish(receive({"name": "Trần Thị Hoa", "phone": "0912 345 678"}), now)
    db.session.commit()
    sms = LogSmsTransport()
    report = send_pending(now + timedelta(minutes=2), transports={Channel.SMS: sms, Channel.EMAIL: None})
    assert [e.recipient for e in sms.sent] == ["0912345678"] and len(report.sent) == 1
    assert "đã có kết quả" in sms.sent[0].body


def test_cli_sends_and_the_worker_needs_redis(app_ctx, smtp):
    queue_email("test:cli", utcnow() - timedelta(seconds=1))
    db.session.commit()
    runner = app_ctx.test_cli_runner()
    result = runner.invoke(args=["jobs", "send"])
    assert result.exit_code == 0 and "sent 1, failed 0" in result.output
    assert len(smtp.inbox.envelopes) == 1
    result = runner.invoke(args=["jobs", "worker"])
    assert result.exit_code == 1 and "REDIS_URL" in result.output
