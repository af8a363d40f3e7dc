"""A real SMTP server on 127.0.0.1 (aiosmtpd) that refuses on demand: `refuse_at` names the command (MAIL,
RCPT or DATA) answered with `reply` (e.g. "451 4.3.0 …" temporary, "550 5.7.1 …" permanent); with
`refuse_at=None` it accepts. It counts every attempt, so a test sees the sender did not knock again early."""
from __future__ import annotations

import threading

from aiosmtpd.controller import Controller


class ScriptedHandler:
    def __init__(self):
        self.refuse_at: str | None = None
        self.reply = ""
        self.attempts = 0  # MAIL commands received: one per delivery try
        self.accepted: list = []  # envelopes whose DATA was answered 250
        self.lock = threading.Lock()

    def refuse(self, command: str, reply: str) -> None:
        self.refuse_at, self.reply = command, reply

    def accept(self) -> None:
        self.refuse_at, self.reply = None, ""

    async def handle_MAIL(self, server, session, envelope, address, mail_options):
        with self.lock:
            self.attempts += 1
        if self.refuse_at == "MAIL":
            return self.reply
        envelope.mail_from = address
        return "250 OK"

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if self.refuse_at == "RCPT":
            return self.reply
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        if self.refuse_at == "DATA":
            return self.reply
        with self.lock:
            self.accepted.append(envelope)
        return "250 Message accepted"


class ScriptedSmtp:
    def __init__(self, port: int):
        self.port, self.handler = port, ScriptedHandler()
        self.controller: Controller | None = None

    def start(self) -> ScriptedSmtp:
        self.controller = Controller(self.handler, hostname="127.0.0.1", port=self.port)
        self.controller.start()
        return self

    def stop(self) -> None:
        if self.controller is not None:
            self.controller.stop()
            self.controller = None
