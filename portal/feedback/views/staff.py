"""Staff: the feedback worklist, registering feedback received by letter, phone, e-mail or survey, the
feedback page with its trail, and one POST per workflow step (POST/redirect/GET; 422/409 re-render)."""
from __future__ import annotations

import uuid

from flask import abort, flash, redirect, request, send_file, url_for
from flask_babel import gettext as _, lazy_gettext as _l
from flask_login import current_user
from flask_wtf import FlaskForm
from sqlalchemy import select

from portal.auth.models import StaffUser
from portal.core.access import Role, roles_required
from portal.core.clock import utcnow
from portal.core.db import db
from portal.core.htmx import render
from portal.core.pagination import page_arg
from portal.core.text import sort_key
from portal.core.transaction import save
from portal.feedback import attachments, deadline_services, location, rules, services, submission
from portal.feedback.labels import (
    CATEGORY_LABELS,
    KIND_LABELS,
    PRACTICE_LABEL,
    PRACTICE_NOTE,
    REJECTION_LABELS,
    STATUTORY_LABEL,
    STEP_LABELS,
)
from portal.feedback.models import Feedback
from portal.feedback.staff_forms import (
    ACTION_LABELS,
    CHANNEL_LABELS,
    MERGE_REASONS,
    STATUS_LABELS,
    SUBJECT_LABELS,
    TIMING_BADGES,
    TIMING_LABELS,
    StaffIntakeForm,
    StepForm,
)
from portal.feedback.views import staff_bp
from portal.feedback.vocabulary import REJECTION_DECREE, STATUTORY_REJECTIONS, Action
from portal.units.models import Unit

STAFF_ROLES = (Role.DESK_OFFICER, Role.HANDLER, Role.UNIT_HEAD, Role.MANAGER)
ACCESS_CODE_ROLES = (Role.DESK_OFFICER, Role.MANAGER)  # who registers feedback may give a submitter a new code
# The main way forward first (shown open on the page), then the other possible steps.
STEP_ORDER = [Action.ACCEPT, Action.APPROVE_ANSWER, Action.PUBLISH, Action.DRAFT_ANSWER, Action.SUPPLEMENT,
              Action.ASSIGN, Action.REQUEST_SUPPLEMENT, Action.CLOSE, Action.ANSWER_PRIVATELY, Action.RETURN_DRAFT,
              Action.TRANSFER, Action.REJECT, Action.MERGE]
EVENT_LABELS = {**{a.value: label for a, label in ACTION_LABELS.items()}, "submit": _l("Received"),
                "satisfaction": _l("Submitter's satisfaction recorded"),
                "merged_in": _l("Another feedback merged into this one"),
                "reorganise": _l("Moved to the successor unit (reorganisation)")}
CONFLICT = _l("Someone else changed this feedback a moment ago. Nothing was saved; it is shown as it is now.")


@staff_bp.route("/")
@roles_required(*STAFF_ROLES)
def index():
    status, q = request.args.get("status", "open"), request.args.get("q", "")
    items = services.worklist(current_user, status=status, q=q, page=page_arg(request))
    now = utcnow()
    return render("feedback/staff/index.html", "feedback/staff/_partials/list.html", items=items, current_status=status,
                  q=q, timings={f.id: deadline_services.timing_of(f, now) for f in items.items
                                 if deadline_services.answer_applies(f)},
                  status_labels=STATUS_LABELS,
                  forward_timings={f.id: deadline_services.forward_timing(f, now) for f in items.items},
                  timing_labels=TIMING_LABELS, timing_badges=TIMING_BADGES, status_choices=STATUS_LABELS,
                  category_labels=CATEGORY_LABELS)


@staff_bp.route("/new", methods=["GET", "POST"])
@roles_required(Role.DESK_OFFICER, Role.MANAGER)
def intake():
    form = StaffIntakeForm()
    if request.method == "GET":
        form.submit_token.data = str(uuid.uuid4())
    else:
        def register() -> Feedback:
            checked = attachments.check_attachments(attachments.read_uploads(request.files.getlist("attachments")))
            return submission.submit_feedback(form.data_for_service(), now=utcnow(), channel=form.channel.data,
                                              actor=current_user, attachments=checked)

        outcome = save(form, register)
        if outcome.ok:
            feedback = outcome.value
            # shown this once (only its hash is stored); the office gives it to the submitter
            flash(_("Feedback %(code)s registered. Access code for the submitter: %(access)s",
                    code=feedback.tracking_code, access=feedback.issued_access_code), "success")
            return redirect(url_for("feedback_staff.show", feedback_id=feedback.id), 303)
    return render("feedback/staff/intake.html", "feedback/staff/intake.html", 422 if request.method == "POST" else 200,
                  form=form)


def _feedback_or_404(feedback_id: int) -> Feedback:
    feedback = db.session.get(Feedback, feedback_id)
    if feedback is None:
        abort(404)
    if not services.can_see(current_user, feedback):
        abort(403)
    return feedback


def _may(feedback: Feedback, action: Action) -> bool:
    return rules.may_act(action, roles=current_user.role_set, user_id=current_user.id,
                         user_unit_id=current_user.unit_id, unit_id=feedback.unit_id, handler_id=feedback.handler_id,
                         status=feedback.status)


def _page(feedback: Feedback, status: int = 200, failed=None, error=None):
    forms = {}
    # Vietnamese order; a first empty choice, so a unit is never picked silently (0 = none chosen).
    units = [(0, _("— choose a unit —"))] + sorted(
        ((u.id, u.name) for u in db.session.scalars(select(Unit).where(Unit.is_active.is_(True)))),
        key=lambda item: sort_key(item[1]))
    # Once a unit handles the item, only its handlers and head are offered (the service refuses others).
    people = (services.handlers_of(feedback.unit_id) if feedback.unit_id else
              db.session.scalars(select(StaffUser).where(StaffUser.is_active_account.is_(True))))
    handlers = [(0, _("— choose a handler —"))] + sorted(((u.id, u.full_name) for u in people),
                                                         key=lambda item: sort_key(item[1]))
    for action in sorted(rules.allowed_actions(feedback.status), key=STEP_ORDER.index):
        if not _may(feedback, action):
            continue
        form = failed[1] if failed and failed[0] == action else StepForm(prefix=action.value,
                                                                          version=feedback.version)
        form.unit_id.choices, form.handler_id.choices = units, handlers
        if action == Action.ACCEPT and not failed and feedback.topic and feedback.topic.unit_id:
            form.unit_id.data = feedback.topic.unit_id  # the topic's unit, proposed; the desk may change it
        if action == Action.PUBLISH and not form.public_answer.data:
            form.public_question.data, form.public_answer.data = feedback.content, feedback.answer
        forms[action] = form
    now = utcnow()
    open_ = feedback.status in rules.OPEN
    duplicates = services.duplicate_candidates(feedback, now=now, user=current_user) if open_ else []
    merged_here = list(db.session.scalars(select(Feedback).where(Feedback.merged_into_id == feedback.id)
                                          .order_by(Feedback.id)))
    response = render("feedback/staff/show.html", "feedback/staff/show.html", status, feedback=feedback,
                      forms=forms, error=error, action_labels=ACTION_LABELS, status_labels=STATUS_LABELS,
                      category_labels=CATEGORY_LABELS, kind_labels=KIND_LABELS, channel_labels=CHANNEL_LABELS,
                      subject_labels=SUBJECT_LABELS,
                      timing=(deadline_services.timing_of(feedback, now)
                              if deadline_services.answer_applies(feedback) else None),
                      deadlines=deadline_services.deadlines_of(feedback, now), step_labels=STEP_LABELS,
                      statutory_label=STATUTORY_LABEL, practice_label=PRACTICE_LABEL, practice_note=PRACTICE_NOTE,
                      timing_labels=TIMING_LABELS, timing_badges=TIMING_BADGES, duplicates=duplicates,
                      merge_reasons=MERGE_REASONS, merged_here=merged_here, merge_action=Action.MERGE,
                      rejection_labels=REJECTION_LABELS, statutory=STATUTORY_REJECTIONS,
                      decree=REJECTION_DECREE, event_labels=EVENT_LABELS,
                      may_reissue_code=current_user.has_role(*ACCESS_CODE_ROLES),
                      map_link=(location.map_link(feedback.latitude, feedback.longitude)
                                if feedback.latitude is not None and feedback.longitude is not None else None))
    response.headers["Cache-Control"] = "no-store"
    return response


@staff_bp.route("/<int:feedback_id>")
@roles_required(*STAFF_ROLES)
def show(feedback_id: int):
    return _page(_feedback_or_404(feedback_id))


@staff_bp.route("/<int:feedback_id>/<action>", methods=["POST"])
@roles_required(*STAFF_ROLES)
def step(feedback_id: int, action: str):
    feedback = _feedback_or_404(feedback_id)
    try:
        action = Action(action)
    except ValueError:
        abort(404)
    if not _may(feedback, action):
        abort(403)
    form = StepForm(prefix=action.value)
    outcome = save(form, lambda: services.transition(
        feedback, action, now=utcnow(), expected_version=int(form.version.data or 0), actor=current_user,
        note=form.note.data or "", subject=form.subject.data or None, unit_id=form.unit_id.data,
        handler_id=form.handler_id.data, answer=form.answer.data, public_question=form.public_question.data,
        public_answer=form.public_answer.data, rejection_code=form.rejection_code.data or None,
        primary_code=form.primary_code.data), conflict=CONFLICT)
    if outcome.ok:
        flash(_("Done: %(step)s.", step=ACTION_LABELS[action]), "success")
        return redirect(url_for("feedback_staff.show", feedback_id=feedback.id), 303)
    # after a rollback the feedback is read again as it is now
    return _page(db.session.get(Feedback, feedback_id), outcome.status, failed=(action, form), error=outcome.message)


@staff_bp.route("/<int:feedback_id>/access-code", methods=["POST"])
@roles_required(*ACCESS_CODE_ROLES)
def new_access_code(feedback_id: int):
    """For a submitter who lost the access code (it cannot be shown again: only its hash is stored). The new code
    is shown once, in the flash, for the officer to give to the submitter; the old one stops working."""
    feedback = _feedback_or_404(feedback_id)
    outcome = save(FlaskForm(), lambda: submission.reissue_access_code(feedback, now=utcnow(), actor=current_user))
    if outcome.ok:
        flash(_("New access code for feedback %(code)s: %(access)s. Give it to the submitter; the old code no longer "
                "works.", code=feedback.tracking_code, access=outcome.value), "success")
    else:
        flash(_("The form expired; nothing was changed. Try again."), "error")
    return redirect(url_for("feedback_staff.show", feedback_id=feedback.id), 303)


@staff_bp.route("/<int:feedback_id>/attachments/<int:attachment_id>")
@roles_required(*STAFF_ROLES)
def attachment(feedback_id: int, attachment_id: int):
    feedback = _feedback_or_404(feedback_id)
    item = next((a for a in feedback.attachments if a.id == attachment_id), None)
    if item is None:
        abort(404)
    response = send_file(attachments.path_of(item.path), mimetype=item.content_type, as_attachment=True,
                         download_name=item.name)
    response.headers["Cache-Control"] = "private, no-store"
    response.headers["X-Content-Type-Options"] = "nosniff"
    return response
