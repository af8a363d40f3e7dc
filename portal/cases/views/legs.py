"""Consultations of other units on a case (liên thông legs): send one, record its answer."""
from __future__ import annotations

from flask import abort, flash, redirect, url_for
from flask_babel import format_datetime, gettext as _
from flask_login import current_user

from portal.cases import legs
from portal.cases.forms import LegAnswerForm, LegForm
from portal.cases.models import CaseLeg
from portal.cases.views import bp
from portal.cases.views.desk import (
    CASE_STAFF,
    CONFLICT,
    _case_or_404,
    _case_page,
    _expected_version,
    _may_answer,
    _may_consult,
)
from portal.core.access import roles_required
from portal.core.clock import utcnow
from portal.core.db import db
from portal.core.transaction import save
from portal.units.services import unit_choices


@bp.route("/<int:case_id>/legs", methods=["POST"])
@roles_required(*CASE_STAFF)
def open_leg(case_id: int):
    case = _case_or_404(case_id)
    if not _may_consult(case):
        abort(403)
    form = LegForm(prefix="leg")
    form.unit_id.choices = [(0, "")] + unit_choices()
    outcome = save(form, lambda: legs.open_leg(case, unit_id=form.unit_id.data, purpose=form.purpose.data,
                                               due_days=form.due_days.data, now=utcnow(),
                                               expected_version=_expected_version(form), actor=current_user),
                   conflict=CONFLICT)
    if outcome.ok:
        leg = outcome.value
        flash(_("Consultation sent to %(unit)s; answer due %(due)s.", unit=leg.unit.name,
                due=format_datetime(leg.due_at)), "success")
        return redirect(url_for("cases.show", case_id=case.id))
    return _case_page(case, outcome.status, leg_form=form, error=outcome.message)


@bp.route("/<int:case_id>/legs/<int:leg_id>/answer", methods=["POST"])
@roles_required(*CASE_STAFF)
def answer_leg(case_id: int, leg_id: int):
    case = _case_or_404(case_id)
    leg = db.get_or_404(CaseLeg, leg_id)
    if leg.case_id != case.id:
        abort(404)
    if not _may_answer(case, leg):
        abort(403)
    form = LegAnswerForm(prefix=f"answer-{leg.id}")
    outcome = save(form, lambda: legs.close_leg(leg, note=form.answer.data, now=utcnow(), actor=current_user),
                   attach=None, conflict=CONFLICT)
    if outcome.ok:
        flash(_("Answer recorded; the file is back with %(unit)s.", unit=case.handling_unit.name), "success")
        return redirect(url_for("cases.show", case_id=case.id))
    if outcome.error is None:
        return _case_page(case, 422, answer_forms={leg.id: form})
    return _case_page(case, outcome.status, error=outcome.message)
