"""The demo's recent series: feedback of the six weeks before now beside the demo year, so the
worklists hold today's work. Its own submit tokens: loaded once, whatever the year's series holds."""
from __future__ import annotations

from collections import Counter
from datetime import datetime, timedelta

from sqlalchemy import select

from portal.core.db import db
from portal.demo.feedback import load_feedback
from portal.demo.seed import load_demo
from portal.feedback import deadline_services
from portal.feedback.models import Feedback
from portal.feedback.vocabulary import Timing
from tests.feedback.data import VN

NOW = datetime(2026, 11, 25, 16, 0, tzinfo=VN)  # a Wednesday afternoon


def test_recent_series_is_six_weeks_of_work_in_progress_loaded_once(app_ctx):
    load_demo()  # units and accounts; under TESTING neither series is loaded
    assert db.session.scalar(select(Feedback.id).limit(1)) is None
    year = load_feedback(count=60, now=NOW - timedelta(days=400))
    recent = load_feedback(count=40, seed=661, now=NOW, days=42, series="demo-feedback-recent")
    assert recent.startswith("40 demo feedback of the 42 days before 25/11/2026")
    assert load_feedback(count=40, seed=661, now=NOW, days=42, series="demo-feedback-recent") == \
        "demo feedback: none added"
    assert year.startswith("60 ")
    items = list(db.session.scalars(select(Feedback).where(Feedback.received_at >= NOW - timedelta(days=43))))
    assert len(items) == 40 and max(f.received_at for f in items) <= NOW  # nothing from the future
    timings = Counter(deadline_services.timing_of(f, NOW) for f in items)
    assert timings[Timing.IN_TIME] + timings[Timing.DUE_SOON] >= 10  # open, not yet due: today's work
    assert len({f.submit_token for f in items}) == 40
