"""The working-day calendar as the rest of the portal uses it."""
from __future__ import annotations

import calendar as pycalendar
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
from portal.workdays.rules import DueSettings, ExceptionKind, WorkCalendar, parse_hhmm


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
