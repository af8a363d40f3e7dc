"""The managers' dashboard of per-case satisfaction (DOMAIN.md §6): rates with n and intervals, the
response rate, the monthly trend (server-side SVG beside its table), the TT 01/2018 scores, and
anonymised exports of the ratings (CSV streamed, XLSX bounded)."""
from __future__ import annotations

import io

from flask import Blueprint, Response, current_app, flash, redirect, request, url_for
from flask_babel import format_decimal, gettext as _, lazy_gettext as _l
from flask_login import current_user
from sqlalchemy import select
from werkzeug.routing import BuildError

from portal.auth.models import StaffUser
from portal.core import audit, stats as kernel
from portal.core.access import Role, has_any_role, roles_required
from portal.core.clock import today_local
from portal.core.csv_export import BOM, csv_writer
from portal.core.db import db
from portal.core.htmx import render
from portal.core.numbers import int_arg
from portal.core.text import sort_key
from portal.core.xlsx import XLSX_MIMETYPE, append_row, new_workbook, workbook_bytes
from portal.procedures.models import Procedure
from portal.satisfaction import rules, selection, stats, tables, tt01
from portal.satisfaction.models import Rating
from portal.satisfaction.rollup import RatingMonth
from portal.units import scope
from portal.units.models import Unit
from portal.units.services import all_units

bp = Blueprint("satisfaction_dashboard", __name__, url_prefix="/staff/satisfaction")

XLSX_MAX_ROWS = 100_000  # a bigger period goes to CSV, which streams
CHANNELS = {rules.Channel.TABLET.value: _l("Desk tablet"), rules.Channel.ONLINE.value: _l("Online (QR code)"),
            rules.Channel.PAPER.value: _l("Paper slip")}
LEVELS = {rules.Level.VERY_SATISFIED.value: _l("Very satisfied"), rules.Level.SATISFIED.value: _l("Satisfied"),
          rules.Level.NEUTRAL.value: _l("Neutral"), rules.Level.NOT_SATISFIED.value: _l("Not satisfied"),
          rules.Level.VERY_NOT_SATISFIED.value: _l("Very dissatisfied")}
OFFICER_GRADES = {tt01.OfficerGrade.COMPLETE: _l("Tasks completed: 100%"),  # TT 01/2018 Điều 15 k3 a
                  tt01.OfficerGrade.PARTLY: _l("Tasks completed: 70% to under 100%"),
                  tt01.OfficerGrade.NOT_COMPLETE: _l("Tasks completed: under 70%")}
AGENCY_GRADES = {tt01.AgencyGrade.EXCELLENT: _l("Excellent"), tt01.AgencyGrade.GOOD: _l("Good"),
                 tt01.AgencyGrade.FAIR: _l("Fair"), tt01.AgencyGrade.AVERAGE: _l("Average"),
                 tt01.AgencyGrade.WEAK: _l("Weak")}


def _int_arg(name: str) -> int | None:
    return int_arg(request.args, name)  # malformed or beyond any id: absent


def _selection():
    """Managers see every unit; a unit head only their own unit, whatever the query says."""
    sees_all = has_any_role(current_user, {Role.MANAGER})
    period = kernel.parse_period(request.args, today_local(), range_of="month")
    channel = request.args.get("channel") if request.args.get("channel") in CHANNELS else None
    unit_id, units = _int_arg("unit") if sees_all else current_user.unit_id, scope.parse_mode(request.args)
    unit_ids = scope.unit_filter(unit_id, units)
    filters = selection.Filters(unit_id=unit_id, procedure_id=_int_arg("procedure"), officer_id=_int_arg("officer"),
                                channel=channel, units=units, unit_ids=frozenset(unit_ids) if unit_ids else None)
    return period, filters, sees_all


def _years() -> list[int]:
    this_year = today_local().year
    return list(range(this_year, max(kernel.MIN_YEAR, this_year - 9) - 1, -1))


def trend_chart(report: tables.Report) -> dict:
    """Geometry of the monthly trend: a bar per month (satisfied share) with its 95% interval as a
    whisker, and the target as a dashed line. Months under the minimum n get no bar."""
    left, top, width, height = 44, 12, 640, 200
    step = width / max(1, len(report.months))
    bars = []
    for i, group in enumerate(report.months):
        rate = group.rate
        x = left + i * step
        bar = {"x": x + step * 0.15, "w": step * 0.7, "label": f"{group.key % 100:02d}", "mid": x + step / 2,
               "group": group, "shown": not rate.too_few and rate.value is not None}
        if bar["shown"]:
            bar["y"] = top + height * (1 - rate.value)
            bar["h"] = height * rate.value
            bar["low"], bar["high"] = top + height * (1 - rate.low), top + height * (1 - rate.high)
        bars.append(bar)
    return {"left": left, "top": top, "width": width, "height": height, "bars": bars,
            "target_y": top + height * (1 - report.target), "ticks": [(top + height * (1 - t / 100), t)
                                                                      for t in (0, 20, 40, 60, 80, 100)]}


def _officers(filters: selection.Filters, sees_all: bool) -> list:
    rated = select(RatingMonth.officer_key).distinct()  # the rollup, not a million ratings
    stmt = select(StaffUser.id, StaffUser.full_name).where(StaffUser.id.in_(rated))
    if not sees_all:
        stmt = stmt.where(StaffUser.unit_id == filters.unit_id)
    return sorted(db.session.execute(stmt), key=lambda r: sort_key(r.full_name))


@bp.route("/")
@roles_required(Role.MANAGER, Role.UNIT_HEAD)
def dashboard():
    period, filters, sees_all = _selection()
    report = stats.report(period, filters)
    case_satisfaction = _case_satisfaction(period, filters) if report.response_applies else None
    procedures = list(db.session.execute(select(Procedure.id, Procedure.name).where(
        Procedure.current_version_id.is_not(None)).order_by(Procedure.sort_name)))
    return render("satisfaction/dashboard.html", "satisfaction/_partials/dashboard_report.html", report=report,
                  chart=trend_chart(report), sees_all=sees_all, years=_years(),
                  units=all_units() if sees_all else [current_user.unit], procedures=procedures,
                  officers=_officers(filters, sees_all), channels=_plain(CHANNELS), officer_grades=_plain(OFFICER_GRADES),
                  agency_grades=_plain(AGENCY_GRADES), query=request.args.to_dict(), surveys_url=_surveys_url(),
                  case_satisfaction=case_satisfaction,
                  entered=stats.entered_by_staff(period, filters) if sees_all else None, **number_formatters())


def _case_satisfaction(period, filters):
    """The QĐ 766 case satisfaction of the same cases (cases.indicators, via the case statistics), shown
    beside the ratings' share: (indicator, Rate). Not for one officer or one channel (cases have neither)."""
    from portal.cases.formulas import CASES
    from portal.cases.stats import case_statistics
    from portal.core.clock import utcnow

    total = case_statistics(period, now=utcnow(), unit_id=filters.unit_id, procedure_id=filters.procedure_id,
                            units=filters.units).total
    return CASES["satisfaction_766"], total.satisfaction_766


def _plain(labels: dict) -> dict:
    """Lazy labels translated once per request (a table shows each many times)."""
    return {key: str(label) for key, label in labels.items()}


def number_formatters() -> dict:
    """Numbers in the locale's symbols without a Babel call per cell: the page shows hundreds of them
    (Babel's format_decimal costs ~20 µs each; these cost ~1 µs)."""
    from babel.numbers import get_decimal_symbol, get_group_symbol
    from flask_babel import get_locale

    locale = get_locale()
    point, group = get_decimal_symbol(locale), get_group_symbol(locale)
    table = str.maketrans({",": group, ".": point})

    def num(value) -> str:
        return "" if value is None else f"{value:,}".translate(table)

    def dec(value, digits: int = 1) -> str:
        if value is None:
            return "—"
        text = f"{value:,.{digits}f}"
        if digits:
            text = text.rstrip("0").rstrip(".")
        return text.translate(table)

    return {"num": num, "dec": dec}


def _surveys_url() -> str | None:
    try:
        return url_for("surveys_staff.index")
    except BuildError:
        return None


# ---------------------------------------------------------------- exports

FILE_POINTS = (1, 2, 3, 4, 6, 7)  # TT 01/2018 Điều 14 k1: scored per file (6: published on the portal, 0/1)
EXPORT_COLUMNS = (_l("Date rated"), _l("Handling unit"), _l("Procedure"), _l("Channel"), _l("Level"),
                  _l("Satisfied"), *[f"{i}" for i in FILE_POINTS], _l("Indicators 1+2+3+4+7 of the file (max 10)"))


def export_rows(period: kernel.Period, filters: selection.Filters, labels: dict | None = None):
    """Anonymised ratings of the selection: no case code, applicant, comment or person who entered it.
    `labels`: channel and level names already translated (a streamed body outlives the request)."""
    labels = labels or _labels()
    units = dict(db.session.execute(select(Unit.id, Unit.name)).all())
    if filters.units == scope.AS_IS:  # the handling unit column names the unit that carries the work on
        units = {uid: units.get(carrier, "") for uid, carrier in scope.rollup(units, scope.AS_IS).items()}
    procedures = dict(db.session.execute(select(Procedure.id, Procedure.name)).all())
    stmt = (select(Rating.rated_on, Rating.unit_id, Rating.procedure_id, Rating.channel, Rating.level,
                   Rating.satisfied, *[getattr(Rating, f"i{i}") for i in FILE_POINTS], Rating.officer_score)
            .where(*stats._rating_where(period, filters)).order_by(Rating.rated_on, Rating.id)
            .execution_options(yield_per=5000))
    for rated_on, unit_id, procedure_id, channel, level, satisfied, *points in db.session.execute(stmt):
        yield [rated_on.isoformat(), units.get(unit_id, ""), procedures.get(procedure_id, ""),
               labels.get(getattr(channel, "value", channel), channel),
               labels.get(getattr(level, "value", level), level), 1 if satisfied else 0, *points]


def _labels() -> dict:
    return {key: str(label) for key, label in (*CHANNELS.items(), *LEVELS.items())}


def _filename(period: kernel.Period, ext: str) -> str:
    return f"danh-gia-hai-long-{period.first}-{period.last}.{ext}"


def _audit_export(kind: str, period: kernel.Period, filters: selection.Filters) -> None:
    audit.record(f"rating.export_{kind}", "case_rating", None, summary=f"{period.first}-{period.last}",
                 after={"unit": filters.unit_id, "procedure": filters.procedure_id, "officer": filters.officer_id,
                        "channel": filters.channel, "units": filters.units}, actor=current_user)
    db.session.commit()


@bp.route("/ratings.csv")
@roles_required(Role.MANAGER, Role.UNIT_HEAD)
def ratings_csv():
    period, filters, _sees_all = _selection()
    _audit_export("csv", period, filters)
    header, labels, app = [str(c) for c in EXPORT_COLUMNS], _labels(), current_app._get_current_object()

    def generate():  # runs after the view returned: its own app context and session
        with app.app_context():
            yield from _csv_chunks(header, export_rows(period, filters, labels))

    return Response(generate(), mimetype="text/csv; charset=utf-8",
                    headers={"Content-Disposition": f"attachment; filename={_filename(period, 'csv')}"})


def _csv_chunks(header, rows):
    buffer = io.StringIO()
    writer = csv_writer(buffer)
    buffer.write(BOM)  # Excel opens UTF-8 Vietnamese correctly only with a BOM
    writer.writerow(header)
    for k, row in enumerate(rows, 1):
        writer.writerow(row)
        if k % 2000 == 0:
            yield buffer.getvalue()
            buffer.seek(0)
            buffer.truncate()
    yield buffer.getvalue()


@bp.route("/ratings.xlsx")
@roles_required(Role.MANAGER, Role.UNIT_HEAD)
def ratings_xlsx():
    period, filters, _sees_all = _selection()
    count = stats.count(period, filters)
    if count > XLSX_MAX_ROWS:
        flash(_("%(count)s ratings are too many for a spreadsheet (at most %(limit)s). Choose a shorter period "
                "or download CSV.", count=format_decimal(count), limit=format_decimal(XLSX_MAX_ROWS)), "error")
        return redirect(url_for(".dashboard", **request.args.to_dict()))
    _audit_export("xlsx", period, filters)
    book = new_workbook(write_only=True)
    sheet = book.create_sheet(_("Ratings")[:31])
    append_row(sheet, [_("Per-case satisfaction ratings"), f"{period.start:%d/%m/%Y} – {period.end:%d/%m/%Y}"])
    append_row(sheet, [str(c) for c in EXPORT_COLUMNS])
    for row in export_rows(period, filters):
        append_row(sheet, row)
    return Response(workbook_bytes(book), mimetype=XLSX_MIMETYPE,
                    headers={"Content-Disposition": f"attachment; filename={_filename(period, 'xlsx')}"})
