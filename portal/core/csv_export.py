"""CSV downloads: the one writer every CSV export uses, so that no cell reaches a spreadsheet as a formula
(portal.core.cells)."""
from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence

from portal.core.cells import safe_cell

BOM = "\ufeff"  # Excel opens UTF-8 Vietnamese correctly only with a byte order mark


class SafeWriter:
    """csv.writer whose rows are guarded cell by cell."""

    def __init__(self, stream, **options):
        self._writer = csv.writer(stream, **options)

    def writerow(self, row: Iterable) -> None:
        self._writer.writerow([safe_cell(value) for value in row])

    def writerows(self, rows: Iterable[Iterable]) -> None:
        for row in rows:
            self.writerow(row)


def csv_writer(stream, **options) -> SafeWriter:
    return SafeWriter(stream, **options)


def csv_text(header: Sequence, rows: Iterable[Iterable], *, bom: bool = False, **options) -> str:
    """A whole CSV document as text: the header, then the rows."""
    buffer = io.StringIO()
    if bom:
        buffer.write(BOM)
    writer = SafeWriter(buffer, **options)
    writer.writerow(header)
    writer.writerows(rows)
    return buffer.getvalue()
