"""Reading the Government's yearly notice of days off and make-up working days (an XLSX or CSV an administrator
uploads) into checked rows: one per date, with its kind and reason.

The file as a whole is refused (ImportRefused, shown beside the file field) when it is not an XLSX or a CSV,
is empty or too large, is a CSV not in UTF-8 (with or without BOM) or UTF-16, or lacks the date and kind
columns. Each row is checked on its own (RowProblem, shown beside the row in the preview): a date that cannot
be read or lies outside the year, a date given twice, an unknown kind, a missing or too long reason. As in the
catalogue import (procedures.spreadsheets), Windows-1258 is refused rather than guessed: it decodes almost any
byte sequence, so a wrong guess would store garbled Vietnamese reasons.
"""
from __future__ import annotations

import itertools
import re
from dataclasses import dataclass
from datetime import date, datetime

from flask_babel import lazy_gettext as _l

from portal.core import sheet_upload
from portal.core.errors import DomainError
from portal.core.text import fold, nfc
from portal.workdays.rules import ExceptionKind

MAX_BYTES = 256 * 1024  # a year has 366 days: a notice is a few KB
MAX_ROWS = 400
MAX_UNPACKED_BYTES = 16 * 1024 * 1024
REASON_MAX = 300  # WorkdayException.reason

# Header cells are compared folded (no case, no diacritics), without anything in brackets: the template's
# "Ngày (Date)" and a hand-made "NGÀY" or "date" all name the date column.
HEADERS = {
    "on": {"ngay", "date", "ngay thang", "ngay nghi / lam bu"},
    "kind": {"loai", "kind", "loai ngay", "nghi / lam bu", "hinh thuc"},
    "reason": {"ly do", "reason", "can cu", "ly do, can cu", "ly do / can cu", "ghi chu", "van ban", "note"},
}
TEMPLATE_HEADERS = ("Ngày (Date)", "Loại (Kind)", "Lý do, căn cứ (Reason)")
KINDS = {
    ExceptionKind.DAY_OFF: {"nghi", "ngay nghi", "nghi le", "nghi bu", "ngay nghi bu", "nghi tet", "day off",
                            "day_off", "extra day off", "holiday"},
    ExceptionKind.WORKING_DAY: {"lam bu", "ngay lam bu", "lam viec bu", "ngay lam viec bu", "di lam bu",
                                "lam viec", "ngay lam viec", "make-up working day", "make up working day",
                                "make-up day", "working day", "working_day", "extra working day"},
}
_KIND_BY_NAME = {name: kind for kind, names in KINDS.items() for name in names}
_DATE_FORMATS = ("%d/%m/%Y", "%Y-%m-%d", "%d-%m-%Y", "%d.%m.%Y")


class ImportRefused(DomainError):
    """The file as a whole cannot be used; nothing is applied."""

    def __init__(self, message):
        super().__init__(message, field="file")


@dataclass(frozen=True)
class NoticeRow:
    number: int  # as the spreadsheet numbers it: the header is row 1
    on: date
    kind: ExceptionKind
    reason: str


@dataclass(frozen=True)
class RowProblem:
    number: int
    value: str  # the row as written, to show beside the message
    messages: tuple


def read_notice(data: bytes, filename: str) -> list[tuple[int, dict]]:
    """The data rows of the file under a checked header: (row number, {"on", "kind", "reason": cell value})."""
    if len(data) > MAX_BYTES:
        raise ImportRefused(_l("The file is larger than %(kb)s KB; a yearly notice fits in a few KB.",
                               kb=MAX_BYTES // 1024))
    if not data:
        raise ImportRefused(_l("The file is empty."))
    extension = filename.rsplit(".", 1)[-1].lower() if "." in (filename or "") else ""
    if data.startswith(b"\xd0\xcf\x11\xe0"):
        raise ImportRefused(_l("This is an old Excel file (.xls). Open it in Excel and save it as .xlsx, "
                               "then upload it again."))
    if extension == "xlsx":
        rows = _xlsx_rows(data)
    elif extension == "csv":
        rows = _csv_rows(data)
    else:
        raise ImportRefused(_l("Only XLSX and CSV files can be imported."))
    return _records(rows)


def _xlsx_rows(data: bytes) -> list[tuple[int, tuple]]:
    return list(itertools.islice(sheet_upload.xlsx_records(data, ImportRefused, MAX_UNPACKED_BYTES), MAX_ROWS + 21))


def _csv_rows(data: bytes) -> list[tuple[int, list]]:
    return list(sheet_upload.records(data, lambda cell: _header_key(cell) in _COLUMN_BY_HEADER, ImportRefused))


def _header_key(cell) -> str:
    return " ".join(fold(re.sub(r"\(.*?\)", " ", str(cell or ""))).split())


_COLUMN_BY_HEADER = {header: column for column, headers in HEADERS.items() for header in headers}


def _blank(value) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _records(rows) -> list[tuple[int, dict]]:
    positions, records = None, []
    for number, values in rows:
        if all(_blank(v) for v in values):
            continue
        if positions is None:
            positions = {}
            for index, cell in enumerate(values):
                column = _COLUMN_BY_HEADER.get(_header_key(cell))
                if column and column not in positions:
                    positions[column] = index
            if "on" not in positions or "kind" not in positions:
                raise ImportRefused(_l("The first row must hold the column headers of the template: Ngày (Date), "
                                       "Loại (Kind), Lý do, căn cứ (Reason). Download the template and copy your "
                                       "data into it."))
            continue
        if len(records) >= MAX_ROWS:
            raise ImportRefused(_l("The file has more than %(limit)s rows; a yearly notice has far fewer.",
                                   limit=MAX_ROWS))
        records.append((number, {k: values[i] if i < len(values) else None for k, i in positions.items()}))
    if not records:
        raise ImportRefused(_l("The file holds no dates under its header row."))
    return records


def check_rows(records: list[tuple[int, dict]], year: int) -> tuple[list[NoticeRow], list[RowProblem]]:
    """Every row checked: the rows to use, and the problems per row (a row with a problem is not used)."""
    rows, problems, seen = [], [], {}
    for number, values in records:
        messages = []
        on = _date(values.get("on"))
        if on is None:
            messages.append(_l("“%(value)s” is not a date: write it as dd/mm/yyyy.",
                               value=_text(values.get("on"))[:40]))
        elif on.year != year:
            messages.append(_l("%(day)s is not in %(year)s: this import is for %(year)s only.",
                               day=on.strftime("%d/%m/%Y"), year=year))
        elif on in seen:
            messages.append(_l("%(day)s is already on row %(row)s: give each date once.",
                               day=on.strftime("%d/%m/%Y"), row=seen[on]))
        kind = _KIND_BY_NAME.get(" ".join(fold(_text(values.get("kind"))).split()))
        if kind is None:
            messages.append(_l("“%(value)s” is not a kind: write “Ngày nghỉ” (day off) or “Ngày làm bù” "
                               "(make-up working day).", value=_text(values.get("kind"))[:40]))
        reason = " ".join(nfc(_text(values.get("reason"))).split())
        if not reason:
            messages.append(_l("Enter the reason (e.g. the decision number)."))
        elif len(reason) > REASON_MAX:
            messages.append(_l("The reason is longer than %(max)s characters.", max=REASON_MAX))
        if on is not None and on.year == year:
            seen.setdefault(on, number)
        if messages:
            written = " · ".join(_text(values.get(k)) for k in ("on", "kind", "reason") if not _blank(values.get(k)))
            problems.append(RowProblem(number, written[:120], tuple(messages)))
        else:
            rows.append(NoticeRow(number, on, kind, reason))
    return rows, problems


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.strftime("%d/%m/%Y")
    if isinstance(value, date):
        return value.strftime("%d/%m/%Y")
    return str(value).strip()


def _date(value) -> date | None:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    text = _text(value)
    for fmt in _DATE_FORMATS:
        try:
            return datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    return None


def template_xlsx() -> bytes:
    """The file to fill in: the header row, and a second sheet explaining the columns."""
    from openpyxl.styles import Font

    from portal.core.xlsx import append_row, new_workbook, workbook_bytes

    book = new_workbook()
    sheet = book.active
    sheet.title = "Thông báo"
    append_row(sheet, list(TEMPLATE_HEADERS))
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for column, width in (("A", 16), ("B", 22), ("C", 60)):
        sheet.column_dimensions[column].width = width
    help_sheet = book.create_sheet("Hướng dẫn")
    for line in (
        ["Một dòng cho mỗi ngày. Chỉ trang tính đầu tiên được đọc. / One row per date; only the first sheet is read."],
        ["Ngày (Date)", "dd/mm/yyyy, ví dụ 15/04/2027; mọi ngày phải thuộc năm nhập. / All dates in the year imported."],
        ["Loại (Kind)", "Ngày nghỉ (day off) hoặc Ngày làm bù (make-up working day)."],
        ["Lý do, căn cứ (Reason)", "Số, ngày văn bản, ví dụ: Thông báo 1234/TB-BNV. / The decision's reference."],
    ):
        append_row(help_sheet, line)
    return workbook_bytes(book)
