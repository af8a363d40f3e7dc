"""Tablet mode at the desk: the officer picks the case just returned, turns the tablet to the citizen,
who answers in three taps — (1) the overall level, (2) the staff's attitude, (3) "Gửi đánh giá" — with an
optional comment. Contacts and agencies (TT 01/2018 indicators 3 and 4) are not asked here: they come
from the case record (services.py), because asking them would make five taps, and filling them in
advance would put words in the citizen's mouth. The online form and the paper slip ask all four.

The screens show the case code and the procedure name only; static/js/rating-tablet.js shows one
question at a time, returns from the thank-you screen to the waiting screen after a few seconds, and
clears a half-filled rating after a minute without a touch. Without JavaScript every question is on
one page and the thank-you screen has a "Tiếp theo" link."""
from __future__ import annotations

from datetime import timedelta

from flask import abort, redirect, render_template, request, url_for
from flask_babel import lazy_gettext as _l
from flask_login import current_user

from portal.cases.models import Case
from portal.core.access import Role, roles_required
from portal.core.clock import utcnow
from portal.core.db import db
from portal.core.errors import DomainError
from portal.core.transaction import save
from portal.satisfaction import services
from portal.satisfaction.forms import ATTITUDE_LABELS, TabletPickForm, TabletRatingForm
from portal.satisfaction.permissions import may_see_case
from portal.satisfaction.rules import Channel
from portal.satisfaction.views import staff_bp

NO_SUCH_CASE = _l("No returned case of your desk has this code.")
RECENT = timedelta(days=3)  # the waiting screen lists cases returned in the last three days
RESET_SECONDS, IDLE_SECONDS = 6, 60


def _may_see(case: Case | None) -> bool:
    return may_see_case(current_user, case)


def _own_units() -> list[int] | None:
    if current_user.role_set & {Role.ADMIN, Role.MANAGER}:
        return None
    return [current_user.unit_id] if current_user.unit_id else []


def _page(template: str, status: int = 200, **context):
    html = render_template(template, idle_seconds=IDLE_SECONDS, reset_seconds=RESET_SECONDS, **context)
    return html, status, {"Cache-Control": "no-store"}


@staff_bp.route("/tablet")
@roles_required(Role.DESK_OFFICER)
def tablet():
    """The waiting screen: the cases just returned at this desk, or a case code typed in."""
    form = TabletPickForm(request.args)
    error = None
    if form.code.data:
        case = services.find_case(form.code.data)
        if _may_see(case):
            return redirect(url_for("satisfaction.tablet_rate", case_id=case.id))
        error = NO_SUCH_CASE
    cases = services.returned_unrated(_own_units(), utcnow() - RECENT)
    return _page("satisfaction/tablet/waiting.html", 422 if error else 200, form=form, cases=cases, error=error)


@staff_bp.route("/tablet/<int:case_id>", methods=["GET", "POST"])
@roles_required(Role.DESK_OFFICER)
def tablet_rate(case_id: int):
    case = db.session.get(Case, case_id)
    if not _may_see(case):
        abort(404)
    try:
        services.check_may_open(case, current_user)
    except DomainError as err:
        cases = services.returned_unrated(_own_units(), utcnow() - RECENT)
        return _page("satisfaction/tablet/waiting.html", err.status_code, form=TabletPickForm(formdata=None),
                     cases=cases, error=err.message)
    form = TabletRatingForm().set_scale(services.scale())
    if save(form, lambda: services.record_rating(case, form.answers(), channel=Channel.TABLET, now=utcnow(),
                                                 actor=current_user, entered_by=current_user)).ok:
        return redirect(url_for("satisfaction.tablet_thanks"), 303)
    status = 422 if request.method == "POST" else 200
    return _page("satisfaction/tablet/rate.html", status, case=case, form=form, attitude_labels=ATTITUDE_LABELS)


@staff_bp.route("/tablet/cam-on")
@roles_required(Role.DESK_OFFICER)
def tablet_thanks():
    return _page("satisfaction/tablet/thanks.html")
