"""Supplements asked for after acceptance (NĐ 61/2018 Điều 19 k4), pure: no clock, no database.

"Thời gian thông báo trả lại hồ sơ không quá 03 ngày làm việc kể từ ngày tiếp nhận hồ sơ": the
handling unit may return an accepted file for supplements only within 3 working days of the day of
receipt, and the desk asks for everything missing at once (Điều 19 k4 with Điều 17 k2), so a file is
returned for supplements once. Counting as the Civil Code counts (Bộ luật Dân sự 2015 Điều 147–148):
the day of receipt is not counted, the limit ends at the end of its third working day.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

WINDOW_WORKING_DAYS = 3  # NĐ 61/2018 Điều 19 k4
MAX_REQUESTS = 1  # NĐ 61/2018 Điều 19 k4, Điều 17 k2: everything missing is asked for at once


@dataclass(frozen=True)
class SupplementCheck:
    allowed: bool
    reason: str = ""  # "too_late" | "second_request" (keys of services.SUPPLEMENT_MESSAGES)
    last_day: date | None = None  # the last day a request could be made


def last_request_day(received_day: date, add_working_days) -> date:
    """The third working day after the day of receipt (the day of receipt itself not counted).
    `add_working_days(start, n)`: the calendar's n-th working day after `start`."""
    return add_working_days(received_day, WINDOW_WORKING_DAYS)


def check_request(*, received_day: date, today: date, requests_so_far: int, add_working_days) -> SupplementCheck:
    """May the handling unit ask for supplements on `today` (local days)?"""
    last = last_request_day(received_day, add_working_days)
    if requests_so_far >= MAX_REQUESTS:
        return SupplementCheck(False, "second_request", last)
    if today > last:
        return SupplementCheck(False, "too_late", last)
    return SupplementCheck(True, "", last)
