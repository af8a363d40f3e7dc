"""The administrators' list of everyday feedback topics (services and form: portal/feedback/topics.py):
list and add on one page, edit (deactivate included) on another; a save from a stale version is a 409."""
from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from sqlalchemy import select

from portal.core.access import Role, roles_required
from portal.core.db import db
from portal.core.forms import posted_version
from portal.core.text import sort_key
from portal.core.transaction import save
from portal.feedback import topics
from portal.feedback.labels import CATEGORY_LABELS
from portal.feedback.topics_models import FeedbackTopic
from portal.feedback.views import staff_bp
from portal.units.models import Unit


def _form(**kwargs) -> topics.FeedbackTopicForm:
    form = topics.FeedbackTopicForm(**kwargs)
    units = db.session.scalars(select(Unit).where(Unit.is_active.is_(True)))
    form.unit_id.choices = [(0, _("— the desk decides —"))] + sorted(((u.id, u.name) for u in units),
                                                                     key=lambda item: sort_key(item[1]))
    return form


@staff_bp.route("/topics", methods=["GET", "POST"])
@roles_required(Role.ADMIN)
def topics_index():
    form = _form()
    if request.method == "POST":
        outcome = save(form, lambda: topics.create_topic(form.values()))
        if outcome.ok:
            flash(_("The topic “%(name)s” was added.", name=outcome.value.name_vi), "success")
            return redirect(url_for("feedback_staff.topics_index"), 303)
        status = outcome.status
    else:
        status = 200
    return render_template("feedback/topics.html", form=form, topics=topics.all_topics(),
                           category_labels=CATEGORY_LABELS), status


@staff_bp.route("/topics/<int:topic_id>", methods=["GET", "POST"])
@roles_required(Role.ADMIN)
def topic_edit(topic_id: int):
    topic = db.session.get(FeedbackTopic, topic_id) or abort(404)
    form = _form(obj=topic)
    if request.method == "GET":
        form.version.data = str(topic.version)
    outcome = save(form, lambda: topics.update_topic(topic, expected_version=posted_version(form.version.data),
                                                     values=form.values()), conflict=topics.STALE)
    if outcome.ok:
        flash(_("The topic “%(name)s” was saved.", name=topic.name_vi), "success")
        return redirect(url_for("feedback_staff.topics_index"), 303)
    if outcome.error:  # shown as it is now; saving again after review overwrites
        db.session.expire_all()
        topic = db.session.get(FeedbackTopic, topic_id)
        form.version.data = str(topic.version)
    return render_template("feedback/topic_edit.html", form=form, topic=topic), outcome.status
