"""The spreadsheet format shared by import, export and the template: the national database's column
headers (kept in Vietnamese, as the database writes them) and the words each column accepts."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l

from portal.core.text import nfc
from portal.procedures.models import Level, OnlineLevel

COLUMNS = [
    ("code", "Mã thủ tục"),
    ("name", "Tên thủ tục"),
    ("field", "Lĩnh vực"),
    ("level", "Cấp thực hiện"),
    ("unit", "Cơ quan thực hiện"),
    ("steps", "Trình tự thực hiện"),
    ("channels", "Cách thức thực hiện"),
    ("documents", "Thành phần hồ sơ"),
    ("sets", "Số bộ hồ sơ"),
    ("processing_days", "Thời hạn giải quyết (ngày làm việc)"),
    ("processing_note", "Mô tả thời hạn"),
    ("applicants", "Đối tượng thực hiện"),
    ("result", "Kết quả thực hiện"),
    ("fee_amount", "Lệ phí (đồng)"),
    ("fee_description", "Phí, lệ phí"),
    ("conditions", "Yêu cầu, điều kiện"),
    ("legal_basis", "Căn cứ pháp lý"),
    ("online_level", "Mức độ DVC trực tuyến"),
    ("forms", "Mẫu đơn, tờ khai"),
    ("decision_number", "Số quyết định công bố"),
    ("decision_date", "Ngày quyết định công bố"),
    # Not in today's national database (NĐ 43/2011 scale, before 2022) but kept by the portal, so an
    # export re-imports unchanged. Optional: files without it are accepted.
    ("old_online_level", "Mức độ DVC cũ (1-4)"),
]
HEADERS = dict(COLUMNS)
OPTIONAL_COLUMNS = {"old_online_level"}
IGNORED_HEADERS = {"stt"}  # the national database's row counter
# "unit" is required for a town-level row only: a commune-level procedure names no unit (competence by level).
REQUIRED_VALUES = ("code", "name", "field", "level", "processing_days", "decision_number", "decision_date")


def header_key(cell) -> str:
    """Headers compare without case, spacing, dash style or a trailing 'required' star."""
    text = nfc(str(cell) if cell is not None else "").replace("–", "-").replace("—", "-")
    return text.rstrip("*").strip().casefold()


# What export writes; import reads these and the other folded words below.
LEVEL_TEXT = {Level.TOWN: "Cấp huyện", Level.COMMUNE: "Cấp xã"}
# The "unit" cell of a commune-level procedure: every ward and commune handles it (import reads it, or a blank).
COMMUNE_UNIT_TEXT = "UBND cấp xã"
CHANNEL_TEXT = {"in_person": "Trực tiếp", "post": "Bưu chính", "online": "Trực tuyến"}
ONLINE_TEXT = {OnlineLevel.FULL: "Toàn trình", OnlineLevel.PARTIAL: "Một phần", OnlineLevel.NONE: "Không"}
KIND_TEXT = {"original": "bản chính", "certified_copy": "bản sao chứng thực", "copy": "bản sao",
             "original_or_certified": "bản chính hoặc bản sao chứng thực"}

# Folded (core.text.fold), with a leading "cấp " removed for levels.
LEVEL_WORDS = {**dict.fromkeys(("huyen", "thi xa", "quan", "thanh pho", "town"), Level.TOWN.value),
               **dict.fromkeys(("xa", "phuong", "thi tran", "xa, phuong", "xa/phuong", "commune", "ward"),
                               Level.COMMUNE.value)}
CHANNEL_WORDS = {**dict.fromkeys(("truc tiep", "in person", "in_person"), "in_person"),
                 **dict.fromkeys(("buu chinh", "qua buu chinh", "buu chinh cong ich", "post"), "post"),
                 **dict.fromkeys(("truc tuyen", "dich vu cong truc tuyen", "online"), "online")}
ONLINE_WORDS = {**dict.fromkeys(("toan trinh", "full"), OnlineLevel.FULL.value),
                **dict.fromkeys(("mot phan", "partial"), OnlineLevel.PARTIAL.value),
                **dict.fromkeys(("", "khong", "none"), OnlineLevel.NONE.value)}

GUIDE = {
    "code": _l("The procedure code in the national database, e.g. 1.000948.000.00.00.H17. It must not be used by a "
               "procedure of the catalogue yet, nor repeat in the file."),
    "name": _l("The procedure name, at most 500 characters."),
    "field": _l("The field code or its exact name, as listed below."),
    "level": _l("“Cấp huyện” (town level) or “Cấp xã” (ward / commune level)."),
    "unit": _l("Town level: the handling unit's code or exact name, as listed below. Ward / commune level: "
               "“UBND cấp xã” or empty; every ward and commune handles it for its own area."),
    "steps": _l("The steps, as published; line breaks are kept."),
    "channels": _l("Any of “Trực tiếp”, “Bưu chính”, “Trực tuyến”, separated by commas."),
    "documents": _l("One document per line: name; bản chính / bản sao chứng thực / bản sao; number of copies. "
                    "Example: Tờ khai đăng ký khai sinh; bản chính; 1"),
    "sets": _l("The number of sets to file; empty means 1."),
    "processing_days": _l("A whole number of working days, from 0 (the same day) to 365."),
    "processing_note": _l("The processing time in words, as published."),
    "applicants": _l("Who may file, as published."),
    "result": _l("The result (licence, certificate…), as published."),
    "fee_amount": _l("A whole number of đồng (50000 or 50.000); empty means no fee."),
    "fee_description": _l("Fees and charges in words, as published."),
    "conditions": _l("Requirements and conditions, as published."),
    "legal_basis": _l("Legal basis, one document per line."),
    "online_level": _l("“Toàn trình”, “Một phần” or “Không”; empty means “Không”."),
    "forms": _l("Form names, one per line. The files are attached afterwards in the portal."),
    "decision_number": _l("The number of the publishing decision, e.g. 123/QĐ-UBND."),
    "decision_date": _l("The date of the publishing decision, dd/mm/yyyy."),
    "old_online_level": _l("Optional column: the old online level (1 to 4, before 2022)."),
}
