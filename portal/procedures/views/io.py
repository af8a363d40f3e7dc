"""Import and export of the catalogue: managers import a spreadsheet, every editor exports."""
from __future__ import annotations

import tempfile

from flask import Response, current_app, flash, redirect, render_template, send_file, stream_with_context, url_for
from flask_babel import gettext as _, lazy_gettext as _l, ngettext
from flask_login import current_user
from flask_wtf import FlaskForm
from flask_wtf.file import FileAllowed, FileField, FileRequired
from wtforms import RadioField
from wtforms.validators import ValidationError

from portal.core.access import Role, roles_required
from portal.core.clock import today_local
from portal.core.transaction import save
from portal.core.xlsx import XLSX_MIMETYPE
from portal.procedures import exports, imports
from portal.procedures.views import staff_bp
from portal.procedures.views.staff import EDITORS


class ProcedureImportForm(FlaskForm):
    # Kept beside its only view: forms.py is the catalogue editor's.
    file = FileField(_l("File (XLSX or CSV)"), validators=[
        FileRequired(_l("Choose a file to import.")),
        FileAllowed(["xlsx", "csv"], _l("Only XLSX and CSV files can be imported."))])
    mode = RadioField(_l("When some rows have problems"), default="all_or_nothing", choices=[
        ("all_or_nothing", _l("Import nothing: correct the file and upload it again (all or nothing)")),
        ("valid_only", _l("Import the valid rows only, and list the others"))])

    def validate_file(self, field):
        limit = current_app.config["IMPORT_MAX_BYTES"]
        self.data_bytes = field.data.stream.read(limit + 1)
        if len(self.data_bytes) > limit:
            raise ValidationError(_l("The file is larger than %(mb)s MB.", mb=limit // (1024 * 1024)))


@staff_bp.route("/import", methods=["GET", "POST"])
@roles_required(Role.MANAGER)
def import_catalogue():
    form = ProcedureImportForm()

    def run_import():
        name = form.file.data.filename or ""
        rows = imports.read_rows(form.data_bytes, name, current_app.config["IMPORT_MAX_ROWS"])
        return imports.import_procedures(rows, form.mode.data, actor=current_user, source=name)

    # An IntegrityError is a code added by someone else since the check: the whole import is undone.
    outcome = save(form, run_import, duplicate=_("The catalogue changed while the file was being imported. "
                                                 "Nothing was imported; please try again."))
    report = outcome.value
    if outcome.ok:
        if report.created:
            flash(ngettext("%(num)d procedure imported and published.", "%(num)d procedures imported and published.",
                           report.created), "success")
        if not report.problems:
            return redirect(url_for("procedures_staff.index"))
    failed = form.errors or form.form_errors or (report is not None and not report.created)
    return render_template("procedures/staff/import.html", form=form, report=report), 422 if failed else 200


@staff_bp.route("/import/template.xlsx")
@roles_required(*EDITORS)
def import_template():
    return _xlsx(exports.write_template_xlsx, "mau-nhap-thu-tuc-hanh-chinh.xlsx")


@staff_bp.route("/export.xlsx")
@roles_required(*EDITORS)
def export_xlsx():
    return _xlsx(exports.write_catalogue_xlsx, exports.filename("xlsx", today_local()))


@staff_bp.route("/export.json")
@roles_required(*EDITORS)
def export_json():
    name = exports.filename("json", today_local())
    return Response(stream_with_context(exports.catalogue_json()), mimetype="application/json",
                    headers={"Content-Disposition": f'attachment; filename="{name}"'})


def _xlsx(write, download_name: str):
    # A zip cannot be streamed while written; spill to disk past 8 MB instead of holding it in memory.
    buffer = tempfile.SpooledTemporaryFile(max_size=8 * 1024 * 1024)
    write(buffer)
    buffer.seek(0)
    return send_file(buffer, mimetype=XLSX_MIMETYPE, as_attachment=True, download_name=download_name)
