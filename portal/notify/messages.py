"""The texts citizens receive, in Vietnamese (the portal's default locale) whatever the officer's
language. Neither channel carries the case's access code: the address and number are typed at the
desk from paper, and a typo would hand a stranger the key to the applicant's personal data; the
message points to the lookup page and to the code printed on the receipt instead."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from flask_babel import force_locale, format_date, lazy_gettext as _l

from portal.core.clock import to_local, today_local
from portal.core.i18n import DATE_FORMATS
from portal.core.text import nfc
from portal.core.urls import absolute_url
from portal.units.organisation import profile_on

LOCALE = "vi"
LOOKUP_PATH = "/ho-so/tra-cuu"
SMS_PROCEDURE_CHARS = 60  # an SMS with diacritics holds 70 characters a segment: keep it to two or three

SUBJECTS = {
    "result_ready": _l("Case %(code)s: the result is ready"),
    "supplement_requested": _l("Case %(code)s: please supplement your documents"),
    "apology_issued": _l("Case %(code)s: apology and new return date"),
    "due_moved": _l("Case %(code)s: the return date has changed"),
}
EMAIL_TEXTS = {
    "result_ready": _l("The result of your case %(code)s (%(procedure)s) has been ready since %(date)s. "
                       "Please bring your receipt to the one-stop desk of %(unit)s to collect it."),
    "result_ready_post": _l("The result of your case %(code)s (%(procedure)s) has been ready since %(date)s. "
                            "It will be sent to you by post."),
    "supplement_requested": _l("Your case %(code)s (%(procedure)s) needs more documents (request of %(date)s). "
                               "Please bring them to the one-stop desk of %(unit)s."),
    "apology_issued": _l("We apologise: your case %(code)s (%(procedure)s) could not be finished by the promised "
                         "date. The new return date is %(date)s."),
    "due_moved": _l("The working-day calendar has changed, so the return date of your case %(code)s (%(procedure)s) "
                    "has moved. The new return date is %(date)s."),
}
SMS_TEXTS = {
    "result_ready": _l("Case %(code)s (%(procedure)s): the result is ready since %(date)s. Look up: %(url)s"),
    "supplement_requested": _l("Case %(code)s (%(procedure)s): please supplement your documents (request of "
                               "%(date)s). Look up: %(url)s"),
    "apology_issued": _l("We apologise: case %(code)s (%(procedure)s) has a new return date, %(date)s. "
                         "Look up: %(url)s"),
    "due_moved": _l("Case %(code)s (%(procedure)s): the working-day calendar changed; new return date %(date)s. "
                    "Look up: %(url)s"),
}
GREETING = _l("Dear %(name)s,")
DETAIL = {"supplement_requested": _l("What is needed: %(note)s"), "apology_issued": _l("Reason: %(note)s"),
          "due_moved": _l("Calendar notice: %(note)s")}
FOOTER = _l("You can follow your case at %(url)s with the case code and the access code printed on your receipt.")

EVENTS = frozenset(SUBJECTS)


@dataclass(frozen=True)
class Texts:
    subject: str
    email_body: str
    sms_body: str


def lookup_url() -> str:
    return absolute_url(LOOKUP_PATH)


def _short(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def build(event: str, case, *, at: datetime, note: str = "") -> Texts:
    """Texts for one case event. `at` is the date the message speaks of: when the result became
    ready, when supplements were requested, or the new return date after an apology."""
    procedure = nfc(case.procedure_version.name if case.procedure_version else "")
    with force_locale(LOCALE):
        values = {"code": case.code, "procedure": procedure, "unit": case.unit.name if case.unit else "",
                  "date": format_date(to_local(at).date(), DATE_FORMATS[LOCALE]), "url": lookup_url()}
        key = "result_ready_post" if event == "result_ready" and case.delivery == "post" else event
        paragraphs = [str(GREETING % {"name": case.applicant_name}), str(EMAIL_TEXTS[key] % values)]
        if note and event in DETAIL:
            paragraphs.append(str(DETAIL[event] % {"note": nfc(note)}))
        # signed by the committee in office on the day the message is written (issue 15 point 1)
        paragraphs += [str(FOOTER % values), profile_on(today_local()).committee_name]
        sms = str(SMS_TEXTS[event] % {**values, "procedure": _short(procedure, SMS_PROCEDURE_CHARS)})
        return Texts(subject=nfc(str(SUBJECTS[event] % values)), email_body=nfc("\n\n".join(paragraphs) + "\n"),
                     sms_body=nfc(sms))
