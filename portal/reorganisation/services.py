"""Record a reorganisation (merge, split, abolish) and move the ceased units' open work to their successor, in one
operation the caller's transaction commits (the view uses portal.core.transaction.save).

What moves to the successor that takes the open work (`open_work_to`): open cases the ceased units handle
(`handling_unit_id`; open = cases.rules.OPEN), open feedback they hold (feedback.rules.OPEN), open consultation legs
they were asked, their staff accounts, and the procedures they own (town level: `procedure.unit_id` and the unit of
the procedure's current and draft versions). Closed work stays where it was, and so does the receiving desk of a case
(its register book, number and the name printed on its receipt are facts of the day of receipt): the successor's
desk carries the ceased desk's cases on through the succession links (units.services.carried_by).

`reorganise(..., apply=False)` is the dry run: the same lists, nothing written.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

from flask import has_request_context
from flask_babel import force_locale, lazy_gettext as _l
from flask_login import current_user
from sqlalchemy import func, select

from portal.auth.models import StaffUser
from portal.cases import rules as case_rules
from portal.cases.models import Case, CaseEvent, CaseLeg
from portal.core import audit
from portal.core.clock import utcnow
from portal.core.db import db
from portal.core.errors import Conflict, DomainError
from portal.core.text import nfc
from portal.feedback import rules as feedback_rules
from portal.feedback.models import Feedback
from portal.feedback.services import record_event
from portal.procedures.models import Procedure
from portal.procedures.rules import VersionState
from portal.reorganisation import rules
from portal.units import services as units
from portal.units.models import Reorganisation, ReorganisationKind, Unit, UnitLevel, UnitSuccession

NEW = 0  # stands for the successor created in the same operation (successor_ids / open_work_to on the form)
KINDS = ("cases", "feedback", "legs", "staff", "procedures")
CASE_EVENT = "reorganise"  # the case trail's "moved to the successor unit" step

MESSAGES = {
    "no_predecessor": _l("Choose the unit or units that cease."),
    "one_predecessor": _l("A split or an abolition concerns exactly one unit."),
    "predecessor_ceased": _l("Only active units can cease; one of the chosen units has already ceased."),
    "no_successor": _l("Choose the successor unit or describe the new one."),
    "two_successors": _l("A split needs at least two successor units."),
    "one_successor": _l("A merge or an abolition has exactly one successor unit."),
    "itself": _l("A unit cannot succeed itself."),
    "successor_ceased": _l("A unit that has ceased cannot be a successor."),
    "abolish_existing": _l("The functions of an abolished unit move to an existing unit."),
    "open_work_to": _l("Choose the successor that takes the open work."),
    "no_day": _l("Enter the day the new arrangement takes effect."),
    "before_start": _l("The effective day must be after the day the ceasing units began."),
    "unknown_unit": _l("Choose units from the list."),
    "new_name": _l("Enter the new unit's name."),
    "new_code": _l("Enter the new unit's code."),
}
STALE = _l("A unit concerned was changed by someone else after the preview. Nothing was saved; check the preview "
           "again and apply it.")


class Refused(DomainError):
    """The reorganisation breaks one or more rules: every problem beside its field."""

    def __init__(self, problems: list[tuple[str, object]]):
        super().__init__(problems[0][1], field=problems[0][0])
        self.problems = problems


def attach_all(form, err: DomainError) -> None:
    """`save(..., attach=attach_all)`: each problem of a Refused beside its field."""
    from portal.core.forms import attach_error

    for fld, message in getattr(err, "problems", [(err.field, err.message)]):
        attach_error(form, DomainError(message, field=fld))


@dataclass
class Move:
    id: int
    label: str  # the case code, feedback tracking code and title, the account's name, the procedure code and name
    from_unit: str
    to_unit: str
    from_id: int
    to_id: int


@dataclass
class Result:
    moves: dict[str, list[Move]]
    counts: dict[str, int]
    reorganisation: Reorganisation | None = None
    # What stays: closed cases of the ceased units; cases received at their desks that the successor's desk carries on.
    staying: dict[str, int] = field(default_factory=dict)
    # Names before / after: [(unit id, name, last day)] of the ceasing units, [(unit id, name, new?)] of the successors.
    ceasing: list[tuple[int, str, date]] = field(default_factory=list)
    successors: list[tuple[int, str, bool]] = field(default_factory=list)
    open_work_to: int | None = None


@dataclass(frozen=True)
class NewUnit:
    code: str
    name: str
    level: str = UnitLevel.COMMUNE.value


def _actor(actor):
    if actor is None and has_request_context() and current_user and current_user.is_authenticated:
        return current_user._get_current_object()
    return actor


def _units(ids) -> list[Unit]:
    found = []
    for uid in dict.fromkeys(ids):
        unit = db.session.get(Unit, uid)
        if unit is None:
            raise Refused([("predecessor_ids", MESSAGES["unknown_unit"])])
        found.append(unit)
    return found


def _state(unit: Unit) -> rules.UnitState:
    return rules.UnitState(unit.id, bool(unit.is_active), unit.valid_from, unit.valid_to)


def _check(kind, predecessors, successors, new_unit, open_work_to, effective_on) -> None:
    states = [_state(u) for u in successors]
    problems: list[tuple[str, object]] = []
    if new_unit is not None:
        states.append(rules.UnitState(NEW, new=True))
        if not nfc(new_unit.name or "").strip():
            problems.append(("new_name", MESSAGES["new_name"]))
        if not (new_unit.code or "").strip():
            problems.append(("new_code", MESSAGES["new_code"]))
        elif units.get_by_code(new_unit.code) is not None:
            problems.append(("new_code", _l("Another unit already uses this code.")))
    problems += [(fld, MESSAGES[key]) for fld, key in
                 rules.problems(kind.value, [_state(u) for u in predecessors], states, open_work_to, effective_on)]
    if problems:
        raise Refused(problems)


def _plan(pred_ids: list[int], target: int, names: dict[int, str], target_name: str) -> dict[str, list[Move]]:
    """What moves from the ceasing units to `target`: open work, staff, catalogue. Read only."""
    def move(obj_id, label, from_id):
        return Move(obj_id, label, names.get(from_id, ""), target_name, from_id, target)

    cases = db.session.scalars(select(Case).where(Case.handling_unit_id.in_(pred_ids),
                                                  Case.status.in_(list(case_rules.OPEN))).order_by(Case.id))
    legs = db.session.execute(select(CaseLeg.id, CaseLeg.unit_id, Case.code, CaseLeg.purpose).join(Case)
                              .where(CaseLeg.unit_id.in_(pred_ids), CaseLeg.answered_at.is_(None))
                              .order_by(CaseLeg.id))
    feedback = db.session.scalars(select(Feedback).where(Feedback.unit_id.in_(pred_ids),
                                                         Feedback.status.in_(list(feedback_rules.OPEN)))
                                  .order_by(Feedback.id))
    staff = db.session.scalars(select(StaffUser).where(StaffUser.unit_id.in_(pred_ids)).order_by(StaffUser.id))
    procedures = db.session.scalars(select(Procedure).where(Procedure.unit_id.in_(pred_ids)).order_by(Procedure.code))
    return {
        "cases": [move(c.id, c.code, c.handling_unit_id) for c in cases],
        "feedback": [move(f.id, f"{f.tracking_code} · {f.title}", f.unit_id) for f in feedback],
        "legs": [move(leg_id, f"{code} · {purpose[:80]}", unit_id) for leg_id, unit_id, code, purpose in legs],
        "staff": [move(u.id, u.full_name, u.unit_id) for u in staff],
        "procedures": [move(p.id, f"{p.code} · {p.name}", p.unit_id) for p in procedures],
    }


def _staying(pred_ids: list[int]) -> dict[str, int]:
    closed = db.session.scalar(select(func.count(Case.id)).where(
        Case.handling_unit_id.in_(pred_ids), Case.status.not_in(list(case_rules.OPEN)))) or 0
    at_desk = db.session.scalar(select(func.count(Case.id)).where(
        Case.unit_id.in_(pred_ids),
        Case.status.in_([*case_rules.OPEN, case_rules.CaseStatus.RESULT_READY]))) or 0
    return {"closed_cases": closed, "desk_cases": at_desk}


def reorganise(kind: ReorganisationKind, predecessor_ids: list[int], successor_ids: list[int], *, open_work_to: int,
               effective_on: date, legal_basis: str = "", note: str = "", apply: bool = False,
               expected_versions: dict[int, int] | None = None, new_unit: NewUnit | None = None,
               actor=None) -> Result:
    """Merge, split or abolish. `successor_ids` are existing units; `new_unit` (code, name, level) a successor
    created in the same operation, which `open_work_to` = NEW (0) names. For a merge or an abolition `open_work_to`
    may be None: the one successor. `expected_versions` {predecessor id: Unit.version seen on the preview}: a
    predecessor changed since raises Conflict. Dry run (`apply=False`) writes nothing; `apply=True` records the
    Reorganisation and its links, closes the predecessors the day before `effective_on`, moves the open work and
    writes one audit row — all in the caller's transaction (flushed, not committed)."""
    kind = ReorganisationKind(kind)
    predecessors = _units(predecessor_ids)
    successors = _units(successor_ids)
    succ_ids = [u.id for u in successors] + ([NEW] if new_unit is not None else [])
    if open_work_to is None and kind != ReorganisationKind.SPLIT and len(succ_ids) == 1:
        open_work_to = succ_ids[0]
    _check(kind, predecessors, successors, new_unit, open_work_to, effective_on)
    if expected_versions is not None:
        for unit in predecessors:
            if expected_versions.get(unit.id) != unit.version:
                raise Conflict(STALE)
    pred_ids = [u.id for u in predecessors]
    names = {u.id: u.name for u in predecessors + successors}
    target_name = nfc(new_unit.name.strip()) if open_work_to == NEW else names[open_work_to]
    moves = _plan(pred_ids, open_work_to, names, target_name)
    last_day = effective_on - timedelta(days=1)
    result = Result(moves=moves, counts={k: len(v) for k, v in moves.items()}, staying=_staying(pred_ids),
                    ceasing=[(u.id, u.name, last_day) for u in predecessors],
                    successors=[(u.id, u.name, False) for u in successors]
                    + ([(NEW, nfc(new_unit.name.strip()), True)] if new_unit is not None else []),
                    open_work_to=open_work_to)
    if not apply:
        return result
    return _apply(kind, result, predecessors, successors, new_unit, effective_on, legal_basis, note, _actor(actor))


def _apply(kind, result: Result, predecessors, successors, new_unit, effective_on, legal_basis, note, actor):
    created = None
    if new_unit is not None:
        created = units.create_unit(code=new_unit.code, name=new_unit.name, level=UnitLevel(new_unit.level))
        created.valid_from = effective_on
        successors = [*successors, created]
    target = created.id if result.open_work_to == NEW else result.open_work_to
    target_name = next(u.name for u in successors if u.id == target)
    reorg = Reorganisation(kind=kind, effective_on=effective_on, legal_basis=nfc(legal_basis or "").strip(),
                           note=nfc(note or "").strip(), created_by_id=getattr(actor, "id", None))
    db.session.add(reorg)
    for pred in predecessors:
        for succ in successors:
            reorg.links.append(UnitSuccession(predecessor_id=pred.id, successor_id=succ.id,
                                              takes_open_work=kind != ReorganisationKind.SPLIT or succ.id == target))
    last_day = effective_on - timedelta(days=1)
    for pred in predecessors:
        pred.valid_to, pred.is_active = last_day, False
    for moves in result.moves.values():
        for m in moves:
            m.to_id, m.to_unit = target, target_name
    ids = {k: [m.id for m in v] for k, v in result.moves.items()}
    _move(ids, target, target_name, {u.id: u.name for u in predecessors}, effective_on, actor)
    db.session.flush()
    result.reorganisation = reorg
    result.open_work_to = target
    result.successors = [(u.id, u.name, u is created) for u in successors]
    names = ", ".join(u.name for u in predecessors)
    audit.record("unit.reorganise", "reorganisation", reorg.id, actor=actor, after={
        "kind": kind.value, "effective_on": effective_on.isoformat(), "legal_basis": reorg.legal_basis,
        "predecessors": [u.id for u in predecessors], "successors": [u.id for u in successors],
        "open_work_to": target, "new_unit": created.id if created else None,
        "counts": result.counts, "moved": ids},
        summary=f"{names} → {', '.join(u.name for u in successors)} ({effective_on.strftime('%d/%m/%Y')})")
    return result


def _move(ids: dict[str, list[int]], target: int, target_name: str, pred_names: dict[int, str], effective_on,
          actor) -> None:
    now = utcnow()
    with force_locale("vi"):  # the trail's note is in the record's language
        template = str(_l("Moved from %(old)s to the successor unit %(new)s (reorganisation from %(day)s)."))
    for case in db.session.scalars(select(Case).where(Case.id.in_(ids["cases"]))):
        old = case.handling_unit_id
        case.handling_unit_id = target
        db.session.add(CaseEvent.step(case=case, at=now, actor=actor, action=CASE_EVENT, before=case.status,
                                      after=case.status, unit_id=target, note=template % {
                                          "old": pred_names.get(old, ""), "new": target_name,
                                          "day": effective_on.strftime("%d/%m/%Y")}))
    for leg in db.session.scalars(select(CaseLeg).where(CaseLeg.id.in_(ids["legs"]))):
        leg.unit_id = target
    for fb in db.session.scalars(select(Feedback).where(Feedback.id.in_(ids["feedback"]))):
        old = fb.unit_id
        fb.unit_id = target
        record_event(fb, CASE_EVENT, fb.status, fb.status, now, actor, note=template % {
            "old": pred_names.get(old, ""), "new": target_name, "day": effective_on.strftime("%d/%m/%Y")})
    for user in db.session.scalars(select(StaffUser).where(StaffUser.id.in_(ids["staff"]))):
        user.unit_id = target
    for proc in db.session.scalars(select(Procedure).where(Procedure.id.in_(ids["procedures"]))):
        proc.unit_id = target
        for version in proc.versions:
            if version.state != VersionState.SUPERSEDED and version.unit_id is not None:
                version.unit_id = target


# ---------------------------------------------------------------- reading


def reorganisations() -> list[Reorganisation]:
    return list(db.session.scalars(select(Reorganisation).order_by(Reorganisation.effective_on.desc(),
                                                                   Reorganisation.id.desc())))


def moved_record(reorg_id: int):
    """The audit row of the operation (what moved, counts)."""
    return db.session.scalar(select(audit.AuditEvent).where(audit.AuditEvent.action == "unit.reorganise",
                                                            audit.AuditEvent.object_id == str(reorg_id)))

