"""Reorganisation screens (administrators): the form and its dry run, the confirmation, the list and one record."""
from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _, lazy_gettext as _l

from portal.core.access import Role, roles_required
from portal.core.db import db
from portal.core.errors import DomainError
from portal.core.transaction import save
from portal.reorganisation import services
from portal.reorganisation.forms import ReorganisationForm
from portal.units.models import REORGANISATION_LABELS, UNIT_LEVEL_LABELS, Reorganisation, Unit
from portal.units.services import all_units

bp = Blueprint("reorganisation", __name__, url_prefix="/staff/units")

MOVE_LABELS = {"cases": _l("Open cases"), "feedback": _l("Open feedback (PAKN)"), "legs": _l("Open consultations"),
               "staff": _l("Staff accounts"), "procedures": _l("Procedures")}


def _form() -> ReorganisationForm:
    form = ReorganisationForm()
    units = [(u.id, u.name) for u in all_units(active_only=True)]
    form.predecessor_ids.choices = units
    form.successor_ids.choices = units
    form.open_work_to.choices = [(-1, _("— the only successor —")), (services.NEW, _("The new unit"))] + units
    if not request.form:
        form.open_work_to.data = -1
    return form


def _args(form: ReorganisationForm) -> dict:
    new = None
    if (form.new_name.data or "").strip() or (form.new_code.data or "").strip():
        new = services.NewUnit(code=form.new_code.data or "", name=form.new_name.data or "",
                               level=form.new_level.data or "commune")
    chosen = form.open_work_to.data
    return {"kind": form.kind.data, "predecessor_ids": list(form.predecessor_ids.data or []),
            "successor_ids": list(form.successor_ids.data or []),
            "open_work_to": None if chosen is None or chosen < 0 else chosen,
            "effective_on": form.effective_on.data, "legal_basis": form.legal_basis.data or "",
            "note": form.note.data or "", "new_unit": new}


def _page(form, result, status):
    return render_template("reorganisation/new.html", form=form, result=result, move_labels=MOVE_LABELS,
                           kind_labels=REORGANISATION_LABELS), status


@bp.route("/reorganise", methods=["GET", "POST"])
@roles_required(Role.ADMIN)
def new():
    """The form; "preview" is the dry run (nothing written), "apply" records it in one transaction."""
    form = _form()
    if request.form.get("action") == "apply":
        outcome = save(form, lambda: services.reorganise(**_args(form), apply=True,
                                                         expected_versions=form.expected_versions() or {}).reorganisation.id,
                       attach=services.attach_all, conflict=services.STALE)
        if outcome.ok:
            flash(_("Reorganisation recorded."), "success")
            return redirect(url_for("reorganisation.show", reorg_id=outcome.value))
        return _page(form, None, outcome.status)
    if request.method == "POST":
        if not form.validate_on_submit():
            return _page(form, None, 422)
        try:
            result = services.reorganise(**_args(form), apply=False)
        except DomainError as err:  # beside its field, like a refused save; nothing was written
            services.attach_all(form, err)
            return _page(form, None, err.status_code)
        form.versions.data = ",".join(f"{uid}:{db.session.get(Unit, uid).version}" for uid, _n, _d in result.ceasing)
        return _page(form, result, 200)
    return _page(form, None, 200)


@bp.route("/reorganisations")
@roles_required(Role.ADMIN)
def index():
    return render_template("reorganisation/index.html", reorganisations=services.reorganisations(),
                           units={u.id: u for u in all_units()}, kind_labels=REORGANISATION_LABELS)


@bp.route("/reorganisations/<int:reorg_id>")
@roles_required(Role.ADMIN)
def show(reorg_id: int):
    reorg = db.get_or_404(Reorganisation, reorg_id)
    units = {u.id: u for u in all_units()}
    event = services.moved_record(reorg.id)
    return render_template("reorganisation/show.html", reorg=reorg, units=units, event=event,
                           after=event.after if event else {}, move_labels=MOVE_LABELS,
                           kind_labels=REORGANISATION_LABELS, level_labels=UNIT_LEVEL_LABELS)
