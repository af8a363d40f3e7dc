"""Reform plans as XLSX in the layout the offices use: one row per field, result and activity, with the
seed's columns (Mã, Nội dung, Chỉ số / Kết quả dự kiến, Sản phẩm, Kinh phí, Chủ trì, Phối hợp, Bắt đầu,
Kết thúc, Ghi chú), then the machine columns a faithful round trip needs (target, metric, stated totals,
source notes) on the right. A second sheet holds the plan's own data (title, year, decision, stated grand total,
notes).

Rows: "Lĩnh vực I" (Nội dung = title, Chỉ số = the field's goals), "Kết quả 1.2" (Nội dung = title,
Chỉ số = indicator), "Hoạt động 1.2.1" (every column). Rows whose Mã starts with "Tổng" are the computed
totals written by the export for readers; the import skips them (totals are never typed). On a field or result
row, an amount in "Kinh phí" is read as the source's stated total when the stated-total column is empty.

Writing a workbook in this layout is xlsx_export.py's; reading and checking one is xlsx_import.py's.
"""
from __future__ import annotations

SHEET_PLAN = "Kế hoạch"
SHEET_INFO = "Thông tin kế hoạch"

# (key, header). The first ten are the seed's columns and required; the others are optional machine columns.
COLUMNS = [
    ("code", "Mã"),
    ("content", "Nội dung"),
    ("indicator", "Chỉ số / Kết quả dự kiến"),
    ("output", "Sản phẩm"),
    ("budget", "Kinh phí (VND)"),
    ("lead", "Chủ trì"),
    ("coordinating", "Phối hợp"),
    ("start", "Bắt đầu (tháng)"),
    ("end", "Kết thúc (tháng)"),
    ("note", "Ghi chú"),
    ("target_value", "Chỉ tiêu (giá trị)"),
    ("target_unit", "Chỉ tiêu (đơn vị)"),
    ("direction", "Chỉ tiêu (chiều)"),
    ("baseline", "Giá trị ban đầu"),
    ("metric", "Chỉ số đo tự động"),
    ("stated_total", "Tổng ghi trong văn bản (VND)"),
    ("source_note", "Ghi chú nguồn"),
]
REQUIRED = [key for key, _ in COLUMNS[:10]]
HEADER = dict(COLUMNS)

INFO_ROWS = [("title", "Tên kế hoạch"), ("year", "Năm"), ("decision_number", "Số quyết định"),
             ("decision_date", "Ngày quyết định"), ("unit_code", "Mã đơn vị theo dõi"),
             ("stated_grand_total", "Tổng kinh phí ghi trong văn bản (VND)"), ("notes", "Ghi chú")]
