"""Staff pages of the warnings: "My warnings" (each officer's own settings) and the pre-filled apology (Mẫu 04)
that the head's warning links to."""
from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select

from portal.alerts import apology as drafts, drafting, rules, services
from portal.alerts.forms import KIND_LABELS, MANDATORY_TEXTS, WarningSettingsForm
from portal.alerts.models import CaseWarning
from portal.cases import rules as case_rules
from portal.cases.forms import ApologyForm
from portal.cases.models import Case
from portal.cases.services import apology_window
from portal.core.access import Role, roles_required, staff_required
from portal.core.clock import utcnow
from portal.core.db import db
from portal.core.transaction import save

bp = Blueprint("alerts", __name__, url_prefix="/staff/alerts")
RECENT = 20


@bp.route("/settings", methods=["GET", "POST"])
@staff_required
def settings():
    user = current_user._get_current_object()
    current = services.settings_of(user.id)
    form = WarningSettingsForm(obj=current if request.method == "GET" else None)
    outcome = save(form, lambda: services.update_settings(
        user, language=form.language.data, handler_lead_days=form.handler_lead_days.data,
        handler_due=form.handler_due.data, now=utcnow()))
    if outcome.ok:
        flash(_("Your warning settings are saved."), "success")
        return redirect(url_for("alerts.settings"))
    recent = db.session.scalars(select(CaseWarning).where(CaseWarning.recipient_id == user.id)
                                .order_by(CaseWarning.id.desc()).limit(RECENT)).all()
    return render_template("alerts/settings.html", form=form, recent=recent, kind_labels=KIND_LABELS,
                           mandatory=[MANDATORY_TEXTS[k.value] for k in sorted(rules.MANDATORY)]), outcome.status


@bp.route("/cases/<int:case_id>/apology")
@roles_required(Role.UNIT_HEAD)
def apology(case_id: int):
    case = db.session.get(Case, case_id) or abort(404)
    if not case_rules.may_apologise(roles=current_user.role_set, user_unit_id=current_user.unit_id,
                                    handling_unit_id=case.handling_unit_id):
        abort(403)
    now = utcnow()
    may_be_late = case.status in case_rules.OPEN or case.timing == case_rules.Timing.LATE
    form = draft = None
    if case.apology is None and may_be_late:
        draft = drafts.draft_for(case, now)
        form = ApologyForm(formdata=None, prefix="apology")
        form.version.data = str(case.version)
        form.reason.data = draft.reason
        form.new_due_on.data, form.new_due_time.data = draft.new_due_on, draft.new_due_time
    return render_template("alerts/apology.html", case=case, form=form, draft=draft,
                           window=apology_window(case, now), asks_date=case.status in case_rules.OPEN,
                           fallback_days=drafting.FALLBACK_WORKING_DAYS)
