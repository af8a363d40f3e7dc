"""Tracking the reform plan: progress reports on activities and reported values of indicators the portal does not
measure (issue 7 §4–5).

Who may report (decided here; DOMAIN.md §8 says only that the lead unit reports and Phòng Nội vụ follows):
- progress on an activity: the UNIT_HEAD and HANDLER staff of its lead unit; MANAGER for any activity. An activity
  whose lead is collective or text-only ("Các phòng, ban, đơn vị, UBND các xã, phường", lead_unit_id NULL) is
  reported by MANAGER and by the UNIT_HEAD/HANDLER staff of the plan's unit (Phòng Nội vụ, Plan.unit_id), which
  compiles such reports. An administrator account administers the portal and reports nothing.
- a value of an indicator (a result without a metric binding): MANAGER; UNIT_HEAD/HANDLER of the plan's unit; and
  UNIT_HEAD/HANDLER of a unit leading one of the result's activities. A bound result is measured, never typed.
- Only plans in force take reports (a draft copied for next year is not under way).
Who may read an activity, a result and their evidence files: ADMIN, MANAGER and every UNIT_HEAD (who read the whole
plan, as on the plan pages), the staff of the plan's unit, and the staff of the lead unit(s).

Progress rules: the percent is a whole number 0–100. "Done" means 100%: choosing done stores 100 whatever was
typed. 100% while "in progress" is refused (choose done, or less than 100). "Not started" is 0% (more is refused).
"Cancelled" needs a comment saying why and keeps the percent typed (what was done before). Every report is
kept as history (ActivityUpdate) and audited; the activity carries the latest one. A report names the version
of the activity its form was opened on: if someone reported in between, it is refused (Conflict, 409).

Evidence files: evidence.py. Reminders before an activity's end month: reminders.py.
"""
from __future__ import annotations

import re
import unicodedata
from datetime import date, datetime

from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from portal.core.access import Role
from portal.core.audit import record
from portal.core.clock import to_local
from portal.core.db import db
from portal.core.errors import Conflict, DomainError
from portal.plan.evidence import evidence_columns
from portal.plan.models import ActivityUpdate, IndicatorReport, Plan, PlanActivity, PlanField, PlanResult
from portal.plan.rules import PROGRESS_MAX, PlanStatus, Progress, is_late

COMMENT_MAX = 2000
READERS = frozenset({Role.ADMIN, Role.MANAGER, Role.UNIT_HEAD})
UNIT_STAFF = frozenset({Role.UNIT_HEAD, Role.HANDLER})


PROGRESS_LABELS = {
    Progress.NOT_STARTED: _l("Not started"),
    Progress.IN_PROGRESS: _l("In progress"),
    Progress.DONE: _l("Done"),
    Progress.CANCELLED: _l("Cancelled"),
}


# --- who may do what ----------------------------------------------------------------------------

def _roles(user) -> frozenset:
    return user.role_set if getattr(user, "is_authenticated", False) else frozenset()


def _unit_staff_of(user, unit_id) -> bool:
    return unit_id is not None and user.unit_id == unit_id and bool(_roles(user) & UNIT_STAFF)


def plan_of_activity(activity: PlanActivity) -> Plan:
    return activity.result.field.plan


def can_report_progress(user, activity: PlanActivity) -> bool:
    roles = _roles(user)
    if Role.MANAGER in roles:
        return True
    lead = activity.lead_unit_id if activity.lead_unit_id is not None else plan_of_activity(activity).unit_id
    return _unit_staff_of(user, lead)


def can_see_activity(user, activity: PlanActivity) -> bool:
    if _roles(user) & READERS:
        return True
    return _unit_staff_of(user, activity.lead_unit_id) or _unit_staff_of(user, plan_of_activity(activity).unit_id)


def _result_units(result: PlanResult) -> set:
    return {a.lead_unit_id for a in result.activities if a.lead_unit_id is not None} | {result.field.plan.unit_id}


def can_report_indicator(user, result: PlanResult) -> bool:
    return Role.MANAGER in _roles(user) or any(_unit_staff_of(user, u) for u in _result_units(result))


def can_see_result(user, result: PlanResult) -> bool:
    return bool(_roles(user) & READERS) or any(_unit_staff_of(user, u) for u in _result_units(result))



# --- progress -----------------------------------------------------------------------------------

def _text(value: str | None) -> str:
    return unicodedata.normalize("NFC", (value or "").replace("\r\n", "\n")).strip()


def parse_percent(value) -> int | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    text = str(value).strip().rstrip("%").strip()
    if not re.fullmatch(r"-?\d+", text):
        raise DomainError(_l("Enter the percentage as a whole number from 0 to 100."), field="percent")
    return int(text)


def check_progress(progress, percent, comment: str, current_percent: int = 0) -> int:
    """The percent to store, or DomainError beside the field at fault (pure: no database)."""
    try:
        progress = Progress(progress)
    except ValueError:
        raise DomainError(_l("Choose a status."), field="progress") from None
    percent = parse_percent(percent)
    if percent is not None and not 0 <= percent <= PROGRESS_MAX:
        raise DomainError(_l("The percentage must be between 0 and 100; %(value)s%% is not possible.",
                             value=percent), field="percent")
    if len(comment) > COMMENT_MAX:
        raise DomainError(_l("The comment is too long (at most %(n)s characters).", n=COMMENT_MAX), field="comment")
    if progress == Progress.DONE:
        return PROGRESS_MAX
    if progress == Progress.NOT_STARTED:
        if percent:
            raise DomainError(_l("An activity that has not started is at 0%%. Choose “In progress” to report "
                                 "%(value)s%%.", value=percent), field="percent")
        return 0
    if progress == Progress.CANCELLED:
        if not comment:
            raise DomainError(_l("Say why the activity is cancelled."), field="comment")
        return current_percent if percent is None else percent
    if percent is None:
        raise DomainError(_l("Enter the percentage done."), field="percent")
    if percent == PROGRESS_MAX:
        raise DomainError(_l("At %(full)s the activity is done: choose “Done”, or enter less than %(full)s.",
                             full="100%"), field="percent")
    return percent


def report_progress(activity: PlanActivity, *, progress, percent, comment: str = "", evidence=None, actor,
                    now: datetime, expected_version: int | None) -> ActivityUpdate:
    if not can_report_progress(actor, activity):
        raise DomainError(_l("Only the lead unit, Phòng Nội vụ for collective leads, or a manager may report "
                             "progress on this activity."), field=None)
    if plan_of_activity(activity).status != PlanStatus.IN_FORCE:
        raise DomainError(_l("Progress can be reported only on a plan in force."))
    if expected_version is not None and int(expected_version) != activity.version:
        raise Conflict(_l("Someone else reported on this activity a moment ago. Nothing was saved: check the "
                          "report now shown and send yours again if it is still right."))
    comment = _text(comment)
    stored = check_progress(progress, percent, comment, activity.percent)
    before = {"progress": activity.progress, "percent": activity.percent}
    entry = ActivityUpdate(at=now, actor_id=actor.id, actor_name=actor.full_name, progress=Progress(progress),
                            percent=stored, comment=comment, **evidence_columns(evidence))
    activity.updates.append(entry)
    activity.progress, activity.percent, activity.progress_at = Progress(progress), stored, now
    db.session.flush()
    record("plan.activity.progress", "plan_activity", activity.id, actor=actor, before=before,
           after={"progress": activity.progress, "percent": stored, "evidence": entry.evidence_name or None},
           summary=f"{activity.code}: {before['progress']} {before['percent']}% → {activity.progress} {stored}%")
    return entry


def activity_is_late(activity: PlanActivity, today: date) -> bool:
    return is_late(year=plan_of_activity(activity).year, end_month=activity.end_month, progress=activity.progress,
                   today=today)


# --- indicator reports --------------------------------------------------------------------------

def parse_value(value) -> float:
    text = str(value if value is not None else "").strip().rstrip("%").strip().replace(" ", "")
    if re.fullmatch(r"-?\d{1,3}(\.\d{3})+(,\d+)?", text):  # 1.234,5: Vietnamese thousands and decimals
        text = text.replace(".", "")
    text = text.replace(",", ".")
    try:
        return float(text)
    except ValueError:
        raise DomainError(_l("Enter the value as a number, for example 85 or 85,5."), field="value") from None


def report_indicator(result: PlanResult, *, value, as_of: date | None, comment: str = "", evidence=None, actor,
                     now: datetime) -> IndicatorReport:
    if result.metric is not None:
        raise DomainError(_l("This indicator is measured by the portal from its own records; it cannot be typed in."),
                          field="value")
    if not can_report_indicator(actor, result):
        raise DomainError(_l("Only the units leading this result's activities, Phòng Nội vụ or a manager may report "
                             "its value."))
    plan = result.field.plan
    if plan.status != PlanStatus.IN_FORCE:
        raise DomainError(_l("Values can be reported only on a plan in force."))
    number = parse_value(value)
    if as_of is None:
        raise DomainError(_l("Enter the date the value refers to."), field="as_of")
    if as_of > to_local(now).date() or as_of < date(plan.year, 1, 1):
        raise DomainError(_l("The date must be within the plan's year (from 1/1/%(year)s) and not in the future.",
                             year=plan.year), field="as_of")
    comment = _text(comment)
    if len(comment) > COMMENT_MAX:
        raise DomainError(_l("The comment is too long (at most %(n)s characters).", n=COMMENT_MAX), field="comment")
    report = IndicatorReport(at=now, actor_id=actor.id, actor_name=actor.full_name, value=number, as_of=as_of,
                             comment=comment, **evidence_columns(evidence))
    result.reports.append(report)
    db.session.flush()
    record("plan.indicator.report", "plan_result", result.id, actor=actor,
           after={"value": number, "as_of": as_of, "evidence": report.evidence_name or None},
           summary=f"{result.code}: {number:g} {result.target_unit} ({as_of.isoformat()})")
    return report


# --- queries for the pages ----------------------------------------------------------------------

def plans_in_force() -> list[Plan]:
    return list(db.session.scalars(select(Plan).where(Plan.status == PlanStatus.IN_FORCE)
                                   .order_by(Plan.year.desc(), Plan.id.desc())))


def _code_key(code: str) -> tuple:
    return tuple(int(p) if p.isdigit() else 0 for p in code.split("."))


def unit_activities(plan: Plan, unit_id: int | None) -> list[PlanActivity]:
    """The unit's activities in a plan; for the plan's own unit also those with a collective lead."""
    if unit_id is None:
        return []
    query = select(PlanActivity).join(PlanResult).join(PlanField).where(PlanField.plan_id == plan.id)
    if unit_id == plan.unit_id:
        query = query.where((PlanActivity.lead_unit_id == unit_id) | PlanActivity.lead_unit_id.is_(None))
    else:
        query = query.where(PlanActivity.lead_unit_id == unit_id)
    return list(db.session.scalars(query))


def worklist_order(activities, today: date) -> list[PlanActivity]:
    """Late first, then open ones by end month, then done and cancelled; code order within."""
    closed = (Progress.DONE, Progress.CANCELLED)
    return sorted(activities, key=lambda a: (not activity_is_late(a, today), a.progress in closed,
                                             a.end_month or 13, _code_key(a.code)))
