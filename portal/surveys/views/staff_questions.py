"""Managers: adding, editing, reordering and removing a campaign's questions (refused once it has responses)."""
from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from flask_login import current_user

from portal.core.access import Role, roles_required
from portal.core.db import db
from portal.core.transaction import save
from portal.surveys import services
from portal.surveys.forms import QuestionForm
from portal.surveys.models import Campaign, Question
from portal.surveys.views import staff_bp


def _question(campaign_id: int, question_id: int) -> Question:
    question = db.session.get(Question, question_id)
    if question is None or question.campaign_id != campaign_id:
        abort(404)
    return question


def _form(campaign: Campaign, question: Question | None) -> QuestionForm:
    form = QuestionForm(obj=question if request.method == "GET" and question else None)
    position = question.position if question else len(campaign.questions) + 1
    form.condition_question.choices = [("", "—")] + [(str(q.id), f"{q.position}. {q.text[:80]}")
                                                      for q in campaign.questions if q.position < position]
    if request.method == "GET" and question:
        form.options.data = "\n".join(question.options or [])
        form.factor.data, form.aspect.data = question.factor or "", question.aspect or ""
        if question.condition:
            form.condition_question.data = str(question.condition["question_id"])
            form.condition_op.data = question.condition["op"]
            form.condition_value.data = question.condition["value"]
    return form


def _edit(campaign: Campaign, question: Question | None):
    if request.method == "GET" and services.is_locked(campaign):
        flash(str(services.LOCKED), "error")
        return redirect(url_for("surveys_staff.show", campaign_id=campaign.id), 303)
    form = _form(campaign, question)
    if request.method == "POST" and services.is_locked(campaign):
        form.form_errors.append(services.LOCKED)
        status = 422
    else:
        def store():
            if question is None:
                return services.add_question(campaign, form.data_for_service(), actor=current_user)
            return services.update_question(question, form.data_for_service(), actor=current_user)

        outcome = save(form, store)
        if outcome.ok:
            return redirect(url_for("surveys_staff.show", campaign_id=campaign.id) + "#questions", 303)
        status = outcome.status
    return render_template("surveys/staff/question_form.html", form=form, campaign=campaign, question=question), status


@staff_bp.route("/<int:campaign_id>/questions/new", methods=["GET", "POST"])
@roles_required(Role.MANAGER)
def question_new(campaign_id: int):
    return _edit(db.session.get(Campaign, campaign_id) or abort(404), None)


@staff_bp.route("/<int:campaign_id>/questions/<int:question_id>", methods=["GET", "POST"])
@roles_required(Role.MANAGER)
def question_edit(campaign_id: int, question_id: int):
    question = _question(campaign_id, question_id)
    return _edit(question.campaign, question)


@staff_bp.route("/<int:campaign_id>/questions/<int:question_id>/<any(up, down, delete):action>", methods=["POST"])
@roles_required(Role.MANAGER)
def question_change(campaign_id: int, question_id: int, action: str):
    question = _question(campaign_id, question_id)

    def change():
        if action == "delete":
            services.delete_question(question, actor=current_user)
        else:
            services.move_question(question, 1 if action == "down" else -1, actor=current_user)

    save(None, change).flash()
    return redirect(url_for("surveys_staff.show", campaign_id=campaign_id) + "#questions", 303)
