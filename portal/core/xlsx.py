"""XLSX downloads: the one content type, and the statistics sheet the staff statistics pages export
(title and period, a bold header, one row per unit or procedure with the total in bold and the rates as
percentages, then how each figure is computed)."""
from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date
from io import BytesIO

XLSX_MIMETYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def figures_workbook(title: str, start: date, end: date, header: Sequence[str], rows: Iterable[Sequence],
                     notes: Iterable[str], *, percent_columns: int = 2,
                     widths: dict[str, float] | None = None) -> bytes:
    """One sheet. The last row is the total; the last `percent_columns` cells of each row are rates (0–1)."""
    import openpyxl
    from openpyxl.styles import Font

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = title[:31]  # Excel's limit
    sheet.append([title, f"{start:%d/%m/%Y} – {end:%d/%m/%Y}"])
    sheet.append([])
    sheet.append([str(text) for text in header])
    for cell in sheet[3]:
        cell.font = Font(bold=True)
    for row in rows:
        sheet.append(list(row))
        for cell in sheet[sheet.max_row][len(row) - percent_columns:]:
            cell.number_format = "0.0%"
    sheet[sheet.max_row][1].font = Font(bold=True)
    sheet.append([])
    for text in notes:
        sheet.append([str(text)])
    for column, width in (widths or {}).items():
        sheet.column_dimensions[column].width = width
    out = BytesIO()
    book.save(out)
    return out.getvalue()
