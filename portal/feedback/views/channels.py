"""The intake-channel pages: the public page of where and how feedback is received, and the administrators'
editor (services and form: portal/feedback/channels.py)."""
from __future__ import annotations

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _

from portal.core.access import Role, public, roles_required
from portal.core.cache import cached_page
from portal.core.clock import today_local
from portal.core.forms import posted_version
from portal.core.transaction import save
from portal.feedback.channels import FeedbackChannelsForm, current_channels, deadlines_in_force, update_channels
from portal.feedback.channels_models import FeedbackChannels
from portal.feedback.labels import PRACTICE_LABEL, PRACTICE_NOTE, STATUTORY_LABEL, STEP_FROM, STEP_LABELS
from portal.feedback.views import bp, staff_bp


@bp.route("/kenh-tiep-nhan")
@public
@cached_page
def channels():
    return render_template("feedback/channels.html", channels=current_channels(),
                           deadlines=deadlines_in_force(today_local()), step_labels=STEP_LABELS, step_from=STEP_FROM,
                           statutory_label=STATUTORY_LABEL, practice_label=PRACTICE_LABEL, practice_note=PRACTICE_NOTE)


@staff_bp.route("/channels", methods=["GET", "POST"])
@roles_required(Role.ADMIN)
def channels_edit():
    row = current_channels()
    form = FeedbackChannelsForm(obj=row)
    if request.method == "GET":
        form.version.data = str(row.version)
    outcome = save(form, lambda: update_channels(expected_version=posted_version(form.version.data),
                                                 **{name: getattr(form, name).data for name in FeedbackChannels.AUDITED}))
    if outcome.ok:
        flash(_("The feedback channels were saved."), "success")
        return redirect(url_for("feedback_staff.channels_edit"))
    if outcome.error:
        form.version.data = str(current_channels().version)  # saving again after review overwrites
    return render_template("feedback/channels_edit.html", form=form, channels=row), outcome.status
