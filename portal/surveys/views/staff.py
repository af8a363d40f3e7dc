"""Managers: campaigns, their questions, distribution of one-use codes and the results."""
from __future__ import annotations

from flask import abort, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from portal.core.access import Role, roles_required
from portal.core.clock import utcnow
from portal.core.db import db
from portal.core.transaction import save
from portal.surveys import distribution, services
from portal.surveys.forms import BatchForm, CampaignForm, SampleForm, VersionForm
from portal.surveys.labels import ASPECT_LABELS, FACTOR_LABELS, OP_LABELS, STATUS_BADGES, STATUS_LABELS, TYPE_LABELS
from portal.surveys.models import Campaign
from portal.surveys.views import staff_bp

MANAGER = Role.MANAGER
LABELS = {"status_labels": STATUS_LABELS, "status_badges": STATUS_BADGES, "factor_labels": FACTOR_LABELS,
          "aspect_labels": ASPECT_LABELS, "type_labels": TYPE_LABELS, "op_labels": OP_LABELS}


def _campaign(campaign_id: int) -> Campaign:
    return db.session.get(Campaign, campaign_id) or abort(404)


@staff_bp.route("/")
@roles_required(MANAGER)
def index():
    items = services.campaigns()
    return render_template("surveys/staff/index.html", items=items,
                           counts={c.id: services.response_count(c.id) for c in items}, **LABELS)


def _campaign_form(form: CampaignForm) -> CampaignForm:
    form.procedure_ids.choices = [(p.id, p.name) for p in services.procedure_choices()]
    return form


@staff_bp.route("/new", methods=["GET", "POST"])
@roles_required(MANAGER)
def new():
    form = _campaign_form(CampaignForm())
    outcome = save(form, lambda: services.create_campaign(form.data_for_service(), actor=current_user, now=utcnow(),
                                                          with_template=form.use_template.data))
    if outcome.ok:
        return redirect(url_for("surveys_staff.show", campaign_id=outcome.value.id), 303)
    return render_template("surveys/staff/campaign_form.html", form=form, campaign=None), outcome.status


@staff_bp.route("/<int:campaign_id>/edit", methods=["GET", "POST"])
@roles_required(MANAGER)
def edit(campaign_id: int):
    campaign = _campaign(campaign_id)
    form = _campaign_form(CampaignForm(obj=campaign if request.method == "GET" else None))
    if request.method == "GET":
        form.procedure_ids.data = [p.id for p in campaign.procedures]
    outcome = save(form, lambda: services.update_campaign(campaign, form.data_for_service(), version=form.version.data,
                                                          actor=current_user, now=utcnow()), conflict=services.STALE)
    if outcome.ok:
        return redirect(url_for("surveys_staff.show", campaign_id=campaign.id), 303)
    return render_template("surveys/staff/campaign_form.html", form=form, campaign=campaign), outcome.status


@staff_bp.route("/<int:campaign_id>")
@roles_required(MANAGER)
def show(campaign_id: int):
    campaign = _campaign(campaign_id)
    dists = distribution.distributions(campaign)
    return render_template("surveys/staff/show.html", campaign=campaign, locked=services.is_locked(campaign),
                           responses=services.response_count(campaign.id), dists=dists,
                           progress={d.id: distribution.progress(d) for d in dists},
                           issued=distribution.tokens_issued(campaign.id), used=distribution.tokens_used(campaign.id),
                           batch_form=BatchForm(formdata=None), sample_form=SampleForm(formdata=None),
                           version_form=VersionForm(version=campaign.version), **LABELS)


@staff_bp.route("/<int:campaign_id>/status/<target>", methods=["POST"])
@roles_required(MANAGER)
def set_status(campaign_id: int, target: str):
    campaign, form = _campaign(campaign_id), VersionForm()
    save(None, lambda: services.set_status(campaign, target, version=form.version.data, actor=current_user,
                                           now=utcnow())
         ).flash(_("Status changed to “%(status)s”.", status=STATUS_LABELS[campaign.status]))
    return redirect(url_for("surveys_staff.show", campaign_id=campaign_id), 303)


@staff_bp.route("/<int:campaign_id>/duplicate", methods=["POST"])
@roles_required(MANAGER)
def duplicate(campaign_id: int):
    campaign = _campaign(campaign_id)
    outcome = save(None, lambda: services.duplicate_campaign(campaign, actor=current_user, now=utcnow()))
    outcome.flash(_("A new draft campaign was created with the same questions; you can edit it."))
    return redirect(url_for("surveys_staff.show", campaign_id=outcome.value.id if outcome.ok else campaign_id), 303)


from portal.surveys.views import staff_questions, staff_results  # noqa: E402,F401
