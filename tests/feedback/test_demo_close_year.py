"""The demo year's PAKN left open (portal/demo/feedback_close.py): handled in Jan–Feb 2020 through the real
services without changing the 2019 figures (stats.FIGURES_766: answered in 2019, open and overdue at its
end; the open-data API serves them), so that the current year's QĐ 766 on-time rate is not weighed down by
2019 feedback years overdue. No test here depends on today's date: `now` is a fixed Wednesday afternoon and
the clock is moved there for the API call."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import select

from portal.core.db import db
from portal.core.stats import year_period
from portal.demo.feedback import load_feedback
from portal.demo.feedback_close import close_year
from portal.demo.seed import DEMO_YEAR_END, load_demo
from portal.feedback import deadline_services, rules, stats
from portal.feedback.models import Feedback
from portal.feedback.vocabulary import FeedbackStatus, Timing
from tests.feedback.data import VN

NOW = datetime(2026, 11, 25, 16, 0, tzinfo=VN)
END_2019 = datetime(2019, 12, 31, 17, 0, tzinfo=VN)
S = FeedbackStatus


def snapshot() -> dict:
    """The 2019 figures read at the end of 2019, per unit row and in total: received, and the indicators'
    counts (the API and the plan serve these). The cohort figures "as it stands now" (stats.FIGURES: handled,
    open …) of the feedback received in 2019 do change, rightly: its leftovers are answered now."""
    report = stats.feedback_statistics(year_period(2019), now=NOW)
    rows = [("total", report.total), *((row.key, row) for row in report.rows)]
    return {key: {name: getattr(row, name) for name in ("received", *stats.FIGURES_766)} | {
        "on_time_rate_766": row.on_time_rate_766.as_dict(), "satisfaction_766": row.satisfaction_766.as_dict()}
        for key, row in rows}


def api_2019(client, time_machine) -> dict:
    time_machine.move_to(NOW, tick=False)
    response = client.get("/api/v1/statistics/feedback?year=2019")
    assert response.status_code == 200
    body = response.get_json()
    return {"total": body["total"], "units": body["units"], "as_of": body["period"]["as_of"]}


def local(moment: datetime) -> datetime:
    return moment.astimezone(VN)


def test_leftovers_of_2019_are_handled_in_january_february_2020_and_2019_is_unchanged(client, time_machine):
    load_demo(now=NOW)  # units and accounts; under TESTING no feedback, nothing to close
    assert close_year() == "demo feedback of 2019: none left open"
    assert load_feedback(count=360, now=DEMO_YEAR_END).startswith("360 demo feedback")
    leftovers = {f.id: (f.status, f.unit_id, f.answer_due_at) for f in db.session.scalars(
        select(Feedback).where(Feedback.status.in_(sorted(rules.OPEN))))}
    statuses = {status for status, _unit, _due in leftovers.values()}
    assert {S.NEW, S.ASSIGNED, S.ANSWER_DRAFTED} <= statuses  # not vacuous: each kind of leftover is there
    before, api_before = snapshot(), api_2019(client, time_machine)
    assert before["total"]["open_overdue_766"] >= 5 and before[None]["received"] >= 1
    # Before closing, the 2019 leftovers are open and overdue in the current year too (the bug).
    assert stats.indicator_counts(year_period(2026), now=NOW).open_overdue_766 == len(leftovers)

    line = close_year()
    assert line == f"{len(leftovers)} demo feedback of 2019 left open handled in Jan–Feb 2020"
    db.session.expire_all()
    assert snapshot() == before  # received, answered in 2019, open overdue on 31/12: as they were
    assert api_2019(client, time_machine) == api_before
    assert close_year() == "demo feedback of 2019: none left open"  # loaded once

    items = list(db.session.scalars(select(Feedback).where(Feedback.id.in_(leftovers))))
    for fb in items:
        status, unit_id, due = leftovers[fb.id]
        assert (fb.unit_id, fb.answer_due_at) == (unit_id, due), fb.tracking_code  # no stored deadline moved
        later = [local(e.at) for e in fb.events if e.at > END_2019]
        assert later and all(datetime(2020, 1, 2, tzinfo=VN) <= at < datetime(2020, 3, 1, tzinfo=VN) for at in later)
        assert [e.at for e in fb.events] == sorted(e.at for e in fb.events)
        if status == S.NEW:  # never accepted: forwarded to the competent body in time (NĐ 20/2008 Điều 9 k1 d)
            assert fb.status in (S.TRANSFERRED, S.CLOSED) and fb.forwarded_at is not None
            assert deadline_services.forward_timing(fb, NOW) == Timing.ON_TIME
        else:  # answered, published when the submitter allowed it
            assert fb.answered_at is not None and fb.status in (*rules.ANSWERED, S.CLOSED), fb.tracking_code
            assert (fb.published_at is not None) == bool(fb.publish_allowed)
            if local(due).date() >= datetime(2020, 1, 2).date():  # in time on 31/12: answered by the due day
                assert deadline_services.timing_of(fb, NOW) == Timing.ON_TIME, fb.tracking_code
        if status == S.SUPPLEMENT_REQUESTED:
            assert [e.action for e in fb.events].count("supplement") == 1
    assert db.session.scalar(select(Feedback.id).where(Feedback.status.in_(sorted(rules.OPEN))).limit(1)) is None
    assert stats.indicator_counts(year_period(2026), now=NOW).open_overdue_766 == 0


def test_seed_closes_the_year_and_the_current_year_looks_like_a_working_centre(app_ctx, monkeypatch):
    monkeypatch.setitem(app_ctx.config, "DEMO_FEEDBACK_COUNT", 360)
    monkeypatch.setitem(app_ctx.config, "DEMO_RECENT_FEEDBACK_COUNT", 200)
    monkeypatch.setitem(app_ctx.config, "DEMO_REORGANISE", True)  # the 2025 ward that receives the recent ones
    lines = load_demo(now=NOW)
    assert any(line.startswith("28 demo feedback of 2019 left open handled in Jan–Feb 2020") for line in lines), lines
    assert any(line.startswith("200 demo feedback of the 365 days before 25/11/2026") for line in lines), lines

    items = list(db.session.scalars(select(Feedback)))
    assert len(items) == 560
    for fb in items:  # nothing dated after now
        assert fb.received_at <= NOW and all(e.at <= NOW for e in fb.events), fb.tracking_code
        assert fb.satisfaction_at is None or fb.satisfaction_at <= NOW
    # The current year's indicator counts (plan overview, feedback statistics) against an independent count.
    start, today = datetime(2026, 1, 1, tzinfo=VN), NOW.date()
    counted = [f for f in items if f.status != S.MERGED]
    handled = [f for f in counted if f.answered_at is not None and start <= f.answered_at < NOW]
    on_time = [f for f in handled if local(f.answered_at).date() <= local(f.answer_due_at).date()]
    overdue = [f for f in counted if f.status in rules.OPEN and local(f.answer_due_at).date() < today]
    counts = stats.indicator_counts(year_period(2026), now=NOW)
    assert (counts.handled_766, counts.on_time_766, counts.open_overdue_766) == (len(handled), len(on_time),
                                                                                 len(overdue))
    # A working centre: most answered on time, a few open in time, at most a few overdue, none from 2019.
    assert all(f.received_at >= start for f in overdue) and len(overdue) <= 3
    open_in_time = [f for f in counted if f.status in rules.OPEN and local(f.answer_due_at).date() >= today]
    assert len(open_in_time) >= 5 and len(on_time) >= 0.75 * len(handled) >= 10
    assert counts.on_time_rate_766.value >= 0.7
