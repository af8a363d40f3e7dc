"""Intake at the one-stop desk: find the procedure, tick the documents handed in, then accept the case
or issue a supplement request or a refusal slip (the slips printed from here)."""
from __future__ import annotations

from flask import abort, flash, redirect, request, url_for
from flask_babel import format_datetime, gettext as _, lazy_gettext as _l, ngettext
from flask_login import current_user

from portal.cases import queries
from portal.cases.forms import IntakeForm
from portal.cases.intake import issue_intake_slip, receive_case
from portal.cases.views import bp
from portal.cases.views.desk import _print_link
from portal.cases.views.issued_codes import keep_for_receipt
from portal.core.access import Role, roles_required
from portal.core.clock import utcnow
from portal.core.errors import DomainError
from portal.core.forms import attach_error
from portal.core.htmx import render
from portal.core.numbers import int_arg
from portal.core.transaction import save
from portal.procedures import queries as catalogue
from portal.procedures.competence import competent_units


@bp.route("/new", methods=["GET", "POST"])
@roles_required(Role.DESK_OFFICER)
def intake():
    q = request.args.get("q", "").strip()[:200]
    code = request.values.get("procedure", "").strip()
    procedure = catalogue.get_public(code) if code else None
    version = procedure.current_version if procedure else None
    form = IntakeForm()
    form.documents.choices = [(d["name"], d["name"]) for d in (version.documents if version else [])]
    if procedure is not None:
        form.procedure.data = procedure.code
        form.handling_unit_id.choices = _handling_choices(version)
    status = 200
    action = ""
    if request.method == "POST":
        action = request.form.get("action", "")
        if procedure is None:
            abort(400)
        if action == "tick_all":
            form.documents.data = [name for name, _label in form.documents.choices]
        elif action in ("accept", "supplement", "refuse"):
            outcome = save(form, lambda: _submit_intake(action, form, procedure),
                           attach=lambda posted, err: _attach_intake_error(posted, err, action))
            if outcome.ok:
                return outcome.value
            status = outcome.status
    slip_id = int_arg(request.args, "slip")
    slip = queries.slip_of_unit(slip_id, current_user.unit_id) if slip_id is not None else None
    results = catalogue.search(q, per_page=10) if q else None
    focus = _focus(form, action) if procedure is not None else None
    if focus in form._fields:
        form[focus].render_kw = {**(form[focus].render_kw or {}), "autofocus": True}
    return render("cases/desk/intake.html", "cases/_partials/procedure_results.html", status, form=form, q=q,
                  results=results, procedure=procedure, version=version, slip=slip,
                  focus=focus,
                  slip_print=_print_link(f"/staff/cases/slips/{slip.id}/print") if slip else None)


def _focus(form: IntakeForm, action: str) -> str:
    """Where the page puts the keyboard (issue 16 point 6): the checklist's "Tick all" for a procedure just
    chosen, the applicant's name once all is ticked, the first field refused, or "Accept" after Enter in a
    text box (the form shown as typed, one more Enter to accept). A field's name, or a button's value."""
    first = next((name for name in form._fields if name in form.errors), None)
    if first is not None:
        return "tick_all" if first == "documents" else first
    if action == "keep":
        return "accept"
    if action == "tick_all" or not form.documents.choices:
        return "applicant_name"
    return "tick_all"


def _handling_choices(version) -> list[tuple[int, str]]:
    """The competent units, the desk's own first when it is one of them (the default the service applies)."""
    units = competent_units(version)
    own = [u for u in units if u.id == current_user.unit_id]
    return [(u.id, u.name) for u in own + [u for u in units if u.id != current_user.unit_id]]


def _submit_intake(action: str, form: IntakeForm, procedure):
    unit = current_user.unit
    if unit is None:
        raise DomainError(_l("Your account belongs to no unit, so it cannot receive cases."))
    if action == "accept":
        case = receive_case(procedure=procedure, unit=unit, applicant=form.applicant(),
                            submitted=form.documents.data or [], sets=form.sets.data,
                            delivery=form.delivery.data, received_at=utcnow(), actor=current_user,
                            handling_unit_id=form.handling_unit_id.data or None,
                            channel=form.channel.data, digitised=form.digitised.data,
                            national_code=form.national_code.data or None)
        keep_for_receipt(case)  # its access code is printed on the first receipt only
        flash(_("Case %(code)s received. Result due %(due)s.", code=case.code, due=format_datetime(case.due_at)),
              "success")
        return redirect(url_for("cases.show", case_id=case.id))
    if action == "supplement":
        ticked = set(form.documents.data or [])
        items = [name for name, _label in form.documents.choices if name not in ticked]
        slip = issue_intake_slip(kind="supplement", procedure=procedure, unit=unit, applicant=form.applicant(),
                                 items=items, note=form.note.data or "", actor=current_user)
        flash(ngettext("Supplement request issued: %(num)s missing item.",
                       "Supplement request issued: %(num)s missing items.", len(slip.items)), "success")
    else:
        reasons = (form.reasons.data or "").splitlines()
        slip = issue_intake_slip(kind="refusal", procedure=procedure, unit=unit, applicant=form.applicant(),
                                 items=reasons, note="", actor=current_user)
        flash(_("Refusal slip issued."), "success")
    return redirect(url_for("cases.intake", slip=slip.id))


def _attach_intake_error(form: IntakeForm, err: DomainError, action: str) -> None:
    field = err.field
    if field == "items":
        field = "reasons" if action == "refuse" else "documents"
    elif field == "procedure":
        field = None
    attach_error(form, DomainError(err.message, field=field))
