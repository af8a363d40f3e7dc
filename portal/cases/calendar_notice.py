"""A calendar notice and the open cases it would move (DOMAIN.md §4): when an administrator enters an
extra day off or a make-up working day at /staff/calendar/ after cases were received, this lists the
open cases whose due day the exception moves (old → new, computed with the calendar without and with
it), and records the decision: apply (both the promised and the legal due move — the administrator moves
the promise deliberately — an audit row per case, the applicant told through the outbox) or keep the
printed dates. Services flush and audit; views commit.

Layers: cases depends on workdays, never the reverse; the calendar page links here by endpoint name.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, time

from flask_babel import lazy_gettext as _l
from sqlalchemy import or_, select
from sqlalchemy.orm import selectinload

from portal.cases import rules
from portal.cases.due_moves import DueMove, moved_due
from portal.cases.models import CalendarNotice, Case
from portal.core import audit
from portal.core.clock import local_tz, to_local
from portal.core.db import db
from portal.core.errors import DomainError
from portal.notify import case_events as notify
from portal.workdays.models import WorkdayException
from portal.workdays.rules import WorkCalendar

DECISIONS = ("apply", "keep")


@dataclass(frozen=True)
class Affected:
    case: Case
    due: DueMove  # the return date promised now (Case.due_at)
    legal: DueMove  # the legal due (Case.original_due_at)


def _calendars(exception: WorkdayException, years) -> tuple[WorkCalendar, WorkCalendar]:
    """The calendar without the exception (old) and with it (new); other exceptions in both."""
    years = sorted(set(years) | {max(years) + 1})
    rows = db.session.scalars(select(WorkdayException).where(WorkdayException.on.between(
        datetime(years[0], 1, 1).date(), datetime(years[-1], 12, 31).date())))
    others = [(r.on, r.kind, r.reason) for r in rows if r.id != exception.id]
    mine = (exception.on, exception.kind, exception.reason)
    return WorkCalendar.build(years, others, language="vi"), WorkCalendar.build(years, [*others, mine], language="vi")


def _counted_from(case: Case):
    """The local day the count of the current due starts after: the day the supplements arrived (the time
    restarts, NĐ 61/2018 Điều 19 k4) or the receipt's counting start."""
    return to_local(case.supplement_received_at or case.counting_from_at).date()


def affected_cases(exception: WorkdayException) -> list[Affected]:
    """Open cases whose promised or legal due day the exception moves, by due date then code."""
    start = datetime.combine(exception.on, time.min, local_tz()).astimezone(UTC)
    stmt = (select(Case).where(Case.status.in_(list(rules.OPEN)))
            .where(or_(Case.due_at >= start, Case.original_due_at >= start))
            .options(selectinload(Case.procedure_version), selectinload(Case.unit))
            .order_by(Case.due_at, Case.code))
    cases = list(db.session.scalars(stmt))
    if not cases:
        return []
    years = {exception.on.year} | {to_local(c.counting_from_at).year for c in cases}
    years |= {to_local(max(c.due_at, c.original_due_at)).year for c in cases}
    old_cal, new_cal = _calendars(exception, range(min(years), max(years) + 1))
    found = []
    for case in cases:
        start_day = _counted_from(case)
        due = moved_due(to_local(case.due_at), start_day, old_cal, new_cal)
        legal = moved_due(to_local(case.original_due_at), start_day, old_cal, new_cal)
        if due.moved or legal.moved:
            found.append(Affected(case, due, legal))
    return found


def decision_for(exception: WorkdayException) -> CalendarNotice | None:
    """The decision on this exception (same id, date and kind: an id SQLite reuses after a removal is
    another notice)."""
    return db.session.scalar(select(CalendarNotice).where(CalendarNotice.exception_id == exception.id,
                                                          CalendarNotice.on == exception.on,
                                                          CalendarNotice.kind == str(exception.kind)))


def _iso(moment: datetime) -> str:
    return moment.astimezone(UTC).isoformat()


def decide(exception: WorkdayException, decision: str, *, now: datetime, actor) -> CalendarNotice:
    """Apply the notice to the cases it moves, or keep their printed dates; either way recorded once,
    with who decided and the list of cases as it stood."""
    if decision not in DECISIONS:
        raise DomainError(_l("Choose whether to apply the notice or keep the printed dates."), field="decision")
    if decision_for(exception) is not None:
        raise DomainError(_l("A decision on this calendar notice has already been recorded."))
    affected = affected_cases(exception)
    moves = [{"case_id": a.case.id, "code": a.case.code, "due": [_iso(a.due.old), _iso(a.due.new)],
              "legal": [_iso(a.legal.old), _iso(a.legal.new)]} for a in affected]
    notice = CalendarNotice(exception_id=exception.id, on=exception.on, kind=str(exception.kind),
                            reason=exception.reason, decision=decision, moves=moves, decided_at=now,
                            decided_by_id=getattr(actor, "id", None),
                            decided_by_name=getattr(actor, "full_name", "") or "")
    db.session.add(notice)
    if decision == "apply":
        for a in affected:
            _move(a, exception, now=now, actor=actor)
    db.session.flush()
    audit.record(f"calendar_notice.{decision}", "calendar_notice", notice.id,
                 after={"on": exception.on.isoformat(), "kind": str(exception.kind), "reason": exception.reason,
                        "cases": [m["code"] for m in moves]},
                 summary=f"{exception.on.isoformat()}: {len(moves)}", actor=actor)
    return notice


def _move(a: Affected, exception: WorkdayException, *, now: datetime, actor) -> None:
    case = a.case
    before = {"due_at": _iso(case.due_at), "original_due_at": _iso(case.original_due_at)}
    case.due_at = a.due.new.astimezone(UTC)
    case.original_due_at = a.legal.new.astimezone(UTC)
    audit.record("case.calendar_move", "case", case.id, before=before,
                 after={"due_at": _iso(case.due_at), "original_due_at": _iso(case.original_due_at),
                        "calendar_exception": exception.on.isoformat(), "reason": exception.reason},
                 summary=case.code, actor=actor)
    if a.due.moved:  # the applicant holds the promised date: tell them when it moves
        notify.case_changed(case, "due_moved", now=now, at=case.due_at, note=exception.reason)
