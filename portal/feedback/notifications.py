"""Which feedback changes tell the submitter: called by feedback.services in the same transaction.

Events: "received" (acknowledgement), "supplement_requested", "answer_published" (also to those merged into
the published one), "rejected" (with the standard reason and the note), "merged" (naming the primary). E-mail when an address
was given, SMS when a mobile number was. The acknowledgement e-mail carries the access code only for
web submissions (the citizen typed the address; an address copied by staff from paper could be wrong), and so does
the acknowledgement SMS to the number the citizen typed (issue 16 point 1). Links are absolute (core.urls).
"""
from __future__ import annotations

from datetime import datetime

from flask import current_app
from flask_babel import force_locale, lazy_gettext as _l

from portal.core.urls import absolute_url
from portal.feedback.labels import REJECTION_LABELS
from portal.notify import services
from portal.notify.messages import LOCALE
from portal.notify.rules import Channel, can_receive_sms

TRACK_PATH = "/phan-anh-kien-nghi/tra-cuu"
ACTION_EVENTS = {"request_supplement": "supplement_requested", "publish": "answer_published", "reject": "rejected",
                 "merge": "merged"}

SUBJECTS = {
    "received": _l("Feedback %(code)s received"),
    "supplement_requested": _l("Feedback %(code)s: more information needed"),
    "answer_published": _l("Feedback %(code)s: the answer is published"),
    "rejected": _l("Feedback %(code)s not accepted"),
    "merged": _l("Feedback %(code)s merged with feedback %(primary)s"),
}
TEXTS = {
    "received": _l("We have received your feedback “%(title)s” with tracking code %(code)s."),
    "supplement_requested": _l("Your feedback %(code)s needs more information: %(note)s"),
    "answer_published": _l("The answer to your feedback %(code)s has been published. You can read it and say "
                           "whether you are satisfied."),
    "rejected": _l("Your feedback %(code)s was not accepted. Reason: %(reason)s."),
    "merged": _l("Your feedback %(code)s is about the same matter as feedback %(primary)s and has been merged with "
                 "it: it is answered there. Once that answer is published, you can read it when you follow your "
                 "own feedback %(code)s."),
}
NOTE_LINE = _l("Explanation: %(note)s")
ACCESS_LINE = _l("Your access code: %(access)s. Keep it secret; with the tracking code it opens your feedback.")
TRACK_LINE = _l("Follow your feedback at %(url)s with the tracking code and the access code.")


def track_url() -> str:
    return absolute_url(TRACK_PATH)


def texts_citizen(feedback) -> bool:
    """Whether the submitter gets text messages (a mobile number, notifications on)."""
    return bool(current_app.config.get("NOTIFY_CITIZENS", True)) and can_receive_sms(feedback.submitter_phone)


def event_for_action(action) -> str | None:
    return ACTION_EVENTS.get(str(action))


def feedback_changed(feedback, event: str | None, *, now: datetime, note: str = "", primary_code: str = "") -> list:
    if event not in SUBJECTS or not current_app.config.get("NOTIFY_CITIZENS", True):
        return []
    recipients = {Channel.EMAIL: (feedback.submitter_email or "").strip()}
    if texts_citizen(feedback):
        recipients[Channel.SMS] = feedback.submitter_phone
    values = {"code": feedback.tracking_code, "title": feedback.title, "note": note, "url": track_url(),
              "access": feedback.issued_access_code or "", "primary": primary_code, "reason": ""}
    with force_locale(LOCALE):
        if event == "rejected" and feedback.rejection_code:
            values["reason"] = str(REJECTION_LABELS[feedback.rejection_code])
        subject = str(SUBJECTS[event] % values)
        text = str(TEXTS[event] % values)
        if event == "rejected" and note:
            text = f"{text} {NOTE_LINE % values}"
        lines = [text]
        # only the request that issued the code holds its plaintext (just its hash is stored): these bodies are the
        # one place it is written down, and they stay in the outbox until the outbox is purged
        if event == "received" and feedback.channel == "web" and feedback.issued_access_code:
            lines.append(str(ACCESS_LINE % values))
        lines.append(str(TRACK_LINE % values))
        sms_body = " ".join(lines)
    key = f"feedback:{feedback.id}:{event}"
    if event == "supplement_requested":
        key += f":{int(now.timestamp())}"  # may happen more than once
    queued = []
    for channel, recipient in recipients.items():
        if not recipient:
            continue
        body = "\n\n".join(lines) if channel == Channel.EMAIL else sms_body
        queued.append({"channel": channel, "recipient": recipient,
                       "subject": subject if channel == Channel.EMAIL else "", "body": str(body),
                       "dedupe_key": f"{key}:{channel.value}"})
    services.enqueue_many(queued, now=now)  # one statement for e-mail and SMS
    return queued
