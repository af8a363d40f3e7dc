"""XLSX downloads: the one content type, the one way cells are written (append_row: text that a
spreadsheet could take for a formula is stored as a string, portal.core.cells; characters XML cannot hold
are dropped rather than failing the download), and the statistics sheet the staff statistics pages export
(title and period, a bold header, one row per unit or procedure with the total in bold and the rates as
percentages, then how each figure is computed)."""
from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date
from io import BytesIO

from portal.core.cells import formula_like

XLSX_MIMETYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def new_workbook(*, write_only: bool = False):
    import openpyxl

    return openpyxl.Workbook(write_only=write_only)


def workbook_bytes(book) -> bytes:
    out = BytesIO()
    book.save(out)
    return out.getvalue()


def _clean(value):
    if isinstance(value, str):
        from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

        return ILLEGAL_CHARACTERS_RE.sub("", value)
    return value


def guard(cell) -> None:
    """A formula-like text cell is stored as a string (openpyxl would write text beginning with "=" as a
    formula), with Excel's quote prefix so that it stays text when edited."""
    if formula_like(cell.value):
        cell.data_type = "s"
        cell.quotePrefix = True


def safe_cell(sheet, value):
    """A cell for a write-only sheet (or for append_row): the value cleaned and guarded."""
    from openpyxl.cell import WriteOnlyCell

    if hasattr(value, "data_type"):  # already a cell
        guard(value)
        return value
    cell = WriteOnlyCell(sheet, value=_clean(value))
    guard(cell)
    return cell


def append_row(sheet, values: Iterable = ()) -> int:
    """Append one row of values (or cells made by safe_cell) to a sheet, write-only or not; its row number
    (0 on a write-only sheet)."""
    values = list(values)
    if not hasattr(sheet, "cell"):  # a write-only sheet takes cells
        sheet.append([safe_cell(sheet, value) for value in values])
        return 0
    values = [value if hasattr(value, "data_type") else _clean(value) for value in values]
    sheet.append(values)
    row = sheet._current_row
    for column, value in enumerate(values, start=1):
        if hasattr(value, "data_type") or formula_like(value):
            guard(sheet.cell(row, column))
    return row


def figures_workbook(title: str, start: date, end: date, header: Sequence[str], rows: Iterable[Sequence],
                     notes: Iterable[str], *, percent_columns: int = 2,
                     widths: dict[str, float] | None = None) -> bytes:
    """One sheet. The last row is the total; the last `percent_columns` cells of each row are rates (0–1)."""
    from openpyxl.styles import Font

    book = new_workbook()
    sheet = book.active
    sheet.title = title[:31]  # Excel's limit
    append_row(sheet, [title, f"{start:%d/%m/%Y} – {end:%d/%m/%Y}"])
    append_row(sheet, [])
    append_row(sheet, [str(text) for text in header])
    for cell in sheet[3]:
        cell.font = Font(bold=True)
    for row in rows:
        row = list(row)
        append_row(sheet, row)
        for cell in sheet[sheet.max_row][len(row) - percent_columns:]:
            cell.number_format = "0.0%"
    sheet[sheet.max_row][1].font = Font(bold=True)
    append_row(sheet, [])
    for text in notes:
        append_row(sheet, [str(text)])
    for column, width in (widths or {}).items():
        sheet.column_dimensions[column].width = width
    return workbook_bytes(book)
