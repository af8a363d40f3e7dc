"""The public catalogue: search, detail, history, printable sheets and the change feed."""
from __future__ import annotations

from flask import abort, current_app, make_response, render_template, request, send_file, url_for
from flask_login import current_user

from portal.core.access import public
from portal.core.cache import cached_page
from portal.core.db import db
from portal.core.htmx import render
from portal.core.numbers import parse_int
from portal.core.pagination import page_arg
from portal.procedures import files, permissions, queries, rules, services, sheets
from portal.procedures.forms import CHANNEL_LABELS, COMPONENT_LABELS, LEVEL_LABELS, ONLINE_LABELS
from portal.procedures.models import FormFile
from portal.procedures.presenters import helpers
from portal.procedures.views import bp
from portal.units.models import Unit
from portal.units.services import all_units


@bp.app_context_processor
def _catalogue_helpers():
    return helpers() if request.blueprint in ("procedures", "procedures_staff") else {}


@bp.app_template_filter("component_label")
def _component_label(name: str) -> str:
    return str(COMPONENT_LABELS.get(name, name))


@bp.app_template_filter("channel_label")
def _channel_label(name: str) -> str:
    return str(CHANNEL_LABELS.get(name, name))


def _int_arg(name):
    from portal.core.numbers import int_arg  # issue 13: beyond any id is absent, not an overflow

    return int_arg(request.args, name)


def _filters() -> dict:
    level = request.args.get("level", "")
    online = request.args.get("online", "")
    return {"q": request.args.get("q", "").strip()[:200], "field": _int_arg("field"), "unit": _int_arg("unit"),
            "level": level if level in {lv.value for lv in LEVEL_LABELS} else "",
            "online": online if online in {o.value for o in ONLINE_LABELS} else ""}


def _int_param(low: int = 0, default: int | None = None):
    """A page-cache normaliser: the value as int_arg reads it (canonical digits), None when it ignores it or it is
    the default."""
    def normalise(raw: str) -> str | None:
        value = parse_int(raw, low)
        return None if value is None or value == default else str(value)
    return normalise


# What _filters() and page_arg() read, as they read it.
INDEX_PARAMS = (("q", lambda raw: raw.strip()[:200] or None), ("field", _int_param()), ("unit", _int_param()),
                ("level", lambda raw: raw if raw in {lv.value for lv in LEVEL_LABELS} else None),
                ("online", lambda raw: raw if raw in {o.value for o in ONLINE_LABELS} else None),
                ("page", _int_param(1, default=1)))


@bp.route("/")
@public
@cached_page(params=INDEX_PARAMS)
def index():
    f = _filters()
    results = queries.search(f["q"], field_id=f["field"], level=f["level"] or None, unit_id=f["unit"],
                             online_level=f["online"] or None, page=page_arg(request),
                             per_page=current_app.config["PAGE_SIZE"])
    has_filters = any(f[k] for k in ("field", "unit", "level", "online"))
    return render("procedures/index.html", "procedures/_partials/results.html", results=results, f=f,
                  has_filters=has_filters, fields=services.all_fields(), units=all_units(active_only=True))


def _procedure_or_404(code: str):
    procedure = queries.get_public(code)
    if procedure is None:
        abort(404)
    return procedure


@bp.route("/<code>")
@public
@cached_page
def detail(code: str):
    procedure = _procedure_or_404(code)
    version = procedure.current_version
    return render_template("procedures/detail.html", procedure=procedure, version=version,
                           versions=queries.published_versions(procedure), is_current=True)


@bp.route("/<code>/phien-ban/<int:number>")
@public
@cached_page
def version(code: str, number: int):
    procedure = _procedure_or_404(code)
    version = next((v for v in queries.published_versions(procedure) if v.number == number), None)
    if version is None:
        abort(404)
    return render_template("procedures/detail.html", procedure=procedure, version=version,
                           versions=queries.published_versions(procedure),
                           is_current=version.id == procedure.current_version_id)


@bp.route("/<code>/so-sanh")
@public
def compare(code: str):
    procedure = _procedure_or_404(code)
    versions = queries.published_versions(procedure)
    by_number = {v.number: v for v in versions}
    newer = by_number.get(_int_arg("to") or procedure.current_version.number) or procedure.current_version
    older = by_number.get(_int_arg("from") or 0) or next((v for v in reversed(versions) if v.number < newer.number), None)
    if older is None:
        older = newer
    changes = rules.diff(services.content_of(older), services.content_of(newer))
    return render_template("procedures/compare.html", procedure=procedure, older=older, newer=newer, changes=changes,
                           versions=versions)


@bp.route("/<code>/ho-so-can-chuan-bi")
@public
@cached_page
def checklist(code: str):
    procedure = _procedure_or_404(code)
    return render_template("procedures/checklist.html", procedure=procedure, version=procedure.current_version)


@bp.route("/<code>/niem-yet")
@public
def posting_sheet(code: str):
    procedure = _procedure_or_404(code)
    page_url = url_for("procedures.detail", code=procedure.code, _external=True)
    return render_template("procedures/posting_sheet.html", procedure=procedure, version=procedure.current_version,
                           page_url=page_url, qr_svg=sheets.qr_svg(page_url))


@bp.route("/don-vi/<int:unit_id>/niem-yet")
@public
def unit_board(unit_id: int):
    unit = db.get_or_404(Unit, unit_id)
    return render_template("procedures/unit_board.html", unit=unit, procedures=queries.unit_procedures(unit.id))


@bp.route("/moi-cap-nhat")
@public
def recent():
    return render_template("procedures/recent.html", versions=queries.recent_changes(50))


@bp.route("/feed.atom")
@public
def feed():
    body = sheets.atom_feed(queries.recent_changes(50))
    response = make_response(body)
    response.headers["Content-Type"] = "application/atom+xml; charset=utf-8"
    return response


@bp.route("/bieu-mau/<int:file_id>/<path:filename>")
@public
def form_file(file_id: int, filename: str):
    """A form file listed by a published version; a draft's only to staff of the catalogue editor, and
    then never from a shared cache. Anyone else gets the 404 of an unknown id."""
    stored = db.get_or_404(FormFile, file_id)
    public_file = queries.form_file_is_public(stored)
    if not public_file and not permissions.may_see_drafts(current_user):
        abort(404)
    response = send_file(files.path_of(stored), mimetype=stored.content_type, as_attachment=True,
                         download_name=stored.original_name)
    if not public_file:
        response.headers["Cache-Control"] = "private, no-store"
    return response
