"""The year's calendar with holidays and exceptions; administrators maintain the exceptions."""
from __future__ import annotations

from datetime import date
from io import BytesIO

from babel.dates import get_day_names
from flask import Blueprint, flash, redirect, render_template, request, send_file, url_for
from flask_babel import get_locale, gettext as _, ngettext

from portal.core.access import Role, roles_required, staff_required
from portal.core.clock import today_local
from portal.core.db import db
from portal.core.transaction import save
from portal.core.xlsx import XLSX_MIMETYPE
from portal.workdays import notice_import, services
from portal.workdays.forms import DeleteForm, ExceptionForm, NoticeConfirmForm, NoticeUploadForm
from portal.workdays.labels import KIND_LABELS, NOTICE_CHANGE_LABELS, NOTICE_KIND_LABELS
from portal.workdays.models import WorkdayException
from portal.workdays.rules import NoticeChange

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


def _render(year: int, form: ExceptionForm, status: int = 200, notice_form: NoticeUploadForm | None = None):
    cal = services.calendar_for([year])
    exceptions = services.exceptions_between(date(year, 1, 1), date(year, 12, 31))
    return render_template("workdays/calendar.html", year=year, months=services.year_view(cal, year),
                           summary=services.year_summary(cal, year), exceptions=exceptions, form=form,
                           delete_form=DeleteForm(), kind_labels=KIND_LABELS, today=today_local(),
                           weekdays=_weekday_names(), notice_form=notice_form or NoticeUploadForm(year=year),
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


# --- the Government's yearly notice: upload, preview, confirm (admin only) -----------------------------------

@bp.route("/notice", methods=["POST"])
@roles_required(Role.ADMIN)
def import_notice():
    """Read and check the uploaded notice and show what it would change; nothing is stored here."""
    form = NoticeUploadForm()
    outcome = save(form, lambda: services.read_notice_file(_upload(form), form.file.data.filename or "",
                                                           form.year.data))
    if not outcome.ok:
        return _render(_form_year(form), ExceptionForm(formdata=None), 422, notice_form=form)
    preview = outcome.value
    confirm = NoticeConfirmForm(formdata=None, year=preview.year, rows=services.notice_payload(preview))
    return _render_preview(preview, confirm, 200 if preview.ok else 422)


@bp.route("/notice/confirm", methods=["POST"])
@roles_required(Role.ADMIN)
def confirm_notice():
    """Check the previewed rows again and apply them in one transaction, one audit row per change."""
    form = NoticeConfirmForm()
    outcome = save(form, lambda: services.apply_notice(services.notice_records(form.rows.data), form.year.data))
    if outcome.ok:
        done = outcome.value
        flash(ngettext("Notice for %(year)s imported: %(num)d date added, %(changed)d changed, %(same)d already "
                       "there.", "Notice for %(year)s imported: %(num)d dates added, %(changed)d changed, %(same)d "
                       "already there.", done.count(NoticeChange.ADD), year=done.year,
                       changed=done.count(NoticeChange.CHANGE),
                       same=done.count(NoticeChange.SAME_LOCAL, NoticeChange.SAME_NATIONAL)), "success")
        return redirect(url_for("workdays.calendar", year=done.year))
    year = _form_year(form)
    notice_form = NoticeUploadForm(formdata=None, year=year)
    notice_form.file.errors = [outcome.message or services.NOTICE_EXPIRED]
    return _render(year, ExceptionForm(formdata=None), 422, notice_form=notice_form)


@bp.route("/notice/template.xlsx")
@roles_required(Role.ADMIN)
def notice_template():
    return send_file(BytesIO(notice_import.template_xlsx()), mimetype=XLSX_MIMETYPE, as_attachment=True,
                     download_name="mau-thong-bao-ngay-nghi-lam-bu.xlsx")


def _upload(form: NoticeUploadForm) -> bytes:
    return form.file.data.stream.read(notice_import.MAX_BYTES + 1)


def _render_preview(preview, confirm: NoticeConfirmForm, status: int):
    return render_template("workdays/notice_preview.html", preview=preview, confirm_form=confirm,
                           kind_labels=KIND_LABELS, notice_kind_labels=NOTICE_KIND_LABELS,
                           change_labels=NOTICE_CHANGE_LABELS, changes=NoticeChange), status


def _form_year(form) -> int:
    year = form.year.data
    return year if isinstance(year, int) and 2000 <= year <= 2100 else _year_arg()
