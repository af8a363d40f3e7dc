"""The draft of a Mẫu 04 (Phiếu xin lỗi và hẹn lại ngày trả kết quả) that the unit head reviews, edits and signs:
the reason drafted from the case's history, and a fallback new date when no forecast is available. Pure: the facts,
today and the calendar are given.

The reason is written in Vietnamese whatever the officer's language: it is printed in the letter to the citizen,
"Hồ sơ chưa được giải quyết đúng thời hạn (lý do: …)" (portal.cases.documents.apology), so it is a lower-case
phrase of clauses joined by semicolons. The head edits it freely before signing."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

# Fallback new date (no forecast for the case): this many working days after the later of the legal due day, today
# and the last open consultation's due day: the answer still awaited, then the time to finish and sign the result.
FALLBACK_WORKING_DAYS = 3
GENERIC_REASON = "hồ sơ cần thêm thời gian thẩm tra, xác minh để bảo đảm giải quyết đúng quy định"
MAX_NOTES = 2


@dataclass(frozen=True)
class LegFact:
    unit: str
    sent_day: date
    due_day: date
    answered_day: date | None = None


@dataclass(frozen=True)
class CaseFacts:
    due_day: date  # the legal due day
    legs: tuple[LegFact, ...] = ()
    supplement_requested_day: date | None = None
    supplement_received_day: date | None = None
    notes: tuple[str, ...] = field(default=())  # the handler's notes on trail rows, oldest first


def _d(day: date) -> str:
    return day.strftime("%d/%m/%Y")


def draft_reason(facts: CaseFacts, today: date, cal) -> str:
    """The reason, from what held the case up: consultations still open (with the unit and the working days they
    have been open), consultations answered after their deadline, a supplement requested, the handler's notes."""
    clauses = []
    for leg in facts.legs:
        if leg.answered_day is None:
            days = cal.working_days_between(leg.sent_day, today)
            clauses.append(f"đang chờ ý kiến phối hợp của {leg.unit} (gửi ngày {_d(leg.sent_day)}, đã {days} ngày "
                           f"làm việc, hạn trả lời {_d(leg.due_day)})")
        elif leg.answered_day > leg.due_day:
            late = cal.working_days_between(leg.due_day, leg.answered_day)
            clauses.append(f"{leg.unit} trả lời ý kiến phối hợp chậm {late} ngày làm việc so với hạn "
                           f"{_d(leg.due_day)}")
    if facts.supplement_requested_day is not None:
        received = (f", nhận đủ ngày {_d(facts.supplement_received_day)}" if facts.supplement_received_day
                    else ", chưa nhận đủ")
        clauses.append(f"hồ sơ phải bổ sung, hoàn thiện (yêu cầu ngày {_d(facts.supplement_requested_day)}"
                       f"{received})")
    notes = [n.strip().rstrip(".") for n in facts.notes if n and n.strip()][-MAX_NOTES:]
    clauses += [f"ghi nhận của cán bộ xử lý: {n}" for n in notes]
    return "; ".join(clauses) if clauses else GENERIC_REASON


def fallback_new_due_day(facts: CaseFacts, today: date, cal, extra: int = FALLBACK_WORKING_DAYS) -> date:
    """The later of the legal due day, today and the open consultations' due days, plus `extra` working days: always
    after the due day (an apology must move the return later, cases.rules.check_apology)."""
    base = max([facts.due_day, today] + [leg.due_day for leg in facts.legs if leg.answered_day is None])
    return cal.add_working_days(base, extra)
