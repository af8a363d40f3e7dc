"""Statistics of one-stop cases (Hoạt động 2.5.3): the staff page with its XLSX export, and the public page."""
from __future__ import annotations

from io import BytesIO

from flask import request, send_file, url_for
from flask_babel import gettext as _, lazy_gettext as _l
from flask_login import current_user
from sqlalchemy import select

from portal.cases import stats
from portal.cases.formulas import CASES
from portal.cases.views import bp, public_bp
from portal.core import stats as kernel
from portal.core.access import Role, has_any_role, public, roles_required
from portal.core.cache import cached_page
from portal.core.clock import today_local, utcnow
from portal.core.db import db
from portal.core.htmx import render
from portal.core.numbers import int_arg
from portal.core.xlsx import XLSX_MIMETYPE, figures_workbook
from portal.extensions import public_statistics_limit
from portal.procedures.models import Procedure
from portal.units import scope
from portal.units.services import all_units

# Column order of the table, the chart legend and the XLSX sheet.
COLUMNS = (
    ("received", _l("Received")),
    ("early", _l("Finished early")),
    ("on_time", _l("Finished on time")),
    ("late", _l("Finished late")),
    ("finished", _l("Finished")),
    ("open_in_time", _l("Open, in time")),
    ("open_overdue", _l("Open, overdue")),
    ("apologies", _l("Apologies issued")),
    ("late_with_apology", _l("Late — apologised")),
    ("late_with_late_apology", _l("Late — late apology")),
    ("late_without_apology", _l("Late — no apology")),
    ("on_time_rate", _l("On-time rate")),
    ("on_time_rate_766", _l("On-time rate (QĐ 766)")),
)
FORMULAS = (
    *((key, i.formula) for key, i in CASES.items()),  # the indicators' one definition each
    ("timing", _l("Every case is judged against the date promised at receipt (moved only by a supplement), by "
                  "days: finished on the due day at any hour is on time, open cases are overdue from the day after. "
                  "An apology does not make a case on time.")),
    ("late_with_apology", _l("Late cases = cases finished late in the period + cases open and overdue at its end. "
                             "Late — apologised: with an apology (Mẫu 04) issued at least one working day before "
                             "the due date (NĐ 61/2018 Điều 19); late apology: issued after that, or for a lost or "
                             "damaged file (Điều 21); no apology: none by the end of the period.")),
)


def _int_arg(name: str) -> int | None:
    return int_arg(request.args, name)  # malformed or beyond any id: absent


def _procedures() -> list:
    return list(db.session.execute(select(Procedure.id, Procedure.code, Procedure.name)
                                   .where(Procedure.current_version_id.is_not(None)).order_by(Procedure.sort_name)))


def _staff_report():
    """Managers see every unit; a unit head only the unit they belong to, whatever the query says."""
    sees_all = has_any_role(current_user, {Role.MANAGER})
    period = kernel.parse_period(request.args, today_local())
    unit_id = _int_arg("unit") if sees_all else current_user.unit_id
    procedure_id = _int_arg("procedure")
    by = request.args.get("by") if request.args.get("by") in stats.GROUPINGS else "unit"
    units = scope.parse_mode(request.args)
    report = stats.case_statistics(period, now=utcnow(), by=by, unit_id=unit_id, procedure_id=procedure_id,
                                   units=units)
    return report, {"unit": unit_id, "procedure": procedure_id, "by": by, "sees_all": sees_all, "units": units}


def _years() -> list[int]:
    this_year = today_local().year
    return list(range(this_year, max(kernel.MIN_YEAR, this_year - 9) - 1, -1))


@bp.route("/statistics")
@roles_required(Role.MANAGER, Role.UNIT_HEAD)
def statistics():
    report, f = _staff_report()
    units = all_units() if f["sees_all"] else [current_user.unit]
    return render("cases/stats/index.html", "cases/stats/_partials/report.html", report=report, f=f,
                  columns=COLUMNS, formulas=FORMULAS, indicators=CASES, units=units, procedures=_procedures(), years=_years(),
                  xlsx_url=_xlsx_url(), latest_year=_latest_year(report, f["unit"]))


def _latest_year(report: stats.Report, unit_id: int | None) -> int | None:
    """Only when nothing was received in the period (cases still open from earlier years may show): the
    year of the latest receipt, offered as a link."""
    return None if report.total.received else stats.latest_year(unit_id, report.units)


def _xlsx_url() -> str:
    return url_for("cases.statistics_xlsx", **request.args.to_dict())


@bp.route("/statistics.xlsx")
@roles_required(Role.MANAGER, Role.UNIT_HEAD)
def statistics_xlsx():
    report, _f = _staff_report()
    period = report.period
    return send_file(BytesIO(workbook(report)), mimetype=XLSX_MIMETYPE, as_attachment=True,
                     download_name=f"thong-ke-ho-so-{period.start:%Y%m%d}-{period.end:%Y%m%d}.xlsx")


def workbook(report: stats.Report) -> bytes:
    """One sheet: the period, the table with its total row, then the formulas."""
    heading = _("Procedure") if report.by == "procedure" else _("Handling unit")
    rows = []
    if report.by == "unit":
        heading = f"{heading} ({scope.MODES[report.units]})"
    for row in [*report.rows, report.total]:
        values = stats.figures(row)
        rows.append([row.code, row.name if row.key is not None else _("Total"), *[values[key] for key, _label in COLUMNS]])
    return figures_workbook(_("Case statistics"), report.period.start, report.period.end,
                            [_("Code"), heading, *[label for _key, label in COLUMNS]], rows,
                            [text for _key, text in FORMULAS], widths={"A": 26, "B": 44})


def _param_in(low: int, high: int):
    """A page-cache normaliser: the value as kernel.parse_int reads it (canonical digits), None when it ignores it."""
    def normalise(raw: str) -> str | None:
        value = kernel.parse_int(raw, low, high)
        return None if value is None else str(value)
    return normalise


# What parse_period(allow_range=False, allow_month=False) and scope.parse_mode read; the year's upper bound
# (today + 1 in parse_period) is left to the view, which reads the same canonical text.
PUBLIC_PARAMS = (("year", _param_in(kernel.MIN_YEAR, 9999)), ("quarter", _param_in(1, 4)),
                 ("units", lambda raw: scope.AS_IS if raw.strip() == scope.AS_IS else None))


@public_bp.route("/thong-ke", endpoint="statistics")
@public
@public_statistics_limit
@cached_page(params=PUBLIC_PARAMS)
def public_statistics():
    """By handling unit for a year or a quarter; counts only: no names, no personal data."""
    period = kernel.parse_period(request.args, today_local(), allow_range=False, allow_month=False)
    units = scope.parse_mode(request.args)
    report = stats.case_statistics(period, now=utcnow(), by="unit", units=units)
    return render("cases/stats/public.html", "cases/stats/_partials/report.html", report=report,
                  f={"by": "unit", "public": True, "units": units}, columns=COLUMNS, formulas=FORMULAS, indicators=CASES, years=_years(),
                  latest_year=_latest_year(report, None))
