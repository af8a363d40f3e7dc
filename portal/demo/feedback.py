"""Twelve months of demo phản ánh, kiến nghị of thị xã Gia Nghĩa through the real services
(submit_feedback, transition, mark_satisfaction) and the demo accounts, so codes, due dates, trails and
audit rows are what the portal itself would have produced. Deterministic (seeded random) for a given
end moment. Mix: ~5% rejected, ~4% transferred, ~12% answered late, ~5% stuck open past the due day,
the rest answered on time; most answers published with a question and answer free of personal data;
recent feedback is still at the step its story has reached.
"""
from __future__ import annotations

import random
import uuid
from datetime import UTC, date, datetime, time, timedelta

from flask import current_app
from sqlalchemy import select

from portal.core.audit import AuditEvent
from portal.core.clock import local_tz, to_local, utcnow
from portal.core.db import db
from portal.core.text import fold
from portal.demo.constants import (
    FAMILY,
    GIVEN,
    MAIL_DOMAIN,
    MIDDLE,
    MOBILE,
    PLACES,
    STREETS,
    address_tail,
    place_on,
)
from portal.demo.feedback_data import (
    REJECT_REASONS,
    RETURN_NOTES,
    SUPPLEMENT_NOTES,
    SUPPLEMENT_REPLIES,
    TOPICS,
    TOWN_OFFICE,
    TRANSFER_TO,
)
from portal.feedback import services, submission
from portal.feedback.vocabulary import Action, Channel, Satisfaction
from portal.notify.services import no_citizen_messages
from portal.workdays.services import calendar_for

TOKENS = uuid.UUID("6f1c2a52-8d0e-4b8a-9c1e-2019a0d6e660")  # namespace of the demo submit tokens
CHANNELS = [(Channel.WEB, 55), (Channel.PHONE, 14), (Channel.EMAIL, 12), (Channel.LETTER, 11), (Channel.SURVEY, 8)]
SLOTS = [(7 * 60 + 30, 11 * 60 + 30), (13 * 60 + 30, 17 * 60)]
# Weights of each fate: rejected, transferred, answered late, stuck open past the due day, answered on time.
FATES = (5, 4, 12, 5, 74)  # the 2019 town
FATES_2025 = (4, 3, 5, 1.5, 86.5)  # the 2025 ward centre: most answered on time, a few overdue


def _token(n: int, series: str = "demo-feedback") -> str:
    return str(uuid.uuid5(TOKENS, f"{series}-{n}"))


def _stamp(moment: datetime) -> None:
    """Audit rows say when it happened in the story, not when the seed ran."""
    for obj in db.session.new:
        if isinstance(obj, AuditEvent) and obj.occurred_at is None:
            obj.occurred_at = moment.astimezone(UTC)


def _people() -> tuple[dict, dict]:
    """Demo accounts by role: {role: {unit_id: user}} and the handling units (those with a handler)."""
    from portal.auth.models import StaffUser

    people: dict[str, dict] = {}
    for user in db.session.scalars(select(StaffUser).where(StaffUser.email.like(f"%@{MAIL_DOMAIN}"))
                                   .order_by(StaffUser.id)):
        for role in user.roles:
            people.setdefault(role.role, {}).setdefault(user.unit_id, user)
    return people


class _Story:
    def __init__(self, rng: random.Random, cal, end: datetime):
        self.rng, self.cal, self.end, self.tz = rng, cal, end, local_tz()

    def moment(self, day: date, after: datetime | None = None) -> datetime:
        """An office-hours moment on `day` (the next working day when none is left), after `after`."""
        while True:
            lo = after.hour * 60 + after.minute + 1 if after is not None and after.date() == day else 0
            spans = [(max(a, lo), b) for a, b in SLOTS if b >= max(a, lo)]
            if spans and self.cal.is_working_day(day):
                a, b = self.rng.choice(spans)
                minutes = self.rng.randint(a, b)
                return datetime.combine(day, time(minutes // 60, minutes % 60), self.tz)
            day = self.cal.next_working_day(day)

    def later(self, t: datetime, lo: int, hi: int) -> datetime:
        k = self.rng.randint(lo, max(lo, hi))
        return self.moment(self.cal.add_working_days(t.date(), k) if k else t.date(), after=t)

    def submitter(self, day: date | None = None) -> dict:
        """A person of Gia Nghĩa; the address as written on `day` (the 2025 wards of Lâm Đồng from 1 Jul 2025)."""
        rng = self.rng
        sex = rng.choice("mf")
        given = rng.choice(GIVEN[sex])
        name = f"{rng.choice(FAMILY)} {rng.choice(MIDDLE[sex])} {given}"
        place, kind = rng.choice(PLACES)
        address = (f"Số {rng.randint(1, 250)} đường {rng.choice(STREETS)}" if kind == "Tổ dân phố"
                   else f"{kind} {rng.randint(1, 12)}") + f", {address_tail(place, day)}"
        phone = rng.choice(MOBILE) + f"{rng.randint(0, 9_999_999):07d}" if rng.random() < 0.9 else ""
        email = ""
        if not phone or rng.random() < 0.35:
            email = f"{fold(given).replace(' ', '')}.{fold(name.split()[0])}{rng.randint(60, 99)}@gmail.com"
        return {"submitter_kind": "individual", "submitter_name": name, "submitter_address": address,
                "submitter_phone": phone, "submitter_email": email, "place_name": place_on(place, day)}


def load_feedback(count: int | None = None, seed: int = 660, now: datetime | None = None, *, days: int = 365,
                  series: str = "demo-feedback", unit_code: str | None = None, fates=FATES,
                  stuck_within: int | None = None) -> str:
    """`count` feedback received over the `days` days before `now`; `count` defaults to DEMO_FEEDBACK_COUNT:
    360, or none under TESTING (tests load their own). Each `series` (its own submit tokens) is loaded once:
    nothing is added when its first feedback exists. `unit_code`: the one unit that handles them all (the
    2025 ward), else the topic's 2019 unit; `fates`: weights as FATES; `stuck_within`: only feedback received
    in the last so many days is left stuck open (older ones are answered late), so none is a year overdue."""
    if count is None:
        count = current_app.config.get("DEMO_FEEDBACK_COUNT", 0 if current_app.testing else 360)
    if not count or submission.find_by_token(_token(0, series)) is not None:
        return "demo feedback: none added"
    from portal.units.models import Unit

    people = _people()
    handlers = people.get("handler", {})
    units = {u.code: u for u in db.session.scalars(select(Unit)) if u.id in handlers}
    if (unit_code or TOWN_OFFICE) not in units:
        return f"demo feedback: none added (no handler in {unit_code or 'the town office'})"
    end = to_local(now or utcnow())
    with no_citizen_messages():
        cal = calendar_for([end.year - 1, end.year], language="vi")
        story = _Story(random.Random(seed), cal, end)
        first = end.date() - timedelta(days=days)
        window = [first + timedelta(days=i) for i in range(days)]
        received = sorted(story.moment(story.rng.choice(window)) for _ in range(count))
        received = [moment for moment in received if moment <= end]  # a weekend rolled past `now`
        for n, moment in enumerate(received):
            _one(story, n, moment, {unit_code: units[unit_code]} if unit_code else units, people, series, fates,
                 stuck_within)
            if n % 100 == 99:
                db.session.commit()
        db.session.commit()
    return f"{len(received)} demo feedback of the {days} days before {end:%d/%m/%Y} loaded"


def _one(story: _Story, n: int, received: datetime, units: dict, people: dict, series: str, fates=FATES,
         stuck_within: int | None = None) -> None:
    rng, utc = story.rng, UTC
    topic = rng.choice(TOPICS)
    person = story.submitter(received.date())
    place = person.pop("place_name")
    values = {"place": place, "street": rng.choice(STREETS), "days": rng.randint(5, 20)}
    channel = rng.choices([c for c, _w in CHANNELS], weights=[w for _c, w in CHANNELS])[0]
    desk = next(iter(people.get("desk_officer", {}).values()), None)
    data = {"kind": topic["kind"], "category": topic["category"], "title": topic["title"].format(**values),
            "content": topic["content"].format(**values), "place": place, "consent": True,
            "publish_allowed": rng.random() < 0.85, "submit_token": _token(n, series), **person}
    fb = submission.submit_feedback(data, now=received.astimezone(utc), channel=channel,
                                  actor=desk if channel != Channel.WEB else None)
    fb.created_at = received.astimezone(utc)
    _stamp(received)
    code = next((c for c in topic["units"] if c in units), TOWN_OFFICE if TOWN_OFFICE in units else next(iter(units)))
    unit = units[code]
    handler = people["handler"][unit.id]
    head = people.get("unit_head", {}).get(unit.id) or next(iter(people.get("manager", {}).values()), desk)
    fate = rng.choices(["reject", "transfer", "late", "stuck", "on_time"], weights=fates)[0]
    if fate == "stuck" and stuck_within is not None and received < story.end - timedelta(days=stuck_within):
        fate = "late"

    def step(action, t: datetime, actor, **kw) -> bool:
        if t > story.end:
            return False
        services.transition(fb, action, now=t.astimezone(utc), expected_version=fb.version, actor=actor, **kw)
        _stamp(t)
        return True

    t = story.later(received, 0, 2)
    if fate in ("reject", "transfer"):
        code, note = rng.choice(REJECT_REASONS) if fate == "reject" else (None, rng.choice(TRANSFER_TO))
        extra = {"rejection_code": code} if code else {}
        if step(Action.REJECT if code else Action.TRANSFER, t, desk, note=note, **extra) and rng.random() < 0.6:
            step(Action.CLOSE, story.later(t, 1, 5), head)
        return
    if not step(Action.ACCEPT, t, desk, unit_id=unit.id, subject=topic["subject"]):
        return
    if not step(Action.ASSIGN, t := story.later(t, 0, 2), head, unit_id=unit.id, handler_id=handler.id):
        return
    due_day = to_local(fb.answer_due_at).date()
    if fate == "late":
        answer_day = story.cal.add_working_days(due_day, rng.randint(1, 8))
    else:
        answer_day = story.cal.add_working_days(t.date(), rng.randint(4, max(4, story.cal.working_days_between(
            t.date(), due_day) - 1)))
    if fate == "stuck" and to_local(fb.answer_due_at) < story.end - timedelta(days=3):
        if rng.random() < 0.5:
            step(Action.DRAFT_ANSWER, story.later(t, 2, 8), handler, answer=topic["answer"])
        return
    if rng.random() < 0.1:
        if not step(Action.REQUEST_SUPPLEMENT, t := story.later(t, 0, 2), handler, note=rng.choice(SUPPLEMENT_NOTES)):
            return
        if not step(Action.SUPPLEMENT, t := story.later(t, 1, 3), handler, note=rng.choice(SUPPLEMENT_REPLIES)):
            return
    draft_day = max(t.date(), story.cal.add_working_days(answer_day, 0) - timedelta(days=rng.randint(2, 4)))
    if not step(Action.DRAFT_ANSWER, t := story.moment(draft_day, after=t), handler, answer=topic["answer"]):
        return
    if rng.random() < 0.08:
        if not step(Action.RETURN_DRAFT, t := story.later(t, 0, 1), head, note=rng.choice(RETURN_NOTES)):
            return
        if not step(Action.DRAFT_ANSWER, t := story.later(t, 0, 1), handler, answer=topic["answer"]):
            return
    if not step(Action.APPROVE_ANSWER, t := story.moment(max(t.date(), answer_day), after=t), head):
        return
    t = story.later(t, 0, 0)
    if fb.publish_allowed:
        question = topic["public_question"].format(**values)
        if not step(Action.PUBLISH, t, head, public_question=question, public_answer=topic["answer"]):
            return
        reply_at = story.later(t, 1, 10)
        if rng.random() < 0.45 and reply_at <= story.end:
            value = Satisfaction.SATISFIED if rng.random() < 0.8 else Satisfaction.NOT_SATISFIED
            submission.mark_satisfaction(fb, value, now=reply_at.astimezone(utc))
            _stamp(reply_at)
            t = reply_at
    elif not step(Action.ANSWER_PRIVATELY, t, head, note="Đã gửi văn bản trả lời đến địa chỉ của người gửi."):
        return
    if rng.random() < 0.4:
        step(Action.CLOSE, story.later(t, 5, 15), head)
