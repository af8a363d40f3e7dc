"""Public: open campaigns (descriptions only) and answering with a one-use code. No personal data,
no IP or device stored; works without JavaScript (survey.js only hides conditional questions)."""
from __future__ import annotations

from flask import current_app, redirect, render_template, request, url_for

from portal.core import access
from portal.core.clock import today_local
from portal.core.transaction import save
from portal.extensions import limiter
from portal.surveys import responses, services
from portal.surveys.labels import ANSWER_ERRORS, scale_labels
from portal.surveys.rules import Aspect
from portal.surveys.views import bp


def _rate_limit() -> str:
    return current_app.config.get("SURVEY_RATE_LIMIT", "10 per minute")


@bp.route("")
@access.public
def public():
    code = request.args.get("code", "").strip()
    if code:
        return redirect(url_for("surveys.take", code=code[:80]), 303)
    return render_template("surveys/public_index.html", campaigns=services.open_campaigns())


@bp.route("/<code>", methods=["GET", "POST"])
@access.public
@limiter.limit(_rate_limit, methods=["POST"])
def take(code: str):
    try:
        _, campaign = responses.find(code)
    except responses.TokenRefused as err:
        return render_template("surveys/refused.html", message=err.message, reason=err.reason), err.status_code
    answers, errors, status = {}, {}, 200
    if request.method == "POST":
        outcome = save(None, lambda: responses.submit(code, responses.raw_answers(request.form, campaign.questions),
                                                      today=today_local()))
        if outcome.ok:
            return redirect(url_for("surveys.thanks"), 303)
        err = outcome.error
        if isinstance(err, responses.TokenRefused):
            return render_template("surveys/refused.html", message=err.message, reason=err.reason), err.status_code
        answers, status = responses.raw_answers(request.form, campaign.questions), 422
        errors = {qid: ANSWER_ERRORS[key] for qid, key in err.errors.items()}
    by_id = {q.id: q for q in campaign.questions}
    return render_template("surveys/take.html", campaign=campaign, answers=answers, errors=errors, by_id=by_id,
                           scale_labels=scale_labels, Aspect=Aspect), status


@bp.route("/cam-on")
@access.public
def thanks():
    return render_template("surveys/thanks.html")
