"""Public JSON API of the procedure catalogue, documented by portal/openapi.json.

Data are language-neutral: enum values stay codes, names are the Vietnamese text as published.
Parameter errors are 400 JSON ({"error", "detail"}); details are for developers, hence English.
"""
from __future__ import annotations

from datetime import UTC
from functools import cache
from pathlib import Path

from flask import Blueprint, current_app, request, url_for

from portal.core.access import public
from portal.core.errors import DomainError, render_error
from portal.extensions import limiter
from portal.procedures import competence, queries, services
from portal.procedures.models import Level, OnlineLevel
from portal.procedures.rules import is_commune_level
from portal.units.services import get_by_code as unit_by_code

bp = Blueprint("api_procedures", __name__, url_prefix="/api/v1")
limiter.limit(lambda: current_app.config["API_RATE_LIMIT"])(bp)

OPENAPI_PATH = Path(__file__).resolve().parent.parent / "openapi.json"
CACHE_CONTROL = "public, max-age=60"
MAX_PER_PAGE = 100
MAX_PAGE = 100_000  # keeps the offset within a database integer
MAX_QUERY_LENGTH = 200
TRUE, FALSE = ("1", "true", "yes"), ("", "0", "false", "no")


class InvalidParameter(DomainError):
    status_code = 400


# ---------------------------------------------------------------- parameters

def _int_param(name: str, default: int, low: int, high: int) -> int:
    raw = request.args.get(name, "").strip()
    if not raw:
        return default
    if not raw.isascii() or not raw.isdigit() or not low <= int(raw) <= high:
        raise InvalidParameter(f"{name} must be a whole number from {low} to {high}.", field=name)
    return int(raw)


def _choice_param(name: str, choices) -> str | None:
    raw = request.args.get(name, "").strip()
    if raw and raw not in {c.value for c in choices}:
        raise InvalidParameter(f"{name} must be one of: {', '.join(c.value for c in choices)}.", field=name)
    return raw or None


def _field_id(code: str) -> int | None:
    if not code:
        return None
    field = next((f for f in services.all_fields() if f.code.upper() == code.upper()), None)
    if field is None:
        raise InvalidParameter(f"Unknown field code: {code}.", field="field")
    return field.id


def _unit_id(code: str) -> int | None:
    if not code:
        return None
    unit = unit_by_code(code)
    if unit is None:
        raise InvalidParameter(f"Unknown unit code: {code}.", field="unit")
    return unit.id


def _search_args() -> dict:
    args = request.args
    query = args.get("q", "").strip()
    if len(query) > MAX_QUERY_LENGTH:
        raise InvalidParameter(f"q must be at most {MAX_QUERY_LENGTH} characters.", field="q")
    abolished = args.get("include_abolished", "").strip().lower()
    if abolished not in TRUE + FALSE:
        raise InvalidParameter("include_abolished must be true or false.", field="include_abolished")
    return {"query": query, "field_id": _field_id(args.get("field", "").strip()),
            "level": _choice_param("level", Level), "unit_id": _unit_id(args.get("unit", "").strip()),
            "online_level": _choice_param("online", OnlineLevel), "include_abolished": abolished in TRUE,
            "page": _int_param("page", 1, 1, MAX_PAGE), "per_page": _int_param("per_page", 20, 1, MAX_PER_PAGE)}


# ---------------------------------------------------------------- representations

def _value(enum_or_str):
    return getattr(enum_or_str, "value", enum_or_str)


def _iso(moment) -> str | None:
    return moment.astimezone(UTC).isoformat().replace("+00:00", "Z") if moment else None


def _code_name(record) -> dict | None:
    return {"code": record.code, "name": record.name} if record is not None else None


def _competent(record, commune_units: list) -> list[dict]:
    """The competent units (competence.competent_units), with the ward and commune list read once a request."""
    units = commune_units if is_commune_level(record.level) else [record.unit] if record.unit else []
    return [_code_name(u) for u in units]


def _summary(procedure, commune_units: list) -> dict:
    return {"code": procedure.code, "name": procedure.name, "field": _code_name(procedure.field),
            "level": _value(procedure.level), "unit": _code_name(procedure.unit),
            "competent_units": _competent(procedure, commune_units),
            "processing_days": procedure.processing_days, "online_level": _value(procedure.online_level),
            "status": _value(procedure.status),
            "url": url_for("procedures.detail", code=procedure.code, _external=True),
            "changed_at": _iso(procedure.changed_at)}


def _form_url(form: dict) -> str | None:
    if not form.get("form_file_id"):
        return None
    return url_for("procedures.form_file", file_id=form["form_file_id"], filename=form["name"], _external=True)


def _content(version) -> dict:
    """Every component of rules.CONTENT_FIELDS; ids become {code, name}, the fee one object."""
    content = services.content_of(version)
    content["field"] = _code_name(version.field)
    content["unit"] = _code_name(version.unit)
    content["competent_units"] = [_code_name(u) for u in competence.competent_units(version)]
    content["fee"] = {"amount": content.pop("fee_amount"), "description": content.pop("fee_description")}
    del content["field_id"], content["unit_id"]
    content["level"] = _value(content["level"])
    content["online_level"] = _value(content["online_level"])
    content["channels"] = list(content["channels"] or [])
    content["documents"] = [{"name": d["name"], "kind": d["kind"], "count": d["count"]}
                            for d in content["documents"] or []]
    content["forms"] = [{"name": f["name"], "url": _form_url(f)} for f in content["forms"] or []]
    return content


def _version_ref(procedure, version) -> dict:
    return {"number": version.number, "published_at": _iso(version.published_at),
            "decision_number": version.decision_number,
            "decision_date": version.decision_date.isoformat() if version.decision_date else None,
            "change_type": _value(version.change_type),
            "url": url_for("procedures.version", code=procedure.code, number=version.number, _external=True)}


def _detail(procedure) -> dict:
    version = procedure.current_version
    return {"code": procedure.code, **_content(version), "status": _value(procedure.status),
            "version": version.number, "url": url_for("procedures.detail", code=procedure.code, _external=True),
            "changed_at": _iso(procedure.changed_at),
            "decision": {"number": version.decision_number,
                         "date": version.decision_date.isoformat() if version.decision_date else None,
                         "change_type": _value(version.change_type),
                         "changed_components": list(version.changed_components or [])},
            "versions": [_version_ref(procedure, v) for v in queries.published_versions(procedure)]}


def _cached(payload: dict):
    response = current_app.json.response(payload)
    response.headers["Cache-Control"] = CACHE_CONTROL
    return response


# ---------------------------------------------------------------- endpoints

@bp.get("/procedures")
@public
def procedure_list():
    args = _search_args()
    results = queries.search(args.pop("query"), **args)
    commune_units = competence.commune_units()
    return _cached({"items": [_summary(p, commune_units) for p in results.items], "page": results.page,
                    "per_page": results.per_page, "total": results.total, "pages": results.pages})


@bp.get("/procedures/<code>")
@public
def procedure_detail(code: str):
    procedure = queries.get_public(code)
    if procedure is None:
        return render_error(404, f"No published procedure has the code {code}.")
    return _cached(_detail(procedure))


@cache
def _openapi_document() -> bytes:
    return OPENAPI_PATH.read_bytes()


@bp.get("/openapi.json")
@public
def openapi_document():
    response = current_app.response_class(_openapi_document(), mimetype="application/json")
    response.headers["Cache-Control"] = "public, max-age=300"
    return response
