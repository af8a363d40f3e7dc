"""The "at risk" tab (issue 18 point 4): open cases with their breach forecast, sorted by the forecast or by the
last day an apology is still in time. Unit heads see the cases their unit handles; managers and admins every
unit, or one. Nothing here writes.

When the current model does not beat the naive rule on its backtest (forecast_model.beats_naive), the page says so
and shows the naive rule's verdict, not a probability (issue 18 point 3: "or the page says it does not")."""
from __future__ import annotations

from datetime import date

from flask import Blueprint, abort, current_app, request
from flask_login import current_user

from portal.core.access import Role, roles_required
from portal.core.clock import to_local, utcnow
from portal.core.htmx import render
from portal.core.numbers import parse_int
from portal.core.pagination import page_arg
from portal.forecast import services
from portal.forecast.at_risk import SORTS, at_risk_page
from portal.units.services import all_units

bp = Blueprint("forecast", __name__, url_prefix="/staff/forecast")

AT_RISK_ROLES = (Role.UNIT_HEAD, Role.MANAGER)  # admins always pass (roles_required)
TOP_REASONS = 3


def _scope(user) -> tuple[bool, int | None]:
    """(sees every unit, the unit shown: None for all). A unit head without a unit has nothing to see."""
    if user.role_set & {Role.ADMIN, Role.MANAGER}:
        return True, parse_int(request.args.get("unit"), 1, 10**9)
    if user.unit_id is None:
        abort(403)
    return False, user.unit_id


def _backtest(model) -> dict:
    """The model's backtest figures (forecast.backtest.metrics) with its period as dates (None when unknown); no
    figures without a model."""
    figures = dict(model.metrics or {}) if model is not None else {}
    for key in ("start", "end"):
        try:
            figures[key] = date.fromisoformat(figures[key])
        except (KeyError, TypeError, ValueError):
            figures[key] = None
    return figures


@bp.route("/at-risk")
@roles_required(*AT_RISK_ROLES)
def at_risk():
    sees_all, unit_id = _scope(current_user)
    sort = request.args.get("sort") if request.args.get("sort") in SORTS else SORTS[0]
    cases = at_risk_page(unit_id, sort=sort, page=page_arg(request), per_page=current_app.config["PAGE_SIZE"])
    model = services.current_model()
    reasons = {row.case.id: services.describe((row.forecast.reasons or [])[:TOP_REASONS])
               for row in cases.items if row.forecast is not None}
    return render("forecast/at_risk.html", "forecast/_partials/at_risk_results.html", cases=cases, sort=sort,
                  sees_all=sees_all, unit_id=unit_id, units=all_units() if sees_all else [], model=model,
                  shows_model=model is not None and model.beats_naive, backtest=_backtest(model), reasons=reasons,
                  today=to_local(utcnow()).date())
