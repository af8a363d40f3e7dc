"""What the endpoint publishes about itself: discovery, the services (content categories of NĐ 20/2008
Điều 5, same wording as the feedback form) and their attributes, and the public view of one request."""
from __future__ import annotations

from urllib.parse import urlsplit

from flask import current_app, g, request, url_for
from flask_babel import lazy_gettext as _l

from portal.core.clock import to_local, today_local
from portal.feedback.labels import CATEGORY_LABELS, KIND_LABELS, PUBLIC_STATUS_LABELS
from portal.feedback.vocabulary import Category, FeedbackStatus
from portal.open311 import services
from portal.units.organisation import profile_on

SPECIFICATION = "http://wiki.open311.org/GeoReport_v2"
CHANGESET = "2026-11-25T00:00:00+07:00"  # bump when services or attributes change

BEHAVIOUR, REGULATIONS, PROPOSALS = (_l("Conduct of agencies and officials"), _l("Administrative regulations"),
                                     _l("Proposals and initiatives"))
GROUPS = {Category.OBSTRUCTION: BEHAVIOUR, Category.SOLUTION: PROPOSALS, Category.INITIATIVE: PROPOSALS}
KEYWORDS = {
    Category.OBSTRUCTION: "chậm trễ, gây phiền hà, cán bộ, thủ tục hành chính, delay, harassment, official",
    Category.UNSUITABLE: "quy định, không phù hợp thực tế, regulation, unsuitable",
    Category.INCONSISTENT: "quy định, mâu thuẫn, không đồng bộ, regulation, inconsistent",
    Category.ILLEGAL: "quy định, trái pháp luật, regulation, illegal",
    Category.TREATY_CONFLICT: "điều ước quốc tế, quy định, treaty, regulation",
    Category.OTHER: "quy định hành chính, regulation, other",
    Category.SOLUTION: "kiến nghị, phương án xử lý, proposal, solution",
    Category.INITIATIVE: "sáng kiến, quy định mới, initiative, new regulation",
}
NOTICE = _l("Answered within %(days)d working days of receipt. The tracking code and the access code are sent to "
            "the submitter by e-mail or SMS.")
KEY_SERVICE = _l("API keys are issued by the portal administrators of %(committee)s.")  # today's committee (§7a)
DESCRIPTION = _l("Phản ánh, kiến nghị under Decree 20/2008/NĐ-CP, Article 5: %(label)s.")


def jurisdiction_id() -> str:
    """The one jurisdiction served: OPEN311_JURISDICTION_ID, else the host of PUBLIC_BASE_URL, else this host."""
    cfg = current_app.config
    configured = (cfg.get("OPEN311_JURISDICTION_ID") or "").strip()
    if configured:
        return configured
    host = urlsplit(cfg.get("PUBLIC_BASE_URL") or "").hostname
    return host or request.host.split(":")[0]


def _iso(moment) -> str | None:
    return to_local(moment).isoformat(timespec="seconds") if moment else None


def notice(today) -> str:
    return str(NOTICE % {"days": services.answer_days(today)})


def _contact(profile) -> str:
    """The committee in office today, its address and phone (issue 15 point 1)."""
    return ", ".join(part for part in (profile.committee_name, profile.address, profile.phone) if part)


def _committee(today) -> str:
    """The committee in office `today`, looked up once per request for a list of requests."""
    cache = g.setdefault("open311_committee", {})
    if today not in cache:
        cache[today] = profile_on(today).committee_name
    return cache[today]


def discovery() -> dict:
    cfg = current_app.config
    return {"changeset": CHANGESET,
            "contact": cfg.get("OPEN311_CONTACT") or _contact(profile_on(today_local())),
            "key_service": cfg.get("OPEN311_KEY_SERVICE") or KEY_SERVICE % {
                "committee": profile_on(today_local()).committee_name},
            "endpoints": [{"specification": SPECIFICATION, "url": url_for("open311.discovery", fmt="json",
                                                                          _external=True).rsplit("/", 1)[0],
                           "changeset": CHANGESET, "type": "production",
                           "formats": ["application/json", "text/xml"]}]}


def service(category: Category, today) -> dict:
    label = str(CATEGORY_LABELS[category])
    return {"service_code": category.value, "service_name": label,
            "description": str(DESCRIPTION % {"label": label}), "metadata": True, "type": "realtime",
            "keywords": KEYWORDS[category], "group": str(GROUPS.get(category, REGULATIONS))}


def definition(category: Category) -> dict:
    yes_no = [{"key": "true", "name": str(_l("Yes"))}, {"key": "false", "name": str(_l("No"))}]
    kinds = [{"key": k.value, "name": str(label)} for k, label in KIND_LABELS.items()]
    return {"service_code": category.value, "attributes": [
        {"variable": True, "code": "submitter_address", "datatype": "string", "required": True,
         "datatype_description": str(_l("The submitter's postal address; required by Decree 20/2008, never "
                                        "published.")),
         "order": 1, "description": str(_l("Submitter's address"))},
        {"variable": True, "code": "kind", "datatype": "singlevaluelist", "required": False,
         "datatype_description": str(_l("Default: kien_nghi for proposals and initiatives, phan_anh otherwise.")),
         "order": 2, "description": str(_l("Type")), "values": kinds},
        {"variable": True, "code": "publish_allowed", "datatype": "singlevaluelist", "required": False,
         "datatype_description": str(_l("Default: false.")), "order": 3,
         "description": str(_l("The answer may be published on the portal (without my personal data).")),
         "values": yes_no},
    ]}


def public_request(feedback, updated_at, today) -> dict:
    """What anyone may read of a public feedback (services.find_requests), as the published answers page
    shows it: status, dates and unit, the question and the answer as staff redacted them. Never what the
    submitter wrote themselves (title, text, place and its coordinates) nor who they are."""
    status = FeedbackStatus(feedback.status)
    notes = str(PUBLIC_STATUS_LABELS.get(status, PUBLIC_STATUS_LABELS[FeedbackStatus.CLOSED]))
    if feedback.public_answer:
        notes = f"{notes}: {feedback.public_answer}"
    return {
        "service_request_id": feedback.tracking_code,
        "status": "open" if services.is_open(feedback) else "closed",
        "status_notes": notes,
        "service_name": str(CATEGORY_LABELS[Category(feedback.category)]),
        "service_code": Category(feedback.category).value,
        "description": services.scrub(feedback.public_question, feedback),
        "agency_responsible": feedback.unit.name if feedback.unit else _committee(today),
        "service_notice": notice(today),
        "requested_datetime": _iso(feedback.received_at),
        "updated_datetime": _iso(max(filter(None, (updated_at, feedback.received_at)))),
        "expected_datetime": _iso(feedback.answer_due_at),
        "address": "",
        "address_id": "",
        "zipcode": "",
        "lat": None,
        "long": None,
        "media_url": "",
        "extended_attributes": {"detailed_status": status.value},
    }
