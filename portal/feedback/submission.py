"""The citizen's side of a feedback: registering a submission (fields checked and cleaned, the form
token that makes a double submit one record, the month's running number, the tracking and access codes,
the first deadlines), opening it again with both codes, and the submitter's one satisfaction reply. The
submission path is tuned for the load benchmark (bench/bench_feedback.py): statements and the calendar
are built once, the id alone is read to find a resent form token. Services flush and audit; views commit.
The staff workflow (transition, merge, publishing) is in services.py."""
from __future__ import annotations

import functools
import re
import unicodedata
import uuid
from datetime import date, datetime

from flask import current_app
from flask_babel import lazy_gettext as _l
from sqlalchemy import bindparam, select
from sqlalchemy.exc import IntegrityError

from portal.cases.rules import is_valid_phone, normalize_phone
from portal.core import access_codes, audit
from portal.core.clock import to_local
from portal.core.db import db
from portal.core.errors import DomainError
from portal.core.text import nfc
from portal.feedback import deadlines as deadline_rules, location, notifications, rules, topics
from portal.feedback.attachments import store as store_attachment
from portal.feedback.deadline_services import end_of_day, schedule
from portal.feedback.models import Feedback, FeedbackAttachment, FeedbackCounter
from portal.feedback.services import find_by_code, record_event
from portal.feedback.vocabulary import (
    Category,
    Channel,
    FeedbackKind,
    FeedbackStatus,
    Satisfaction,
    Step,
    SubmitterKind,
)

CONSENT_VERSION = "2026-12"  # bump when the consent wording on the form changes (2026-12: names the committee of the day)
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


# ---------------------------------------------------------------- submission

def _check(data: dict) -> None:
    """Every field a citizen must give, checked before anything is stored."""
    if data.get("kind") not in {k.value for k in FeedbackKind}:
        raise DomainError(_l("Choose phản ánh or kiến nghị."), field="kind")
    if data.get("category") not in {c.value for c in Category}:
        raise DomainError(_l("Choose a category."), field="category")
    if data.get("submitter_kind") not in {k.value for k in SubmitterKind}:
        raise DomainError(_l("Say whether you write as a person or an organisation."), field="submitter_kind")
    if not data["title"]:
        raise DomainError(_l("Enter a short title."), field="title")
    if len(data["title"]) > rules.TITLE_MAX:
        raise DomainError(_l("The title may have at most %(n)d characters.", n=rules.TITLE_MAX), field="title")
    if not data["content"]:
        raise DomainError(_l("Describe the matter."), field="content")
    if len(data["content"]) > rules.CONTENT_MAX:
        raise DomainError(_l("The content may have at most %(n)d characters; it has %(len)d.",
                             n=rules.CONTENT_MAX, len=len(data["content"])), field="content")
    if not data["submitter_name"]:
        raise DomainError(_l("Enter your name (anonymous feedback is not accepted)."), field="submitter_name")
    if not data["submitter_address"]:
        raise DomainError(_l("Enter your address."), field="submitter_address")
    if not data["submitter_phone"] and not data["submitter_email"]:
        raise DomainError(_l("Enter a phone number or an e-mail address so we can answer you."),
                          field="submitter_phone")
    if data["submitter_phone"] and not is_valid_phone(data["submitter_phone"]):
        raise DomainError(_l("Enter a Vietnamese phone number, e.g. 0912 345 678."), field="submitter_phone")
    if data["submitter_email"] and not _EMAIL.match(data["submitter_email"]):
        raise DomainError(_l("Enter a valid e-mail address."), field="submitter_email")
    _check_location(data.get("latitude"), data.get("longitude"))
    if not data.get("consent"):
        raise DomainError(_l("We can only receive your feedback if you agree to the processing of your personal "
                             "data for this purpose."), field="consent")


def _check_location(lat: float | None, lng: float | None) -> None:
    """A point both given and inside the town's plausible bounds (FEEDBACK_LOCATION_BOUNDS), or none."""
    bounds = location.Bounds(*current_app.config.get("FEEDBACK_LOCATION_BOUNDS", (-90, -180, 90, 180)))
    field = location.misplaced_field(lat, lng, bounds)
    if field is None:
        return
    if lat is None or lng is None:
        raise DomainError(_l("Give both latitude and longitude, or neither."), field=field)
    if field == "latitude":
        raise DomainError(_l("This latitude is outside the area the portal serves (%(low)s to %(high)s). Check the "
                             "number, or pick the place on the map.", low=bounds.south, high=bounds.north),
                          field=field)
    raise DomainError(_l("This longitude is outside the area the portal serves (%(low)s to %(high)s). Check the "
                         "number, or pick the place on the map.", low=bounds.west, high=bounds.east), field=field)


# Control characters (C0 but the white space ones, DEL, C1): PostgreSQL refuses NUL in text, and
# none of them is anything a person typed.
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x9f]")


def _clean(data: dict) -> dict:
    text = {k: nfc(_CONTROL.sub("", data.get(k) or "")) for k in (
        "title", "submitter_name", "submitter_address", "place", "procedure_code", "case_code",
        "submitter_phone", "submitter_email")}
    content = (data.get("content") or "").replace("\r\n", "\n").replace("\r", "\n")
    return {**data, **text, "content": unicodedata.normalize("NFC", _CONTROL.sub("", content)).strip(),
            "submitter_phone": normalize_phone(text["submitter_phone"]),
            "submitter_email": text["submitter_email"].lower()}


def _token(value) -> str | None:
    try:
        return str(uuid.UUID(str(value)))
    except (TypeError, ValueError):
        return None


def find_by_token(token: str | None) -> Feedback | None:
    if not token:
        return None
    return db.session.scalars(select(Feedback).where(Feedback.submit_token == token)).one_or_none()


_COUNTER_UPSERT: dict = {}  # dialect name -> statement, built once (building it costs more than running it)


def allocate_number(month: str) -> int:
    """Next running number of the month, inside the caller's transaction (row lock / SQLite write lock)."""
    dialect = db.session.get_bind().dialect.name
    stmt = _COUNTER_UPSERT.get(dialect)
    if stmt is None:
        if dialect == "postgresql":
            from sqlalchemy.dialects.postgresql import insert
        else:
            from sqlalchemy.dialects.sqlite import insert
        stmt = _COUNTER_UPSERT[dialect] = insert(FeedbackCounter).values(
            month=bindparam("month"), last_number=1).on_conflict_do_update(
            index_elements=[FeedbackCounter.month], set_={"last_number": FeedbackCounter.last_number + 1},
        ).returning(FeedbackCounter.last_number)
    return db.session.execute(stmt, {"month": month}).scalar_one()


@functools.lru_cache(maxsize=8)
def _calendar(years: tuple, exceptions: tuple):
    from portal.workdays.rules import WorkCalendar

    return WorkCalendar.build(years, exceptions, language="vi")


def _deadlines(moment: datetime) -> dict:
    """The deadlines a feedback received at `moment` starts with (DOMAIN.md §5, deadlines.deadline): the
    statutory forward deadline (NĐ 20/2008 Điều 9 k1 d), the practice reject and answer deadlines, and the
    schedule row they come from; each ends at the end of its last working day (deadline_services.end_of_day).
    Like deadline_services.due_from, with the calendar calendar_for builds (this year and the next, with the
    portal's exceptions, read on every call) kept while the exceptions are the same: building it costs more
    than the rest of the deadline computation. Before 03/03/2008 no deadline is in force: refused."""
    from portal.workdays.services import exceptions_between

    day = to_local(moment).date()
    found = deadline_rules.deadlines(day, schedule())
    if Step.ANSWER not in found or Step.REJECT not in found:
        raise DomainError(_l("No deadlines for phản ánh, kiến nghị are in force on %(day)s (NĐ 20/2008/NĐ-CP "
                             "applies from 03/03/2008); the feedback was not registered.",
                             day=day.strftime("%d/%m/%Y")), field="received_at")
    rows = exceptions_between(date(day.year, 1, 1), date(day.year + 1, 12, 31))
    cal = _calendar((day.year, day.year + 1), tuple((r.on, r.kind, r.reason) for r in rows))

    def due(step: Step) -> datetime | None:
        deadline = found.get(step)
        if deadline is None:
            return None
        return end_of_day(deadline_rules.due_day(day, deadline.days, cal.add_working_days))

    answer = found[Step.ANSWER]
    return {"forward_due_at": due(Step.FORWARD), "step_due_at": due(Step.REJECT), "answer_due_at": due(Step.ANSWER),
            "practice_from": answer.since, "practice_basis": answer.basis}


_BY_TOKEN = select(Feedback.id).where(Feedback.submit_token == bindparam("token"))


def _id_by_token(token: str | None) -> int | None:
    """find_by_token for the submission path: the id only, no object built when (as usual) there is none."""
    return db.session.scalar(_BY_TOKEN, {"token": token}) if token else None


def submit_feedback(data: dict, *, now: datetime, channel: Channel = Channel.WEB, actor=None,
                    attachments: list | None = None) -> Feedback:
    """Register a feedback; the same form token twice gives the first record (double click, resend).

    `attachments`: files already passed by attachments.check_attachments; they are written only
    after every field is accepted, so a refused submission leaves no file behind."""
    token = _token(data.get("submit_token"))
    existing = _id_by_token(token)
    if existing is not None:
        return db.session.get(Feedback, existing)
    data = _clean(data)
    topic = topics.chosen_topic(data.get("topic_id"))
    if topic is not None:  # the topic decides the category (its unit is proposed when the desk accepts)
        data["category"] = topic.category.value
    _check(data)
    local = to_local(now)
    deadlines = _deadlines(now)
    try:
        with db.session.begin_nested():
            number = allocate_number(f"{local:%y%m}")
            access = access_codes.new_code()  # shown once, e-mailed below: just its hash is stored
            feedback = Feedback(
                tracking_code=rules.tracking_code(local, number), access_code_hash=access_codes.hash_code(access),
                submit_token=token,
                kind=data["kind"], category=data["category"], title=data["title"], content=data["content"],
                procedure_code=data["procedure_code"], case_code=data["case_code"].upper(), place=data["place"],
                latitude=data.get("latitude"), longitude=data.get("longitude"), topic=topic,
                submitter_kind=data["submitter_kind"], submitter_name=data["submitter_name"],
                submitter_address=data["submitter_address"], submitter_phone=data["submitter_phone"],
                submitter_email=data["submitter_email"], consent_given_at=now, consent_version=CONSENT_VERSION,
                publish_allowed=bool(data.get("publish_allowed")), channel=Channel(channel),
                status=FeedbackStatus.NEW, received_at=now, **deadlines)
            feedback.issued_access_code = access
            db.session.add(feedback)
            db.session.flush()
            for checked in attachments or []:
                db.session.add(FeedbackAttachment(feedback=feedback, name=checked.name,
                                                  content_type=checked.content_type, size=checked.size,
                                                  sha256=checked.sha256, path=store_attachment(checked)))
            if attachments:
                db.session.flush()
    except IntegrityError:  # the same token committed by a concurrent request
        existing = find_by_token(token)
        if existing is None:
            raise
        return existing
    record_event(feedback, "submit", None, FeedbackStatus.NEW, now, actor, note=Channel(channel).value)
    audit.record("feedback.submit", "feedback", feedback.id,
                 after={"code": feedback.tracking_code, "channel": feedback.channel, "category": feedback.category,
                        "attachments": len(attachments or [])},
                 summary=feedback.tracking_code, actor=actor)
    notifications.feedback_changed(feedback, "received", now=now)
    return feedback


def reissue_access_code(feedback: Feedback, *, now: datetime, actor) -> str:
    """A new access code for a submitter who lost theirs (asked the office): the old one stops working at once.
    Returns the plaintext, the only time it exists; the audit row records that it happened, never the code."""
    access = access_codes.replace_code(feedback)
    db.session.flush()
    audit.record("feedback.access_code_reissued", "feedback", feedback.id, after={"reissued_at": now.isoformat()},
                 summary=feedback.tracking_code, actor=actor)
    return access


# ---------------------------------------------------------------- public side

def public_lookup(code: str, access_code: str) -> Feedback | None:
    """The feedback only when both codes match; the same hashing work whether the code exists or not."""
    feedback = find_by_code(rules.normalize_tracking(code))
    matches = access_codes.verify_code(feedback.access_code_hash if feedback is not None else None, access_code)
    return feedback if feedback is not None and matches else None


def mark_satisfaction(feedback: Feedback, value: Satisfaction, *, now: datetime) -> Feedback:
    """The submitter says once whether the published answer satisfies them."""
    value = Satisfaction(value)
    if not rules.can_mark_satisfaction(published=feedback.published_at is not None, current=feedback.satisfaction):
        raise DomainError(_l("You can say whether you are satisfied once, after the answer is published."))
    feedback.satisfaction, feedback.satisfaction_at = value, now
    record_event(feedback, "satisfaction", feedback.status, feedback.status, now, None, note=value.value)
    db.session.flush()
    audit.record("feedback.satisfaction", "feedback", feedback.id, after={"satisfaction": value.value},
                 summary=feedback.tracking_code)
    return feedback
