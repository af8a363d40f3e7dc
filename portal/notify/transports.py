"""How messages leave the portal: e-mail over SMTP, SMS through a pluggable provider.

A transport's send() returns when the message was accepted, or raises SendError saying whether a
later try could succeed. To plug an SMS provider (an SMS brandname gateway of Viettel, VNPT…), write
a class with `send(envelope)` and `from_config(config)` and name it in SMS_TRANSPORT
("package.module:ClassName"); the default only logs the text.
"""
from __future__ import annotations

import logging
import smtplib
from collections.abc import Mapping
from dataclasses import dataclass
from email.message import EmailMessage
from email.utils import formatdate
from importlib import import_module
from typing import Protocol

from portal.notify.rules import Channel

log = logging.getLogger("portal.notify")


@dataclass(frozen=True)
class Envelope:
    """What a transport needs, detached from the database session."""
    id: int
    channel: Channel
    recipient: str
    subject: str
    body: str
    dedupe_key: str


class SendError(Exception):
    def __init__(self, message: str, *, permanent: bool = False):
        super().__init__(message)
        self.permanent = permanent


class Transport(Protocol):
    def send(self, envelope: Envelope) -> None: ...


class SmsTransport(Transport, Protocol):
    """An SMS provider. `recipient` is a normalised Vietnamese number (e.g. 0912345678)."""

    @classmethod
    def from_config(cls, config: Mapping) -> SmsTransport: ...


class LogSmsTransport:
    """The default: writes the SMS to the log, for installations without an SMS contract."""

    sent: list[Envelope]

    def __init__(self) -> None:
        self.sent = []

    @classmethod
    def from_config(cls, config: Mapping) -> LogSmsTransport:
        return cls()

    def send(self, envelope: Envelope) -> None:
        self.sent.append(envelope)
        log.info("SMS to %s: %s", envelope.recipient, envelope.body)


class SMTPEmailTransport:
    def __init__(self, *, server: str, port: int, sender: str, use_tls: bool = False, username: str | None = None,
                 password: str | None = None, timeout: float = 30):
        self.server, self.port, self.sender = server, port, sender
        self.use_tls, self.username, self.password, self.timeout = use_tls, username, password, timeout

    @classmethod
    def from_config(cls, config: Mapping) -> SMTPEmailTransport:
        return cls(server=config["MAIL_SERVER"], port=int(config["MAIL_PORT"]), sender=config["MAIL_DEFAULT_SENDER"],
                   use_tls=bool(config["MAIL_USE_TLS"]), username=config.get("MAIL_USERNAME"),
                   password=config.get("MAIL_PASSWORD"), timeout=config.get("MAIL_TIMEOUT", 30))

    def build(self, envelope: Envelope) -> EmailMessage:
        """UTF-8 throughout: headers are RFC 2047 encoded, the body quoted-printable (7-bit safe)."""
        msg = EmailMessage()
        msg["From"] = self.sender
        msg["To"] = envelope.recipient
        msg["Subject"] = envelope.subject
        msg["Date"] = formatdate(localtime=False)
        # Stable across retries, so a receiving server that did get an earlier try can drop the copy.
        domain = self.sender.rpartition("@")[2].strip(" >") or "localhost"
        msg["Message-ID"] = f"<outbox-{envelope.id}.{_slug(envelope.dedupe_key)}@{domain}>"
        msg.set_content(envelope.body, charset="utf-8", cte="quoted-printable")
        return msg

    def send(self, envelope: Envelope) -> None:
        message = self.build(envelope)
        try:
            with smtplib.SMTP(self.server, self.port, timeout=self.timeout) as smtp:
                if self.use_tls:
                    smtp.starttls()
                if self.username:
                    smtp.login(self.username, self.password or "")
                smtp.send_message(message)
        except smtplib.SMTPRecipientsRefused as err:
            codes = [code for code, _ in err.recipients.values()]
            raise SendError(f"recipient refused: {err.recipients}", permanent=all(map(_refused_for_good, codes))
                            ) from err
        except (smtplib.SMTPSenderRefused, smtplib.SMTPDataError) as err:  # MAIL FROM or the message refused
            raise SendError(f"{type(err).__name__}: {err}", permanent=_refused_for_good(err.smtp_code)) from err
        except (smtplib.SMTPException, OSError) as err:  # refused connection, timeout, 4xx: try again later
            raise SendError(f"{type(err).__name__}: {err}") from err


# The portal's own sign-in to the server is missing or wrong (RFC 4954: 530, 534, 535, 538): a setting to correct,
# after which the waiting messages must still go, so it is retried like an outage.
AUTH_CODES = frozenset({530, 534, 535, 538})


def _refused_for_good(code: int) -> bool:
    """A 5xx answer to this message's MAIL FROM, RCPT TO or DATA (RFC 5321 §4.2.1): sending it again would be
    refused again. 4xx is temporary; a refused greeting, HELO or sign-in is the server's or the settings' fault,
    not the message's, and is retried (the SMTPException branch)."""
    return 500 <= code < 600 and code not in AUTH_CODES


def _slug(key: str) -> str:
    return "".join(ch if ch.isalnum() else "." for ch in key)


def sms_transport(config: Mapping) -> SmsTransport:
    module_name, _, class_name = config["SMS_TRANSPORT"].partition(":")
    return getattr(import_module(module_name), class_name).from_config(config)


def from_config(config: Mapping) -> dict[Channel, Transport]:
    return {Channel.EMAIL: SMTPEmailTransport.from_config(config), Channel.SMS: sms_transport(config)}
