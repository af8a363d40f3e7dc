"""Unit screens: the list for managers and admins, one unit's page for its own staff."""
from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _

from portal.auth.services import ROLE_LABELS, list_users
from portal.core.access import Role, roles_required, staff_required, unit_scoped
from portal.core.db import db
from portal.core.transaction import save
from portal.units import services
from portal.units.forms import UnitForm
from portal.units.models import UNIT_LEVEL_LABELS, Unit

bp = Blueprint("units", __name__, url_prefix="/staff/units")


@bp.route("/")
@roles_required(Role.MANAGER)
def index():
    return render_template("units/index.html", units=services.all_units(), level_labels=UNIT_LEVEL_LABELS)


@bp.route("/<int:unit_id>")
@staff_required
@unit_scoped
def show(unit_id: int):
    unit = db.get_or_404(Unit, unit_id)
    staff = list_users(1, 1000, unit_id=unit.id).items
    return render_template("units/show.html", unit=unit, staff=staff, role_labels=ROLE_LABELS,
                           level_labels=UNIT_LEVEL_LABELS)


def _form(unit: Unit | None = None) -> UnitForm:
    form = UnitForm(obj=unit) if unit else UnitForm()
    form.parent_id.choices = [(0, _("— none —"))] + [(u.id, u.name) for u in services.all_units() if u is not unit]
    if unit and request.method == "GET":
        form.level.data = unit.level.value
        form.parent_id.data = unit.parent_id or 0
        form.version.data = str(unit.version)
    return form


@bp.route("/new", methods=["GET", "POST"])
@roles_required(Role.ADMIN)
def create():
    form = _form()
    outcome = save(form, lambda: services.create_unit(code=form.code.data, name=form.name.data, level=form.level.data,
                                                      parent_id=form.parent_id.data or None))
    if outcome.ok:
        flash(_("Unit %(name)s created.", name=outcome.value.name), "success")
        return redirect(url_for("units.index"))
    return render_template("units/form.html", form=form, unit=None), outcome.status


@bp.route("/<int:unit_id>/edit", methods=["GET", "POST"])
@roles_required(Role.ADMIN)
def edit(unit_id: int):
    unit = db.get_or_404(Unit, unit_id)
    form = _form(unit)
    outcome = save(form, lambda: services.update_unit(
        unit, expected_version=int(form.version.data or 0), code=form.code.data, name=form.name.data,
        level=form.level.data, parent_id=form.parent_id.data, is_active=form.is_active.data))
    if outcome.ok:
        flash(_("Unit %(name)s saved.", name=unit.name), "success")
        return redirect(url_for("units.index"))
    if outcome.error:
        form.version.data = str(unit.version)  # after review, saving again is a deliberate overwrite
    return render_template("units/form.html", form=form, unit=unit), outcome.status
