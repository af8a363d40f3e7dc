"""The demo feedback (portal/demo/feedback.py): loaded through the real services with the demo accounts;
its statuses cover the workflow, its trails agree with the statuses, and published texts carry no
personal data of the submitters."""
from __future__ import annotations

from collections import Counter
from datetime import datetime, timedelta

import pytest
from sqlalchemy import select

from portal.core import stats as kernel
from portal.core.audit import AuditEvent
from portal.core.db import db
from portal.demo.feedback import load_feedback
from portal.feedback import deadline_services, rules, stats
from portal.feedback.models import Feedback
from portal.feedback.vocabulary import Action, Channel, FeedbackStatus as S, Satisfaction, Timing
from tests.feedback.data import VN

NOW = datetime(2026, 11, 20, 10, 0, tzinfo=VN)
COUNT = 300


@pytest.fixture(scope="module")
def demo(app):
    """Loaded once for the module (the load takes seconds); emptied afterwards."""
    from tests.conftest import _empty_tables

    with app.app_context():
        from portal.demo.seed import load_demo

        load_demo()  # units and accounts; no demo feedback under TESTING
        assert db.session.scalar(select(Feedback.id).limit(1)) is None
        assert load_feedback(count=COUNT, now=NOW) == f"{COUNT} demo feedback of the 365 days before 20/11/2026 loaded"
        assert load_feedback(count=COUNT, now=NOW) == "demo feedback: none added"  # idempotent
        yield list(db.session.scalars(select(Feedback).order_by(Feedback.id)))
        db.session.rollback()
        _empty_tables(app)
        db.session.remove()


def test_counts_span_twelve_months_and_every_channel_and_category(demo):
    assert len(demo) == COUNT
    received = [f.received_at for f in demo]
    assert NOW - timedelta(days=366) <= min(received) and max(received) <= NOW
    assert len({f.received_at.astimezone(VN).month for f in demo}) == 12
    assert {f.channel for f in demo} == set(Channel)
    assert len({f.category for f in demo}) >= 7 and len({f.unit_id for f in demo if f.unit_id}) >= 3


def test_statuses_cover_the_workflow_with_late_and_overdue(demo):
    statuses = Counter(f.status for f in demo)
    assert {S.NEW, S.ASSIGNED, S.REJECTED, S.TRANSFERRED, S.PUBLISHED, S.ANSWERED_PRIVATELY, S.CLOSED} <= set(statuses)
    assert statuses[S.PUBLISHED] + statuses[S.CLOSED] > COUNT / 2
    timings = Counter(deadline_services.timing_of(f, NOW) for f in demo)
    assert timings[Timing.LATE] >= 10 and timings[Timing.OVERDUE] >= 5 and timings[Timing.ON_TIME] > COUNT / 2
    satisfied = Counter(f.satisfaction for f in demo if f.satisfaction)
    assert satisfied[Satisfaction.SATISFIED] > satisfied[Satisfaction.NOT_SATISFIED] > 0
    rate = stats.indicator_counts(kernel.range_period(NOW.date() - timedelta(days=366), NOW.date()), now=NOW).on_time_rate
    assert 0.75 < rate.value < 0.97  # mostly on time, not all: the dashboards have something to show


def test_published_answers_contain_no_personal_data(demo):
    published = [f for f in demo if f.published_at]
    assert len(published) > COUNT / 3 and all(f.publish_allowed for f in published)
    people = {f.submitter_name for f in demo} | {f.submitter_phone for f in demo if f.submitter_phone} | {
        f.submitter_email for f in demo if f.submitter_email}
    for f in published:
        text = f"{f.public_question} {f.public_answer}"
        assert f.public_question and f.public_answer
        assert not [p for p in people if p in text]
        assert f.submitter_address not in text


def test_trails_agree_with_statuses_and_audit(demo):
    for f in demo:
        events = f.events
        assert events[0].action == "submit" and events[0].to_status == "new"
        status = S.NEW
        for before, event in zip(events, events[1:], strict=False):
            assert event.at >= before.at
            if event.action == "satisfaction":
                assert f.published_at and event.at >= f.published_at
                continue
            assert event.from_status == status.value
            status = rules.next_status(status, Action(event.action))
            assert status is not None and event.to_status == status.value
            assert event.actor_id is not None  # a demo account took every staff step
        assert status == f.status
        if f.answered_at:
            assert f.answered_at == next(e.at for e in events if e.action in ("publish", "answer_privately"))
    steps = db.session.scalar(select(db.func.count()).select_from(AuditEvent)
                              .where(AuditEvent.action.like("feedback.%")))
    assert steps == sum(len(f.events) for f in demo)
