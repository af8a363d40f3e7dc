"""The online rating: case code and access code, then the questions. The public lookup opens it by a POST that
carries both codes (`intent=open`: the questions, nothing checked yet); the access code is never read from the URL
(issue 13 point 11) — a link with `access=` prefills the case code only. A wrong access code and an unknown case
code get the same answer (cases.services.public_lookup) and attempts are rate-limited per address, as on the
lookup page."""
from __future__ import annotations

from flask import current_app, flash, redirect, render_template, request, url_for
from flask_babel import lazy_gettext as _l
from flask_login import current_user

from portal.cases import services as case_services
from portal.core.access import public
from portal.core.clock import utcnow
from portal.core.errors import DomainError
from portal.core.transaction import save
from portal.extensions import limiter
from portal.satisfaction import services
from portal.satisfaction.forms import OnlineRatingForm
from portal.satisfaction.rules import Channel
from portal.satisfaction.views import public_bp

NEED_CODES = _l("Enter the case code and the access code printed on your receipt.")
TYPE_ACCESS = _l("For your safety the access code is no longer read from a link. Type the access code printed on "
                 "your receipt.")


def _is_attempt() -> bool:
    form = request.form
    return request.method == "POST" and bool(form.get("code", "").strip() and form.get("access", "").strip())


def _limit() -> str:
    return current_app.config.get("SATISFACTION_RATE_LIMIT", "10 per minute")


@public_bp.route("/danh-gia", methods=["GET", "POST"])
@public
@limiter.limit(_limit, exempt_when=lambda: not _is_attempt())
def rate():
    if current_user.is_authenticated:  # staff: never a rating here, whose case ever it is (services.STAFF_ONLINE)
        response = current_app.make_response((render_template("satisfaction/rate.html", form=None, case=None,
                                                              closed=True, staff_refused=services.STAFF_ONLINE), 403))
        response.headers["Cache-Control"] = "no-store"
        return response
    if request.method == "POST":
        form = OnlineRatingForm()
    elif "access" in request.args:  # an old link: not read; dropped from the address bar (and from the page)
        flash(str(TYPE_ACCESS), "info")
        return redirect(url_for("satisfaction_public.rate", code=request.args.get("code", "").strip()[:60] or None),
                        303)
    else:
        form = OnlineRatingForm(formdata=None, code=request.args.get("code", "").strip()[:60])
    form.set_scale(services.scale())
    actor = None  # signed-in staff were refused above
    case, closed = None, False
    if _is_attempt():
        case = case_services.public_lookup((form.code.data or "")[:60], (form.access.data or "")[:16])
        if case is None:
            form.form_errors.append(case_services.NOT_FOUND)
        else:
            try:
                services.check_may_open(case, actor)
            except DomainError as err:
                form.form_errors.append(err.message)
                closed = True
    elif request.method == "POST":
        form.form_errors.append(NEED_CODES)
    opening = request.form.get("intent") == "open"  # from the lookup's button: show the questions, record nothing
    if request.method == "POST" and case is not None and not closed and not opening:
        if save(form, lambda: services.record_rating(case, form.answers(), channel=Channel.ONLINE, now=utcnow(),
                                                     actor=actor)).ok:
            return redirect(url_for("satisfaction_public.thanks"), 303)
    status = 422 if form.form_errors or form.errors else 200
    response = current_app.make_response((render_template("satisfaction/rate.html", form=form, case=case,
                                                          closed=closed), status))
    response.headers["Cache-Control"] = "no-store"
    return response


@public_bp.route("/danh-gia/cam-on")
@public
def thanks():
    return render_template("satisfaction/thanks.html")
