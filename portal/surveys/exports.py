"""Exports of a campaign's results: the anonymised responses (CSV, XLSX) and a report in Vietnamese
(DOCX, python-docx, in the house style of cases/docx_forms.py). All read one results.Results."""
from __future__ import annotations

import io

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Mm, Pt
from flask_babel import force_locale
from openpyxl.styles import Font

from portal.core.csv_export import csv_text
from portal.core.docx import paragraph
from portal.core.xlsx import append_row, new_workbook, workbook_bytes
from portal.surveys import rules
from portal.surveys.results import Results


def _header(results: Results) -> list[str]:
    return ["Số phiếu", "Ngày trả lời"] + [f"Câu {q.position}. {q.text}" for q in results.campaign.questions]


def _rows(results: Results) -> list[list]:
    questions = results.campaign.questions
    return [[number, day.isoformat()] + [answers.get(q.id, "") for q in questions]
            for number, day, answers in results.rows]


def to_csv(results: Results) -> bytes:
    return csv_text(_header(results), _rows(results), bom=True).encode("utf-8")  # BOM: Excel reads Vietnamese


def to_xlsx(results: Results) -> bytes:
    book = new_workbook()
    sheet = book.active
    sheet.title = "Phiếu trả lời"
    append_row(sheet, _header(results))
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in _rows(results):
        append_row(sheet, row)
    sheet.freeze_panes = "C2"
    return workbook_bytes(book)


def pct(value: float | None) -> str:
    return "—" if value is None else f"{value * 100:.1f}".replace(".", ",") + " %"


def _para(document, text: str, **kw):
    return paragraph(document, text, space_after=3, **kw)


def _table(document, header: list[str], rows: list[list[str]]):
    table = document.add_table(rows=1, cols=len(header))
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, header, strict=False):
        cell.text = ""
        cell.paragraphs[0].add_run(text).bold = True
    for row in rows:
        cells = table.add_row().cells
        for cell, text in zip(cells, row, strict=False):
            cell.text = str(text)
    return table


def to_docx(results: Results, *, committee: str, today, place: str = "Gia Nghĩa") -> bytes:
    campaign = results.campaign
    document = Document()
    section = document.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.left_margin = section.right_margin = section.top_margin = section.bottom_margin = Mm(20)
    style = document.styles["Normal"]
    style.font.name = "Times New Roman"
    style.font.size = Pt(12)
    _para(document, committee.upper(), bold=True, align=WD_ALIGN_PARAGRAPH.CENTER, size=12)
    _para(document, f"{place}, ngày {today.day:02d} tháng {today.month:02d} năm {today.year}", italic=True,
          align=WD_ALIGN_PARAGRAPH.RIGHT)
    _para(document, "BÁO CÁO KẾT QUẢ KHẢO SÁT", bold=True, align=WD_ALIGN_PARAGRAPH.CENTER, size=14)
    _para(document, campaign.title, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER)
    _para(document, "I. THÔNG TIN CHUNG", bold=True)
    _para(document, f"Thời gian khảo sát: từ ngày {campaign.period_start:%d/%m/%Y} đến ngày {campaign.period_end:%d/%m/%Y}.")
    _para(document, "Dịch vụ được khảo sát: " + "; ".join(p.name for p in campaign.procedures) + ".")
    _para(document, f"Số phiếu phát ra (mã khảo sát dùng một lần): {results.tokens}; số phiếu thu về: "
                    f"{results.responses}; tỷ lệ phản hồi: {pct(results.response_rate.value)}.")
    _para(document, "II. CHỈ SỐ HÀI LÒNG THEO YẾU TỐ", bold=True)
    _para(document, "Chỉ số của mỗi yếu tố = số câu trả lời “hài lòng” hoặc “rất hài lòng” (mức 4, 5) ÷ số câu trả "
                    "lời các câu hỏi về mức độ hài lòng của yếu tố đó (n); khoảng tin cậy 95% theo phương pháp "
                    "Wilson. Chỉ số chung = trung bình cộng chỉ số của các yếu tố.", italic=True, size=11)
    with force_locale("vi"):
        rows = [[str(f.label), str(f.rate.denominator), str(f.rate.numerator), pct(f.rate.value),
                 f"{pct(f.rate.low)} – {pct(f.rate.high)}" if f.rate.denominator else "—"] for f in results.factors]
    rows.append(["Chỉ số chung", "", "", pct(results.overall), ""])
    _table(document, ["Yếu tố", "n", "Hài lòng (4–5)", "Chỉ số", "Khoảng tin cậy 95%"], rows)
    _para(document, "III. KẾT QUẢ TỪNG CÂU HỎI", bold=True)
    comments = []
    for result in results.questions:
        q = result.question
        _para(document, f"Câu {q.position}. {q.text} (số người trả lời: {result.answered})", bold=True, size=11)
        if q.kind == rules.QuestionType.TEXT:
            comments.extend(result.texts)
            _para(document, "Ý kiến ghi tại mục IV.", italic=True, size=11)
            continue
        if result.counts:
            _table(document, ["Phương án", "Số lượt", "Tỷ lệ"],
                   [[label, str(count), pct(share)] for _, label, count, share in result.counts])
        if result.mean is not None:
            _para(document, f"Điểm trung bình: {result.mean:.2f}".replace(".", ","), size=11)
    _para(document, "IV. Ý KIẾN, GÓP Ý CỦA NGƯỜI DÂN", bold=True)
    for text in comments or ["Không có ý kiến."]:
        _para(document, f"– {text}", style=None)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
