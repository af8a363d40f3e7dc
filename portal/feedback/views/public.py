"""Citizens: the landing page, the submission form, the receipt with both codes, and tracking.

Tracking shows status, dates and the published answer, never personal data; a wrong access code and an
unknown tracking code give the same answer (submission.public_lookup), and attempts are rate-limited.
The access code is read from a POST body only, never from a URL (access logs, history), and the answers to the
follow-up forms are rendered in reply to their POST instead of a redirect that would need the code in the URL;
only its hash is stored, so the receipt shows it on its first display only (issue 13 point 11)."""
from __future__ import annotations

import uuid

from flask import current_app, flash, redirect, render_template, request, session, url_for
from flask_babel import lazy_gettext as _l

from portal.core.access import public
from portal.core.clock import utcnow
from portal.core.db import db
from portal.core.htmx import render
from portal.core.pagination import page_arg
from portal.core.transaction import redirect_after_post, save
from portal.extensions import limiter
from portal.feedback import attachments, held_uploads, notifications, rules, services, submission
from portal.feedback.forms import FeedbackForm, SatisfactionForm, SupplementForm
from portal.feedback.labels import CATEGORY_LABELS, KIND_LABELS, PUBLIC_STATUS_LABELS, REJECTION_LABELS
from portal.feedback.models import Feedback
from portal.feedback.views import bp
from portal.feedback.vocabulary import REJECTION_DECREE, STATUTORY_REJECTIONS, Action, FeedbackStatus

NOT_FOUND = _l("No feedback matches this tracking code and access code. Check both codes.")
HONEYPOT = _l("Your feedback could not be sent. Please try again.")
SATISFACTION_SAVED = _l("Thank you: your assessment of the answer was recorded.")
NOT_HELD = _l("“{name}” could not be kept for your next try: too many files are waiting on the portal just now.")
ATTACH_AGAIN = _l("The files named above were not kept: choose them again (or another copy) before you send.")
SUPPLEMENT_SENT = _l("Thank you: the information you added was sent.")
RECEIPT_KEY = "feedback_receipt"
RECEIPT_ACCESS_KEY = "feedback_receipt_access"  # the plaintext, from the POST that issued it to the first receipt
TYPE_ACCESS = _l("For your safety the access code is no longer read from a link. Type the access code you received "
                 "with your feedback.")


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
    form, held = FeedbackForm(), []
    if request.method == "GET":
        form.submit_token.data = str(uuid.uuid4())
    elif form.website.data:  # a bot filled the hidden field: store nothing
        form.form_errors.append(HONEYPOT)
    else:
        now = utcnow()
        kept, new, refused = _received_files(now)

        def send() -> tuple[int, str | None]:
            if refused:
                raise attachments.AttachmentError(refused[0])
            checked = [h.checked for h in kept] + new
            # read before the commit expires the row: no second transaction (a repeated token: no new code)
            feedback = submission.submit_feedback(form.data_for_service(), now=now, attachments=checked)
            return feedback.id, feedback.issued_access_code

        outcome = save(form, send)
        if outcome.ok:
            held_uploads.release(kept, now=now)
            session[RECEIPT_KEY], access = outcome.value
            if access:  # a repeated submit issues none, and leaves one still waiting for its receipt
                session[RECEIPT_ACCESS_KEY] = [outcome.value[0], access]
            # htmx follows this with a full page load, not a swap
            return redirect_after_post(url_for("feedback.received"), whole_page=True)
        holds, not_held = held_uploads.hold(new, now=now, max_bytes=current_app.config["FEEDBACK_HELD_MAX_BYTES"])
        held = kept + holds  # nothing accepted is lost to the retry, or it is named (the folder is full)
        errors = list(refused) + [NOT_HELD.format(name=name) for name in not_held]
        if errors:
            form.attachments.errors = errors
    status = 422 if request.method == "POST" else 200
    response = render("feedback/submit.html", "feedback/_partials/submit_form.html", status, form=form,
                      accept=attachments.ACCEPT, limits=attachments.Limits.from_config(), held=held,
                      again=ATTACH_AGAIN if form.attachments.errors else None)
    response.headers["Cache-Control"] = "no-store"
    return response


def _received_files(now):
    """The files held from an earlier try (ticked "held" boxes) and this request's files: accepted, refused."""
    kept = held_uploads.take(request.form.getlist("held"), now=now)
    new, refused = attachments.check_each(attachments.read_uploads(request.files.getlist("attachments")),
                                          held_count=len(kept), held_bytes=sum(h.checked.size for h in kept))
    return kept, new, refused


@bp.route("/gui/da-nhan")
@public
def received():
    """The receipt: the tracking code for the browser session, the access code on the first display only (taken
    out of the session here; only its hash is stored, so a reload cannot show it again)."""
    feedback = db.session.get(Feedback, session.get(RECEIPT_KEY) or 0)
    if feedback is None:
        return redirect(url_for("feedback.submit"))
    waiting = session.pop(RECEIPT_ACCESS_KEY, None) or [None, None]
    access = waiting[1] if waiting[0] == feedback.id else None
    by_sms = bool(access) and feedback.channel == "web" and notifications.texts_citizen(feedback)
    response = current_app.make_response(render_template("feedback/received.html", feedback=feedback, access=access,
                                                          by_sms=by_sms))
    response.headers["Cache-Control"] = "no-store"
    return response


def _is_attempt() -> bool:
    form = request.form
    return request.method == "POST" and bool(form.get("code", "").strip() and form.get("access", "").strip())


def _lookup_limit() -> str:
    return current_app.config.get("FEEDBACK_LOOKUP_RATE_LIMIT", "10 per minute")


@bp.route("/tra-cuu", methods=["GET", "POST"])
@public
@limiter.limit(_lookup_limit, exempt_when=lambda: not _is_attempt())
def track():
    if request.method == "GET":  # the form only
        code = rules.normalize_tracking(request.args.get("code", ""))[:20]
        if "access" in request.args:  # an old link: not read; dropped from the address bar (and from the page)
            flash(str(TYPE_ACCESS), "info")
            return redirect(url_for("feedback.track", code=code or None), 303)
        return _track_page(code, None)
    code = rules.normalize_tracking(request.form.get("code", ""))[:20]
    access = request.form.get("access", "").strip()[:16]
    feedback = submission.public_lookup(code, access) if code and access else None
    form, supplement_form = SatisfactionForm(code=code, access=access), SupplementForm(code=code, access=access)
    error, status, notice = None, 200, None
    intent = request.form.get("intent")  # "satisfaction" or "supplement" from the result's forms; else a lookup
    if feedback is None:
        error, status = NOT_FOUND, 422
    elif intent in ("satisfaction", "supplement"):
        answering = intent == "supplement"
        posted, field = (supplement_form, supplement_form.supplement) if answering else (form, form.value)
        outcome = save(posted, lambda: _respond(feedback, posted, answering), attach=None)
        if outcome.ok:  # answered in place: a redirect would need the access code in its URL
            notice = SUPPLEMENT_SENT if answering else SATISFACTION_SAVED
            supplement_form.supplement.data = ""
        else:
            error, status = outcome.message or (field.errors or [NOT_FOUND])[0], 422
    return _track_page(code, feedback, form=form, supplement_form=supplement_form, error=error, status=status,
                       notice=notice)


def _track_page(code: str, feedback, *, form=None, supplement_form=None, error=None, status: int = 200, notice=None):
    can_rate = feedback is not None and rules.can_mark_satisfaction(
        published=feedback.published_at is not None, current=feedback.satisfaction)
    response = render("feedback/track.html", "feedback/_partials/track_result.html", status, code=code,
                      feedback=feedback, error=error, notice=notice, status_labels=PUBLIC_STATUS_LABELS, form=form,
                      can_rate=can_rate, supplement_form=supplement_form, requested=_requested(feedback),
                      category_labels=CATEGORY_LABELS, kind_labels=KIND_LABELS,
                      primary=services.public_primary(feedback), rejection_labels=REJECTION_LABELS,
                      statutory=STATUTORY_REJECTIONS, decree=REJECTION_DECREE)
    response.headers["Cache-Control"] = "no-store"
    return response


def _respond(feedback: Feedback, form, answering: bool) -> None:
    """The submitter answers a supplement request, or says whether the published answer satisfies them."""
    if answering:
        services.transition(feedback, Action.SUPPLEMENT, now=utcnow(), expected_version=feedback.version,
                            note=form.supplement.data)
    else:
        submission.mark_satisfaction(feedback, form.value.data, now=utcnow())


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
