"""Which case changes tell the citizen, and how: called by cases.services in the case's transaction.

Events: "result_ready" (FINISH), "supplement_requested" (REQUEST_SUPPLEMENT), "apology_issued", "due_moved"
(an administrator applied a calendar notice, cases.calendar_notice).
One message a channel the applicant gave: e-mail when an address was written on the case, SMS when a
mobile number was. The dedupe key names the case, the event and the channel; a supplement request
can happen more than once in a case's life, so its key also carries the moment of the request.
"""
from __future__ import annotations

from datetime import datetime

from flask import current_app

from portal.notify import messages, services
from portal.notify.rules import Channel, can_receive_sms

ACTION_EVENTS = {"finish": "result_ready", "request_supplement": "supplement_requested"}


def event_for_action(action: str) -> str | None:
    return ACTION_EVENTS.get(str(action))


def _dedupe_key(case, event: str, channel: Channel, at: datetime) -> str:
    key = f"case:{case.id}:{event}"
    if event in ("supplement_requested", "due_moved"):  # may happen more than once in a case's life
        key += f":{int(at.timestamp())}"
    return f"{key}:{channel.value}"


def case_changed(case, event: str | None, *, now: datetime, at: datetime | None = None, note: str = "") -> list:
    """Queue the messages for `event` (nothing for other events or without contact details).

    `now` is when the change happened; `at` the date the message speaks of (default: now)."""
    if event not in messages.EVENTS or not current_app.config.get("NOTIFY_CITIZENS", True):
        return []
    recipients = {Channel.EMAIL: (case.applicant_email or "").strip()}
    if can_receive_sms(case.applicant_phone):
        recipients[Channel.SMS] = case.applicant_phone
    recipients = {channel: r for channel, r in recipients.items() if r}
    if not recipients:
        return []
    texts = messages.build(event, case, at=at or now, note=note)
    queued = []
    for channel, recipient in recipients.items():
        body = texts.email_body if channel == Channel.EMAIL else texts.sms_body
        subject = texts.subject if channel == Channel.EMAIL else ""
        queued.append(services.enqueue(channel=channel, recipient=recipient, subject=subject, body=body,
                                       dedupe_key=_dedupe_key(case, event, channel, now), now=now))
    return queued
