"""The quarterly/annual report as a DOCX file in the layout of an administrative report (Times New Roman, A4
landscape, the issuer and the national motto above, the places it is sent to and the signature below), from
the same Dashboard and the same strings as the page (report_text.py)."""
from __future__ import annotations

import io
from datetime import date

from portal.core.clock import today_local
from portal.core.docx import paragraph
from portal.plan.report_text import (
    ACTIVITY_HEADERS,
    NATIONAL,
    PROGRESS_VI,
    REPORT_TITLE,
    RESULT_HEADERS,
    activity_cells,
    fmt_vnd,
    issuer_of,
    period_title,
    recipients,
    result_cells,
)
from portal.plan.reporting import PROGRESS_ORDER, Dashboard
from portal.units.organisation import profile_on


def docx_report(board: Dashboard, *, today: date | None = None) -> bytes:
    from docx import Document
    from docx.enum.section import WD_ORIENT
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Mm, Pt

    today = today or today_local()
    profile = profile_on(today)  # the committee of the report's date (issue 15 point 1)
    issuer = issuer_of(profile)
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
    para(left, issuer[0], align=center, size=13)
    para(left, issuer[1], bold=True, align=center, size=13)
    para(left, "Số:       /BC-UBND", align=center, size=13)
    para(right, NATIONAL[0], bold=True, align=center, size=13)
    para(right, NATIONAL[1], bold=True, align=center, size=14)
    para(right, f"{profile.place}, ngày {today.day:02d} tháng {today.month:02d} năm {today.year}", italic=True,
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
    para(sign.rows[0].cells[0], recipients(profile), size=11)
    para(sign.rows[0].cells[1], "TM. ỦY BAN NHÂN DÂN", bold=True, align=center)
    para(sign.rows[0].cells[1], "CHỦ TỊCH", bold=True, align=center)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _docx_table(document, headers, rows) -> None:
    from docx.shared import Pt

    table = document.add_table(rows=1, cols=len(headers))
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, headers, strict=False):
        run = cell.paragraphs[0].add_run(text)
        run.bold = True
        run.font.size = Pt(12)
    for values in rows:
        for cell, text in zip(table.add_row().cells, values, strict=False):
            run = cell.paragraphs[0].add_run(text)
            run.font.size = Pt(12)


def docx_filename(board: Dashboard) -> str:
    suffix = f"quy-{board.quarter}-" if board.quarter else ""
    return f"bao-cao-cchc-{suffix}{board.plan.year}.docx"
