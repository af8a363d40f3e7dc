"""Reading an uploaded spreadsheet (XLSX or CSV) into rows keyed by column, header checked first.

Encodings: a CSV must be UTF-8 (with or without the BOM Excel writes) or UTF-16 with a BOM.
Windows-1258 and CP1252 are refused rather than guessed: both decode almost any byte sequence, so a
wrong guess would silently store garbled Vietnamese in a legal catalogue. XLSX files are read with
openpyxl in read-only mode, row by row, and reading stops one row past the limit.
"""
from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import NamedTuple

from flask_babel import lazy_gettext as _l

from portal.core import sheet_upload
from portal.core.errors import DomainError
from portal.core.text import nfc
from portal.procedures.columns import COLUMNS, IGNORED_HEADERS, OPTIONAL_COLUMNS, header_key

# A workbook is a zip: a few MB can unpack to gigabytes, and openpyxl keeps the shared strings in
# memory even in read-only mode. zipfile stops at the sizes the archive declares, so checking them holds.
MAX_UNPACKED_BYTES = 256 * 1024 * 1024


class ImportRefused(DomainError):
    """The file as a whole cannot be used; nothing was imported."""

    def __init__(self, message):
        super().__init__(message, field="file")


class RawRow(NamedTuple):
    number: int  # as the spreadsheet numbers it: the header is row 1
    values: dict


def read_rows(data: bytes, filename: str, max_rows: int) -> Iterator[RawRow]:
    """The data rows of an uploaded XLSX or CSV under a checked header. The type is checked now; the
    header, the encoding and the row limit as the rows are read (never more than max_rows + 1)."""
    if not data:
        raise ImportRefused(_l("The file is empty."))
    extension = filename.rsplit(".", 1)[-1].lower() if "." in (filename or "") else ""
    if data.startswith(b"\xd0\xcf\x11\xe0"):
        raise ImportRefused(_l("This is an old Excel file (.xls). Open it in Excel and save it as .xlsx, then upload it again."))
    if extension == "xlsx":
        if not data.startswith(b"PK\x03\x04"):
            raise ImportRefused(_l("The file is not an Excel workbook (.xlsx), although its name says so."))
        return _records(_xlsx_rows(data), max_rows)
    if extension == "csv":
        return _records(_csv_rows(data), max_rows)
    raise ImportRefused(_l("Only XLSX and CSV files can be imported."))


def _xlsx_rows(data: bytes) -> Iterator[tuple[int, tuple]]:
    return sheet_upload.xlsx_records(data, ImportRefused, MAX_UNPACKED_BYTES)


def _csv_rows(data: bytes) -> Iterator[tuple[int, list]]:
    return sheet_upload.records(data, lambda cell: header_key(cell) in _HEADER_KEYS, ImportRefused)


_HEADER_KEYS = {header_key(h): key for key, h in COLUMNS}


def _records(rows: Iterable[tuple[int, tuple]], max_rows: int) -> Iterator[RawRow]:
    positions = None
    count = 0
    for number, values in rows:
        if all(blank(v) for v in values):
            continue
        if positions is None:
            positions = _header_positions(values)
            continue
        count += 1
        if count > max_rows:
            raise ImportRefused(_l("The file has more than %(limit)s procedure rows. Split it into files of at most "
                                   "%(limit)s rows and import them one by one.", limit=max_rows))
        yield RawRow(number, {key: values[i] if i < len(values) else None for key, i in positions.items()})
    if positions is None:
        raise ImportRefused(_l("The file is empty: it has no header row."))


def _header_positions(values) -> dict[str, int]:
    positions, unknown = {}, []
    for index, cell in enumerate(values):
        label = header_key(cell)
        if not label or label in IGNORED_HEADERS:
            continue
        key = _HEADER_KEYS.get(label)
        if key is None or key in positions:
            unknown.append(nfc(str(cell)))
        else:
            positions[key] = index
    missing = [header for key, header in COLUMNS if key not in positions and key not in OPTIONAL_COLUMNS]
    if missing or unknown:
        raise ImportRefused(_l("The first row must hold the column headers of the template. Missing columns: "
                               "%(missing)s. Columns not recognised: %(unknown)s. Download the template and copy "
                               "your data into it.", missing="; ".join(missing) or "—", unknown="; ".join(unknown) or "—"))
    return positions


def blank(value) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())
