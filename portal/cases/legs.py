"""Consultations of other units and inter-agency (liên thông) legs of a case: send one with its own
deadline, record the answer, and time it against that deadline. Services flush and audit; views commit.
"""
from __future__ import annotations

from datetime import UTC, datetime

from flask_babel import lazy_gettext as _l
from sqlalchemy.orm.attributes import flag_modified

from portal.cases import rules
from portal.cases.models import Case, CaseLeg
from portal.cases.rules import CaseStatus
from portal.cases.services import add_event, due_soon_day
from portal.core import audit
from portal.core.clock import to_local
from portal.core.db import db
from portal.core.errors import Conflict, DomainError
from portal.core.text import nfc
from portal.units.models import Unit
from portal.workdays.services import calendar_for

MAX_LEG_DAYS = rules.MAX_LEG_DAYS


def open_leg(case: Case, *, unit_id: int, purpose: str, due_days: int, now: datetime, expected_version: int,
             actor=None) -> CaseLeg:
    """Ask another unit (consultation or liên thông leg); its deadline is `due_days` working days from
    the moment it is sent, at the same time of day. Logged as a hand-over on the control slip."""
    if case.version != expected_version:
        raise Conflict(_l("Someone else changed this case a moment ago. Nothing was saved; the case is shown as it is now."))
    if case.status != CaseStatus.IN_PROGRESS:
        raise DomainError(_l("Other units can be consulted only while the case is being processed."))
    unit = db.session.get(Unit, unit_id) if unit_id else None
    if unit is None or not unit.is_active:
        raise DomainError(_l("Choose the unit to consult."), field="unit_id")
    if unit.id == case.handling_unit_id:
        raise DomainError(_l("The handling unit cannot consult itself; choose another unit."), field="unit_id")
    if not nfc(purpose):
        raise DomainError(_l("Say what the unit is asked for."), field="purpose")
    if not isinstance(due_days, int) or not 1 <= due_days <= MAX_LEG_DAYS:
        raise DomainError(_l("Give between 1 and %(max)s working days.", max=MAX_LEG_DAYS), field="due_days")
    if now < case.received_at:
        raise DomainError(_l("A step cannot be dated before the case was received."))
    sent_local = to_local(now)
    cal = calendar_for(range(sent_local.year, sent_local.year + 2), language="vi")
    due_local = datetime.combine(cal.add_working_days(sent_local.date(), due_days), sent_local.timetz())
    leg = CaseLeg(case=case, unit_id=unit.id, purpose=nfc(purpose), sent_at=now,
                  due_at=due_local.astimezone(UTC), sent_by_id=getattr(actor, "id", None))
    db.session.add(leg)
    add_event(case, "consult", case.status, case.status, now, actor, unit_id=unit.id, due_at=leg.due_at, note=purpose)
    flag_modified(case, "status")  # a new leg changes what may be done next: stale forms must conflict
    db.session.flush()
    audit.record("case.consult", "case", case.id, after={"leg_id": leg.id, "unit": unit.code,
                                                         "due_at": leg.due_at.isoformat()},
                 summary=case.code, actor=actor)
    return leg


def close_leg(leg: CaseLeg, *, note: str, now: datetime, actor=None) -> CaseLeg:
    """Record the consulted unit's answer; the file is back with the handling unit."""
    if not leg.is_open:
        raise DomainError(_l("This consultation has already been answered."))
    if not nfc(note):
        raise DomainError(_l("Write the answer."), field="answer")
    if now < leg.sent_at:
        raise DomainError(_l("The answer cannot be dated before the request was sent."))
    case = leg.case
    leg.answered_at, leg.answer, leg.answered_by_id = now, nfc(note), getattr(actor, "id", None)
    add_event(case, "consult_answer", case.status, case.status, now, actor, unit_id=case.handling_unit_id,
              due_at=leg.due_at, note=note)
    db.session.flush()
    audit.record("case.consult_answer", "case", case.id, before={"leg_id": leg.id, "answered_at": None},
                 after={"leg_id": leg.id, "answered_at": now.isoformat()}, summary=case.code, actor=actor)
    return leg


def leg_timing(leg: CaseLeg, now: datetime, cal) -> rules.Timing:
    return rules.leg_timing(now=to_local(now), due_at=to_local(leg.due_at),
                            answered_at=to_local(leg.answered_at) if leg.answered_at else None,
                            due_soon_from=due_soon_day(leg.due_at, cal))

