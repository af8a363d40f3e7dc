"""Staff page of the warnings: "My warnings" (each officer's own settings). The pre-filled apology (Mẫu 04) the
head's warning links to is the case page's own form (?draft=apology; portal.alerts.apology.draft_for)."""
from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select

from portal.alerts import rules, services
from portal.alerts.forms import KIND_LABELS, MANDATORY_TEXTS, WarningSettingsForm
from portal.alerts.models import CaseWarning
from portal.core.access import staff_required
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
