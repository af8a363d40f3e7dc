"""The year's calendar with holidays and exceptions; administrators maintain the exceptions."""
from __future__ import annotations

from datetime import date

from babel.dates import get_day_names
from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_babel import get_locale, gettext as _

from portal.core.access import Role, roles_required, staff_required
from portal.core.clock import today_local
from portal.core.db import db
from portal.core.transaction import save
from portal.workdays import services
from portal.workdays.forms import DeleteForm, ExceptionForm
from portal.workdays.labels import KIND_LABELS
from portal.workdays.models import WorkdayException

# The cases module (which depends on this one, never the reverse) lists the open cases an exception moves
# and records the administrator's decision (DOMAIN.md §4); linked by endpoint name only.
bp = Blueprint("workdays", __name__, url_prefix="/staff/calendar")


NOTICE_ENDPOINT = "cases.calendar_notice_page"


def _year_arg() -> int:
    try:
        year = int(request.args.get("year", today_local().year))
    except ValueError:
        year = today_local().year
    return min(max(year, 2000), 2100)


def _render(year: int, form: ExceptionForm, status: int = 200):
    cal = services.calendar_for([year])
    exceptions = services.exceptions_between(date(year, 1, 1), date(year, 12, 31))
    return render_template("workdays/calendar.html", year=year, months=services.year_view(cal, year),
                           summary=services.year_summary(cal, year), exceptions=exceptions, form=form,
                           delete_form=DeleteForm(), kind_labels=KIND_LABELS, today=today_local(),
                           weekdays=_weekday_names(),
                           notice_endpoint=NOTICE_ENDPOINT), status


def _weekday_names() -> list[str]:
    names = get_day_names("abbreviated", locale=get_locale())
    return [names[i] for i in range(7)]


@bp.route("/")
@staff_required
def calendar():
    return _render(_year_arg(), ExceptionForm())


@bp.route("/exceptions", methods=["POST"])
@roles_required(Role.ADMIN)
def add_exception():
    form = ExceptionForm()
    year = form.on.data.year if form.on.data else _year_arg()
    outcome = save(form, lambda: services.add_exception(form.on.data, form.kind.data, form.reason.data))
    if outcome.ok:
        flash(_("Exception for %(day)s saved.", day=form.on.data.strftime("%d/%m/%Y")), "success")
        # on to the open cases it moves, and the decision to apply it
        return redirect(url_for(NOTICE_ENDPOINT, exception_id=outcome.value.id))
    return _render(year, form, 422)


@bp.route("/exceptions/<int:exception_id>/delete", methods=["POST"])
@roles_required(Role.ADMIN)
def delete_exception(exception_id: int):
    row = db.get_or_404(WorkdayException, exception_id)
    if not DeleteForm().validate_on_submit():
        return redirect(url_for("workdays.calendar", year=row.on.year))
    year = row.on.year
    save(None, lambda: services.remove_exception(row)).flash(_("The exception has been removed."))
    return redirect(url_for("workdays.calendar", year=year))
