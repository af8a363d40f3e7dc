"""Realistic feedback input shared by the feedback tests."""
from __future__ import annotations

import uuid
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

VN = ZoneInfo("Asia/Ho_Chi_Minh")


def local(*args) -> datetime:
    return datetime(*args, tzinfo=VN).astimezone(UTC)


def valid_data(**changes) -> dict:
    data = {
        "kind": "phan_anh", "category": "obstruction",
        "title": "Chậm trả kết quả đăng ký khai sinh",
        "content": "Tôi nộp hồ sơ đăng ký khai sinh cho con tại bộ phận một cửa phường Nghĩa Tân ngày 2/11 "
                   "nhưng đến nay đã quá hẹn mà chưa nhận được kết quả, cũng không có phiếu xin lỗi.",
        "procedure_code": "", "case_code": "", "place": "Tổ dân phố 3, phường Nghĩa Tân",
        "latitude": None, "longitude": None,
        "submitter_kind": "individual", "submitter_name": "Nguyễn Thị Lan",
        "submitter_address": "Tổ 3, phường Nghĩa Tân, thị xã Gia Nghĩa",
        "submitter_phone": "0912 345 678", "submitter_email": "lan.nguyen@example.vn",
        "consent": True, "publish_allowed": True, "submit_token": str(uuid.uuid4()),
    }
    data.update(changes)
    return data


def form_fields(**changes) -> dict:
    """The same data as the HTML form posts it (checkboxes: 'y' when ticked, absent otherwise)."""
    fields = {k: v for k, v in valid_data(**changes).items() if v is not None}
    for box in ("consent", "publish_allowed"):
        if fields.get(box) is True:
            fields[box] = "y"
        elif box in fields:
            del fields[box]
    fields.setdefault("website", "")
    return fields
