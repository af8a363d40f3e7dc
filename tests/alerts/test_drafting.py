"""The Mẫu 04 draft (portal.alerts.drafting): the reason from the case's history, in Vietnamese for the citizen's
letter, and the fallback new date. Pure, on a hand-built calendar with 30/4–1/5 2027 off."""
from __future__ import annotations

from datetime import date

from portal.alerts import drafting
from portal.alerts.drafting import CaseFacts, LegFact
from portal.workdays.rules import WorkCalendar

CAL = WorkCalendar(holidays={date(2027, 4, 30): "30/4", date(2027, 5, 1): "1/5", date(2027, 5, 3): "bù 1/5"})


def test_the_reason_names_what_held_the_case_up():
    facts = CaseFacts(
        due_day=date(2027, 5, 6),
        legs=(LegFact("Phòng Tài nguyên và Môi trường", date(2027, 4, 26), date(2027, 4, 29)),  # still open
              LegFact("Công an phường", date(2027, 4, 20), date(2027, 4, 22), answered_day=date(2027, 4, 27)),
              LegFact("Phòng Tư pháp", date(2027, 4, 20), date(2027, 4, 22), answered_day=date(2027, 4, 21))),
        supplement_requested_day=date(2027, 4, 19), supplement_received_day=date(2027, 4, 21),
        notes=("Đã liên hệ người nộp.", "Chờ trích lục bản đồ địa chính."))
    reason = drafting.draft_reason(facts, date(2027, 5, 5), CAL)
    # open since Mon 26/4: 27, 28, 29 April, then 4 and 5 May (30/4, 1/5, Sunday 2/5 and 3/5 off) = 5 working days
    assert reason == ("đang chờ ý kiến phối hợp của Phòng Tài nguyên và Môi trường (gửi ngày 26/04/2027, đã 5 ngày "
                      "làm việc, hạn trả lời 29/04/2027); Công an phường trả lời ý kiến phối hợp chậm 3 ngày làm việc "
                      "so với hạn 22/04/2027; hồ sơ phải bổ sung, hoàn thiện (yêu cầu ngày 19/04/2027, nhận đủ ngày "
                      "21/04/2027); ghi nhận của cán bộ xử lý: Đã liên hệ người nộp; ghi nhận của cán bộ xử lý: Chờ "
                      "trích lục bản đồ địa chính")
    assert "Phòng Tư pháp" not in reason  # answered in time: not a reason


def test_without_history_the_reason_is_generic_and_editable():
    assert drafting.draft_reason(CaseFacts(due_day=date(2027, 5, 6)), date(2027, 5, 5), CAL) == drafting.GENERIC_REASON


def test_the_fallback_date_follows_the_later_of_the_due_day_today_and_the_open_consultations():
    plain = CaseFacts(due_day=date(2027, 4, 29))
    assert drafting.fallback_new_due_day(plain, date(2027, 4, 28), CAL) == date(2027, 5, 6)  # 4, 5, 6 May
    waiting = CaseFacts(due_day=date(2027, 4, 29), legs=(LegFact("Phòng Tư pháp", date(2027, 4, 26), date(2027, 5, 7)),))
    assert drafting.fallback_new_due_day(waiting, date(2027, 4, 28), CAL) == date(2027, 5, 12)  # 10, 11, 12 May
