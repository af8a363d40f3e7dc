"""How the plan's figures and report lines read, the same strings on the dashboard page, the printable HTML report
and the DOCX (templates receive this module as `fmt`): numbers, values, targets and VND in the reader's
language, and the Vietnamese wording of the administrative report (its header, title, column headers and the
names of statuses and progress).
"""
from __future__ import annotations

from portal.core.stats import shown_percent
from portal.plan.models import PlanResult
from portal.plan.reporting import ActivityRow, Dashboard, ResultRow
from portal.plan.rules import Progress, ResultStatus

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
    if unit == "%":  # cut, never rounded up to a target it misses (core.stats.shown_percent)
        return f"{fmt_number(shown_percent(value), locale)} %"
    return f"{fmt_number(value, locale)} {unit}".strip()


def fmt_target(result: PlanResult, locale: str | None = None) -> str:
    if result.target_value is None:
        return "—"
    sign = {"=": ""}.get(result.direction or "", (result.direction or "").replace(">=", "≥").replace("<=", "≤"))
    return f"{sign} {fmt_value(result.target_value, result.target_unit or '', locale)}".strip()


def fmt_vnd(amount: int, locale: str | None = None) -> str:
    return fmt_number(amount, locale)


# ---------------------------------------------------------------- the report's wording

REPORT_TITLE = "Báo cáo kết quả thực hiện kế hoạch cải cách hành chính"
NATIONAL = ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc")
RESULT_HEADERS = ("Mã", "Kết quả / chỉ số", "Chỉ tiêu", "Thực hiện", "Đánh giá")
ACTIVITY_HEADERS = ("Mã", "Hoạt động", "Chủ trì", "Tiến độ", "%", "Ghi chú gần nhất")
STATUS_VI = {ResultStatus.ACHIEVED: "Đạt", ResultStatus.ON_TRACK: "Đúng tiến độ", ResultStatus.AT_RISK: "Có nguy cơ",
             ResultStatus.MISSED: "Không đạt", ResultStatus.NO_DATA: "Chưa có số liệu"}
PROGRESS_VI = {Progress.NOT_STARTED: "Chưa triển khai", Progress.IN_PROGRESS: "Đang thực hiện",
               Progress.DONE: "Hoàn thành", Progress.CANCELLED: "Hủy bỏ"}


def issuer_of(profile) -> tuple[str, str]:
    """The report's issuer block from the organisation profile of its date (portal.units.profiles.Profile): the
    committee issues it, "ỦY BAN NHÂN DÂN" above the rest of its name ("THỊ XÃ GIA NGHĨA" in 2019, "PHƯỜNG NAM
    GIA NGHĨA" from 1 Jul 2025)."""
    name = profile.committee_name.strip()
    head, sep, rest = name.partition(" nhân dân ")
    if sep and head.casefold() in ("ủy ban", "uỷ ban"):
        return ("ỦY BAN NHÂN DÂN", rest.upper())
    return (profile.superior_name.upper(), name.upper())


def recipients(profile) -> str:
    """The report goes to the committee's superior (its Sở Nội vụ), a copy is filed."""
    superior = profile.superior_name or "UBND tỉnh"
    return f"- {superior} (Sở Nội vụ);\n- Lưu: VT, NV."


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
