"""Spreadsheets for the import tests, built in memory."""
from __future__ import annotations

import csv
import io
import unicodedata

import openpyxl

from portal.procedures.columns import COLUMNS

HEADERS = [header for _key, header in COLUMNS]


def good_row(unit, field, code: str, /, **changes) -> dict:
    """A row that imports cleanly, in the words a clerk copies from the national database."""
    row = {"code": code, "name": "Đăng ký kết hôn", "field": field.name, "level": "Cấp xã", "unit": unit.code,
           "steps": "Bước 1: Nộp hồ sơ tại Bộ phận Một cửa.\nBước 2: Nhận kết quả.",
           "channels": "Trực tiếp, Trực tuyến",
           "documents": "Tờ khai đăng ký kết hôn; bản chính; 1\nGiấy xác nhận tình trạng hôn nhân; bản sao chứng thực; 2",
           "sets": 1, "processing_days": 3, "processing_note": "03 ngày làm việc", "applicants": "Công dân Việt Nam",
           "result": "Giấy chứng nhận kết hôn", "fee_amount": "50.000", "fee_description": "50.000 đồng/trường hợp",
           "conditions": "", "legal_basis": "Luật Hộ tịch số 60/2014/QH13", "online_level": "Một phần",
           "forms": "Tờ khai đăng ký kết hôn", "decision_number": "15/QĐ-UBND", "decision_date": "15/03/2024"}
    row.update(changes)
    return row


def xlsx_bytes(rows: list[dict], headers: list[str] = HEADERS) -> bytes:
    book = openpyxl.Workbook(write_only=True)
    sheet = book.create_sheet("Thủ tục")
    sheet.append(headers)
    for row in rows:
        sheet.append([row.get(key) for key, _header in COLUMNS])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def csv_bytes(rows: list[dict], encoding: str = "utf-8-sig", delimiter: str = ",") -> bytes:
    text = io.StringIO()
    writer = csv.writer(text, delimiter=delimiter)
    writer.writerow(HEADERS)
    for row in rows:
        writer.writerow(["" if row.get(key) is None else row.get(key) for key, _header in COLUMNS])
    return windows_1258(text.getvalue()) if encoding == "cp1258" else text.getvalue().encode(encoding)


_TONES = "\u0300\u0301\u0303\u0309\u0323"


def windows_1258(text: str) -> bytes:
    """Text as a Vietnamese Windows-1258 file holds it: vowels with their shape, tones as combining marks."""
    out = bytearray()
    for char in unicodedata.normalize("NFC", text):
        try:
            out += char.encode("cp1258")
        except UnicodeEncodeError:
            parts = unicodedata.normalize("NFD", char)
            base = unicodedata.normalize("NFC", "".join(p for p in parts if p not in _TONES))
            out += (base + "".join(p for p in parts if p in _TONES)).encode("cp1258")
    return bytes(out)
