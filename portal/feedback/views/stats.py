"""Statistics of phản ánh, kiến nghị for managers and unit heads, with its XLSX export."""
from __future__ import annotations

from io import BytesIO

from flask import request, send_file, url_for
from flask_babel import gettext as _, lazy_gettext as _l
from flask_login import current_user

from portal.core import stats as kernel
from portal.core.access import Role, has_any_role, roles_required
from portal.core.clock import today_local, utcnow
from portal.core.htmx import render
from portal.core.numbers import int_arg
from portal.core.stats import Indicator
from portal.core.xlsx import XLSX_MIMETYPE, figures_workbook
from portal.feedback import stats
from portal.feedback.formulas import FEEDBACK
from portal.feedback.labels import CATEGORY_LABELS
from portal.feedback.staff_forms import CHANNEL_LABELS, SUBJECT_LABELS
from portal.feedback.views import staff_bp
from portal.feedback.vocabulary import FeedbackKind
from portal.units import scope
from portal.units.services import all_units

KIND_LABELS = {FeedbackKind.REFLECTION: _l("Phản ánh (reports of a problem)"),
               FeedbackKind.PROPOSAL: _l("Kiến nghị (proposals)")}
UNCLASSIFIED = _l("Not classified yet")
# (figure, label) of the table by unit and of the XLSX sheet
COLUMNS = (
    ("received", _l("Received")), ("handled", _l("Handled")), ("on_time", _l("On time")), ("late", _l("Late")),
    ("rejected", _l("Rejected")), ("transferred", _l("Transferred")), ("open", _l("Open")),
    ("open_overdue", _l("Open, overdue")), ("open_due_soon", _l("Open, due soon")),
    ("on_time_rate", _l("On-time rate")), ("satisfaction_rate", _l("Satisfaction")),
)
SATISFACTION_RATE = Indicator("satisfaction_rate", _l("Satisfied with the answer"),
                              _l("Satisfaction = submitters satisfied ÷ submitters who said whether they are "
                                 "satisfied with a published answer, of the feedback received in the period."))
# The indicators (one definition each: feedback.formulas, feedback.indicators), then the answer's satisfaction.
INDICATORS = {**FEEDBACK, SATISFACTION_RATE.key: SATISFACTION_RATE}
FORMULAS = {
    "handled": _l("Received, handled, rejected, transferred, open: the feedback received in the period as it stands "
                  "now. Handled = answered: answer published or sent privately. Rejected and transferred feedback "
                  "is counted apart and not in the rates."),
    **{key: i.formula for key, i in INDICATORS.items()},
}


def _int_arg(name: str) -> int | None:
    return int_arg(request.args, name)  # malformed or beyond any id: absent


def _report():
    """Managers see every unit; a unit head only their own, whatever the query says."""
    sees_all = has_any_role(current_user, {Role.MANAGER})
    period = kernel.parse_period(request.args, today_local(), allow_month=False)
    unit_id = _int_arg("unit") if sees_all else current_user.unit_id
    units = scope.parse_mode(request.args)
    return stats.feedback_statistics(period, now=utcnow(), unit_id=unit_id, units=units), sees_all


def _years() -> list[int]:
    this_year = today_local().year
    return list(range(this_year, this_year - 10, -1))


@staff_bp.route("/statistics")
@roles_required(Role.MANAGER, Role.UNIT_HEAD)
def statistics():
    report, sees_all = _report()
    units = all_units() if sees_all else [current_user.unit]
    latest = stats.latest_year(report.unit_id, report.units) if not report.total.received else None
    return render("feedback/staff/stats.html", "feedback/staff/_partials/stats_report.html", report=report,
                  sees_all=sees_all, units=units, years=_years(), columns=COLUMNS, formulas=FORMULAS,
                  indicators=INDICATORS, latest_year=latest, channel_labels=CHANNEL_LABELS, category_labels=CATEGORY_LABELS,
                  kind_labels=KIND_LABELS, subject_labels={**SUBJECT_LABELS, None: UNCLASSIFIED},
                  xlsx_url=url_for("feedback_staff.statistics_xlsx", **request.args.to_dict()))


@staff_bp.route("/statistics.xlsx")
@roles_required(Role.MANAGER, Role.UNIT_HEAD)
def statistics_xlsx():
    report, _sees_all = _report()
    return send_file(BytesIO(workbook(report)), mimetype=XLSX_MIMETYPE, as_attachment=True,
                     download_name=f"thong-ke-pakn-{report.period.start:%Y%m%d}-{report.period.end:%Y%m%d}.xlsx")


def value_of(row: stats.Row, key: str):
    figure = getattr(row, key)
    return figure.value if isinstance(figure, stats.Rate) else figure


def workbook(report: stats.Report) -> bytes:
    """One sheet: the period, the table by unit with its total row, then the formulas."""
    rows = [[row.code, _("Total") if row is report.total else row.name or _("Not yet given to a unit"),
             *[value_of(row, key) for key, _label in COLUMNS]] for row in [*report.rows, report.total]]
    return figures_workbook(_("Feedback statistics"), report.period.start, report.period.end,
                            [_("Code"), f'{_("Unit")} ({scope.MODES[report.units]})', *[label for _key, label in COLUMNS]], rows, FORMULAS.values(),
                            widths={"B": 40})
