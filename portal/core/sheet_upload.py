"""Reading an uploaded spreadsheet — XLSX or the CSV Excel writes — for every import (procedure catalogue,
calendar notice). Bad files are refused with `refuse(message)`, the caller's DomainError.

XLSX: a zip bomb is refused before openpyxl unpacks it; any zip, XML or workbook error, also part-way through
a damaged sheet, is "not a readable workbook".

UTF-8 (with or without BOM) and UTF-16 are read; anything else — in practice Windows-1258 "ANSI" — is
refused rather than guessed, since it decodes almost any byte into wrong Vietnamese. The delimiter is the
one that splits the header into the most known columns (Excel's choice follows the locale)."""
from __future__ import annotations

import codecs
import csv
import io
import zipfile
from collections.abc import Callable, Iterator

from flask_babel import lazy_gettext as _l


def decode(data: bytes, refuse: type[Exception]) -> str:
    """The file's text, or `refuse(message)` raised with what to do about it."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return data.decode("utf-16")
    if b"\x00" in data[:8192]:
        raise refuse(_l("The file is not a text CSV file."))
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        raise refuse(_l(
            "The CSV file is not encoded in UTF-8 (unreadable byte at position %(pos)s); it was probably saved as "
            "Windows-1258 or ANSI, which cannot be read reliably. In Excel choose Save as → “CSV UTF-8 (Comma "
            "delimited)”, or upload the .xlsx file instead.", pos=err.start + 1)) from err


def records(data: bytes, is_known_header: Callable[[str], bool], refuse: type[Exception]) -> Iterator[tuple[int, list]]:
    """(record number from 1, cells) of the file: records, not physical lines — a cell may hold line breaks,
    and Excel numbers rows the same way."""
    text = decode(data, refuse)
    first_line = text.split("\n", 1)[0]
    delimiter = max(",;\t", key=lambda d: sum(is_known_header(c)
                                              for c in next(csv.reader([first_line], delimiter=d), [])))
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        yield from enumerate(reader, start=1)
    except csv.Error as err:
        raise refuse(_l("The CSV file could not be read (%(error)s). Save it again from Excel as “CSV UTF-8”.",
                        error=str(err))) from err


def xlsx_records(data: bytes, refuse: type[Exception], max_unpacked_bytes: int) -> Iterator[tuple[int, tuple]]:
    """(row number from 1, cell values) of the first sheet."""
    import openpyxl

    unreadable = _l("The file is not a readable Excel workbook (.xlsx). Open it in Excel, save it again and retry.")
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            unpacked = sum(item.file_size for item in archive.infolist())
    except zipfile.BadZipFile as err:
        raise refuse(unreadable) from err
    if unpacked > max_unpacked_bytes:
        raise refuse(_l("The workbook is too large once unpacked. Split it into smaller files."))
    try:
        workbook = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as err:  # zip, XML or workbook errors all mean the same to the user
        raise refuse(unreadable) from err
    try:
        rows = workbook.worksheets[0].iter_rows(values_only=True)
        number = 0
        while True:
            try:
                values = next(rows)
            except StopIteration:
                return
            except Exception as err:  # a damaged sheet fails part-way; nothing has been stored yet
                raise refuse(unreadable) from err
            number += 1
            yield number, values
    finally:
        workbook.close()
