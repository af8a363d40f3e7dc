"""The plan dashboard's data, the manager overview and the quarterly/annual report (issue 7 §6–8).

One function, `dashboard`, feeds the dashboard page, the printable HTML report and the DOCX report, so
their figures are the same by construction.

Period of a plan view: the plan's year from 1 January to the end of the chosen quarter (cumulative, as a
quarterly report counts "from the start of the year"), or to 31 December without a quarter. The state is
read "as of" the end of that period, or today when the period has not ended yet:
- bound results: the live figure (metrics.live_value) for the period;
- unbound results: the latest IndicatorReport whose as_of date is on or before the period's end;
- activities: their current progress while the period runs; for a period already over, the progress of
  the last update recorded on or before its end (not started when none), so a past quarter's report does
  not change when work goes on;
- late: rules.is_late as of that day; status: rules.result_status, the period being over when today is past
  its end.
Unit filter (a lead unit): only the activities that unit leads, the results that have one, and the bound
results with their figure restricted to the unit (where the figure has a unit scope).
"""
from __future__ import annotations

import io
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta, timezone

from flask_babel import lazy_gettext as _l
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from portal.core.clock import local_tz, today_local
from portal.core.db import db
from portal.core.docx import paragraph
from portal.plan import metrics
from portal.plan.models import ActivityUpdate, IndicatorReport, Plan, PlanActivity, PlanField, PlanResult
from portal.plan.rules import Metric, Progress, Quarter, ResultStatus, is_late, month_end, result_status

PROGRESS_ORDER = (Progress.NOT_STARTED, Progress.IN_PROGRESS, Progress.DONE, Progress.CANCELLED)
STATUS_ORDER = (ResultStatus.ACHIEVED, ResultStatus.ON_TRACK, ResultStatus.AT_RISK, ResultStatus.MISSED,
                ResultStatus.NO_DATA)
PROGRESS_LABELS = {Progress.NOT_STARTED: _l("Not started"), Progress.IN_PROGRESS: _l("In progress"),
                   Progress.DONE: _l("Done"), Progress.CANCELLED: _l("Cancelled")}
STATUS_LABELS = {ResultStatus.ACHIEVED: _l("Achieved"), ResultStatus.ON_TRACK: _l("On track"),
                 ResultStatus.AT_RISK: _l("At risk"), ResultStatus.MISSED: _l("Missed"),
                 ResultStatus.NO_DATA: _l("No data")}
STATUS_RULES = (
    (ResultStatus.ACHIEVED, _l("the actual value meets the target in its direction (≥, >, ≤, <, =).")),
    (ResultStatus.ON_TRACK, _l("not met yet, the period is not over, and the value is within 5 points of the "
                               "target (5% of the target for counts).")),
    (ResultStatus.AT_RISK, _l("not met, the period is not over, and the value is further than that from the "
                              "target.")),
    (ResultStatus.MISSED, _l("the period is over and the target is not met.")),
    (ResultStatus.NO_DATA, _l("no live figure and no value reported yet.")),
)


# ---------------------------------------------------------------- the dashboard

@dataclass
class ActivityRow:
    activity: PlanActivity
    progress: Progress
    percent: int
    comment: str
    late: bool


@dataclass
class ResultRow:
    result: PlanResult
    actual: float | None
    source: str  # "live", "reported" or ""
    figure: metrics.Figure | None
    report: IndicatorReport | None
    status: ResultStatus
    activities: list[ActivityRow]
    budget: int

    @property
    def late(self) -> int:
        return sum(1 for a in self.activities if a.late)


@dataclass
class FieldRow:
    field: PlanField
    results: list[ResultRow]

    @property
    def budget(self) -> int:
        return sum(r.budget for r in self.results)

    @property
    def activities(self) -> list[ActivityRow]:
        return [a for r in self.results for a in r.activities]

    @property
    def progress(self) -> Counter:
        return Counter(a.progress for a in self.activities)

    @property
    def statuses(self) -> Counter:
        return Counter(r.status for r in self.results)

    @property
    def late(self) -> int:
        return sum(r.late for r in self.results)


@dataclass
class Dashboard:
    plan: Plan
    unit_id: int | None
    quarter: int | None
    start: date
    end: date
    as_of: date
    period_over: bool
    fields: list[FieldRow] = field(default_factory=list)

    @property
    def budget(self) -> int:
        return sum(f.budget for f in self.fields)

    @property
    def activities(self) -> list[ActivityRow]:
        return [a for f in self.fields for a in f.activities]

    @property
    def progress(self) -> Counter:
        return Counter(a.progress for a in self.activities)

    @property
    def statuses(self) -> Counter:
        return Counter(r.status for f in self.fields for r in f.results)

    @property
    def late(self) -> list[ActivityRow]:
        return [a for a in self.activities if a.late]


def period_of(year: int, quarter: int | None) -> tuple[date, date]:
    return date(year, 1, 1), (Quarter(year, quarter).end if quarter else date(year, 12, 31))


def _moment_after(day: date) -> datetime:
    return datetime.combine(day + timedelta(days=1), time(), local_tz()).astimezone(timezone.utc)


def load_plan(plan_id: int) -> Plan | None:
    """The plan with its whole tree in four queries."""
    stmt = (select(Plan).where(Plan.id == plan_id)
            .options(selectinload(Plan.fields).selectinload(PlanField.results)
                     .selectinload(PlanResult.activities).selectinload(PlanActivity.lead_unit)))
    return db.session.scalars(stmt).first()


def _latest_updates(activity_ids: list[int], before: datetime | None) -> dict[int, ActivityUpdate]:
    if not activity_ids:
        return {}
    stmt = select(ActivityUpdate).where(ActivityUpdate.activity_id.in_(activity_ids))
    if before is not None:
        stmt = stmt.where(ActivityUpdate.at < before)
    latest: dict[int, ActivityUpdate] = {}
    for update in db.session.scalars(stmt.order_by(ActivityUpdate.activity_id, ActivityUpdate.id)):
        latest[update.activity_id] = update
    return latest


def _latest_reports(result_ids: list[int], end: date) -> dict[int, IndicatorReport]:
    if not result_ids:
        return {}
    stmt = (select(IndicatorReport).where(IndicatorReport.result_id.in_(result_ids), IndicatorReport.as_of <= end)
            .order_by(IndicatorReport.result_id, IndicatorReport.as_of, IndicatorReport.id))
    return {r.result_id: r for r in db.session.scalars(stmt)}


def dashboard(plan: Plan, *, unit_id: int | None = None, quarter: int | None = None, today: date | None = None,
              now=None) -> Dashboard:
    today = today or today_local()
    start, end = period_of(plan.year, quarter)
    period_over = today > end
    as_of = end if period_over else today
    board = Dashboard(plan, unit_id, quarter, start, end, as_of, period_over)

    results = [r for f in plan.fields for r in f.results]
    activity_ids = [a.id for r in results for a in r.activities]
    updates = _latest_updates(activity_ids, _moment_after(end) if period_over else None)
    reports = _latest_reports([r.id for r in results if not r.metric], end)
    bound = {Metric(r.metric) for r in results if r.metric}
    figures = metrics.live_values(sorted(bound), start, end, unit_id, now=now) if bound else {}

    for f in plan.fields:
        rows = []
        for r in f.results:
            acts = []
            for a in r.activities:
                if unit_id and a.lead_unit_id != unit_id:
                    continue
                update = updates.get(a.id)
                if period_over:
                    progress = Progress(update.progress) if update else Progress.NOT_STARTED
                    percent = update.percent if update else 0
                else:
                    progress, percent = Progress(a.progress), a.percent
                acts.append(ActivityRow(a, progress, percent, update.comment if update else "",
                                        is_late(year=plan.year, end_month=a.end_month, progress=progress,
                                                today=as_of)))
            if unit_id and not acts and not r.metric:
                continue
            figure = figures.get(Metric(r.metric)) if r.metric else None
            report = reports.get(r.id)
            actual = figure.value if figure else (report.value if report else None)
            status = result_status(actual=actual, target=r.target_value, direction=r.direction,
                                   period_over=period_over, unit=r.target_unit or "%")
            rows.append(ResultRow(r, actual, "live" if figure else ("reported" if report else ""), figure, report,
                                  status, acts, sum(x.activity.budget or 0 for x in acts)))
        if rows:
            board.fields.append(FieldRow(f, rows))
    return board


# ---------------------------------------------------------------- formatting shared by page, HTML and DOCX

def fmt_number(value, locale: str | None = None) -> str:
    """A figure rounded to one decimal in the reader's language (the report is always Vietnamese)."""
    if value is None:
        return "—"
    from babel.numbers import format_decimal

    if locale is None:
        from flask import has_request_context
        from flask_babel import get_locale

        locale = str(get_locale()) if has_request_context() else "vi"
    return format_decimal(round(value, 1), format="#,##0.#", locale=locale)


def fmt_value(value, unit: str, locale: str | None = None) -> str:
    if value is None:
        return "—"
    text = fmt_number(value, locale)
    return f"{text} %" if unit == "%" else f"{text} {unit}".strip()


def fmt_target(result: PlanResult, locale: str | None = None) -> str:
    if result.target_value is None:
        return "—"
    sign = {"=": ""}.get(result.direction or "", (result.direction or "").replace(">=", "≥").replace("<=", "≤"))
    return f"{sign} {fmt_value(result.target_value, result.target_unit or '', locale)}".strip()


def fmt_vnd(amount: int, locale: str | None = None) -> str:
    return fmt_number(amount, locale)


# ---------------------------------------------------------------- manager overview

OVERVIEW_METRICS = (Metric.CASES_ON_TIME, Metric.SATISFACTION, Metric.FEEDBACK_ON_TIME,
                    Metric.FEEDBACK_SATISFACTION, Metric.PROCEDURES_PUBLISHED)
TREND_MONTHS = 6


@dataclass
class TrendPoint:
    month: date  # first day
    figure: metrics.Figure


@dataclass
class OverviewItem:
    figure: metrics.Figure
    trend: list[TrendPoint]


def months_back(end: date, count: int) -> list[tuple[date, date]]:
    """The `count` calendar months ending with `end`'s month, oldest first."""
    out = []
    year, month = end.year, end.month
    for _ in range(count):
        out.append((date(year, month, 1), month_end(year, month)))
        year, month = (year - 1, 12) if month == 1 else (year, month - 1)
    return out[::-1]


def manager_overview(start: date, end: date, unit_id: int | None = None, *, now=None,
                     trend_months: int = TREND_MONTHS) -> list[OverviewItem]:
    """The DOMAIN.md §7 figures for [start, end] and a unit, each with its monthly trend (the months
    ending with `end`'s month). Every value comes from metrics.live_values (the domains' own code)."""
    headline = metrics.live_values(OVERVIEW_METRICS, start, end, unit_id, now=now)
    trends: dict[Metric, list[TrendPoint]] = {m: [] for m in OVERVIEW_METRICS}
    for first, last in months_back(end, trend_months):
        monthly = metrics.live_values(OVERVIEW_METRICS, first, last, unit_id, now=now)
        for m in OVERVIEW_METRICS:
            trends[m].append(TrendPoint(first, monthly[m]))
    return [OverviewItem(headline[m], trends[m]) for m in OVERVIEW_METRICS]


def parse_overview_period(args, today: date) -> tuple[date, date]:
    """?start=&end= (ISO dates); default: the 12 months ending with today's month."""
    def day(raw):
        try:
            return date.fromisoformat((raw or "").strip())
        except ValueError:
            return None
    start, end = day(args.get("start")), day(args.get("end"))
    if start and end and start.year >= 2000 and end.year <= today.year + 1:
        return min(start, end), max(start, end)
    last = month_end(today.year, today.month)
    first_year, first_month = (today.year - 1, today.month + 1) if today.month < 12 else (today.year, 1)
    return date(first_year, first_month, 1), last


# ---------------------------------------------------------------- the DOCX report

REPORT_TITLE = "Báo cáo kết quả thực hiện kế hoạch cải cách hành chính"
ISSUER = ("ỦY BAN NHÂN DÂN", "THỊ XÃ GIA NGHĨA")
NATIONAL = ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc")
RESULT_HEADERS = ("Mã", "Kết quả / chỉ số", "Chỉ tiêu", "Thực hiện", "Đánh giá")
ACTIVITY_HEADERS = ("Mã", "Hoạt động", "Chủ trì", "Tiến độ", "%", "Ghi chú gần nhất")
STATUS_VI = {ResultStatus.ACHIEVED: "Đạt", ResultStatus.ON_TRACK: "Đúng tiến độ", ResultStatus.AT_RISK: "Có nguy cơ",
             ResultStatus.MISSED: "Không đạt", ResultStatus.NO_DATA: "Chưa có số liệu"}
PROGRESS_VI = {Progress.NOT_STARTED: "Chưa triển khai", Progress.IN_PROGRESS: "Đang thực hiện",
               Progress.DONE: "Hoàn thành", Progress.CANCELLED: "Hủy bỏ"}


def period_title(board: Dashboard) -> str:
    if board.quarter:
        return f"Quý {board.quarter} năm {board.plan.year}"
    return f"Năm {board.plan.year}"


def result_cells(row: ResultRow) -> list[str]:
    """The cells of a result's line, the same strings on the page, the HTML report and the DOCX."""
    r = row.result
    return [r.code, r.indicator or r.title, fmt_target(r, "vi"), fmt_value(row.actual, r.target_unit or "", "vi"),
            STATUS_VI[row.status]]


def activity_cells(row: ActivityRow) -> list[str]:
    a = row.activity
    progress = PROGRESS_VI[row.progress] + (" (trễ hạn)" if row.late else "")
    return [a.code, a.name, a.lead_unit.name if a.lead_unit else a.lead_text, progress, str(row.percent),
            row.comment]


def docx_report(board: Dashboard, *, today: date | None = None) -> bytes:
    from docx import Document
    from docx.enum.section import WD_ORIENT
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Mm, Pt

    today = today or today_local()
    document = Document()
    section = document.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Mm(297), Mm(210)
    section.left_margin, section.right_margin = Mm(25), Mm(15)
    section.top_margin = section.bottom_margin = Mm(18)
    style = document.styles["Normal"]
    style.font.name = "Times New Roman"
    style.font.size = Pt(13)

    para = paragraph

    center = WD_ALIGN_PARAGRAPH.CENTER
    head = document.add_table(rows=1, cols=2)
    left, right = head.rows[0].cells
    para(left, ISSUER[0], align=center, size=13)
    para(left, ISSUER[1], bold=True, align=center, size=13)
    para(left, "Số:       /BC-UBND", align=center, size=13)
    para(right, NATIONAL[0], bold=True, align=center, size=13)
    para(right, NATIONAL[1], bold=True, align=center, size=14)
    para(right, f"Gia Nghĩa, ngày {today.day:02d} tháng {today.month:02d} năm {today.year}", italic=True,
         align=center, size=14)
    para(document)
    para(document, REPORT_TITLE.upper(), bold=True, align=center, size=14)
    para(document, f"{period_title(board)} — {board.plan.title}", bold=True, align=center, size=14)
    para(document, f"Số liệu từ ngày {board.start:%d/%m/%Y} đến ngày {board.end:%d/%m/%Y}, tính đến ngày "
                   f"{board.as_of:%d/%m/%Y}. Kinh phí kế hoạch: {fmt_vnd(board.budget, 'vi')} đồng.", italic=True,
         align=center, size=13)
    counts = board.progress
    para(document, "Tiến độ hoạt động: " + "; ".join(f"{PROGRESS_VI[p]} {counts.get(p, 0)}" for p in PROGRESS_ORDER)
         + f"; trễ hạn {len(board.late)}.")

    for f in board.fields:
        para(document, f"{'Lĩnh vực ' if f.field.code != 'MT' else ''}{f.field.code}. {f.field.title} — kinh phí "
                       f"{fmt_vnd(f.budget, 'vi')} đồng", bold=True, size=13)
        _docx_table(document, RESULT_HEADERS, [result_cells(r) for r in f.results])
        activities = [activity_cells(a) for r in f.results for a in r.activities]
        if activities:
            para(document, "Hoạt động", italic=True, size=13)
            _docx_table(document, ACTIVITY_HEADERS, activities)
    para(document)
    sign = document.add_table(rows=1, cols=2)
    para(sign.rows[0].cells[0], "Nơi nhận:", bold=True, italic=True, size=12)
    para(sign.rows[0].cells[0], "- UBND tỉnh Đắk Nông (Sở Nội vụ);\n- Lưu: VT, NV.", size=11)
    para(sign.rows[0].cells[1], "TM. ỦY BAN NHÂN DÂN", bold=True, align=center)
    para(sign.rows[0].cells[1], "CHỦ TỊCH", bold=True, align=center)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _docx_table(document, headers, rows) -> None:
    from docx.shared import Pt

    table = document.add_table(rows=1, cols=len(headers))
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, headers):
        run = cell.paragraphs[0].add_run(text)
        run.bold = True
        run.font.size = Pt(12)
    for values in rows:
        for cell, text in zip(table.add_row().cells, values):
            run = cell.paragraphs[0].add_run(text)
            run.font.size = Pt(12)


def docx_filename(board: Dashboard) -> str:
    suffix = f"quy-{board.quarter}-" if board.quarter else ""
    return f"bao-cao-cchc-{suffix}{board.plan.year}.docx"

