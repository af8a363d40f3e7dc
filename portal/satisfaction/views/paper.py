"""Paper slips typed in by staff: the four answers of the slip, channel PAPER, who typed it recorded
and audited. Errors about the case itself (not returned, rated already, typed by its handler) are shown
beside the case code."""
from __future__ import annotations

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from portal.core.access import Role, roles_required
from portal.core.clock import utcnow
from portal.core.errors import DomainError
from portal.core.transaction import save
from portal.satisfaction import services
from portal.satisfaction.forms import PaperRatingForm
from portal.satisfaction.rules import Channel
from portal.satisfaction.views import staff_bp
from portal.satisfaction.views.tablet import NO_SUCH_CASE, _may_see


@staff_bp.route("/paper", methods=["GET", "POST"])
@roles_required(Role.DESK_OFFICER, Role.UNIT_HEAD, Role.MANAGER)
def paper():
    form = PaperRatingForm().set_scale(services.scale())

    def record() -> str:
        case = services.find_case(form.code.data or "")
        if not _may_see(case):
            raise DomainError(NO_SUCH_CASE, field="code")
        services.record_rating(case, form.answers(), channel=Channel.PAPER, now=utcnow(), actor=current_user,
                               entered_by=current_user)
        return case.code

    outcome = save(form, record, attach=_beside_its_field)
    if outcome.ok:
        flash(_("The slip for case %(code)s was saved.", code=outcome.value), "success")
        return redirect(url_for("satisfaction.paper"), 303)
    status = 422 if request.method == "POST" else 200
    return render_template("satisfaction/paper.html", form=form), status


def _beside_its_field(form: PaperRatingForm, err: DomainError) -> None:
    """A refusal about the case itself (not returned, rated already, typed by its handler) beside the case code."""
    target = form[err.field] if err.field in form else form.code
    target.errors = list(target.errors) + [err.message]
