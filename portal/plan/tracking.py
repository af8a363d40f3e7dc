"""Tracking the reform plan: progress reports on activities, reported values of indicators the portal does not
measure, evidence files, and reminders before an activity's end month (issue 7 §4–5).

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

Evidence: one file per report, PDF, DOCX, XLSX, JPG or PNG, the type read from the content; checked by
feedback/attachments.py (macros refused, photos re-encoded without EXIF) under PLAN_EVIDENCE_MAX_BYTES (config,
20 MB by default, below MAX_CONTENT_LENGTH so a file just over the limit gets the message beside the field);
stored under the upload folder as plan/<2 hex>/<sha256>.
"""
from __future__ import annotations

import re
import unicodedata
from datetime import date, datetime, timedelta
from pathlib import Path

import click
import filetype
from flask import current_app
from flask_babel import lazy_gettext as _l
from sqlalchemy import select, update

from portal.core.access import Role
from portal.core.audit import record
from portal.core.clock import to_local
from portal.core.db import db
from portal.core.errors import Conflict, DomainError
from portal.feedback import attachments
from portal.plan.models import ActivityUpdate, IndicatorReport, Plan, PlanActivity, PlanField, PlanResult
from portal.plan.rules import PROGRESS_MAX, PlanStatus, Progress, is_late, month_end

MB = 1024 * 1024
EVIDENCE_TYPES = ("pdf", "docx", "xlsx", "jpg", "png")
EVIDENCE_ACCEPT = ".pdf,.docx,.xlsx,.jpg,.jpeg,.png"
DEFAULT_EVIDENCE_MAX_BYTES = 20 * MB
DEFAULT_REMIND_DAYS = 10
COMMENT_MAX = 2000
READERS = frozenset({Role.ADMIN, Role.MANAGER, Role.UNIT_HEAD})
UNIT_STAFF = frozenset({Role.UNIT_HEAD, Role.HANDLER})


PROGRESS_LABELS = {
    Progress.NOT_STARTED: _l("Not started"),
    Progress.IN_PROGRESS: _l("In progress"),
    Progress.DONE: _l("Done"),
    Progress.CANCELLED: _l("Cancelled"),
}


class EvidenceError(DomainError):
    def __init__(self, message):
        super().__init__(message, field="evidence")


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


# --- evidence files -----------------------------------------------------------------------------

def evidence_limits() -> attachments.Limits:
    base = attachments.Limits.from_config()
    size = current_app.config.get("PLAN_EVIDENCE_MAX_BYTES", DEFAULT_EVIDENCE_MAX_BYTES)
    return attachments.Limits(max_bytes=size, max_count=1, max_total=size, image_max_side=base.image_max_side,
                              image_max_pixels=base.image_max_pixels)


def read_evidence(storage) -> tuple[str | None, bytes] | None:
    """(name, bytes) of an uploaded file, at most one byte over the limit; None when no file was chosen."""
    if storage is None or not storage.filename:
        return None
    return storage.filename, storage.stream.read(evidence_limits().max_bytes + 1)


def check_evidence(filename: str | None, data: bytes) -> attachments.Checked:
    """Refuse (EvidenceError, shown beside the evidence field) or return the file as it will be stored."""
    limits = evidence_limits()
    shown = attachments.safe_name(filename)
    if not data:
        raise EvidenceError(_l("“%(name)s” is empty.", name=shown))
    if len(data) > limits.max_bytes:
        raise EvidenceError(_l("The evidence file “%(name)s” is larger than %(size)s MB. Please attach a smaller "
                               "file (for example a scan at a lower resolution).",
                               name=shown, size=f"{limits.max_bytes / MB:g}"))
    kind = filetype.guess(data)
    extension = {"apng": "png"}.get(kind.extension, kind.extension) if kind else None
    if extension not in EVIDENCE_TYPES:
        raise EvidenceError(_l("“%(name)s” is not an accepted kind of file. Please attach a PDF, DOCX, XLSX, JPG or "
                               "PNG file.", name=shown))
    try:
        return attachments.check_attachment(filename, data, limits)
    except attachments.AttachmentError as err:
        raise EvidenceError(err.message) from None


def store_evidence(checked: attachments.Checked) -> str:
    """Write once under uploads/plan/<2 hex>/<sha256>; return the relative path."""
    return attachments.store(checked, area="plan")


def evidence_path(relative: str) -> Path:
    return attachments.path_of(relative, area="plan")


def _evidence_columns(checked) -> dict:
    if checked is None:
        return {}
    return {"evidence_name": checked.name, "evidence_type": checked.content_type, "evidence_size": checked.size,
            "evidence_sha256": checked.sha256, "evidence_path": store_evidence(checked)}


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
                            percent=stored, comment=comment, **_evidence_columns(evidence))
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
                             comment=comment, **_evidence_columns(evidence))
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


# --- reminders ----------------------------------------------------------------------------------

REMINDER_SUBJECT = _l("Reform plan: activity %(code)s is due by %(date)s")
REMINDER_TEXT = _l("Activity %(code)s “%(name)s” of the plan “%(plan)s” is due by %(date)s. Its latest reported "
                   "progress: %(progress)s, %(percent)s%%.")
REMINDER_ACTION = _l("Please report its progress at %(url)s.")


def _remind_window(year: int, end_month: int, days: int) -> tuple[date, date]:
    end = month_end(year, end_month)
    return end - timedelta(days=days), end


def _heads(unit_id) -> list:
    from portal.auth.models import StaffUser, UserRole

    query = (select(StaffUser).join(UserRole).where(StaffUser.unit_id == unit_id, UserRole.role == Role.UNIT_HEAD.value,
                                                    StaffUser.is_active_account.is_(True)).order_by(StaffUser.id))
    return [u for u in db.session.scalars(query).unique() if (u.email or "").strip()]


def _activity_url(activity_id: int) -> str:
    path = current_app.url_map.bind("localhost").build("plan.activity", {"activity_id": activity_id})
    return current_app.config.get("PUBLIC_BASE_URL", "").rstrip("/") + path


def remind_due(now: datetime) -> int:
    """Queue an e-mail to the heads of the lead unit (Phòng Nội vụ's heads for a collective lead) of every open
    activity of a plan in force whose end month ends within PLAN_REMIND_DAYS calendar days, once per end month;
    return how many activities were reminded. reminded_at is written without bumping the activity's version, so a
    reminder never makes a colleague's open progress form stale. Idempotent: reminded_at and the outbox's dedupe
    keys. The caller commits (`flask plan remind` does)."""
    from flask_babel import force_locale

    from portal.notify import services as outbox
    from portal.notify.messages import GREETING, LOCALE
    from portal.notify.rules import Channel

    days = int(current_app.config.get("PLAN_REMIND_DAYS", DEFAULT_REMIND_DAYS))
    today = to_local(now).date()
    reminded = 0
    for plan in plans_in_force():
        query = (select(PlanActivity).join(PlanResult).join(PlanField).where(
            PlanField.plan_id == plan.id, PlanActivity.end_month.is_not(None),
            PlanActivity.progress.in_([Progress.NOT_STARTED, Progress.IN_PROGRESS])))
        for activity in db.session.scalars(query.order_by(PlanActivity.id)):
            start, end = _remind_window(plan.year, activity.end_month, days)
            if not start <= today <= end:
                continue
            if activity.reminded_at is not None and to_local(activity.reminded_at).date() >= start:
                continue
            heads = _heads(activity.lead_unit_id if activity.lead_unit_id is not None else plan.unit_id)
            if not heads:
                continue
            with force_locale(LOCALE):
                values = {"code": activity.code, "name": activity.name, "plan": plan.title,
                          "date": end.strftime("%d/%m/%Y"), "progress": str(PROGRESS_LABELS[activity.progress]),
                          "percent": activity.percent, "url": _activity_url(activity.id)}
                subject = str(REMINDER_SUBJECT % values)
                body = f"{REMINDER_TEXT % values}\n\n{REMINDER_ACTION % values}"
                greeting = str(GREETING)
            for head in heads:
                outbox.enqueue(channel=Channel.EMAIL, recipient=head.email, subject=subject,
                               body=f"{greeting % {'name': head.full_name}}\n\n{body}", now=now,
                               dedupe_key=f"plan-activity:{activity.id}:remind:{plan.year}-{activity.end_month:02d}:"
                                          f"{head.id}:email")
            db.session.execute(update(PlanActivity.__table__).where(PlanActivity.__table__.c.id == activity.id)
                               .values(reminded_at=now))
            reminded += 1
    db.session.expire_all()
    return reminded


@click.group("plan")
def plan_cli() -> None:
    """The reform plan: reminders before activities' end months."""


@plan_cli.command("remind")
def remind_command() -> None:
    """Queue reminders for activities whose end month ends soon (run daily from cron or the job worker)."""
    from portal.core.clock import utcnow

    count = remind_due(utcnow())
    db.session.commit()
    click.echo(f"reminders queued for {count} activities")
