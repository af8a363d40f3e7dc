"""The reform plan's stored structure: storing a checked plan (the shipped JSON, or an imported spreadsheet via
xlsx_import.py), copying a plan into a new year and the find/list helpers the pages use.

Checking and building a plan is building.py's; the portal's metric bindings added to the shipped JSON are
bindings.py's; budget totals are budget.py's.
"""
from __future__ import annotations

import json
import re
from pathlib import Path

from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from portal.core.audit import record
from portal.core.db import db
from portal.core.errors import Conflict, DomainError
from portal.core.text import nfc, sort_key
from portal.plan.bindings import plan_json_with_targets
from portal.plan.budget import plan_totals
from portal.plan.building import block_text, build_plan
from portal.plan.leads import unit_lookup_from_db
from portal.plan.models import Plan, PlanActivity, PlanField, PlanResult
from portal.plan.rules import PlanStatus, Progress
from portal.units.models import Unit

DATA_DIR = Path(__file__).parent / "data"
PLAN_2019_JSON = DATA_DIR / "plan_2019.json"
PLAN_UNIT_CODE = "000.02.26.H17"  # Phòng Nội vụ: prepares the plan and follows every activity


# --- storing -------------------------------------------------------------------------------------

def _check_unique(plan: Plan) -> None:
    exists = db.session.scalar(select(Plan.id).where(Plan.year == plan.year, Plan.title == plan.title,
                                                     Plan.unit_id.is_(None) if plan.unit_id is None
                                                     else Plan.unit_id == plan.unit_id))
    if exists:
        raise Conflict(_l("A plan of %(year)s with this title already exists.", year=plan.year), field="title")


def store_plan(plan: Plan, *, actor=None, action: str = "plan.create", summary: str = "") -> Plan:
    _check_unique(plan)
    db.session.add(plan)
    db.session.flush()
    totals = plan_totals(plan)
    record(action, "plan", plan.id, actor=actor, summary=summary or plan.title,
           after={"year": plan.year, "title": plan.title, "status": plan.status,
                  "fields": len(plan.fields), "results": sum(len(f.results) for f in plan.fields),
                  "activities": sum(len(r.activities) for f in plan.fields for r in f.results),
                  "total_budget": totals.plan})
    return plan


def load_plan_json(source, *, unit_lookup=None, with_targets: bool = True, actor=None, **overrides) -> Plan:
    """Load a plan from a JSON file path or an already parsed dict, check it and store it (flushed, audited).
    `with_targets` adds the portal's metric bindings (see bindings.py)."""
    if isinstance(source, (str, Path)):
        data = json.loads(Path(source).read_text(encoding="utf-8"))
    else:
        data = source
    if with_targets:
        data = plan_json_with_targets(data)
    if unit_lookup is None:
        unit_lookup = unit_lookup_from_db()
    plan_unit = None
    if data.get("unit_code"):
        plan_unit = db.session.scalar(select(Unit).where(Unit.code == data["unit_code"]))
    plan = build_plan(data, unit_lookup=unit_lookup, plan_unit_id=plan_unit.id if plan_unit else None, **overrides)
    return store_plan(plan, actor=actor, action="plan.load", summary=f"{plan.title} (JSON)")


# --- copy ----------------------------------------------------------------------------------------

def next_year_title(title: str, old_year: int, new_year: int) -> str:
    replaced = re.sub(rf"\b{old_year}\b", str(new_year), title)
    return replaced if replaced != title else f"{title} ({new_year})"


def copy_plan(plan: Plan, *, year: int, actor=None, title: str | None = None, status: PlanStatus = PlanStatus.DRAFT,
              notes: str | None = None) -> Plan:
    """A new plan for `year` with the same fields, results (bindings and targets kept) and activities.
    Progress starts again (not started, 0%), neither progress history nor indicator reports are copied, the
    decision is left empty (a draft is not issued yet), and the source's stated total lines are not copied
    (they belong to the old document); source notes stay with the text they explain."""
    if not 2000 <= year <= 2100:
        raise DomainError(_l("The year must be between 2000 and 2100."), field="year")
    new = Plan(year=year, title=nfc(title or next_year_title(plan.title, plan.year, year))[:300], unit_id=plan.unit_id,
               decision_number="", decision_date=None, status=status, stated_grand_total=None,
               notes=block_text(notes if notes is not None
                                else f"Sao chép từ “{plan.title}” (năm {plan.year}); tiến độ đặt lại từ đầu."),
               copied_from_id=plan.id)
    for f in plan.fields:
        nf = PlanField(code=f.code, position=f.position, title=f.title, goals=f.goals, stated_total=None,
                       source_note=f.source_note)
        new.fields.append(nf)
        for r in f.results:
            nr = PlanResult(code=r.code, position=r.position, title=r.title, indicator=r.indicator,
                            target_value=r.target_value, target_unit=r.target_unit, direction=r.direction,
                            baseline=r.baseline, metric=r.metric, stated_total=None, source_note=r.source_note)
            nf.results.append(nr)
            for a in r.activities:
                nr.activities.append(PlanActivity(
                    code=a.code, position=a.position, name=a.name, expected=a.expected, output=a.output,
                    budget=a.budget, lead_unit_id=a.lead_unit_id, lead_text=a.lead_text, coordinating=a.coordinating,
                    start_month=a.start_month, end_month=a.end_month, note=a.note, source_note=a.source_note,
                    progress=Progress.NOT_STARTED, percent=0))
    _check_unique(new)
    db.session.add(new)
    db.session.flush()
    record("plan.copy", "plan", new.id, actor=actor, summary=f"{plan.title} → {new.title}",
           before={"plan_id": plan.id, "year": plan.year}, after={"year": new.year, "title": new.title,
                                                                 "status": new.status, "copied_from_id": plan.id})
    return new


# --- find / list ---------------------------------------------------------------------------------

def get_plan(plan_id: int) -> Plan | None:
    return db.session.get(Plan, plan_id)


def list_plans() -> list[Plan]:
    """Newest year first; within a year in Vietnamese order of title."""
    plans = list(db.session.scalars(select(Plan)))
    return sorted(plans, key=lambda p: (-p.year, sort_key(p.title)))


def find_plan(*, year: int, title: str | None = None) -> Plan | None:
    query = select(Plan).where(Plan.year == year)
    if title is not None:
        query = query.where(Plan.title == nfc(title))
    return db.session.scalars(query.order_by(Plan.id)).first()


def find_activity(plan: Plan, code: str) -> PlanActivity | None:
    return next((a for f in plan.fields for r in f.results for a in r.activities if a.code == code), None)


def find_result(plan: Plan, code: str) -> PlanResult | None:
    return next((r for f in plan.fields for r in f.results if r.code == code), None)


def activities(plan: Plan) -> list[PlanActivity]:
    return [a for f in plan.fields for r in f.results for a in r.activities]


def plan_unit() -> Unit | None:
    return db.session.scalar(select(Unit).where(Unit.code == PLAN_UNIT_CODE))
