"""Reminders before an activity's end month (issue 7 §4–5): e-mails queued to the heads of the lead unit of every
open activity due soon, and the `flask plan remind` command that queues them."""
from __future__ import annotations

from datetime import date, datetime, timedelta

import click
from flask import current_app
from flask_babel import lazy_gettext as _l
from sqlalchemy import select, update

from portal.core.access import Role
from portal.core.clock import to_local
from portal.core.db import db
from portal.core.stats import month_period
from portal.core.urls import absolute_url_for
from portal.plan.models import PlanActivity, PlanField, PlanResult
from portal.plan.rules import Progress
from portal.plan.tracking import PROGRESS_LABELS, plans_in_force

DEFAULT_REMIND_DAYS = 10
REMINDER_SUBJECT = _l("Reform plan: activity %(code)s is due by %(date)s")
REMINDER_TEXT = _l("Activity %(code)s “%(name)s” of the plan “%(plan)s” is due by %(date)s. Its latest reported "
                   "progress: %(progress)s, %(percent)s%%.")
REMINDER_ACTION = _l("Please report its progress at %(url)s.")


def _remind_window(year: int, end_month: int, days: int) -> tuple[date, date]:
    end = month_period(year, end_month).end
    return end - timedelta(days=days), end


def _heads(unit_id) -> list:
    from portal.auth.models import StaffUser, UserRole

    query = (select(StaffUser).join(UserRole).where(StaffUser.unit_id == unit_id, UserRole.role == Role.UNIT_HEAD.value,
                                                    StaffUser.is_active_account.is_(True)).order_by(StaffUser.id))
    return [u for u in db.session.scalars(query).unique() if (u.email or "").strip()]


def _activity_url(activity_id: int) -> str:
    return absolute_url_for("plan.activity", activity_id=activity_id)


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
