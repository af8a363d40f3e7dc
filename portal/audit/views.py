"""Administrators browse and filter the audit log."""
from __future__ import annotations

from datetime import date

from flask import Blueprint, current_app, request

from portal.audit import services
from portal.audit.presenters import readable_changes
from portal.core.access import Role, roles_required
from portal.core.clock import local_tz
from portal.core.htmx import render
from portal.core.pagination import page_arg

bp = Blueprint("audit", __name__, url_prefix="/staff/audit")


def _date_arg(name: str) -> date | None:
    try:
        return date.fromisoformat(request.args.get(name, ""))
    except ValueError:
        return None


@bp.route("/")
@roles_required(Role.ADMIN)
def index():
    filters = {k: request.args.get(k, "").strip() for k in ("actor", "action", "object_type")}
    start, end = _date_arg("start"), _date_arg("end")
    events = services.search_events(page=page_arg(request), per_page=current_app.config["PAGE_SIZE"],
                                    start=start, end=end, tz=local_tz(), **filters)
    return render("audit/index.html", "audit/_partials/events.html", events=events, filters=filters,
                  start=start, end=end, object_types=services.object_types(), readable_changes=readable_changes)
