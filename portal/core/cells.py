"""Spreadsheet formula injection (OWASP "CSV injection"): a text cell that begins with =, +, -, @, a tab or a
carriage return may be run by Excel or LibreOffice as a formula (=HYPERLINK(...), @SUM(...)). Every CSV and
XLSX export writes its cells through portal.core.csv_export or portal.core.xlsx, which guard such text here:
CSV prefixes it with a single quote, XLSX stores it as a string. Only str values are guarded: numbers,
negative ones included, stay numbers."""
from __future__ import annotations

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def formula_like(value) -> bool:
    """Text a spreadsheet could read as a formula."""
    return isinstance(value, str) and value.startswith(FORMULA_STARTS)


def safe_cell(value):
    """The value as a CSV cell: formula-like text prefixed with a single quote, anything else unchanged."""
    return "'" + value if formula_like(value) else value
