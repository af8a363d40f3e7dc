"""Managers: printed batches, sample sends with their progress, results and exports."""
from __future__ import annotations

from io import BytesIO

from flask import abort, current_app, flash, redirect, render_template, send_file, url_for
from flask_babel import force_locale, gettext as _
from flask_login import current_user

from portal.core.access import Role, roles_required
from portal.core.audit import record
from portal.core.clock import today_local, utcnow
from portal.core.db import db
from portal.core.htmx import render
from portal.core.transaction import Outcome, save
from portal.core.xlsx import XLSX_MIMETYPE
from portal.procedures.sheets import qr_svg
from portal.surveys import distribution, exports, results
from portal.surveys.forms import BatchForm, SampleForm
from portal.surveys.models import Campaign, Distribution
from portal.surveys.views import staff_bp
from portal.units.organisation import profile_on


def _campaign(campaign_id: int) -> Campaign:
    return db.session.get(Campaign, campaign_id) or abort(404)


def _refuse(campaign_id: int, outcome: Outcome, form) -> object:
    """A refused or invalid request: its reason flashed on the campaign page."""
    flash(str(outcome.message or " ".join(str(e) for errs in form.errors.values() for e in errs)), "error")
    return redirect(url_for("surveys_staff.show", campaign_id=campaign_id) + "#distribution", 303)


@staff_bp.route("/<int:campaign_id>/batches", methods=["POST"])
@roles_required(Role.MANAGER)
def batch(campaign_id: int):
    """Answered with the page to print: the codes are not stored, so they cannot be shown again."""
    campaign, form = _campaign(campaign_id), BatchForm()
    outcome = save(form, lambda: distribution.issue_printed_batch(campaign, form.label.data, form.count.data,
                                                                  actor=current_user, now=utcnow()), attach=None)
    if not outcome.ok:
        return _refuse(campaign_id, outcome, form)
    slips = [(code, distribution.survey_url(code) if current_app.config.get("PUBLIC_BASE_URL")
              else url_for("surveys.take", code=code, _external=True)) for code in outcome.value]
    return render_template("surveys/staff/slips.html", campaign=campaign, label=form.label.data,
                           slips=[(code, url, qr_svg(url)) for code, url in slips],
                           short=url_for("surveys.public", _external=True))


@staff_bp.route("/<int:campaign_id>/sample", methods=["POST"])
@roles_required(Role.MANAGER)
def sample(campaign_id: int):
    campaign, form = _campaign(campaign_id), SampleForm()
    outcome = save(form, lambda: distribution.send_sample(campaign, form.size.data, form.seed.data,
                                                          actor=current_user, now=utcnow()), attach=None)
    if not outcome.ok:
        return _refuse(campaign_id, outcome, form)
    sent = outcome.value
    flash(_("%(tokens)s people drawn; %(queued)s messages queued for sending.", tokens=sent.tokens,
            queued=sent.queued), "success")
    return redirect(url_for("surveys_staff.show", campaign_id=campaign_id) + "#distribution", 303)


@staff_bp.route("/<int:campaign_id>/distributions/<int:distribution_id>/progress")
@roles_required(Role.MANAGER)
def progress(campaign_id: int, distribution_id: int):
    dist = db.session.get(Distribution, distribution_id)
    if dist is None or dist.campaign_id != campaign_id:
        abort(404)
    return render("surveys/staff/progress.html", "surveys/staff/_partials/progress.html", campaign_id=campaign_id,
                  d=dist, p=distribution.progress(dist))


@staff_bp.route("/<int:campaign_id>/results")
@roles_required(Role.MANAGER)
def results_page(campaign_id: int):
    return render_template("surveys/staff/results.html", r=results.compute(_campaign(campaign_id)), pct=exports.pct)


@staff_bp.route("/<int:campaign_id>/export.<any(csv, xlsx, docx):fmt>")
@roles_required(Role.MANAGER)
def export(campaign_id: int, fmt: str):
    campaign = _campaign(campaign_id)
    with force_locale("vi"):
        computed = results.compute(campaign)
        if fmt == "docx":
            today = today_local()
            profile = profile_on(today)  # the committee of the report's date (issue 15 point 1)
            data = exports.to_docx(computed, committee=profile.committee_name, today=today, place=profile.place)
        else:
            data = exports.to_csv(computed) if fmt == "csv" else exports.to_xlsx(computed)
    record("survey.export", "survey_campaign", campaign.id, after={"format": fmt, "responses": computed.responses},
           summary=campaign.title)
    db.session.commit()
    mimetypes = {"csv": "text/csv; charset=utf-8",
                 "xlsx": XLSX_MIMETYPE,
                 "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document"}
    return send_file(BytesIO(data), mimetype=mimetypes[fmt], as_attachment=True,
                     download_name=f"khao-sat-{campaign.id}.{fmt}")
