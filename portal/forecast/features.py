"""The history the forecast learns from, read from the cases' tables into plain records (model.CaseRecord): the
trail's steps by local day, consultation legs, the apology's day, the legal due and when a supplement moved it.
No applicant data and no staff identity leave this module: the handler's id only counts open load."""
from __future__ import annotations

from collections import defaultdict
from datetime import date, timedelta

from sqlalchemy import select

from portal.cases.models import Apology, Case, CaseEvent, CaseLeg
from portal.cases.rules import ApologyKind, CaseStatus
from portal.core.clock import to_local
from portal.core.db import db
from portal.forecast import records as rec
from portal.units.models import Unit
from portal.workdays.services import calendar_for


def _day(moment) -> date | None:
    return to_local(moment).date() if moment is not None else None


def load_records(case_ids: set[int] | None = None) -> list[rec.CaseRecord]:
    """Every case (or those of `case_ids`) as a plain record, in order of receipt."""
    cols = (Case.id, Case.procedure_id, Case.handling_unit_id, Case.received_at, Case.original_due_at,
            Case.supplement_received_at, Case.finished_at, Case.status, Case.handler_id)
    stmt = select(*cols).order_by(Case.received_at, Case.id)
    ev = select(CaseEvent.case_id, CaseEvent.at, CaseEvent.action, CaseEvent.to_status).order_by(CaseEvent.id)
    legs = select(CaseLeg.case_id, CaseLeg.unit_id, Unit.name, CaseLeg.sent_at, CaseLeg.answered_at).join(
        Unit, Unit.id == CaseLeg.unit_id).order_by(CaseLeg.id)
    if case_ids is not None:
        stmt, ev = stmt.where(Case.id.in_(case_ids)), ev.where(CaseEvent.case_id.in_(case_ids))
        legs = legs.where(CaseLeg.case_id.in_(case_ids))
    statuses: dict[int, list] = defaultdict(list)
    assigned: dict[int, date] = {}
    for case_id, at, action, to_status in db.session.execute(ev):
        day = _day(at)
        if action == "apology":
            continue
        statuses[case_id].append((day, to_status))
        if action == "assign":
            assigned.setdefault(case_id, day)
    legs_of: dict[int, list] = defaultdict(list)
    for case_id, unit_id, name, sent_at, answered_at in db.session.execute(legs):
        legs_of[case_id].append(rec.Leg(unit_id, name, _day(sent_at), _day(answered_at)))
    apologies = dict(db.session.execute(select(Apology.case_id, Apology.issued_at)).all())
    unit_names = dict(db.session.execute(select(Unit.id, Unit.name)).all())
    out = []
    for cid, proc, unit, received, due, supplemented, finished, status, handler in db.session.execute(stmt):
        withdrawn = status == CaseStatus.WITHDRAWN
        out.append(rec.CaseRecord(
            id=cid, procedure_id=proc, unit_id=unit, received_day=_day(received), due_day=_day(due),
            due_set_day=_day(supplemented), finish_day=None if withdrawn else _day(finished),
            withdrawn_day=_day(finished) if withdrawn else None, statuses=tuple(statuses.get(cid, ())),
            legs=tuple(legs_of.get(cid, ())), apology_day=_day(apologies.get(cid)), handler=handler,
            assigned_day=assigned.get(cid), unit_name=unit_names.get(unit, "")))
    return out


def in_time_apologies() -> set[int]:
    """Cases whose apology was recorded in time (ApologyKind.IN_TIME, NĐ 61/2018 Điều 19 k9)."""
    return set(db.session.scalars(select(Apology.case_id).where(Apology.kind == ApologyKind.IN_TIME)))


def work_index(records: list[rec.CaseRecord], *extra_days: date) -> rec.WorkIndex:
    """Working-day ordinals over the records' span (and `extra_days`), two years beyond for the forecasts."""
    days = [d for r in records for d in (r.received_day, r.due_day, r.end_day()) if d is not None] + list(extra_days)
    first, last = min(days) - timedelta(days=40), max(days) + timedelta(days=730)
    cal = calendar_for(range(first.year, last.year + 1), language="vi")
    return rec.WorkIndex(cal.is_working_day, first, last)
