"""Figures counted with plain SQL and Python arithmetic, no portal code: the independent count the statistics
pages, the plan and the API are compared with. A year that has ended: open items are read at its end."""
from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import text

from portal.core.db import db
from tests.statistics import world as w


def _year(year: int) -> tuple[datetime, datetime]:
    return w.local(year, 1, 1), w.local(year + 1, 1, 1)


def _of_unit(unit_code: str | None) -> str:
    return " WHERE u.code = :code" if unit_code else ""


def _moment(value) -> datetime | None:
    """A datetime column as read by the driver: aware on PostgreSQL, naive UTC text or value on SQLite."""
    if value is None:
        return None
    if isinstance(value, str):
        value = datetime.fromisoformat(value)
    return value if value.tzinfo else value.replace(tzinfo=UTC)


def _day(moment: datetime):
    return moment.astimezone(w.VN).date()


def sql_cases(unit_code: str | None = None, year: int = w.YEAR) -> dict:
    START, AFTER = _year(year)
    rows = db.session.execute(text(
        "SELECT c.received_at, c.finished_at, c.status, c.original_due_at, c.supplement_requests, a.kind, a.issued_at,"
        " (SELECT COUNT(*) FROM case_rating r WHERE r.case_id = c.id AND r.satisfied = false),"
        " (SELECT COUNT(*) FROM feedback f WHERE f.case_code = c.code AND f.status <> 'merged')"
        " FROM case_file c JOIN unit u ON u.id = c.handling_unit_id LEFT JOIN case_apology a ON a.case_id = c.id"
        + _of_unit(unit_code)), {"code": unit_code}).all()
    out = dict.fromkeys(["received", "finished", "early", "on_time", "late", "late_with_apology",
                         "late_with_late_apology", "late_without_apology", "open_in_time", "open_overdue",
                         "good_766", "open_late_766", "satisfied_766"], 0)
    for received, finished, status, due, supplements, kind, issued, unhappy_rating, pakn in rows:
        received, finished, due, issued = map(_moment, (received, finished, due, issued))
        # Judged here, not read from the portal's stored timing: the local day of the finish against the local
        # day of the legal due (BLDS 2015 Điều 147–148; TT 01/2018 Điều 13 chỉ số 1). A withdrawn case is not judged.
        timing = None
        if finished is not None and status != "withdrawn":
            timing = ("early" if _day(finished) < _day(due) else "on_time" if _day(finished) == _day(due)
                      else "late")
        out["received"] += START <= received < AFTER
        apology = None if issued is None or issued >= AFTER else ("late_with_apology" if kind == "in_time"
                                                                    else "late_with_late_apology")
        if finished and timing and START <= finished < AFTER:  # refused or withdrawn: finished, not judged
            out["finished"] += 1
            out[timing] += 1
            if timing == "late":
                out[apology or "late_without_apology"] += 1
            elif supplements <= 1:  # QĐ 766: asked more than once counts late
                out["good_766"] += 1
                out["satisfied_766"] += not unhappy_rating and not pakn
        if received < AFTER and (finished is None or finished >= AFTER):
            overdue = _day(due) < _day(AFTER)
            out["open_overdue" if overdue else "open_in_time"] += 1
            out["open_late_766"] += overdue or supplements > 1
            if overdue:
                out[apology or "late_without_apology"] += 1
    return out


def sql_feedback(unit_code: str | None = None, year: int = w.YEAR) -> dict:
    START, AFTER = _year(year)
    rows = db.session.execute(text(
        "SELECT f.received_at, f.answered_at, f.answer_due_at, f.status, f.satisfaction FROM feedback f"
        " LEFT JOIN unit u ON u.id = f.unit_id" + (_of_unit(unit_code) or " WHERE 1 = 1") + " AND f.status <> 'merged'"),
        {"code": unit_code}).all()
    out = dict.fromkeys(["received", "handled", "on_time", "open_overdue", "late_or_not_satisfied"], 0)
    for received, answered, due, status, satisfaction in map(lambda r: (*map(_moment, r[:3]), *r[3:]), rows):
        out["received"] += START <= received < AFTER
        if answered and START <= answered < AFTER:
            out["handled"] += 1
            on_time = _day(answered) <= _day(due)
            out["on_time"] += on_time
            out["late_or_not_satisfied"] += not on_time or satisfaction == "not_satisfied"
        open_then = received < AFTER and ((answered is None and status not in ("rejected", "transferred", "closed"))
                                          or (answered is not None and answered >= AFTER))
        out["open_overdue"] += open_then and _day(due) < _day(AFTER)
    return out


def sql_satisfaction(unit_code: str, year: int = w.YEAR) -> dict:
    START, AFTER = _year(year)
    ratings, satisfied = db.session.execute(text(
        "SELECT COUNT(*), SUM(CASE WHEN r.satisfied THEN 1 ELSE 0 END) FROM case_rating r JOIN unit u ON u.id = r.unit_id"
        " WHERE u.code = :code AND r.rated_on BETWEEN :first AND :last"),
        {"code": unit_code, "first": f"{year}-01-01", "last": f"{year}-12-31"}).one()
    returned = [_moment(r) for r, in db.session.execute(text(
        "SELECT c.returned_at FROM case_file c JOIN unit u ON u.id = c.handling_unit_id WHERE u.code = :code"
        " AND c.returned_at IS NOT NULL"), {"code": unit_code})]
    return {"ratings": ratings, "satisfied": int(satisfied or 0), "returned": sum(START <= r < AFTER for r in returned)}


def sql_channel_shares(year: int) -> dict:
    """QĐ 766 groups 3 and 4, counted here: of the cases received in `year` (local), those filed online ÷ those
    whose channel is recorded; paper files (desk, post) digitised at intake ÷ paper files with the answer
    recorded. NULL = received before the portal recorded it: left out of both."""
    START, AFTER = _year(year)
    rows = db.session.execute(text("SELECT received_at, channel, digitised_at_intake FROM case_file")).all()
    out = dict.fromkeys(["online", "channel_known", "digitised", "paper_known"], 0)
    for received, channel, digitised in rows:
        if not START <= _moment(received) < AFTER:
            continue
        out["channel_known"] += channel is not None
        out["online"] += channel == "online"
        if channel in ("desk", "post") and digitised is not None:
            out["paper_known"] += 1
            out["digitised"] += bool(digitised)
    return out
