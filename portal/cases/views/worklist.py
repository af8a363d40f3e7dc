"""Worklists of one-stop cases: the desk's, a handler's, a unit head's, all units for managers."""
from __future__ import annotations

from flask import abort, current_app, request
from flask_babel import gettext as _
from flask_login import current_user

from portal.cases import queries, services
from portal.cases.forms import WorklistFilterForm
from portal.cases.rules import CaseStatus, Timing
from portal.cases.views import bp
from portal.cases.views.desk import CASE_STAFF, WORKLIST_SCOPE_LABELS, _calendar
from portal.core.access import roles_required
from portal.core.clock import to_local, utcnow
from portal.core.htmx import render
from portal.core.numbers import parse_int
from portal.core.pagination import page_arg
from portal.units.services import unit_choices


def _enum_or_none(enum_cls, value):
    try:
        return enum_cls(value) if value else None
    except ValueError:
        return None


@bp.route("/")
@roles_required(*CASE_STAFF)
def worklist():
    scopes = queries.scopes_for(current_user)
    if not scopes:
        abort(403)
    form = WorklistFilterForm(formdata=request.args)
    form.unit.choices = [("", _("All units"))] + [(str(i), name) for i, name in unit_choices()]
    scope = request.args.get("scope") if request.args.get("scope") in scopes else scopes[0]
    form.scope.data = scope
    unit_id = parse_int(form.unit.data) if scope == "all" else None
    filters = queries.CaseFilters(scope=scope, q=form.q.data or "", status=_enum_or_none(CaseStatus, form.status.data),
                                  timing=_enum_or_none(Timing, form.timing.data), unit_id=unit_id)
    now = utcnow()
    cal = _calendar(now)
    page = queries.worklist(current_user, filters, now=now, cal=cal, page=page_arg(request),
                            per_page=current_app.config["PAGE_SIZE"])
    # timing_of compares now.date() with local due days: give it local time (UTC is a day behind before 07:00)
    rows = [(case, services.timing_of(case, to_local(now), cal)) for case in page.items]
    return render("cases/worklist.html", "cases/_partials/worklist_results.html", form=form, scopes=scopes,
                  scope=scope, scope_labels=WORKLIST_SCOPE_LABELS, cases=page, rows=rows)
