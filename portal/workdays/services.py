"""The working-day calendar as the rest of the portal uses it."""
from __future__ import annotations

import calendar as pycalendar
import json
from dataclasses import dataclass
from datetime import date, timedelta

from flask import current_app
from flask_babel import get_locale, lazy_gettext as _l
from flask_login import current_user
from sqlalchemy import select

from portal.core import audit
from portal.core.db import db
from portal.core.errors import DomainError
from portal.core.text import nfc
from portal.workdays.models import WorkdayException
from portal.workdays.notice_import import NoticeRow, RowProblem, check_rows, read_notice
from portal.workdays.rules import DueSettings, ExceptionKind, NoticeChange, WorkCalendar, notice_change, parse_hhmm


def due_settings() -> DueSettings:
    cfg = current_app.config
    return DueSettings(parse_hhmm(cfg["WORKDAY_CUTOFF"]), parse_hhmm(cfg["WORKDAY_OPEN"]),
                       parse_hhmm(cfg["WORKDAY_CLOSE"]))


def exceptions_between(start: date, end: date) -> list[WorkdayException]:
    stmt = select(WorkdayException).where(WorkdayException.on.between(start, end)).order_by(WorkdayException.on)
    return list(db.session.scalars(stmt))


def calendar_for(years, language: str | None = None) -> WorkCalendar:
    """The national calendar for `years` (and the year after, so deadlines can run over New Year)
    with this portal's exceptions laid over it."""
    years = sorted(set(years) | {max(years) + 1})
    rows = exceptions_between(date(years[0], 1, 1), date(years[-1], 12, 31))
    lang = language or ("en_US" if str(get_locale() or "vi").startswith("en") else "vi")
    return WorkCalendar.build(years, [(r.on, r.kind, r.reason) for r in rows], language=lang)


def add_exception(on: date, kind: ExceptionKind, reason: str) -> WorkdayException:
    if db.session.scalar(select(WorkdayException).where(WorkdayException.on == on)):
        raise DomainError(_l("This date already has an exception; remove it first."), field="on")
    row = WorkdayException(on=on, kind=ExceptionKind(kind), reason=nfc(reason), created_by_id=current_user.id)
    db.session.add(row)
    db.session.flush()
    audit.record("workday_exception.create", "workday_exception", row.id,
                 after=audit.snapshot(row, WorkdayException.AUDITED), summary=on.isoformat())
    return row


def remove_exception(row: WorkdayException) -> None:
    audit.record("workday_exception.delete", "workday_exception", row.id,
                 before=audit.snapshot(row, WorkdayException.AUDITED), summary=row.on.isoformat())
    db.session.delete(row)
    db.session.flush()


def update_exception(row: WorkdayException, kind: ExceptionKind, reason: str) -> WorkdayException:
    before = audit.snapshot(row, WorkdayException.AUDITED)
    row.kind, row.reason = ExceptionKind(kind), nfc(reason)
    db.session.flush()
    audit.record("workday_exception.update", "workday_exception", row.id, before=before,
                 after=audit.snapshot(row, WorkdayException.AUDITED), summary=row.on.isoformat())
    return row


# --- the Government's yearly notice (an XLSX/CSV of days off and make-up working days) -----------------------

@dataclass(frozen=True)
class NoticeLine:
    row: NoticeRow
    change: NoticeChange
    before: WorkdayException | None  # the local exception the row finds on its date


@dataclass(frozen=True)
class NoticePreview:
    year: int
    lines: list[NoticeLine]
    problems: list[RowProblem]

    @property
    def ok(self) -> bool:
        return not self.problems

    def count(self, *changes: NoticeChange) -> int:
        return sum(line.change in changes for line in self.lines)


def read_notice_file(data: bytes, filename: str, year: int) -> NoticePreview:
    """What importing the file would do, row by row; ImportRefused when the file as a whole is unusable."""
    return notice_preview(read_notice(data, filename), year)


def notice_preview(records: list[tuple[int, dict]], year: int) -> NoticePreview:
    rows, problems = check_rows(records, year)
    national = WorkCalendar.build([year])
    existing = {r.on: r for r in exceptions_between(date(year, 1, 1), date(year, 12, 31))}
    lines = []
    for row in rows:
        before = existing.get(row.on)
        change = notice_change(row.kind, row.reason, (before.kind, before.reason) if before else None,
                               national.is_working_day(row.on))
        lines.append(NoticeLine(row, change, before))
    return NoticePreview(year, lines, problems)


def apply_notice(records: list[tuple[int, dict]], year: int) -> NoticePreview:
    """Check the rows again against the calendar as it is now and apply them: a new exception or a changed one
    per row, each audited; nothing at all when a row has a problem. The caller's transaction commits."""
    preview = notice_preview(records, year)
    if not preview.ok:
        raise DomainError(_l("The notice has rows with problems; nothing was imported. Correct the file and "
                             "upload it again."), field="file")
    for line in preview.lines:
        if line.change == NoticeChange.ADD:
            add_exception(line.row.on, line.row.kind, line.row.reason)
        elif line.change == NoticeChange.CHANGE:
            update_exception(line.before, line.row.kind, line.row.reason)
    return preview


NOTICE_EXPIRED = _l("The preview could not be read; upload the file again.")


def notice_payload(preview: NoticePreview) -> str:
    """The previewed rows, for the confirmation form to send back."""
    return json.dumps([[line.row.number, line.row.on.isoformat(), line.row.kind.value, line.row.reason]
                       for line in preview.lines], ensure_ascii=False)


def notice_records(payload: str) -> list[tuple[int, dict]]:
    """The rows a confirmation sends back, as records to check again exactly as if read from the file."""
    try:
        return [(int(number), {"on": on, "kind": kind, "reason": reason})
                for number, on, kind, reason in json.loads(payload)]
    except (ValueError, TypeError):
        raise DomainError(NOTICE_EXPIRED, field="rows") from None


def year_view(cal: WorkCalendar, year: int) -> list[dict]:
    """Twelve month grids (weeks of 7 cells, Monday first) with each day's status."""
    months = []
    grid = pycalendar.Calendar(firstweekday=0)
    for month in range(1, 13):
        weeks = []
        for week in grid.monthdatescalendar(year, month):
            weeks.append([_cell(cal, d) if d.month == month else None for d in week])
        months.append({"month": month, "first": date(year, month, 1), "weeks": weeks})
    return months


def _cell(cal: WorkCalendar, d: date) -> dict:
    if d in cal.extra_off:
        kind, note = "extra_off", cal.extra_off[d]
    elif d in cal.extra_working:
        kind, note = "extra_working", cal.extra_working[d]
    elif d in cal.holidays:
        kind, note = "holiday", cal.holidays[d]
    elif d in cal.makeup_days:
        kind, note = "makeup", ""
    elif d.weekday() >= 5:
        kind, note = "weekend", ""
    else:
        kind, note = "working", ""
    return {"date": d, "kind": kind, "note": note, "working": cal.is_working_day(d)}


def year_summary(cal: WorkCalendar, year: int) -> dict:
    day, end, working = date(year, 1, 1), date(year, 12, 31), 0
    while day <= end:
        working += cal.is_working_day(day)
        day += timedelta(days=1)
    holidays = sorted((d, n) for d, n in cal.holidays.items() if d.year == year)
    makeup = sorted(d for d in cal.makeup_days if d.year == year)
    return {"working_days": working, "holidays": holidays, "makeup": makeup}
