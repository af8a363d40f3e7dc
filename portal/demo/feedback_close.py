"""The demo year's leftovers: the phản ánh, kiến nghị of `year` still open on 31 December are handled in
January–February of the next year through the real services (transition, mark_satisfaction), by the demo
accounts, dated in the story, so that no demo PAKN stays open for ever (in today's views it would be years
overdue and count against the current year's QĐ 766 on-time rate, stats.FIGURES_766).

The year's figures are read at its end (stats.FIGURES_766: answered in the period, open and overdue at its
end), so answering the leftovers in the next year leaves them as they were, provided no step moves a stored
answer deadline or the unit a feedback is counted under: the steps taken here (assign, supplement, draft,
approve, publish or answer privately, forward, close) keep `answer_due_at` (services.transition), and a
feedback never accepted keeps no unit: the desk forwards it to the competent body (NĐ 20/2008 Điều 9 k1 d,
within the statutory forward deadline).
"""
from __future__ import annotations

import random
import re
import string
from datetime import UTC, date, datetime, timedelta

from sqlalchemy import select

from portal.core.clock import local_tz, to_local
from portal.core.db import db
from portal.demo.feedback import _people, _stamp, _Story
from portal.demo.feedback_data import FORWARD_DEFAULT, SUPPLEMENT_REPLIES, TOPICS
from portal.feedback import services, submission
from portal.feedback.models import Feedback
from portal.feedback.rules import OPEN
from portal.feedback.vocabulary import Action, FeedbackStatus, Satisfaction
from portal.notify.services import no_citizen_messages
from portal.workdays.services import calendar_for

YEAR = 2019
S = FeedbackStatus


def cutoff(year: int) -> datetime:
    """The leftovers are handled before this moment (1 March of the next year)."""
    return datetime(year + 1, 3, 1, tzinfo=local_tz())


def close_year(year: int = YEAR, seed: int = YEAR + 1) -> str:
    """Handle the feedback received in `year` and still open, in January–February of the next year: answered
    (published when the submitter allowed it, else privately), the late ones a few working days into January,
    the others by their due day; a feedback never accepted is forwarded to the competent body."""
    tz, utc = local_tz(), UTC
    start, end = datetime(year, 1, 1, tzinfo=tz), datetime(year + 1, 1, 1, tzinfo=tz)
    leftovers = list(db.session.scalars(
        select(Feedback).where(Feedback.received_at >= start.astimezone(utc),
                               Feedback.received_at < end.astimezone(utc), Feedback.status.in_(sorted(OPEN)))
        .order_by(Feedback.received_at, Feedback.id)))
    if not leftovers:
        return f"demo feedback of {year}: none left open"
    people = _people()
    with no_citizen_messages():
        cal = calendar_for([year, year + 1], language="vi")
        story = _Story(random.Random(seed), cal, cutoff(year))
        for fb in leftovers:
            _close(story, fb, people, end)
        db.session.commit()
    return f"{len(leftovers)} demo feedback of {year} left open handled in Jan–Feb {year + 1}"


def _topic(fb: Feedback) -> tuple[dict | None, dict]:
    """The demo topic a feedback was written from, and the values filled in ({place}, {street}, {days})."""
    for topic in TOPICS:
        pattern, seen = "", set()
        for literal, name, _spec, _conv in string.Formatter().parse(topic["content"]):
            pattern += re.escape(literal)
            if name:
                pattern += f"(?P={name})" if name in seen else f"(?P<{name}>.+?)"
                seen.add(name)
        found = re.fullmatch(pattern, fb.content or "", flags=re.S)
        if found:
            return topic, {"place": fb.place or "", "street": "", "days": "", **found.groupdict()}
    return None, {}


def _close(story: _Story, fb: Feedback, people: dict, new_year: datetime) -> None:
    rng, cal, utc = story.rng, story.cal, UTC
    desk = next(iter(people.get("desk_officer", {}).values()), None)
    manager = next(iter(people.get("manager", {}).values()), desk)
    handler = people.get("handler", {}).get(fb.unit_id) or fb.handler
    head = people.get("unit_head", {}).get(fb.unit_id) or manager
    last = max(to_local(e.at) for e in fb.events)
    first_day = cal.next_working_day(new_year.date() - timedelta(days=1))  # back at work after New Year's Day
    t = story.moment(first_day, after=last if last.date() >= first_day else None)

    def step(action, at: datetime, actor, **kw) -> datetime:
        services.transition(fb, action, now=at.astimezone(utc), expected_version=fb.version, actor=actor, **kw)
        _stamp(at)
        return at

    topic, values = _topic(fb)
    if fb.status == S.NEW:
        # Not accepted by the end of the year: forwarded to the body that decides on it (no unit of the town
        # takes it, so it stays where the year's statistics count it).
        note = (topic or {}).get("forward_to") or FORWARD_DEFAULT
        t = step(Action.TRANSFER, story.later(t, 0, 2), desk, note=note)
        if rng.random() < 0.6:
            step(Action.CLOSE, story.later(t, 1, 5), manager)
        return
    if fb.status == S.ACCEPTED:
        t = step(Action.ASSIGN, story.later(t, 0, 1), head, unit_id=fb.unit_id, handler_id=handler.id)
    if fb.status == S.SUPPLEMENT_REQUESTED:
        # The submitter answers the request; the answer deadline stays where it was (services.transition).
        t = step(Action.SUPPLEMENT, story.later(t, 1, 3), handler, note=rng.choice(SUPPLEMENT_REPLIES))
    due_day = to_local(fb.answer_due_at).date()
    if due_day < first_day:  # overdue on 31 December: answered in the first working days of January, late
        answer_day = cal.add_working_days(t.date(), rng.randint(1, 6))
    else:  # still in time: answered by its due day (mid-February at the latest)
        last_day = min(due_day, date(new_year.year, 2, 14))
        span = cal.working_days_between(t.date(), last_day) if last_day > t.date() else 0
        answer_day = cal.add_working_days(t.date(), rng.randint(min(1, span), max(span - 1, min(1, span))))
    answer_day = max(answer_day, t.date())
    if fb.status in (S.ASSIGNED, S.SUPPLEMENTED):
        text = (topic or {}).get("answer") or fb.answer or "Đơn vị đã kiểm tra, xử lý và trả lời nội dung phản ánh."
        draft_day = max(t.date(), answer_day - timedelta(days=rng.randint(1, 3)))
        t = step(Action.DRAFT_ANSWER, story.moment(draft_day, after=t), handler, answer=text)
    if fb.status == S.ANSWER_DRAFTED:
        t = step(Action.APPROVE_ANSWER, story.moment(max(t.date(), answer_day), after=t), head)
    if fb.status == S.ANSWER_APPROVED:
        t = story.later(t, 0, 0)
        if fb.publish_allowed:
            question = topic["public_question"].format(**values) if topic else fb.title
            t = step(Action.PUBLISH, t, head, public_question=question, public_answer=fb.answer)
            reply_at = story.later(t, 1, 10)
            if rng.random() < 0.45 and reply_at < story.end:
                value = Satisfaction.SATISFIED if rng.random() < 0.8 else Satisfaction.NOT_SATISFIED
                submission.mark_satisfaction(fb, value, now=reply_at.astimezone(utc))
                _stamp(reply_at)
                t = reply_at
        else:
            t = step(Action.ANSWER_PRIVATELY, t, head, note="Đã gửi văn bản trả lời đến địa chỉ của người gửi.")
    close_at = story.later(t, 5, 15)
    if rng.random() < 0.4 and close_at < story.end:
        step(Action.CLOSE, close_at, head)
