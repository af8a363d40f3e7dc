"""Public lookup of a case by its code and the access code printed on the receipt (Mẫu 01).

Shows status and dates only, never who filed the case. A wrong access code and an unknown code give
the same answer, the same status and the same SQL and hashing work (services.public_lookup), and attempts are
rate-limited per address, so codes cannot be enumerated or access codes guessed.

The access code is taken from a POST body only, never from the URL (issue 13 point 11): a URL ends up in access
logs, the browser's history and a shared screen. A GET shows the form (the case code may come from the receipt's
QR code); an old link that still carries `access=` is not read — the form asks for the code to be typed, without
echoing it. The result is the answer to the POST itself (no redirect to a URL with the code), never stored.
"""
from __future__ import annotations

from flask import current_app, flash, redirect, request, url_for
from flask_babel import lazy_gettext as _l

from portal.cases import rules, services
from portal.cases.rules import CaseStatus, Timing
from portal.cases.views import public_bp
from portal.core.access import public
from portal.core.clock import to_local, utcnow
from portal.core.htmx import render
from portal.extensions import limiter

STATUS_LABELS = {
    CaseStatus.RECEIVED: _l("Received"),
    CaseStatus.TRANSFERRED: _l("Sent to the handling unit"),
    CaseStatus.IN_PROGRESS: _l("Being processed"),
    CaseStatus.SUPPLEMENT_REQUESTED: _l("Waiting for additional documents from you"),
    CaseStatus.RESULT_READY: _l("Result ready for collection"),
    CaseStatus.RETURNED: _l("Result returned"),
    CaseStatus.REFUSED: _l("Refused after appraisal"),
    CaseStatus.WITHDRAWN: _l("Stopped at the applicant's request"),
}
TIMING_LABELS = {
    Timing.EARLY: _l("Finished before the due date"),
    Timing.ON_TIME: _l("Finished on the due date"),
    Timing.LATE: _l("Finished after the due date"),
    Timing.IN_TIME: _l("In progress, within the time limit"),
    Timing.OVERDUE: _l("In progress, past the due date"),
}
BAD_CODE = _l("A case code looks like 000.00.12.H40-190109-0001: the unit, the date and a number.")
NO_ACCESS = _l("Enter the access code printed on your receipt.")
TYPE_ACCESS = _l("For your safety the access code is no longer read from a link. Type the access code printed on "
                 "your receipt.")


def _is_attempt() -> bool:
    form = request.form
    return request.method == "POST" and bool(form.get("code", "").strip() and form.get("access", "").strip())


def public_timing(case, now) -> Timing | None:
    """For the citizen: finished early/on time/late, or open within or past the legal due day (an
    apology does not move it; BLDS 2015 Điều 148: overdue from the day after)."""
    if case.timing is not None:
        return Timing(case.timing)
    if case.status in rules.OPEN:
        late = to_local(now).date() > to_local(case.original_due_at).date()
        return Timing.OVERDUE if late else Timing.IN_TIME
    return None


@public_bp.route("/tra-cuu", methods=["GET", "POST"])
@public
@limiter.limit(lambda: current_app.config["CASE_LOOKUP_RATE_LIMIT"], exempt_when=lambda: not _is_attempt())
def lookup():
    if request.method == "GET":  # the form only
        code = rules.normalize_code(request.args.get("code", ""))[:60]
        if "access" in request.args:  # an old link: not read; dropped from the address bar (and from the page)
            flash(str(TYPE_ACCESS), "info")
            return redirect(url_for("cases_public.lookup", code=code or None), 303)
        return _page(code, None, None, 200)
    code = rules.normalize_code(request.form.get("code", ""))[:60]
    access = request.form.get("access", "").strip()[:16]
    case, error, status = None, None, 200
    if not code or not rules.is_case_code(code):
        error, status = BAD_CODE, 422
    elif not access:
        error, status = NO_ACCESS, 422
    else:
        case = services.public_lookup(code, access)
        if case is None:
            error, status = services.NOT_FOUND, 422
    return _page(code, case, error, status, access=access if case else "")


def _page(code: str, case, error, status: int, *, access: str = ""):
    """`access` goes back only with a found case, inside the POST form that opens the rating."""
    now = utcnow()
    response = render("cases/lookup.html", "cases/_partials/lookup_result.html", status, code=code, case=case,
                      error=error, access=access, status_labels=STATUS_LABELS,
                      timing_labels=TIMING_LABELS, timing=public_timing(case, now) if case else None,
                      unit_names=services.case_unit_names(case) if case else None)
    response.headers["Cache-Control"] = "no-store"  # the answer is for whoever holds the receipt
    return response
