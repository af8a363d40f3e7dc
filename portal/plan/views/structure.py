"""Plan pages: the list of plans, a plan's tree with computed totals, XLSX export/template/import, copy to a
new year.

Who (portal.core.access, then `_can_view`/`_can_edit`):
- reading (list, tree, export, template): managers, unit heads and admins; handlers only when they belong to
  Phòng Nội vụ, the unit that prepares the plan and follows every activity (services.PLAN_UNIT_CODE);
- importing a plan and copying one into a new year: managers and admins, and the unit heads and handlers of
  Phòng Nội vụ. Every change is audited by the services (plan.import, plan.copy).
"""
from __future__ import annotations

from flask import abort, current_app, flash, redirect, render_template, request, send_file, url_for
from flask_babel import gettext as _, lazy_gettext as _l
from flask_login import current_user
from flask_wtf import FlaskForm
from flask_wtf.file import FileField, FileRequired
from wtforms import BooleanField, DateField, IntegerField, StringField
from wtforms.validators import DataRequired, Length, NumberRange, Optional

from portal.core.access import Role, roles_required
from portal.core.errors import DomainError
from portal.core.forms import attach_error, strip
from portal.core.transaction import save
from portal.core.xlsx import XLSX_MIMETYPE
from portal.plan import services, xlsx_export, xlsx_import
from portal.plan.budget import plan_totals
from portal.plan.building import PlanInvalid
from portal.plan.rules import Metric, PlanStatus, Progress
from portal.plan.views import bp

READ_ROLES = (Role.MANAGER, Role.UNIT_HEAD, Role.HANDLER)
DUPLICATE = _l("A plan of this year with this title already exists.")  # a unique row saved meanwhile

STATUS_LABELS = {PlanStatus.DRAFT: _l("Draft"), PlanStatus.IN_FORCE: _l("In force")}
STATUS_BADGES = {PlanStatus.DRAFT: "badge-muted", PlanStatus.IN_FORCE: "badge-ok"}
PROGRESS_LABELS = {Progress.NOT_STARTED: _l("Not started"), Progress.IN_PROGRESS: _l("In progress"),
                   Progress.DONE: _l("Done"), Progress.CANCELLED: _l("Cancelled")}
PROGRESS_BADGES = {Progress.NOT_STARTED: "badge-muted", Progress.IN_PROGRESS: "badge-warn", Progress.DONE: "badge-ok",
                   Progress.CANCELLED: "badge-muted"}
METRIC_LABELS = {
    Metric.SATISFACTION: _l("Satisfaction rate (case ratings)"),
    Metric.CASES_ON_TIME: _l("Cases handled on time"),
    Metric.LATE_WITH_APOLOGY: _l("Late cases with an apology letter"),
    Metric.PROCEDURES_PUBLISHED: _l("Procedures published with every component"),
    Metric.FEEDBACK_ON_TIME: _l("Feedback handled on time"),
    Metric.FEEDBACK_SATISFACTION: _l("Satisfaction with feedback handling"),
    Metric.SERVICES_SURVEYED: _l("Services covered by a satisfaction survey"),
}
LABELS = {"status_labels": STATUS_LABELS, "status_badges": STATUS_BADGES, "progress_labels": PROGRESS_LABELS,
          "progress_badges": PROGRESS_BADGES, "metric_labels": METRIC_LABELS}


def _in_plan_unit(user) -> bool:
    unit = services.plan_unit()
    return unit is not None and user.unit_id == unit.id


def _can_view(user) -> bool:
    held = user.role_set
    return bool(held & {Role.ADMIN, Role.MANAGER, Role.UNIT_HEAD}) or _in_plan_unit(user)


def _can_edit(user) -> bool:
    held = user.role_set
    return bool(held & {Role.ADMIN, Role.MANAGER}) or (bool(held & {Role.UNIT_HEAD, Role.HANDLER})
                                                       and _in_plan_unit(user))


def _require(check) -> None:
    if not check(current_user):
        abort(403)


def _plan(plan_id: int):
    return services.get_plan(plan_id) or abort(404)


class PlanImportForm(FlaskForm):
    file = FileField(_l("Plan workbook (XLSX)"), validators=[FileRequired(_l("Choose the XLSX file of the plan."))])
    year = IntegerField(_l("Year"), validators=[DataRequired(_l("Give the plan's year.")),
                                                NumberRange(2000, 2100, _l("The year must be between 2000 and 2100."))])
    title = StringField(_l("Title"), filters=[strip], validators=[DataRequired(_l("Give the plan's title.")),
                                                                  Length(max=300)])
    decision_number = StringField(_l("Decision number"), filters=[strip], validators=[Optional(), Length(max=60)])
    decision_date = DateField(_l("Decision date"), validators=[Optional()])


class CopyForm(FlaskForm):
    year = IntegerField(_l("Year of the new plan"),
                        validators=[DataRequired(_l("Give the year of the new plan.")),
                                    NumberRange(2000, 2100, _l("The year must be between 2000 and 2100."))])
    title = StringField(_l("Title of the new plan"), filters=[strip], validators=[Optional(), Length(max=300)])
    confirm = BooleanField(_l("I confirm: create a draft copy of this plan for that year"),
                           validators=[DataRequired(_l("Tick the box to confirm the copy."))])


@bp.route("/")
@roles_required(*READ_ROLES)
def index():
    _require(_can_view)
    plans = services.list_plans()
    totals = {p.id: plan_totals(p) for p in plans}
    counts = {p.id: len(services.activities(p)) for p in plans}
    return render_template("plan/index.html", plans=plans, totals=totals, counts=counts,
                           can_edit=_can_edit(current_user), **LABELS)


@bp.route("/<int:plan_id>")
@roles_required(*READ_ROLES)
def show(plan_id: int):
    _require(_can_view)
    plan = _plan(plan_id)
    form = CopyForm(formdata=None, year=plan.year + 1)
    return _show(plan, form)


def _show(plan, copy_form, status: int = 200):
    totals = plan_totals(plan)
    source = services.get_plan(plan.copied_from_id) if plan.copied_from_id else None
    notes = [line for line in (plan.notes or "").split("\n") if line.strip()]
    return render_template("plan/show.html", plan=plan, totals=totals, copy_form=copy_form, source=source,
                           notes=notes, can_edit=_can_edit(current_user),
                           activity_count=len(services.activities(plan)), **LABELS), status


@bp.route("/<int:plan_id>/copy", methods=["POST"])
@roles_required(*READ_ROLES)
def copy(plan_id: int):
    _require(_can_edit)
    plan = _plan(plan_id)
    form = CopyForm()
    outcome = save(form, lambda: services.copy_plan(plan, year=form.year.data, title=form.title.data or None,
                                                    actor=current_user), duplicate=DUPLICATE)
    if outcome.ok:
        new = outcome.value
        flash(_("The plan was copied to %(year)s as a draft. Progress starts again from zero.", year=new.year),
              "success")
        return redirect(url_for("plan.show", plan_id=new.id), 303)
    return _show(_plan(plan_id), form, 422)


def _xlsx_response(data: bytes, name: str):
    import io

    return send_file(io.BytesIO(data), mimetype=XLSX_MIMETYPE, as_attachment=True, download_name=name)


@bp.route("/template.xlsx")
@roles_required(*READ_ROLES)
def template_xlsx():
    _require(_can_view)
    return _xlsx_response(xlsx_export.template(), "mau-ke-hoach-cai-cach-hanh-chinh.xlsx")


@bp.route("/<int:plan_id>/export.xlsx")
@roles_required(*READ_ROLES)
def export_xlsx(plan_id: int):
    _require(_can_view)
    plan = _plan(plan_id)
    return _xlsx_response(xlsx_export.export_plan(plan), f"ke-hoach-cchc-{plan.year}-{plan.id}.xlsx")


@bp.route("/import", methods=["GET", "POST"])
@roles_required(*READ_ROLES)
def import_xlsx():
    _require(_can_edit)
    form = PlanImportForm()

    def import_plan():
        unit = services.plan_unit()
        return xlsx_import.import_plan(form.file.data, year=form.year.data, title=form.title.data,
                                       decision_number=form.decision_number.data or "",
                                       decision_date=form.decision_date.data, unit_id=unit.id if unit else None,
                                       actor=current_user)

    outcome = save(form, import_plan, attach=_attach_import_error, duplicate=DUPLICATE)
    if outcome.ok:
        plan = outcome.value
        flash(_("The plan was imported: %(num)s activities.", num=len(services.activities(plan))), "success")
        return redirect(url_for("plan.show", plan_id=plan.id), 303)
    errors = outcome.error.errors if isinstance(outcome.error, PlanInvalid) else []
    return render_template("plan/import.html", form=form, errors=errors,
                           max_kb=current_app.config["PLAN_IMPORT_MAX_BYTES"] // 1024, **LABELS), \
        422 if request.method == "POST" else 200


def _attach_import_error(form: PlanImportForm, err: DomainError) -> None:
    """The count of a workbook's problems above the form (the problems are listed below it)."""
    if isinstance(err, PlanInvalid):
        form.form_errors.append(err.message)
    else:
        attach_error(form, err)
