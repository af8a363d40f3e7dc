"""Open311 commands and queries: API keys, submission through feedback.submission.submit_feedback, and the
public view of feedback. Services flush and audit; views commit. Feedback is only read here, except the
consent version of a request this module has just created (see submit_request)."""
from __future__ import annotations

import hashlib
import re
import secrets
import unicodedata
from datetime import datetime, timedelta

from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select
from sqlalchemy.orm import selectinload

from portal.core import audit
from portal.core.db import db
from portal.core.errors import DomainError
from portal.core.text import nfc
from portal.feedback import (
    deadline_services as feedback_deadline_services,
    deadlines as feedback_deadlines,
    rules as feedback_rules,
    services as feedback_services,
    submission as feedback_submission,
)
from portal.feedback.models import Feedback, FeedbackEvent
from portal.feedback.vocabulary import Category, Channel, FeedbackKind, FeedbackStatus
from portal.open311.models import ApiKey

# The partner's agreement with the committee covers consent to process the submitter's data for this
# purpose (the partner app shows the wording); the record names that basis instead of the web form's.
CONSENT_VERSION = "open311"
PREFIX_LENGTH = 8
MAX_RESULTS = 1000
DEFAULT_DAYS = 90
MEDIA_URL_MAX = 500
PROPOSAL_CATEGORIES = frozenset({Category.SOLUTION, Category.INITIATIVE})
CLOSED = frozenset(FeedbackStatus) - feedback_rules.OPEN


class InvalidRequest(DomainError):
    status_code = 400


# ---------------------------------------------------------------- API keys

def hash_key(key: str) -> str:
    return hashlib.sha256(key.encode("utf-8", "surrogatepass")).hexdigest()


def list_keys() -> list[ApiKey]:
    return list(db.session.scalars(select(ApiKey).order_by(ApiKey.revoked_at.is_not(None), ApiKey.created_at.desc(),
                                                           ApiKey.id.desc())))


def issue_key(name: str, *, now: datetime, actor=None) -> tuple[ApiKey, str]:
    """A new key for a partner; the caller shows the returned plain key once, it is not kept."""
    name = nfc(name)
    if not name:
        raise DomainError(_l("Enter the partner's name."), field="name")
    plain = secrets.token_urlsafe(32)
    row = ApiKey(name=name[:200], key_hash=hash_key(plain), prefix=plain[:PREFIX_LENGTH], created_at=now,
                 created_by_id=getattr(actor, "id", None))
    db.session.add(row)
    db.session.flush()
    audit.record("open311_key.issue", "open311_api_key", row.id, after=audit.snapshot(row, ApiKey.AUDITED),
                 summary=f"{row.name} ({row.prefix}…)", actor=actor)
    return row, plain


def revoke_key(row: ApiKey, *, now: datetime, actor=None) -> ApiKey:
    if not row.is_active:
        raise DomainError(_l("This key is already revoked."))
    before = audit.snapshot(row, ApiKey.AUDITED)
    row.revoked_at = now
    db.session.flush()
    audit.record("open311_key.revoke", "open311_api_key", row.id, before=before,
                 after=audit.snapshot(row, ApiKey.AUDITED), summary=f"{row.name} ({row.prefix}…)", actor=actor)
    return row


def active_key(given: str | None) -> ApiKey | None:
    """The unrevoked key whose hash matches; looking up a hash reveals nothing about stored keys."""
    given = (given or "").strip()
    if not given or len(given) > 200:
        return None
    row = db.session.scalars(select(ApiKey).where(ApiKey.key_hash == hash_key(given))).one_or_none()
    return row if row is not None and row.revoked_at is None else None


# ---------------------------------------------------------------- submission

def _float(form, name: str):
    raw = (form.get(name) or "").strip()
    if not raw:
        return None
    try:
        value = float(raw)
    except ValueError:
        value = float("nan")
    if value != value or value in (float("inf"), float("-inf")):
        raise InvalidRequest(_l("%(name)s must be a decimal number (WGS84 degrees).", name=name), field=name)
    return value


def _title(description: str) -> str:
    first = next((nfc(line) for line in description.splitlines() if line.strip()), "")
    if len(first) <= feedback_rules.TITLE_MAX:
        return first
    cut = first[:feedback_rules.TITLE_MAX - 1].rsplit(" ", 1)[0]
    return cut.rstrip(" ,.;:") + "…"


def request_to_feedback(form) -> dict:
    """The portal's feedback fields from an Open311 POST, checked for what only Open311 brings; the
    portal's own rules (name, phone or e-mail, lengths) are checked by submit_feedback."""
    code = (form.get("service_code") or "").strip()
    if code not in {c.value for c in Category}:
        raise InvalidRequest(_l("service_code: unknown service; see services.json."), field="service_code")
    lat, lng = _float(form, "lat"), _float(form, "long")
    if (lat is None) != (lng is None) or (lat is not None and not (-90 <= lat <= 90 and -180 <= lng <= 180)):
        raise InvalidRequest(_l("lat and long must be given together, latitude from -90 to 90 and longitude "
                                "from -180 to 180."), field="lat")
    place = nfc(form.get("address_string"))[:300]
    if lat is None and not place:
        raise InvalidRequest(_l("Give the location: lat and long, or address_string."), field="address_string")
    description = unicodedata.normalize("NFC", (form.get("description") or "").replace("\r\n", "\n")).strip()
    if not description:
        raise InvalidRequest(_l("description is required: describe the matter."), field="description")
    media_url = (form.get("media_url") or "").strip()
    if media_url and (len(media_url) > MEDIA_URL_MAX or not re.match(r"^https?://[^\s]+$", media_url)):
        raise InvalidRequest(_l("media_url must be an http or https address of at most %(n)d characters.",
                                n=MEDIA_URL_MAX), field="media_url")
    kind = (form.get("attribute[kind]") or "").strip() or (
        FeedbackKind.PROPOSAL.value if Category(code) in PROPOSAL_CATEGORIES else FeedbackKind.REFLECTION.value)
    publish = (form.get("attribute[publish_allowed]") or "false").strip().lower()
    if publish not in ("true", "false"):
        raise InvalidRequest(_l("attribute[publish_allowed] must be true or false."), field="attribute[publish_allowed]")
    content = description if not media_url else f"{description}\n\nmedia_url: {media_url}"
    # Vietnamese order: family name (last_name, họ) before the given name (first_name, tên).
    name = " ".join(p for p in (nfc(form.get("last_name")), nfc(form.get("first_name"))) if p)
    return {"kind": kind, "category": code, "title": _title(description), "content": content,
            "procedure_code": "", "case_code": "", "place": place, "latitude": lat, "longitude": lng,
            "submitter_kind": "individual", "submitter_name": name[:200],
            "submitter_address": nfc(form.get("attribute[submitter_address]"))[:300],
            "submitter_phone": (form.get("phone") or "").strip()[:20],
            "submitter_email": (form.get("email") or "").strip()[:200],
            "consent": True, "publish_allowed": publish == "true"}


def submit_request(form, key: ApiKey, *, now: datetime) -> Feedback:
    """Create the feedback (channel WEB: the citizen typed their own contact details into the partner's
    app, so the acknowledgement carries the access code as for the web form) and audit which key sent it."""
    data = request_to_feedback(form)
    feedback = feedback_submission.submit_feedback(data, now=now, channel=Channel.WEB)
    feedback.consent_version = CONSENT_VERSION
    key.last_used_at = now
    db.session.flush()
    audit.record("open311.submit", "feedback", feedback.id,
                 after={"code": feedback.tracking_code, "api_key_id": key.id, "partner": key.name,
                        "key_prefix": key.prefix},
                 summary=f"{feedback.tracking_code} — Open311: {key.name} ({key.prefix}…)")
    return feedback


# ---------------------------------------------------------------- queries

def parse_datetime(raw: str, name: str) -> datetime | None:
    raw = (raw or "").strip()
    if not raw:
        return None
    try:
        value = datetime.fromisoformat(raw)
    except ValueError:
        value = None
    if value is None or value.tzinfo is None:
        raise InvalidRequest(_l("%(name)s must be a W3C date and time with a zone, e.g. 2026-11-02T09:00:00+07:00.",
                                name=name), field=name)
    return value


def date_window(start: datetime | None, end: datetime | None, *, now: datetime) -> tuple[datetime, datetime]:
    """The spec's window: at most 90 days, the most recent 90 by default."""
    span = timedelta(days=DEFAULT_DAYS)
    if start is None and end is None:
        return now - span, now
    if start is None:
        return end - span, end
    if end is None:
        return start, start + span
    if end < start:
        raise InvalidRequest(_l("end_date must not be before start_date."), field="end_date")
    if end - start > span:
        raise InvalidRequest(_l("start_date and end_date may not span more than %(n)d days.", n=DEFAULT_DAYS),
                             field="start_date")
    return start, end


def find_requests(*, codes=None, service_codes=None, start=None, end=None, statuses=None,
                  limit: int = MAX_RESULTS) -> list[Feedback]:
    """Public feedback only (its answer published, its submitter's consent: the published answers page's
    predicate), newest first. `codes` (tracking codes) overrides every other filter, as the spec says;
    a code that is not public is not found, exactly like an unknown one."""
    stmt = (select(Feedback).options(selectinload(Feedback.unit)).where(feedback_services.is_public())
            .order_by(Feedback.received_at.desc(), Feedback.id.desc()).limit(limit))
    if codes:
        stmt = stmt.where(Feedback.tracking_code.in_(list(codes)))
        return list(db.session.scalars(stmt))
    if service_codes:
        stmt = stmt.where(Feedback.category.in_([Category(c) for c in service_codes]))
    if start is not None:
        stmt = stmt.where(Feedback.received_at >= start)
    if end is not None:
        stmt = stmt.where(Feedback.received_at <= end)
    if statuses and set(statuses) != {"open", "closed"}:
        wanted = feedback_rules.OPEN if "open" in statuses else CLOSED
        stmt = stmt.where(Feedback.status.in_(sorted(wanted)))
    return list(db.session.scalars(stmt))


def last_changes(items) -> dict[int, datetime]:
    """When each feedback last moved (its latest trail event)."""
    ids = [f.id for f in items]
    if not ids:
        return {}
    rows = db.session.execute(select(FeedbackEvent.feedback_id, func.max(FeedbackEvent.at))
                              .where(FeedbackEvent.feedback_id.in_(ids)).group_by(FeedbackEvent.feedback_id))
    return {fid: at for fid, at in rows}


def is_open(feedback: Feedback) -> bool:
    return FeedbackStatus(feedback.status) in feedback_rules.OPEN


_PHONE = re.compile(r"(?:\+?84|0)(?:[\s.\-]?\d){8,10}")
_EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s]+")


def scrub(text: str, feedback: Feedback) -> str:
    """Text the submitter wrote, shown publicly: their own name, address, phone and e-mail, and anything
    that looks like a phone number or an e-mail address, are replaced by an ellipsis."""
    text = text or ""
    for value in (feedback.submitter_name, feedback.submitter_address, feedback.submitter_email):
        if value and len(value) >= 3:
            text = re.sub(re.escape(value), "…", text, flags=re.IGNORECASE)
    text = _EMAIL.sub("…", text)
    return _PHONE.sub("…", text)


def answer_days(today) -> int:
    return int(feedback_deadlines.deadlines_in_force(feedback_deadline_services.schedule(), today)["answer"])


