"""The facts of TT 01/2018 indicators 5, 6, 8 and 9 the portal cannot know (facts.py), recorded by an
administrator per unit and period: a table of every unit for the year or quarter chosen, and the form of one
unit. Each save is audited."""
from __future__ import annotations

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from portal.core import stats as kernel
from portal.core.access import Role, roles_required
from portal.core.clock import today_local, utcnow
from portal.core.db import db
from portal.core.transaction import save
from portal.satisfaction import facts as fact_services
from portal.satisfaction.views import staff_bp
from portal.units.models import Unit
from portal.units.services import all_units


def _period() -> tuple[int, int]:
    today = today_local()
    year = kernel.parse_int(request.values.get("year"), kernel.MIN_YEAR, today.year + 1) or today.year
    quarter = kernel.parse_int(request.values.get("quarter"), 0, 4) or 0
    return year, quarter


@staff_bp.route("/tt01-facts", methods=["GET", "POST"])
@roles_required(Role.ADMIN)
def tt01_facts():
    year, quarter = _period()
    unit_id = kernel.parse_int(request.values.get("unit"), 1, 10**9)
    unit = db.session.get(Unit, unit_id) if unit_id else None
    errors: dict = {}
    values = dict(request.form) if request.method == "POST" else {}
    if request.method == "POST" and unit is not None:
        version = request.form.get("version", "")
        outcome = save(None, lambda: fact_services.record(unit, year, quarter, request.form, now=utcnow(),
                                                          actor=current_user,
                                                          expected_version=int(version) if version.isdigit() else None))
        if outcome.ok:
            flash(_("The facts of %(unit)s were saved.", unit=unit.name), "success")
            return redirect(url_for("satisfaction.tt01_facts", year=year, quarter=quarter), 303)
        errors[outcome.error.field or "_form"] = str(outcome.message)
    current = fact_services.of_period(year, quarter)
    fact = current.get(unit.id) if unit is not None else None
    status = 422 if errors else 200
    return render_template("satisfaction/facts.html", year=year, quarter=quarter, unit=unit, fact=fact,
                           units=all_units(), current=current, errors=errors, values=values,
                           years=list(range(today_local().year, kernel.MIN_YEAR - 1, -1))[:12]), status
