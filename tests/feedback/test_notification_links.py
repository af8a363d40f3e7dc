"""Issue 16 point 1: every link in every message to a citizen is absolute (a text message has no site to be relative
to): PUBLIC_BASE_URL, else the host of the request (development); the acknowledgement SMS carries the access code
the receipt shows once."""
from __future__ import annotations

import re
from datetime import UTC, datetime
from types import SimpleNamespace

import pytest
from sqlalchemy import select

from portal.core.db import db
from portal.feedback import notifications
from portal.feedback.models import Feedback
from portal.notify import messages
from portal.notify.models import OutboxMessage
from tests.feedback.data import form_fields

SUBMIT = "/phan-anh-kien-nghi/gui"
BASE = "https://pakn.gianghia.gov.vn"
# anything that looks like a link or a path of the site
LINKS = re.compile(r"(?:https?://|www\.|(?<![\w.])/)[^\s)]+")
AT = datetime(2026, 11, 2, 2, tzinfo=UTC)


def links(text: str) -> list[str]:
    return [m.group(0).rstrip(".,;:") for m in LINKS.finditer(text)]


def _submit(client) -> tuple[Feedback, str]:
    assert client.post(SUBMIT, data=form_fields()).status_code == 303
    receipt = client.get("/phan-anh-kien-nghi/gui/da-nhan").get_data(as_text=True)
    access = re.search(r'id="access-code">([^<]+)<', receipt).group(1)
    return db.session.scalars(select(Feedback)).one(), access


def _bodies() -> list[OutboxMessage]:
    db.session.rollback()
    return db.session.scalars(select(OutboxMessage)).all()


@pytest.mark.parametrize("base", [BASE, BASE + "/"])
def test_every_feedback_message_links_to_the_public_site(client, monkeypatch, base):
    monkeypatch.setitem(client.application.config, "PUBLIC_BASE_URL", base)
    feedback, access = _submit(client)
    for event in ("supplement_requested", "answer_published", "rejected", "merged"):
        notifications.feedback_changed(feedback, event, now=AT, note="Xem /phan-anh-kien-nghi", primary_code="X")
    db.session.commit()
    sent = _bodies()
    assert {(m.channel, m.dedupe_key.split(":")[2]) for m in sent} >= {("sms", "received"), ("email", "received")}
    for message in sent:
        found = [link for link in links(message.body) if link != "/phan-anh-kien-nghi"]  # the note, quoted
        assert found, message.body
        assert all(link.startswith(BASE + "/") for link in found), message.body
        assert "//phan-anh" not in message.body


def test_the_acknowledgement_sms_and_email_carry_the_access_code(client):
    feedback, access = _submit(client)
    received = [m for m in _bodies() if m.dedupe_key.endswith(("received:sms", "received:email"))]
    assert {m.channel for m in received} == {"sms", "email"}
    assert all(access in m.body for m in received)
    receipt = client.get("/phan-anh-kien-nghi/gui/da-nhan").get_data(as_text=True)
    assert access not in receipt  # shown once


def test_without_a_public_base_url_links_use_the_request_host(client, monkeypatch):
    monkeypatch.setitem(client.application.config, "PUBLIC_BASE_URL", "")
    _submit(client)
    for message in _bodies():
        assert links(message.body) and all(link.startswith("http://localhost/") for link in links(message.body))


def test_the_receipt_says_how_to_recover_the_code_and_that_a_text_is_coming(client):
    assert client.post(SUBMIT, data=form_fields()).status_code == 303
    first = client.get("/phan-anh-kien-nghi/gui/da-nhan").get_data(as_text=True)
    assert 'id="access-code"' in first and 'id="access-recovery"' in first and 'id="codes-by-sms"' in first
    second = client.get("/phan-anh-kien-nghi/gui/da-nhan").get_data(as_text=True)
    assert 'id="access-code"' not in second and 'id="access-shown-once"' in second


@pytest.mark.parametrize("event", sorted(messages.EVENTS))
def test_every_case_message_links_to_the_public_site(app_ctx, monkeypatch, event):
    monkeypatch.setitem(app_ctx.config, "PUBLIC_BASE_URL", BASE)
    case = SimpleNamespace(code="H17.01-261102-0001", procedure_version=SimpleNamespace(name="Đăng ký khai sinh"),
                           unit=SimpleNamespace(name="UBND phường Nghĩa Tân"), delivery="desk",
                           applicant_name="Nguyễn Văn An")
    texts = messages.build(event, case, at=AT, note="giấy tờ")
    for body in (texts.email_body, texts.sms_body):
        assert links(body) and all(link.startswith(BASE + "/") for link in links(body)), body
