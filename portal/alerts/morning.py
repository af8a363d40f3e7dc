"""The morning run (`flask alerts run`, from cron at 07:00 on every day; it sends nothing on a non-working day):
find the warnings due today with two indexed queries (open cases by status and legal due day; open consultation
legs past their due day), record each new one once (INSERT … ON CONFLICT DO NOTHING on case_warning's unique
kind, case, step and recipient), write it in the case's trail, and queue one digest e-mail per recipient through
the outbox, in the recipient's language.

Sent once with two runs at the same moment: on PostgreSQL the second run's insert waits for the first one's row and
then does nothing; on SQLite the run takes the write lock first (write_intent). Only the run that recorded a warning
puts it in a digest, and the digest's outbox dedupe key names the recipient, the day and its first warning.

The trail row is inserted into case_event directly: the Case row is not touched, so its version (version_id_col)
does not move and an officer's open form on the case does not fail with a conflict."""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field, replace
from datetime import date, datetime

from sqlalchemy import insert, select, update

from portal.alerts import digest, rules
from portal.alerts.models import CaseWarning
from portal.alerts.rules import WarningKind
from portal.alerts.settings import settings_for
from portal.auth.models import StaffUser, UserRole
from portal.cases.models import Apology, Case, CaseEvent, CaseLeg
from portal.cases.rules import OPEN, CaseStatus
from portal.core.access import Role
from portal.core.clock import local_tz, to_local
from portal.core.db import db, write_intent
from portal.notify import services as outbox
from portal.notify.rules import Channel
from portal.procedures.models import ProcedureVersion
from portal.units import lineage
from portal.units.models import Unit
from portal.units.services import succession_links
from portal.workdays.services import calendar_for

# A case waiting for the applicant's supplements gets no due or apology warning: its legal due day moves when the
# documents arrive (NĐ 61/2018 Điều 19 k4 restarts the time; the 766 rule pauses it). Its open consultations do.
DUE_WARNED = frozenset(OPEN) - {CaseStatus.SUPPLEMENT_REQUESTED}


@dataclass
class WarningReport:
    day: date
    sending_day: bool = True
    new: dict = field(default_factory=lambda: {k.value: 0 for k in WarningKind})  # warnings recorded by this run
    digests: int = 0  # e-mails queued

    def as_text(self) -> str:
        if not self.sending_day:
            return f"{self.day.isoformat()}: not a working day, nothing sent"
        counts = ", ".join(f"{k} {n}" for k, n in self.new.items())
        return f"{self.day.isoformat()}: new warnings {counts}; digests queued {self.digests}"


@dataclass
class _Candidate:
    kind: WarningKind
    case: tuple  # (id, code, status, original_due_at, handler_id, handling_unit_id, unit_id, procedure)
    recipient_id: int
    item: digest.Item
    leg_id: int | None = None
    leg_due_at: datetime | None = None


def run_warnings(now: datetime) -> WarningReport:
    """Record and queue the warnings due on the local day of `now`; commits (a job, like the outbox worker)."""
    today = to_local(now).date()
    cal = calendar_for(range(today.year - 1, today.year + 1), language="vi")
    report = WarningReport(day=today)
    if not rules.is_sending_day(today, cal):
        report.sending_day = False
        return report
    db.session.commit()  # a fresh transaction, under the write lock on SQLite
    with write_intent():
        candidates, names = _candidates(today, cal, now)
        recorded = _recorded({c.case[0] for c in candidates})
        new = [c for c in candidates if _key(c) not in recorded and _record(c, today, now, names)]
        for c in new:
            report.new[c.kind.value] += 1
        report.digests = _queue_digests(new, today, now)
        db.session.commit()
    return report


# ---------------------------------------------------------------- who is warned of what, today

def _case_columns():
    return (Case.id, Case.code, Case.status, Case.original_due_at, Case.handler_id, Case.handling_unit_id,
            Case.unit_id, ProcedureVersion.name)


def _candidates(today: date, cal, now: datetime) -> tuple[list[_Candidate], dict[int, str]]:
    """The warnings due today (recorded or not yet), and the recipients' names. Only what was known at `now`: a
    run for a past morning (`flask alerts run --at`) does not see cases received or consultations sent later."""
    tz = local_tz()
    start_today, _ = rules.day_bounds(today, tz)
    _, bound = rules.day_bounds(rules.latest_due_day_for_handler(today, cal), tz)
    cases = db.session.execute(
        select(*_case_columns()).join(ProcedureVersion, ProcedureVersion.id == Case.procedure_version_id)
        .outerjoin(Apology, Apology.case_id == Case.id)
        .where(Case.status.in_(list(DUE_WARNED)), Case.original_due_at < bound, Apology.id.is_(None),
               Case.received_at <= now)).all()
    legs = db.session.execute(
        select(CaseLeg.id, CaseLeg.due_at, Unit.name, *_case_columns())
        .join(Case, Case.id == CaseLeg.case_id).join(Unit, Unit.id == CaseLeg.unit_id)
        .join(ProcedureVersion, ProcedureVersion.id == Case.procedure_version_id)
        .where(CaseLeg.answered_at.is_(None), CaseLeg.due_at < start_today, CaseLeg.sent_at <= now,
               Case.status.in_(list(OPEN)))).all()
    links = succession_links()
    people = _People([c[4] for c in cases], {c[5] for c in cases} | {lineage.carried_by(links, leg[9]) for leg in legs})
    found = []
    for row in cases:
        case_id, code, _status, due_at, handler_id, handling_unit_id, _unit_id, procedure = row
        due_day = to_local(due_at).date()
        base = {"case_id": case_id, "code": code, "procedure": procedure, "due_day": due_day}
        for user_id in ([handler_id] if handler_id in people.active else people.heads(handling_unit_id)):
            settings = people.settings[user_id]
            if settings.receives(WarningKind.HANDLER_DUE) and rules.handler_due_today(
                    due_day, settings.handler_lead_days, today, cal):
                item = digest.Item(0, WarningKind.HANDLER_DUE, left=rules.working_days_left(due_day, today, cal),
                                   **base)
                found.append(_Candidate(WarningKind.HANDLER_DUE, row, user_id, item))
        if rules.head_apology_today(due_day, today, cal):
            item = digest.Item(0, WarningKind.HEAD_APOLOGY, last_day=rules.last_apology_day(due_day, cal), **base)
            found += [_Candidate(WarningKind.HEAD_APOLOGY, row, u, item) for u in people.heads(handling_unit_id)]
        if rules.manager_no_apology_today(due_day, today, cal):
            item = digest.Item(0, WarningKind.MANAGER_NO_APOLOGY, **base)
            found += [_Candidate(WarningKind.MANAGER_NO_APOLOGY, row, u, item) for u in people.managers]
    for leg_id, leg_due_at, leg_unit, *row in legs:
        leg_due_day = to_local(leg_due_at).date()
        if not rules.leg_overdue_today(leg_due_day, today, cal):
            continue
        item = digest.Item(0, WarningKind.LEG_OVERDUE, case_id=row[0], code=row[1], procedure=row[7],
                           due_day=to_local(row[3]).date(), leg_unit=leg_unit, leg_due_day=leg_due_day)
        desk = lineage.carried_by(links, row[6])  # NĐ 61/2018 Điều 19 k5 b: the desk that transferred the file
        found += [_Candidate(WarningKind.LEG_OVERDUE, tuple(row), u, item, leg_id, leg_due_at) for u in people.heads(desk)]
    # One order for every run: two runs at once meet on the same first row instead of locking each other's rows.
    return sorted(found, key=lambda c: (c.kind.value, c.case[0], c.leg_id or 0, c.recipient_id)), people.names


class _People:
    """The active staff a run may warn: the cases' handlers, the units' heads and the managers, with settings."""

    def __init__(self, handler_ids, unit_ids):
        handler_ids = {i for i in handler_ids if i}
        rows = db.session.execute(
            select(StaffUser.id, StaffUser.unit_id, UserRole.role, StaffUser.full_name).join(UserRole, UserRole.user_id == StaffUser.id)
            .where(StaffUser.is_active_account.is_(True))
            .where(StaffUser.id.in_(handler_ids) | StaffUser.unit_id.in_(unit_ids)
                   | (UserRole.role == Role.MANAGER.value))).all()
        self.names = {uid: name for uid, _unit, _role, name in rows}
        self.active = {uid for uid in self.names if uid in handler_ids}
        self._heads = defaultdict(list)
        for uid, unit_id, role, _name in rows:
            if role == Role.UNIT_HEAD.value and unit_id in unit_ids:
                self._heads[unit_id].append(uid)
        self.managers = sorted({uid for uid, _unit, role, _name in rows if role == Role.MANAGER.value})
        self.settings = settings_for(self.names)

    def heads(self, unit_id) -> list[int]:
        return sorted(set(self._heads.get(unit_id, [])))


# ---------------------------------------------------------------- record once, trail, digest

def _insert_warning():
    if db.session.get_bind().dialect.name == "postgresql":
        from sqlalchemy.dialects.postgresql import insert as dialect_insert
    else:
        from sqlalchemy.dialects.sqlite import insert as dialect_insert
    return dialect_insert(CaseWarning.__table__)


def _key(c: _Candidate) -> tuple:
    """The warning's unique key in case_warning: kind, case, step, recipient."""
    step = rules.step_key(c.kind, due_day=to_local(c.case[3]).date(), leg_id=c.leg_id)
    return c.kind.value, c.case[0], step, c.recipient_id


def _recorded(case_ids: set[int]) -> set[tuple]:
    """The warnings of these cases recorded on earlier mornings: skipped without an insert (an overdue case's
    managers are candidates every morning). The unique constraint still decides between two runs at once."""
    if not case_ids:
        return set()
    rows = db.session.execute(select(CaseWarning.kind, CaseWarning.case_id, CaseWarning.step, CaseWarning.recipient_id)
                              .where(CaseWarning.case_id.in_(sorted(case_ids))))
    return {(WarningKind(kind).value, case_id, step, recipient) for kind, case_id, step, recipient in rows}


def _record(c: _Candidate, today: date, now: datetime, names: dict[int, str]) -> bool:
    """Insert the warning unless it is recorded already; a new one gets its trail row. True when new."""
    step = _key(c)[2]
    table = CaseWarning.__table__
    stmt = (_insert_warning().values(case_id=c.case[0], leg_id=c.leg_id, kind=c.kind.value, step=step,
                                     recipient_id=c.recipient_id, for_day=today, created_at=now)
            .on_conflict_do_nothing(index_elements=[table.c.kind, table.c.case_id, table.c.step,
                                                    table.c.recipient_id])
            .returning(table.c.id))
    warning_id = db.session.execute(stmt).scalar_one_or_none()
    if warning_id is None:
        return False
    c.item = replace(c.item, warning_id=warning_id)
    status = CaseStatus(c.case[2]).value
    db.session.execute(insert(CaseEvent.__table__).values(
        case_id=c.case[0], at=now, actor_id=None, actor_name="", action="warning", from_status=status,
        to_status=status, note=digest.trail_note(c.item, names.get(c.recipient_id, "")), unit_id=c.case[5],
        due_at=c.leg_due_at or c.case[3]))
    return True


def _queue_digests(new: list[_Candidate], today: date, now: datetime) -> int:
    by_person = defaultdict(list)
    for c in new:
        by_person[c.recipient_id].append(c.item)
    if not by_person:
        return 0
    people = {u.id: u for u in db.session.scalars(select(StaffUser).where(StaffUser.id.in_(list(by_person))))}
    settings = settings_for(by_person)
    for user_id, items in sorted(by_person.items()):
        user = people[user_id]
        subject, body = digest.digest(items, name=user.full_name, today=today, locale=settings[user_id].language)
        first = min(i.warning_id for i in items)
        message = outbox.enqueue(channel=Channel.EMAIL, recipient=user.email, subject=subject, body=body, now=now,
                                 dedupe_key=f"alerts:digest:{user_id}:{today.isoformat()}:{first}")
        db.session.execute(update(CaseWarning.__table__)
                           .where(CaseWarning.__table__.c.id.in_([i.warning_id for i in items]))
                           .values(outbox_message_id=message.id))
    return len(by_person)
