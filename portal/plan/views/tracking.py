"""Plan pages: tracking. The unit's activities (late first), an activity's progress form and history, a result's
indicator (live figure when bound, reported values otherwise) and evidence downloads. Who may see and report is
decided in portal/plan/tracking.py. POST/redirect/GET; htmx swaps the same partial (422/409 with the input kept)."""
from __future__ import annotations

from datetime import date
from functools import partial

from flask import abort, current_app, flash, redirect, request, send_file, url_for
from flask_babel import gettext as _, lazy_gettext as _l
from flask_login import current_user
from flask_wtf import FlaskForm
from wtforms import DateField, FileField, HiddenField, SelectField, StringField, TextAreaField
from wtforms.validators import InputRequired, Optional

from portal.core.access import Role, roles_required
from portal.core.clock import today_local, utcnow
from portal.core.db import db
from portal.core.errors import DomainError, render_error
from portal.core.forms import attach_error, strip
from portal.core.htmx import render, wants_fragment
from portal.core.transaction import save
from portal.plan import tracking
from portal.plan.evidence import EVIDENCE_ACCEPT, MB, check_evidence, evidence_limits, evidence_path, read_evidence
from portal.plan.models import ActivityUpdate, IndicatorReport, PlanActivity, PlanResult
from portal.plan.rules import PlanStatus, Progress
from portal.plan.views import bp

READ_ROLES = (Role.MANAGER, Role.UNIT_HEAD, Role.HANDLER)
CONFLICT = _l("Someone else reported on this activity a moment ago. Nothing was saved: the activity is shown as it "
              "is now, with your report kept in the form.")
TOO_LARGE = _l("The file is larger than the portal accepts (%(size)s MB at most). Nothing was saved; please attach a "
               "smaller file and fill in the form again.")
BADGES = {Progress.NOT_STARTED: "badge-muted", Progress.IN_PROGRESS: "", Progress.DONE: "badge-ok",
          Progress.CANCELLED: "badge-warn"}


class ProgressForm(FlaskForm):
    progress = SelectField(_l("Status"), choices=[(p.value, label) for p, label in tracking.PROGRESS_LABELS.items()],
                           validators=[InputRequired()])
    percent = StringField(_l("Percent done"), filters=[strip],
                          render_kw={"type": "number", "min": "0", "max": "100", "step": "1", "inputmode": "numeric"})
    comment = TextAreaField(_l("Comment"), filters=[strip])
    evidence = FileField(_l("Evidence file (optional)"), render_kw={"accept": EVIDENCE_ACCEPT})
    version = HiddenField()


class IndicatorForm(FlaskForm):
    value = StringField(_l("Value"), filters=[strip], validators=[InputRequired()], render_kw={"inputmode": "decimal"})
    as_of = DateField(_l("As of"), validators=[Optional()])
    comment = TextAreaField(_l("Comment"), filters=[strip])
    evidence = FileField(_l("Evidence file (optional)"), render_kw={"accept": EVIDENCE_ACCEPT})


def _context(**extra) -> dict:
    return {"labels": tracking.PROGRESS_LABELS, "badges": BADGES,
            "evidence_mb": f"{evidence_limits().max_bytes / MB:g}", **extra}


def _no_store(response):
    response.headers["Cache-Control"] = "no-store"
    return response


@bp.route("/my")
@roles_required(*READ_ROLES)
def my_activities():
    plans = tracking.plans_in_force()
    chosen = next((p for p in plans if str(p.id) == request.args.get("plan")), None)
    year = today_local().year
    chosen = chosen or next((p for p in plans if p.year == year), None) or (plans[0] if plans else None)
    today = today_local()
    items = tracking.worklist_order(tracking.unit_activities(chosen, current_user.unit_id), today) if chosen else []
    late = {a.id for a in items if tracking.activity_is_late(a, today)}
    return _no_store(render("plan/my_activities.html", "plan/_partials/tracking_list.html", plans=plans, plan=chosen,
                            items=items, late=late, **_context()))


def _activity_or_404(activity_id: int) -> PlanActivity:
    activity = db.session.get(PlanActivity, activity_id) or abort(404)
    if not tracking.can_see_activity(current_user, activity):
        abort(403)
    return activity


def _activity_page(activity: PlanActivity, form: ProgressForm | None = None, status: int = 200, error=None,
                   saved=None):
    if form is None:
        form = ProgressForm(formdata=None, progress=activity.progress.value, percent=str(activity.percent),
                            version=activity.version)
    plan = tracking.plan_of_activity(activity)
    return _no_store(render("plan/activity.html", "plan/_partials/tracking_activity.html", status, activity=activity,
                            plan=plan, form=form, error=error, saved=saved,
                            may_report=tracking.can_report_progress(current_user, activity) and plan.status == PlanStatus.IN_FORCE,
                            late=tracking.activity_is_late(activity, today_local()), **_context()))


def _checked_evidence():
    read = read_evidence(request.files.get("evidence"))
    return check_evidence(*read) if read else None


@bp.route("/activities/<int:activity_id>", methods=["GET", "POST"])
@roles_required(*READ_ROLES)
def activity(activity_id: int):
    item = _activity_or_404(activity_id)
    if request.method == "GET":
        return _activity_page(item)
    if not tracking.can_report_progress(current_user, item):
        abort(403)
    form = ProgressForm()
    outcome = save(form, lambda: tracking.report_progress(
        item, progress=form.progress.data, percent=form.percent.data, comment=form.comment.data,
        evidence=_checked_evidence(), actor=current_user, now=utcnow(), expected_version=int(form.version.data or 0)),
        attach=_attach_unless_conflict)
    if outcome.ok:
        return _saved(_("Progress of activity %(code)s saved.", code=item.code), partial(_activity_page, item),
                      url_for("plan.activity", activity_id=item.id))
    if outcome.error is not None:
        item = _activity_or_404(activity_id)
    if outcome.status == 409:
        form.version.data = item.version  # the input stays; sending again applies it to the current state
        return _activity_page(item, form, 409, error=CONFLICT)
    return _activity_page(item, form, outcome.status)


def _saved(message: str, page, location: str):
    """After a report is saved: htmx swaps the updated partial, which says `message`; a plain POST is
    redirected to the page with it flashed (POST/redirect/GET)."""
    if wants_fragment():
        return page(saved=message)
    flash(message, "success")
    return redirect(location, 303)


def _attach_unless_conflict(form: ProgressForm, err: DomainError) -> None:
    """A conflict (stale version or write) is said once, above the form (CONFLICT); other refusals beside their field."""
    if err.status_code != 409:
        attach_error(form, err)


def _result_or_404(result_id: int) -> PlanResult:
    result = db.session.get(PlanResult, result_id) or abort(404)
    if not tracking.can_see_result(current_user, result):
        abort(403)
    return result


def _live_figure(result: PlanResult):
    """portal.plan.metrics.live_value(result, start, end) over the plan's year so far, town-wide (None when that
    module is not installed or the figure cannot be computed)."""
    try:
        from portal.plan import metrics
    except ImportError:
        return None
    live_value = getattr(metrics, "live_value", None)
    if result.metric is None or live_value is None:
        return None
    plan = result.field.plan
    start, end = date(plan.year, 1, 1), min(today_local(), date(plan.year, 12, 31))
    try:
        return live_value(result, start, end)
    except Exception:  # a figure that cannot be computed must not take the result page down with it
        db.session.rollback()
        current_app.logger.exception("live figure of plan result %s", result.id)
        return None


def _result_page(result: PlanResult, form: IndicatorForm | None = None, status: int = 200, saved=None):
    plan = result.field.plan
    live = _live_figure(result)
    return _no_store(render("plan/result.html", "plan/_partials/tracking_result.html", status, result=result,
                            plan=plan, form=form or IndicatorForm(formdata=None, as_of=today_local()), saved=saved,
                            live=live, live_value=getattr(live, "value", live),
                            may_report=(result.metric is None and plan.status == PlanStatus.IN_FORCE
                                        and tracking.can_report_indicator(current_user, result)), **_context()))


@bp.route("/results/<int:result_id>", methods=["GET", "POST"])
@roles_required(*READ_ROLES)
def result(result_id: int):
    item = _result_or_404(result_id)
    if request.method == "GET":
        return _result_page(item)
    if not tracking.can_report_indicator(current_user, item):
        abort(403)
    form = IndicatorForm()
    outcome = save(form, lambda: tracking.report_indicator(
        item, value=form.value.data, as_of=form.as_of.data, comment=form.comment.data, evidence=_checked_evidence(),
        actor=current_user, now=utcnow()))
    if outcome.ok:
        return _saved(_("Value of indicator %(code)s saved.", code=item.code), partial(_result_page, item),
                      url_for("plan.result", result_id=item.id))
    return _result_page(_result_or_404(result_id) if outcome.error else item, form, outcome.status)


@bp.route("/evidence/<any(update, report):kind>/<int:item_id>")
@roles_required(*READ_ROLES)
def evidence(kind: str, item_id: int):
    if kind == "update":
        entry = db.session.get(ActivityUpdate, item_id) or abort(404)
        allowed = tracking.can_see_activity(current_user, entry.activity)
    else:
        entry = db.session.get(IndicatorReport, item_id) or abort(404)
        allowed = tracking.can_see_result(current_user, entry.result)
    if not allowed:
        abort(403)
    if not entry.evidence_path:
        abort(404)
    response = send_file(evidence_path(entry.evidence_path), mimetype=entry.evidence_type,
                         as_attachment=True, download_name=entry.evidence_name)
    response.headers["Cache-Control"] = "private, no-store"
    response.headers["X-Content-Type-Options"] = "nosniff"
    return response


def _too_large(err):
    """A request over MAX_CONTENT_LENGTH cannot be read, so the form comes back empty with the message beside the
    evidence field. htmx gets 422, the status it swaps (base.html's responseHandling), plain posts 413."""
    endpoint, args = request.endpoint, request.view_args or {}
    if not current_user.is_authenticated or endpoint not in ("plan.activity", "plan.result"):
        return render_error(413)
    size = f"{current_app.config['MAX_CONTENT_LENGTH'] / MB:g}"
    status = 422 if wants_fragment() else 413
    if endpoint == "plan.activity":
        item = _activity_or_404(args.get("activity_id", 0))
        form = ProgressForm(formdata=None, progress=item.progress.value, percent=str(item.percent), version=item.version)
        form.evidence.errors = [TOO_LARGE % {"size": size}]
        return _activity_page(item, form, status)
    item = _result_or_404(args.get("result_id", 0))
    form = IndicatorForm(formdata=None, as_of=today_local())
    form.evidence.errors = [TOO_LARGE % {"size": size}]
    return _result_page(item, form, status)


bp.register_error_handler(413, _too_large)
