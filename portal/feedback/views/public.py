"""Citizens: the landing page, the submission form, the receipt with both codes, and tracking.

Tracking shows status, dates and the published answer, never personal data; a wrong access code and an
unknown tracking code give the same answer (submission.public_lookup), and attempts are rate-limited."""
from __future__ import annotations

import uuid

from flask import current_app, redirect, render_template, request, session, url_for
from flask_babel import lazy_gettext as _l

from portal.core.access import public
from portal.core.clock import utcnow
from portal.core.db import db
from portal.core.errors import DomainError
from portal.core.forms import attach_error
from portal.core.htmx import render, wants_fragment
from portal.core.pagination import page_arg
from portal.extensions import limiter
from portal.feedback import attachments, rules, services, submission
from portal.feedback.forms import (
    CATEGORY_LABELS,
    KIND_LABELS,
    PUBLIC_STATUS_LABELS,
    FeedbackForm,
    SatisfactionForm,
    SupplementForm,
)
from portal.feedback.labels import REJECTION_LABELS
from portal.feedback.models import Feedback
from portal.feedback.views import bp
from portal.feedback.vocabulary import REJECTION_DECREE, STATUTORY_REJECTIONS, Action, FeedbackStatus

NOT_FOUND = _l("No feedback matches this tracking code and access code. Check both codes.")
HONEYPOT = _l("Your feedback could not be sent. Please try again.")
RECEIPT_KEY = "feedback_receipt"


def _submit_limit() -> str:
    return current_app.config.get("FEEDBACK_SUBMIT_RATE_LIMIT", "5 per minute")


@bp.route("/")
@public
def index():
    return render_template("feedback/index.html")


@bp.route("/gui", methods=["GET", "POST"])
@public
@limiter.limit(_submit_limit, methods=["POST"])
def submit():
    form = FeedbackForm()
    if request.method == "GET":
        form.submit_token.data = str(uuid.uuid4())
    elif form.website.data:  # a bot filled the hidden field: store nothing
        form.form_errors.append(HONEYPOT)
    elif form.validate():
        try:
            checked = attachments.check_attachments(attachments.read_uploads(request.files.getlist("attachments")))
            feedback = submission.submit_feedback(form.data_for_service(), now=utcnow(), attachments=checked)
        except DomainError as err:
            db.session.rollback()
            attach_error(form, err)
        else:
            session[RECEIPT_KEY] = feedback.id  # read before the commit expires it: no second transaction
            db.session.commit()
            if wants_fragment():  # htmx follows this with a full page load, not a swap
                return "", 204, {"HX-Redirect": url_for("feedback.received")}
            return redirect(url_for("feedback.received"), 303)
    status = 422 if request.method == "POST" else 200
    response = render("feedback/submit.html", "feedback/_partials/submit_form.html", status, form=form,
                      accept=attachments.ACCEPT, limits=attachments.Limits.from_config())
    response.headers["Cache-Control"] = "no-store"
    return response


@bp.route("/gui/da-nhan")
@public
def received():
    """The receipt: both codes, once per browser session (the access code is not shown again)."""
    feedback = db.session.get(Feedback, session.get(RECEIPT_KEY) or 0)
    if feedback is None:
        return redirect(url_for("feedback.submit"))
    response = current_app.make_response(render_template("feedback/received.html", feedback=feedback))
    response.headers["Cache-Control"] = "no-store"
    return response


def _is_attempt() -> bool:
    values = request.values
    return bool(values.get("code", "").strip() and values.get("access", "").strip())


def _lookup_limit() -> str:
    return current_app.config.get("FEEDBACK_LOOKUP_RATE_LIMIT", "10 per minute")


@bp.route("/tra-cuu", methods=["GET", "POST"])
@public
@limiter.limit(_lookup_limit, exempt_when=lambda: not _is_attempt())
def track():
    code = rules.normalize_tracking(request.values.get("code", ""))[:20]
    access = request.values.get("access", "").strip()[:16]
    feedback, error, status = None, None, 200
    if code or access:
        feedback = submission.public_lookup(code, access) if code and access else None
        if feedback is None:
            error, status = NOT_FOUND, 422
    form = SatisfactionForm(code=code, access=access)
    supplement_form = SupplementForm(code=code, access=access)
    if request.method == "POST" and "supplement" in request.form:
        error, status = _supplement(feedback, supplement_form, error, status)
    elif request.method == "POST":
        if feedback is None:
            error, status = NOT_FOUND, 422
        elif form.validate():
            try:
                submission.mark_satisfaction(feedback, form.value.data, now=utcnow())
            except DomainError as err:
                db.session.rollback()
                error, status = err.message, 422
            else:
                db.session.commit()
        else:
            error, status = form.value.errors[0] if form.value.errors else NOT_FOUND, 422
    can_rate = feedback is not None and rules.can_mark_satisfaction(
        published=feedback.published_at is not None, current=feedback.satisfaction)
    response = render("feedback/track.html", "feedback/_partials/track_result.html", status, code=code,
                      feedback=feedback, error=error, status_labels=PUBLIC_STATUS_LABELS, form=form, can_rate=can_rate,
                      supplement_form=supplement_form, requested=_requested(feedback),
                      category_labels=CATEGORY_LABELS, kind_labels=KIND_LABELS,
                      primary=services.public_primary(feedback), rejection_labels=REJECTION_LABELS,
                      statutory=STATUTORY_REJECTIONS, decree=REJECTION_DECREE)
    response.headers["Cache-Control"] = "no-store"
    return response


def _supplement(feedback, form, error, status):
    """The submitter answers a supplement request from the tracking page."""
    if feedback is None:
        return NOT_FOUND, 422
    if not form.validate():
        return (form.supplement.errors or [NOT_FOUND])[0], 422
    try:
        services.transition(feedback, Action.SUPPLEMENT, now=utcnow(), expected_version=feedback.version,
                            note=form.supplement.data)
    except DomainError as err:
        db.session.rollback()
        return err.message, 422
    db.session.commit()
    form.supplement.data = ""
    return error, status


def _requested(feedback) -> str:
    """What staff asked for (their note to the submitter), while a supplement is awaited."""
    if feedback is None or feedback.status != FeedbackStatus.SUPPLEMENT_REQUESTED:
        return ""
    notes = [e.note for e in feedback.events if e.action == Action.REQUEST_SUPPLEMENT.value]
    return notes[-1] if notes else ""


@bp.route("/tra-loi")
@public
def answers():
    """Published answers: the redacted question and answer only, never the submitter."""
    q = request.args.get("q", "").strip()[:200]
    category = request.args.get("category", "")
    units = services.answer_units()
    unit = request.args.get("unit", "")
    unit_id = int(unit) if unit.isdigit() and int(unit) in {u.id for u in units} else None
    answers_page = services.published_answers(q=q, category=category, unit_id=unit_id, page=page_arg(request))
    return render("feedback/answers.html", "feedback/_partials/answers_list.html", answers=answers_page, q=q,
                  category=category, category_labels=CATEGORY_LABELS, units=units, unit_id=unit_id)
