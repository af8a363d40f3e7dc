"""Consultations of other units on a case (liên thông legs): send one, record its answer."""
from __future__ import annotations

from flask import abort, flash, redirect, url_for
from flask_babel import format_datetime, gettext as _
from flask_login import current_user
from sqlalchemy.orm.exc import StaleDataError

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
from portal.core.errors import DomainError
from portal.core.forms import attach_error
from portal.units.services import unit_choices


@bp.route("/<int:case_id>/legs", methods=["POST"])
@roles_required(*CASE_STAFF)
def open_leg(case_id: int):
    case = _case_or_404(case_id)
    if not _may_consult(case):
        abort(403)
    form = LegForm(prefix="leg")
    form.unit_id.choices = [(0, "")] + unit_choices()
    if not form.validate_on_submit():
        return _case_page(case, 422, leg_form=form)
    try:
        leg = legs.open_leg(case, unit_id=form.unit_id.data, purpose=form.purpose.data, due_days=form.due_days.data,
                            now=utcnow(), expected_version=_expected_version(form), actor=current_user)
        db.session.commit()
    except StaleDataError:
        db.session.rollback()
        return _case_page(case, 409, leg_form=form, error=CONFLICT)
    except DomainError as err:
        db.session.rollback()
        attach_error(form, err)
        return _case_page(case, err.status_code, leg_form=form, error=err.message)
    flash(_("Consultation sent to %(unit)s; answer due %(due)s.", unit=leg.unit.name,
            due=format_datetime(leg.due_at)), "success")
    return redirect(url_for("cases.show", case_id=case.id))


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
    if not form.validate_on_submit():
        return _case_page(case, 422, answer_forms={leg.id: form})
    try:
        legs.close_leg(leg, note=form.answer.data, now=utcnow(), actor=current_user)
        db.session.commit()
    except DomainError as err:
        db.session.rollback()
        return _case_page(case, err.status_code, error=err.message)
    flash(_("Answer recorded; the file is back with %(unit)s.", unit=case.handling_unit.name), "success")
    return redirect(url_for("cases.show", case_id=case.id))
