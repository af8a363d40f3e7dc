"""The calendar notice page: the open cases a new calendar exception moves, and the administrator's
decision (apply or keep the printed dates). Linked from /staff/calendar/ by endpoint name, so the
workdays module never imports cases."""
from __future__ import annotations

from datetime import datetime

from flask import flash, redirect, render_template, url_for
from flask_babel import gettext as _, lazy_gettext as _l
from flask_login import current_user
from flask_wtf import FlaskForm
from wtforms import BooleanField, RadioField
from wtforms.validators import DataRequired, InputRequired

from portal.cases import calendar_notice
from portal.cases.views import bp
from portal.core.access import Role, roles_required
from portal.core.clock import utcnow
from portal.core.db import db
from portal.core.transaction import save
from portal.workdays.labels import KIND_LABELS
from portal.workdays.models import WorkdayException

DECISION_LABELS = {"apply": _l("Apply the notice: move the due dates of these cases and tell the applicants"),
                   "keep": _l("Keep the printed dates: the cases keep the dates on their receipts")}


class NoticeForm(FlaskForm):
    decision = RadioField(_l("Decision"), choices=list(DECISION_LABELS.items()),
                          validators=[InputRequired(_l("Choose whether to apply the notice or keep the printed dates."))])
    confirm = BooleanField(_l("I have checked the list and take this decision"),
                           validators=[DataRequired(_l("Tick the box to confirm the decision."))])


def _page(exception: WorkdayException, form: NoticeForm, status: int = 200):
    decided = calendar_notice.decision_for(exception)
    affected = [] if decided else calendar_notice.affected_cases(exception)
    decided_rows = [{**m, "due": [datetime.fromisoformat(d) for d in m["due"]],
                     "legal": [datetime.fromisoformat(d) for d in m["legal"]]} for m in (decided.moves if decided else [])]
    return render_template("cases/calendar_notice.html", exception=exception, kind_label=KIND_LABELS[exception.kind],
                           affected=affected, decided=decided, decided_rows=decided_rows, form=form,
                           decision_labels=DECISION_LABELS), status


@bp.route("/calendar-notices/<int:exception_id>", methods=["GET", "POST"])
@roles_required(Role.ADMIN)
def calendar_notice_page(exception_id: int):
    exception = db.get_or_404(WorkdayException, exception_id)
    form = NoticeForm()
    outcome = save(form, lambda: calendar_notice.decide(exception, form.decision.data, now=utcnow(),
                                                        actor=current_user._get_current_object()))
    if not outcome.ok:
        return _page(exception, form, outcome.status)
    notice = outcome.value
    if notice.decision == "apply":
        flash(_("The notice was applied: %(num)s case(s) moved; the applicants will be told.",
                num=len(notice.moves)), "success")
    else:
        flash(_("The printed dates were kept for %(num)s case(s).", num=len(notice.moves)), "success")
    return redirect(url_for("cases.calendar_notice_page", exception_id=exception.id))
