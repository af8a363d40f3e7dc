"""Hand-made histories for the forecast's tests: weekdays only unless a test builds its own calendar, cases of
5 working days whose finishing day is set relative to the legal due day (extra > 0: late by that many days)."""
from __future__ import annotations

from datetime import date

from portal.forecast import records as rec

WEEKDAYS = rec.WorkIndex(lambda d: d.weekday() < 5, date(2026, 11, 1), date(2028, 12, 31))
UNIT_NAMES = {1: "Phòng Tư pháp", 2: "Phòng Tài nguyên và Môi trường", 7: "Chi cục Thuế khu vực"}


def case(cid: int, unit: int, received: date, *, extra: int | None, W: rec.WorkIndex = WEEKDAYS, days: int = 5,
         procedure: int = 1, legs=(), apology: date | None = None, handler: int | None = None) -> rec.CaseRecord:
    """Received on `received` (a working day), assigned the same day, legal due `days` working days later;
    finished `extra` working days after the due day (None: still open)."""
    due = W.day(W(received) + days)
    finish = None if extra is None else W.day(W(due) + extra)
    statuses = ((received, "in_progress"),) + (((finish, "result_ready"),) if finish else ())
    return rec.CaseRecord(id=cid, procedure_id=procedure, unit_id=unit, received_day=received, due_day=due,
                        finish_day=finish, statuses=statuses, legs=tuple(legs), apology_day=apology,
                        handler=handler if handler is not None else 100 + unit, assigned_day=received,
                        unit_name=UNIT_NAMES.get(unit, ""))


def working_days_from(first: date, n: int, W: rec.WorkIndex = WEEKDAYS) -> list[date]:
    return [W.day(W(first) + i) for i in range(n)]
