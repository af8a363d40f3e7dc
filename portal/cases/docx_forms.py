"""Write a `documents.Form` as a Word file (python-docx), for desks that finish or archive forms in Word.

Same content as the printed sheet: the issuer and the national heading side by side, form number,
title, rows, table and signatures; each copy of the receipt on its own page, with the QR code to the
public lookup (a PNG made by qrcode with Pillow) beside the lookup address and access code.
"""
from __future__ import annotations

import io

import qrcode
from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.shared import Mm, Pt

from portal.cases.documents import NATIONAL_HEADING, Form, access_code_text
from portal.core.docx import paragraph as _para

PAPER = {"a5": (Mm(148), Mm(210), Mm(12)), "a4": (Mm(210), Mm(297), Mm(18)),
         "a4-landscape": (Mm(297), Mm(210), Mm(12))}


def render(form: Form) -> bytes:
    document = Document()
    _page_setup(document, form.paper)
    style = document.styles["Normal"]
    style.font.name = "Times New Roman"
    style.font.size = Pt(11 if form.paper == "a5" else 12)
    for index, copy in enumerate(form.copies):
        if index:
            document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
        _sheet(document, form, copy)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _page_setup(document, paper: str) -> None:
    width, height, margin = PAPER.get(paper, PAPER["a4"])
    section = document.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE if paper == "a4-landscape" else WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = width, height
    section.left_margin = section.right_margin = section.top_margin = section.bottom_margin = margin


def _sheet(document, form: Form, copy: str) -> None:
    _para(document, form.form_number, bold=True, align=WD_ALIGN_PARAGRAPH.RIGHT)
    _para(document, form.circular, italic=True, align=WD_ALIGN_PARAGRAPH.RIGHT, size=8)
    head = document.add_table(rows=1, cols=2)
    left, right = head.rows[0].cells
    left.paragraphs[0].text = ""
    for n, line in enumerate(form.issuer):
        _para(left, line, bold=n > 0, align=WD_ALIGN_PARAGRAPH.CENTER, size=10)
    _para(right, NATIONAL_HEADING[0], bold=True, align=WD_ALIGN_PARAGRAPH.CENTER, size=10)
    _para(right, NATIONAL_HEADING[1], bold=True, align=WD_ALIGN_PARAGRAPH.CENTER, size=11)
    _para(right, form.place_date, italic=True, align=WD_ALIGN_PARAGRAPH.CENTER, size=10)
    _para(document, form.title, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER, size=13)
    if form.subtitle:
        _para(document, form.subtitle, align=WD_ALIGN_PARAGRAPH.CENTER)
    if copy:
        _para(document, f"({copy})", italic=True, align=WD_ALIGN_PARAGRAPH.CENTER)
    for row in form.rows:
        paragraph = _para(document)
        paragraph.add_run(f"{row.label}: ").bold = True
        paragraph.add_run(row.value)
        for n, item in enumerate(row.items, 1):
            _para(document, f"{n}. {item}").paragraph_format.left_indent = Mm(6)
    if form.headers:
        _table(document, form.headers, form.table)
    for text in form.paragraphs:
        _para(document, text)
    if form.access:
        document.add_picture(_qr_png(form.access["url"]), width=Mm(28))
        _para(document, f"{form.access['text']}: {form.access['url']} — Mã tra cứu: {access_code_text(form, copy)}", size=9)
    if form.signatures:
        _signatures(document, form)


def _qr_png(url: str) -> io.BytesIO:
    buffer = io.BytesIO()
    qrcode.make(url, box_size=6, border=2).save(buffer, format="PNG")
    buffer.seek(0)
    return buffer


def _table(document, headers: list[str], rows: list[list[str]]) -> None:
    table = document.add_table(rows=1, cols=len(headers))
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    for cell, text in zip(table.rows[0].cells, headers, strict=False):
        cell.paragraphs[0].add_run(text).bold = True
    for values in rows:
        for cell, text in zip(table.add_row().cells, values, strict=False):
            cell.paragraphs[0].text = text


def _signatures(document, form: Form) -> None:
    table = document.add_table(rows=1, cols=len(form.signatures))
    for cell, signature in zip(table.rows[0].cells, form.signatures, strict=False):
        cell.paragraphs[0].text = ""
        _para(cell, signature.title, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER)
        _para(cell, signature.hint, italic=True, align=WD_ALIGN_PARAGRAPH.CENTER, size=9)
        for _ in range(3):
            _para(cell)
        _para(cell, signature.name, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER)
