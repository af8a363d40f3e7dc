"""The GeoReport v2 endpoints. Every endpoint is public; POST needs an unrevoked API key.

Language: Vietnamese by default; `locale=en` (query or form field) or an Accept-Language preferring
English gives English names and messages. Data values (codes, statuses, dates) are the same in both."""
from __future__ import annotations

import hashlib
from functools import wraps

from flask import Blueprint, current_app, request
from flask_babel import force_locale, lazy_gettext as _l

from portal.core.access import public
from portal.core.clock import to_local, utcnow
from portal.core.errors import render_errors_under
from portal.core.transaction import save
from portal.extensions import csrf, limiter
from portal.feedback.rules import normalize_tracking
from portal.feedback.vocabulary import Category
from portal.open311 import catalogue, services
from portal.open311.render import FORMATS, errors, respond

UNKNOWN_JURISDICTION = _l("jurisdiction_id: this endpoint serves only %(id)s; leave jurisdiction_id out or send it.")
NOT_FOUND = _l("Nothing is served at this address; see discovery.json and the developer page.")
METHOD_NOT_ALLOWED = _l("This method is not allowed here; allowed: %(methods)s.")
KEY_REFUSED = _l("api_key is missing, unknown or revoked. Ask the portal administrators for a key.")
UNKNOWN_SERVICE = _l("No service has this service_code.")
UNKNOWN_REQUEST = _l("No service request has this service_request_id.")
# The portal's own field names, as the Open311 parameter a partner sent.
PARAMS = {"content": "description", "title": "description", "submitter_name": "first_name/last_name",
          "submitter_address": "attribute[submitter_address]", "submitter_phone": "phone",
          "submitter_email": "email", "latitude": "lat", "longitude": "long", "kind": "attribute[kind]"}


bp = Blueprint("open311", __name__, url_prefix="/open311/v2")  # the API: @public, CSRF-exempt, keyed POST
csrf.exempt(bp)  # machine clients send no session or token; POST is authorised by the API key instead


def _path_format() -> str:
    last = request.path.rsplit("/", 1)[-1]
    return last.rsplit(".", 1)[-1].lower() if "." in last else "json"


def _routing_error(code: int, err):
    """404 and 405 under /open311/v2 (no route matched, so no view or blueprint handler ran) as the spec's
    error array, in the format the URL's extension asks for (JSON when it names none)."""
    with force_locale(_locale()):
        if code == 405:
            message = METHOD_NOT_ALLOWED % {"methods": ", ".join(sorted(err.valid_methods or ()))}
        else:
            message = NOT_FOUND if code == 404 else getattr(err, "description", "") or str(code)
        return errors(_path_format(), code, message), code


bp.record_once(lambda state: render_errors_under(state.app, bp.url_prefix + "/", _routing_error))


def _locale() -> str:
    asked = (request.values.get("locale") or "").strip().lower().replace("-", "_")[:2]
    if asked in ("vi", "en"):
        return asked
    return request.accept_languages.best_match(("vi", "en"), default="vi") or "vi"


def georeport(view):
    """Unknown format → 404; a jurisdiction_id other than ours → 404 (absent is fine: we serve one); messages
    in the caller's language; the request's one commit (a read commits
    nothing); rule errors rolled back → 400 in the error format."""

    @wraps(view)
    def wrapper(fmt, *args, **kwargs):
        if fmt not in FORMATS:
            return errors("json", 404, _l("Use .json or .xml."))
        with force_locale(_locale()):
            asked = (request.values.get("jurisdiction_id") or "").strip().lower()
            if asked and asked != catalogue.jurisdiction_id().lower():
                return errors(fmt, 404, UNKNOWN_JURISDICTION % {"id": catalogue.jurisdiction_id()})
            outcome = save(None, lambda: view(fmt, *args, **kwargs))
            if outcome.ok:
                return outcome.value
            err = outcome.error
            message = str(err.message)
            if err.field in PARAMS and not message.startswith(PARAMS[err.field]):
                message = f"{PARAMS[err.field]}: {message}"
            return errors(fmt, 400 if err.status_code in (400, 422) else err.status_code, message)

    return wrapper


def _post_limit() -> str:
    return current_app.config["OPEN311_POST_RATE_LIMIT"]


def _key_limit() -> str:
    return current_app.config["OPEN311_KEY_RATE_LIMIT"]


# Reads share one bucket per client address across the read endpoints.
read_limit = limiter.shared_limit(lambda: current_app.config["OPEN311_RATE_LIMIT"], scope="open311-read",
                                  methods=["GET", "HEAD"])


def _key_bucket() -> str:
    """The key as sent (hashed): a partner sharing one address with others is limited on its own."""
    return "open311-key:" + hashlib.sha256((request.form.get("api_key") or "").encode()).hexdigest()[:32]


@bp.errorhandler(429)
def too_many(err):
    fmt = (request.view_args or {}).get("fmt", "json")
    with force_locale(_locale()):
        return errors(fmt, 429, _l("Too many requests. Please wait a minute and try again."))


@bp.route("/discovery.<fmt>")
@public
@read_limit
@georeport
def discovery(fmt):
    return respond(fmt, "discovery", catalogue.discovery())


@bp.route("/services.<fmt>")
@public
@read_limit
@georeport
def service_list(fmt):
    today = to_local(utcnow()).date()
    return respond(fmt, "services", [catalogue.service(c, today) for c in Category])


@bp.route("/services/<code>.<fmt>")
@public
@read_limit
@georeport
def service_definition(fmt, code):
    if code not in {c.value for c in Category}:
        return errors(fmt, 404, UNKNOWN_SERVICE)
    return respond(fmt, "service_definition", catalogue.definition(Category(code)))


@bp.route("/requests.<fmt>", methods=["GET", "POST"])
@public
@read_limit
@limiter.limit(_post_limit, methods=["POST"])
@limiter.limit(_key_limit, key_func=_key_bucket, methods=["POST"])
@georeport
def requests_(fmt):
    if request.method == "POST":
        return _create(fmt)
    args = request.args
    now = utcnow()
    codes = [normalize_tracking(c) for c in args.get("service_request_id", "").split(",") if c.strip()]
    service_codes = [c.strip() for c in args.get("service_code", "").split(",") if c.strip()]
    if set(service_codes) - {c.value for c in Category}:
        return errors(fmt, 400, _l("service_code: unknown service; see services.json."))
    statuses = {s.strip().lower() for s in args.get("status", "").split(",") if s.strip()}
    if statuses - {"open", "closed"}:
        return errors(fmt, 400, _l("status must be open or closed."))
    start, end = services.date_window(services.parse_datetime(args.get("start_date", ""), "start_date"),
                                      services.parse_datetime(args.get("end_date", ""), "end_date"), now=now)
    items = services.find_requests(codes=codes[:services.MAX_RESULTS], service_codes=service_codes, start=start,
                                   end=end, statuses=statuses)
    return respond(fmt, "service_requests", _public(items, now))


def _public(items, now) -> list[dict]:
    changed, today = services.last_changes(items), to_local(now).date()
    return [catalogue.public_request(f, changed.get(f.id), today) for f in items]


def _create(fmt):
    key = services.active_key(request.form.get("api_key"))
    if key is None:
        return errors(fmt, 403, KEY_REFUSED)
    now = utcnow()
    feedback = services.submit_request(request.form, key, now=now)  # committed by @georeport
    body = [{"service_request_id": feedback.tracking_code, "service_notice": catalogue.notice(to_local(now).date()),
             "account_id": None}]
    return respond(fmt, "service_requests", body)


@bp.route("/requests/<request_id>.<fmt>")
@public
@read_limit
@georeport
def request_detail(fmt, request_id):
    code = normalize_tracking(request_id)
    items = services.find_requests(codes=[code]) if code else []
    if not items:
        return errors(fmt, 404, UNKNOWN_REQUEST)
    return respond(fmt, "service_requests", _public(items, utcnow()))
