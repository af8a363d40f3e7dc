"""Reading an uploaded CSV the way Excel writes it, for every import (procedure catalogue, calendar notice).

UTF-8 (with or without BOM) and UTF-16 are read; anything else — in practice Windows-1258 "ANSI" — is
refused rather than guessed, since it decodes almost any byte into wrong Vietnamese. The delimiter is the
one that splits the header into the most known columns (Excel's choice follows the locale)."""
from __future__ import annotations

import codecs
import csv
import io
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
