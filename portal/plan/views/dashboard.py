"""Plan pages: the plan dashboard, the manager overview and the quarterly/annual report (issue 7 §6–8).

Who: the dashboard and the report are read by managers, unit heads and admins, and by the handlers of Phòng
Nội vụ, the unit that follows every activity (the same rule as the plan's tree, structure.py). The manager
overview is for managers (and admins). Nothing here writes; the DOCX download is audited.
"""
from __future__ import annotations

from io import BytesIO

from flask import abort, request, send_file, url_for
from flask_login import current_user

from portal.core import audit
from portal.core.access import Role, roles_required
from portal.core.clock import today_local, utcnow
from portal.core.db import db
from portal.core.htmx import render
from portal.core.numbers import int_arg
from portal.plan import report_docx, report_text, reporting, services
from portal.plan.overview import TREND_MONTHS, OverviewItem, apology_figures, manager_overview, parse_overview_period
from portal.plan.rules import Progress, ResultStatus
from portal.plan.views import bp
from portal.units import scope
from portal.units.services import all_units

DOCX_MIMETYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
READ_ROLES = (Role.MANAGER, Role.UNIT_HEAD, Role.HANDLER)
STATUS_BADGES = {ResultStatus.ACHIEVED: "badge-ok", ResultStatus.ON_TRACK: "badge",
                 ResultStatus.AT_RISK: "badge-warn", ResultStatus.MISSED: "badge-danger",
                 ResultStatus.NO_DATA: "badge-muted"}
PROGRESS_BADGES = {Progress.NOT_STARTED: "badge-muted", Progress.IN_PROGRESS: "badge-warn", Progress.DONE: "badge-ok",
                   Progress.CANCELLED: "badge-muted"}
PROGRESS_COLOURS = {Progress.NOT_STARTED: "#9aa5b1", Progress.IN_PROGRESS: "#c98a00", Progress.DONE: "#2e7d4f",
                    Progress.CANCELLED: "#5d6670"}


def _can_view(user) -> bool:
    held = user.role_set
    if held & {Role.ADMIN, Role.MANAGER, Role.UNIT_HEAD}:
        return True
    unit = services.plan_unit()
    return unit is not None and user.unit_id == unit.id


def _int_arg(name: str, low: int, high: int) -> int | None:
    return int_arg(request.args, name, low=low, high=high)


def _board(plan_id: int):
    if not _can_view(current_user):
        abort(403)
    plan = reporting.load_plan(plan_id) or abort(404)
    unit_id = _int_arg("unit", 1, 10**9)
    quarter = _int_arg("quarter", 1, 4)
    return reporting.dashboard(plan, unit_id=unit_id, quarter=quarter, today=today_local(), now=utcnow(),
                               units=scope.parse_mode(request.args))


def _lead_units(plan) -> list:
    ids = {a.lead_unit_id for f in plan.fields for r in f.results for a in r.activities if a.lead_unit_id}
    return [u for u in all_units() if u.id in ids]


def budget_chart(board: reporting.Dashboard) -> dict:
    """Horizontal bars: the budget planned per field (geometry for an inline SVG)."""
    rows = [(f.field.code, f.budget) for f in board.fields if f.field.code != "MT"]
    top = max([b for _c, b in rows] + [1])
    bar_h, gap, left, width = 18, 8, 46, 300
    bars = [{"code": code, "value": amount, "y": i * (bar_h + gap), "w": width * amount / top,
             "label": report_text.fmt_vnd(amount)} for i, (code, amount) in enumerate(rows)]
    return {"bars": bars, "left": left, "width": width, "bar_h": bar_h,
            "height": max(1, len(rows)) * (bar_h + gap)}


def progress_chart(board: reporting.Dashboard) -> dict:
    """One stacked bar: the activities by progress."""
    counts = board.progress
    total = sum(counts.values())
    x, parts = 0.0, []
    for p in reporting.PROGRESS_ORDER:
        n = counts.get(p, 0)
        w = 400 * n / total if total else 0
        parts.append({"progress": p, "n": n, "x": x, "w": w, "colour": PROGRESS_COLOURS[p]})
        x += w
    return {"parts": parts, "total": total}


def _context(board, **extra) -> dict:
    return {"board": board, "fmt": report_text, "status_labels": reporting.STATUS_LABELS,
            "status_badges": STATUS_BADGES, "progress_labels": reporting.PROGRESS_LABELS,
            "progress_badges": PROGRESS_BADGES, "status_rules": reporting.STATUS_RULES,
            "progress_order": reporting.PROGRESS_ORDER, "status_order": reporting.STATUS_ORDER, **extra}


@bp.route("/<int:plan_id>/dashboard")
@roles_required(*READ_ROLES)
def dashboard(plan_id: int):
    board = _board(plan_id)
    return render("plan/dashboard.html", "plan/_partials/dashboard_body.html",
                  **_context(board, units=_lead_units(board.plan), budget=budget_chart(board),
                             progress=progress_chart(board), colours=PROGRESS_COLOURS))


@bp.route("/<int:plan_id>/report")
@roles_required(*READ_ROLES)
def report(plan_id: int):
    board = _board(plan_id)
    if request.args.get("format") == "docx":
        data = report_docx.docx_report(board, today=today_local())
        audit.record("plan.report_docx", "plan", board.plan.id,
                     summary=f"{report_text.period_title(board)}{' unit ' + str(board.unit_id) if board.unit_id else ''}")
        db.session.commit()
        return send_file(BytesIO(data), mimetype=DOCX_MIMETYPE, as_attachment=True,
                         download_name=report_docx.docx_filename(board))
    args = {k: v for k, v in request.args.items() if k != "format"}
    return render("plan/report.html", "plan/report.html",
                  **_context(board, today=today_local(), docx_url=url_for("plan.report", plan_id=plan_id, format="docx", **args)))


@bp.route("/overview")
@roles_required(Role.MANAGER)
def overview():
    today = today_local()
    start, end = parse_overview_period(request.args, today)
    unit_id, units = _int_arg("unit", 1, 10**9), scope.parse_mode(request.args)
    now = utcnow()
    items = manager_overview(start, end, unit_id, now=now, units=units)
    ap = apology_figures(start, end, unit_id, now=now, units=units)
    return render("plan/overview.html", "plan/_partials/dashboard_overview.html", items=items, ap=ap, start=start, end=end,
                  unit_id=unit_id, units=all_units(), units_mode=units,
                  inclusions=scope.inclusions([unit_id] if unit_id else [], units), trend_charts=[trend_chart(i) for i in items],
                  fmt=report_text, months=TREND_MONTHS, today=today)


def trend_chart(item: OverviewItem) -> dict:
    """Bars of a figure's monthly values (percent), 0–100."""
    width, height, step = 240, 60, 240 / max(1, len(item.trend))
    bars = []
    for i, point in enumerate(item.trend):
        v = point.figure.value
        h = height * min(100.0, v) / 100 if v is not None else 0
        bars.append({"x": i * step + step * 0.15, "w": step * 0.7, "y": height - h, "h": h, "point": point,
                     "label": f"{point.month:%m}"})
    return {"width": width, "height": height, "bars": bars}

