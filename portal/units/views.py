"""Unit screens: the list for managers and admins, one unit's page for its own staff."""
from __future__ import annotations

from flask import Blueprint, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _

from portal.auth.services import ROLE_LABELS, list_users
from portal.core.access import Role, roles_required, staff_required, unit_scoped
from portal.core.clock import today_local
from portal.core.db import db
from portal.core.errors import DomainError
from portal.core.forms import attach_error
from portal.core.transaction import save
from portal.units import services
from portal.units.forms import RenameForm, UnitForm
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
    links = [link for link in services.succession_links() if unit.id in (link.predecessor_id, link.successor_id)]
    return render_template("units/show.html", unit=unit, staff=staff, role_labels=ROLE_LABELS,
                           level_labels=UNIT_LEVEL_LABELS, history=services.history(unit.id),
                           predecessors=[(db.session.get(Unit, k.predecessor_id), k.reorganisation)
                                         for k in links if k.successor_id == unit.id],
                           successors=[(db.session.get(Unit, k.successor_id), k.reorganisation)
                                       for k in links if k.predecessor_id == unit.id])


def _form(unit: Unit | None = None) -> UnitForm:
    form = UnitForm(obj=unit) if unit else UnitForm()
    form.parent_id.choices = [(0, _("— none —"))] + [(u.id, u.name) for u in services.all_units() if u is not unit]
    if unit and request.method == "GET":
        form.level.data = unit.level.value
        form.parent_id.data = unit.parent_id or 0
        form.version.data = str(unit.version)
    return form


def _preview(form: UnitForm, unit: Unit | None) -> dict:
    """The next case code this unit would issue today: the pattern typed (the saved one while what was typed is
    invalid), the code typed, and the unit's next daily number (1 for a new unit)."""
    pattern = unit.case_code_pattern if (unit and form.case_code_pattern.errors) else form.case_code_pattern.data
    unit_code = (unit.code if unit and (form.code.errors or not form.code.data) else form.code.data) or "000.00.00.H00"
    today = today_local()
    peek = current_app.extensions.get(services.NEXT_CASE_NUMBER)
    number = peek(unit.id, today) if unit is not None and peek is not None else 1
    return services.code_preview(unit_code=unit_code, pattern=pattern, day=today, next_number=number)


def _page(form: UnitForm, unit: Unit | None, status: int):
    return render_template("units/form.html", form=form, unit=unit, preview=_preview(form, unit)), status


@bp.route("/new", methods=["GET", "POST"])
@roles_required(Role.ADMIN)
def create():
    form = _form()
    if request.form.get("action") == "preview":  # show the next code, save nothing
        return _page(form, None, 200 if form.validate() else 422)
    outcome = save(form, lambda: services.create_unit(code=form.code.data, name=form.name.data, level=form.level.data,
                                                      parent_id=form.parent_id.data or None,
                                                      case_code_pattern=form.case_code_pattern.data))
    if outcome.ok:
        flash(_("Unit %(name)s created.", name=outcome.value.name), "success")
        return redirect(url_for("units.index"))
    return _page(form, None, outcome.status)


@bp.route("/<int:unit_id>/edit", methods=["GET", "POST"])
@roles_required(Role.ADMIN)
def edit(unit_id: int):
    unit = db.get_or_404(Unit, unit_id)
    form = _form(unit)
    if request.form.get("action") == "preview":
        return _page(form, unit, 200 if form.validate() else 422)
    outcome = save(form, lambda: services.update_unit(
        unit, expected_version=int(form.version.data or 0), code=form.code.data, name=form.name.data,
        level=form.level.data, parent_id=form.parent_id.data, is_active=form.is_active.data,
        case_code_pattern=form.case_code_pattern.data))
    if outcome.ok:
        flash(_("Unit %(name)s saved.", name=unit.name), "success")
        return redirect(url_for("units.index"))
    if outcome.error:
        form.version.data = str(unit.version)  # after review, saving again is a deliberate overwrite
    return _page(form, unit, outcome.status)


@bp.route("/<int:unit_id>/rename", methods=["GET", "POST"])
@roles_required(Role.ADMIN)
def rename(unit_id: int):
    """Rename from a date: a preview (the old name until the day before, the new one from the date, the cases
    that keep the old name), then the confirmation. Nothing is written until "confirm"."""
    unit = db.get_or_404(Unit, unit_id)
    form = RenameForm()
    if request.method == "GET":
        form.version.data = str(unit.version)
    preview, status = None, 200
    if request.form.get("action") == "confirm":
        outcome = save(form, lambda: services.rename_unit(unit, new_name=form.new_name.data,
                                                          valid_from=form.valid_from.data,
                                                          expected_version=int(form.version.data or 0)))
        if outcome.ok:
            flash(_("Unit renamed: %(name)s from %(day)s.", name=unit.name,
                    day=form.valid_from.data.strftime("%d/%m/%Y")), "success")
            return redirect(url_for("units.show", unit_id=unit.id))
        status = outcome.status
        form.version.data = str(unit.version)
    elif request.method == "POST":
        status = 422
        if form.validate_on_submit():
            try:
                preview, status = services.rename_preview(unit, form.new_name.data, form.valid_from.data), 200
            except DomainError as err:  # beside its field, like a refused save
                attach_error(form, err)
    return render_template("units/rename.html", unit=unit, form=form, preview=preview,
                           history=services.history(unit.id)), status
