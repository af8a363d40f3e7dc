"""Public lookup of a case by its code and the access code printed on the receipt (Mẫu 01).

Shows status and dates only, never who filed the case. A wrong access code and an unknown code give
the same answer, the same status and the same SQL work (services.public_lookup), and attempts are
rate-limited per address, so codes cannot be enumerated or access codes guessed.
"""
from __future__ import annotations

from flask import current_app, request
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


def _is_attempt() -> bool:
    return bool(request.args.get("code", "").strip() and request.args.get("access", "").strip())


def public_timing(case, now) -> Timing | None:
    """For the citizen: finished early/on time/late, or open within or past the legal due day (an
    apology does not move it; BLDS 2015 Điều 148: overdue from the day after)."""
    if case.timing is not None:
        return Timing(case.timing)
    if case.status in rules.OPEN:
        late = to_local(now).date() > to_local(case.original_due_at).date()
        return Timing.OVERDUE if late else Timing.IN_TIME
    return None


@public_bp.route("/tra-cuu")
@public
@limiter.limit(lambda: current_app.config["CASE_LOOKUP_RATE_LIMIT"], exempt_when=lambda: not _is_attempt())
def lookup():
    code = rules.normalize_code(request.args.get("code", ""))[:60]
    access = request.args.get("access", "").strip()[:16]
    case, error, status = None, None, 200
    if code and not rules.is_case_code(code):
        error, status = BAD_CODE, 422
    elif code and access:
        case = services.public_lookup(code, access)
        if case is None:
            error, status = services.NOT_FOUND, 422
    elif access and not code:
        error, status = BAD_CODE, 422
    elif code and request.args.get("access") is not None:
        error, status = NO_ACCESS, 422
    now = utcnow()
    response = render("cases/lookup.html", "cases/_partials/lookup_result.html", status, code=code, case=case,
                      error=error, status_labels=STATUS_LABELS, timing_labels=TIMING_LABELS,
                      timing=public_timing(case, now) if case else None,
                      unit_names=services.case_unit_names(case) if case else None)
    response.headers["Cache-Control"] = "no-store"  # the answer is for whoever holds the receipt
    return response
