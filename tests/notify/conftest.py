"""A real SMTP server on 127.0.0.1 (aiosmtpd) and cases whose applicants gave their contacts."""
from __future__ import annotations

import threading
from datetime import timedelta
from email import message_from_bytes, policy

import pytest
from aiosmtpd.controller import Controller

from portal.cases import intake, services as cases
from portal.cases.rules import Action
from portal.core.access import Role
from portal.core.clock import utcnow
from portal.core.db import db
from portal.notify.models import OutboxMessage
from tests.factories import make_procedure, make_unit, make_user

APPLICANT = {"name": "Trần Thị Hoa", "email": "hoa.tran@example.vn", "phone": "0912 345 678"}


class Inbox:
    """What the server accepted; RCPT to an address in `refuse` is answered 550 (no such user)."""

    def __init__(self):
        self.envelopes, self.refuse, self.lock = [], set(), threading.Lock()

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address in self.refuse:
            return "550 5.1.1 No such user"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        with self.lock:
            self.envelopes.append(envelope)
        return "250 Message accepted"

    @property
    def messages(self):
        return [message_from_bytes(e.content, policy=policy.default) for e in self.envelopes]


class SmtpServer:
    def __init__(self, port: int):
        self.port, self.inbox, self.controller = port, Inbox(), None

    def start(self):
        self.controller = Controller(self.inbox, hostname="127.0.0.1", port=self.port)
        self.controller.start()
        return self

    def stop(self):
        if self.controller is not None:
            self.controller.stop()
            self.controller = None


@pytest.fixture()
def smtp(mail_port):
    server = SmtpServer(mail_port).start()
    yield server
    server.stop()


@pytest.fixture()
def smtp_later(mail_port):
    """A server on the app's port, started by the test when it wants the outage to end."""
    server = SmtpServer(mail_port)
    yield server
    server.stop()


def receive(applicant=None, received_at=None):
    unit = make_unit(code="000.14.26.H17", name="UBND phường Nghĩa Tân")
    procedure = make_procedure(unit=unit, processing_days=3)
    submitted = [d["name"] for d in procedure.current_version.documents]
    return intake.receive_case(procedure=procedure, unit=unit, applicant=applicant or dict(APPLICANT),
                               submitted=submitted, sets=1, delivery="desk",
                               received_at=received_at or utcnow() - timedelta(hours=1))  # before any "now" of a test


def finish(case, now):
    """Assign and finish: the result is ready."""
    handler = make_user(Role.HANDLER, unit=case.handling_unit)
    cases.transition(case, Action.ASSIGN, now=now, expected_version=case.version, handler_id=handler.id)
    return cases.transition(case, Action.FINISH, now=now + timedelta(minutes=1), expected_version=case.version)


def outbox(**filters) -> list[OutboxMessage]:
    return list(db.session.scalars(db.select(OutboxMessage).filter_by(**filters).order_by(OutboxMessage.id)))
