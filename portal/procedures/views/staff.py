"""Staff side of the catalogue: drafts by editors, publication by managers."""
from __future__ import annotations

from flask import abort, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _, lazy_gettext as _l
from flask_login import current_user

from portal.core.access import Role, roles_required
from portal.core.clock import utcnow
from portal.core.db import db
from portal.core.errors import DomainError
from portal.core.forms import attach_error
from portal.core.pagination import page_arg
from portal.core.transaction import save
from portal.procedures import permissions, queries, rules, services
from portal.procedures.forms import COMPONENT_LABELS, AbolishForm, ConfirmForm, FormFileForm, ProcedureForm, PublishForm
from portal.procedures.models import Procedure, VersionState
from portal.procedures.views import staff_bp
from portal.units.services import unit_choices

EDITORS = (Role.MANAGER, Role.UNIT_HEAD, Role.HANDLER)


def _can_edit(procedure_unit_id) -> bool:
    return permissions.may_edit(current_user, procedure_unit_id)


def _procedure_form(content=None) -> ProcedureForm:
    form = ProcedureForm()
    form.field_id.choices = [(f.id, f.name) for f in services.all_fields()]
    form.unit_id.choices = [(0, _("None: every ward and commune (ward / commune level)"))] + unit_choices()
    if content is not None and request.method == "GET":
        form.fill(content)
    return form


def _attach(form, err: DomainError) -> None:
    """Every problem of a refused draft beside its own field (services.problem_message)."""
    for problem in getattr(err, "problems", None) or []:
        field = getattr(form, problem.field, None)
        message = services.problem_message(problem)
        if field is not None:
            field.errors = list(field.errors) + [message]
        else:
            form.form_errors.append(message)
    if not getattr(err, "problems", None):
        attach_error(form, err)


@staff_bp.route("/")
@roles_required(*EDITORS)
def index():
    query = request.args.get("q", "").strip()
    page = queries.staff_list(query, page_arg(request), current_app.config["PAGE_SIZE"])
    return render_template("procedures/staff/index.html", page=page, q=query)


@staff_bp.route("/new", methods=["GET", "POST"])
@roles_required(*EDITORS)
def create():
    form = _procedure_form()
    if request.method == "GET" and not current_user.has_role(Role.MANAGER):
        form.unit_id.data = current_user.unit_id

    def create_draft():
        if not _can_edit(None if rules.is_commune_level(form.level.data) else form.unit_id.data):
            raise DomainError(_l("You can only add procedures handled by your own unit."), field="unit_id")
        return services.create_procedure(form.code.data, form.content(), actor=current_user)

    outcome = save(form, create_draft, attach=_attach)
    if outcome.ok:
        version = outcome.value
        flash(_("Draft of %(code)s saved. A manager publishes it.", code=version.procedure.code), "success")
        return redirect(url_for("procedures_staff.show", procedure_id=version.procedure_id))
    return render_template("procedures/staff/edit.html", form=form, procedure=None, version=None), outcome.status


@staff_bp.route("/<int:procedure_id>")
@roles_required(*EDITORS)
def show(procedure_id: int):
    procedure = db.get_or_404(Procedure, procedure_id)
    draft = next((v for v in procedure.versions if v.state == VersionState.DRAFT), None)
    changes = rules.diff(services.content_of(procedure.current_version), services.content_of(draft)) \
        if draft and procedure.current_version else []
    publish_form = PublishForm()
    publish_form.changed_components.choices = [(k, str(v)) for k, v in COMPONENT_LABELS.items()]
    publish_form.change_type.data = "amended" if procedure.current_version else "new"
    return render_template("procedures/staff/show.html", procedure=procedure, draft=draft, changes=changes,
                           publish_form=publish_form, abolish_form=AbolishForm(prefix="abolish"), confirm_form=ConfirmForm(),
                           file_form=FormFileForm(prefix="formfile"),
                           can_edit=_can_edit(procedure.unit_id or (draft.unit_id if draft else None)))


@staff_bp.route("/<int:procedure_id>/draft", methods=["GET", "POST"])
@roles_required(*EDITORS)
def edit_draft(procedure_id: int):
    procedure = db.get_or_404(Procedure, procedure_id)
    existing = next((v for v in procedure.versions if v.state == VersionState.DRAFT), None)
    if not permissions.may_start_change(current_user, procedure):
        abort(403)
    if request.method == "GET":
        version = services.open_draft(procedure, actor=current_user)
        db.session.commit()
    else:
        version = existing
        if version is None:
            abort(409)
    form = _procedure_form(services.editable_of(version))
    if request.method == "GET":
        form.edit_version.data = str(version.edit_version)
    outcome = save(form, lambda: services.update_draft(version, form.content(), int(form.edit_version.data or 0),
                                                       actor=current_user), attach=_attach)
    if outcome.ok:
        flash(_("Draft saved."), "success")
        return redirect(url_for("procedures_staff.show", procedure_id=procedure.id))
    # 409 when someone else saved first
    return render_template("procedures/staff/edit.html", form=form, procedure=procedure, version=version), \
        outcome.status


@staff_bp.route("/<int:procedure_id>/publish", methods=["POST"])
@roles_required(Role.MANAGER)
def publish(procedure_id: int):
    procedure = db.get_or_404(Procedure, procedure_id)
    draft = next((v for v in procedure.versions if v.state == VersionState.DRAFT), None)
    form = PublishForm()
    form.changed_components.choices = [(k, str(v)) for k, v in COMPONENT_LABELS.items()]
    if draft is None:
        flash(_("There is no draft to publish."), "error")
    elif not form.validate_on_submit():
        flash(" ".join(str(e) for errors in form.errors.values() for e in errors), "error")
    else:
        save(None, lambda: services.publish_version(
            draft, decision_number=form.decision_number.data, decision_date=form.decision_date.data,
            change_type=form.change_type.data, changed_components=form.changed_components.data, now=utcnow(),
            actor=current_user)).flash(_("Version %(n)s of %(code)s is now public.", n=draft.number, code=procedure.code))
    return redirect(url_for("procedures_staff.show", procedure_id=procedure.id))


@staff_bp.route("/<int:procedure_id>/abolish", methods=["POST"])
@roles_required(Role.MANAGER)
def abolish(procedure_id: int):
    procedure = db.get_or_404(Procedure, procedure_id)
    form = AbolishForm(prefix="abolish")
    if not form.validate_on_submit():
        flash(" ".join(str(e) for errors in form.errors.values() for e in errors), "error")
        return redirect(url_for("procedures_staff.show", procedure_id=procedure.id))
    save(None, lambda: services.abolish(procedure, decision_number=form.decision_number.data,
                                        decision_date=form.decision_date.data, now=utcnow(), actor=current_user)
         ).flash(_("%(code)s is now shown as abolished.", code=procedure.code))
    return redirect(url_for("procedures_staff.show", procedure_id=procedure.id))


@staff_bp.route("/<int:procedure_id>/draft/discard", methods=["POST"])
@roles_required(*EDITORS)
def discard(procedure_id: int):
    procedure = db.get_or_404(Procedure, procedure_id)
    draft = next((v for v in procedure.versions if v.state == VersionState.DRAFT), None)
    if draft is None or not ConfirmForm().validate_on_submit() or not _can_edit(procedure.unit_id):
        abort(400 if draft is None else 403)
    save(None, lambda: services.discard_draft(draft, actor=current_user)).flash(_("The draft has been discarded."))
    return redirect(url_for("procedures_staff.show", procedure_id=procedure.id))


@staff_bp.route("/<int:procedure_id>/forms", methods=["POST"])
@roles_required(*EDITORS)
def attach_form_file(procedure_id: int):
    procedure = db.get_or_404(Procedure, procedure_id)
    if not _can_edit(procedure.unit_id or procedure.versions[0].unit_id):
        abort(403)
    form = FormFileForm(prefix="formfile")
    if not form.validate_on_submit():
        flash(" ".join(str(e) for errors in form.errors.values() for e in errors), "error")
        return redirect(url_for("procedures_staff.show", procedure_id=procedure.id))
    save(None, lambda: services.attach_form_file(procedure, form.title.data, form.file.data.filename,
                                                 form.file.data.read(), actor=current_user)).flash(
        _("The form file has been added to the draft. It becomes public when the draft is published."))
    return redirect(url_for("procedures_staff.show", procedure_id=procedure.id))
