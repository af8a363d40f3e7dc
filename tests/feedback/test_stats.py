"""Feedback statistics: every SQL figure equals a count made feedback by feedback in Python over a few
hundred generated rows (local-date edges, weekends before "due soon", every status); the staff page
shows them to managers, scopes unit heads to their unit, refuses handlers, and serves the htmx partial."""
from __future__ import annotations

import random
import re
from datetime import date, datetime, timedelta
from html import unescape
from io import BytesIO

import openpyxl
import pytest

from portal.core import stats as kernel
from portal.core.access import Role
from portal.core.db import db
from portal.feedback import deadline_services, stats
from portal.feedback.models import Feedback
from portal.feedback.vocabulary import Category, Channel, FeedbackKind, FeedbackStatus, Satisfaction, Subject, Timing
from tests.factories import known_access_hash, login, make_unit, make_user
from tests.feedback.data import VN, local

NOW = local(2027, 3, 12, 10, 0)  # a Friday: "due soon" runs over the weekend to Monday
Q1 = kernel.quarter_period(2027, 1)
FATES = ["published"] * 9 + ["private"] * 3 + ["rejected", "transferred", "merged"] + ["open"] * 5
OPEN_STATUSES = [FeedbackStatus.NEW, FeedbackStatus.ACCEPTED, FeedbackStatus.ASSIGNED,
                 FeedbackStatus.SUPPLEMENT_REQUESTED, FeedbackStatus.SUPPLEMENTED, FeedbackStatus.ANSWER_DRAFTED,
                 FeedbackStatus.ANSWER_APPROVED]


def _feedback(n: int, received: datetime, unit, fate: str, rng: random.Random) -> tuple[Feedback, dict]:
    due = received + timedelta(days=rng.randint(18, 24))
    fb = Feedback(tracking_code=f"PA-2701-{n:06d}", access_code_hash=known_access_hash(), kind=rng.choice(list(FeedbackKind)),
                  category=rng.choice(list(Category)), subject=rng.choice([None, *Subject]),
                  title="Chậm giải quyết hồ sơ đất đai", content="Đề nghị xem xét, trả lời.",
                  submitter_kind="individual", submitter_name="Nguyễn Văn Hùng",
                  submitter_address="Tổ 2, phường Nghĩa Phú", submitter_phone="0905123456",
                  consent_given_at=received, consent_version="2026-01", publish_allowed=True,
                  channel=rng.choice(list(Channel)), unit_id=unit.id if unit else None,
                  received_at=received, answer_due_at=due)
    truth = {"fate": fate, "unit": fb.unit_id, "channel": fb.channel, "category": fb.category, "kind": fb.kind,
             "subject": fb.subject, "received_on": received.astimezone(VN).date(), "timing": None, "reply": None,
             "received_at": received, "due_on": due.astimezone(VN).date(), "answered_at": None}
    if fate in ("published", "private"):
        due_day = due.astimezone(VN).date()
        # On the due day up to 23:50 local is on time; from 00:05 the next local day it is late (the
        # UTC date of both is the same, so a UTC comparison would get the second one wrong).
        answered_on, truth["timing"] = rng.choice([(due_day - timedelta(days=rng.randint(1, 12)), "on_time"),
                                                   (due_day, "on_time"), (due_day + timedelta(days=1), "late"),
                                                   (due_day + timedelta(days=rng.randint(2, 9)), "late")])
        hour, minute = rng.choice([(0, 5), (9, 30), (23, 50)])
        fb.answered_at = local(answered_on.year, answered_on.month, answered_on.day, hour, minute)
        truth["answered_at"] = fb.answered_at
        fb.answer = "Trả lời: đã chỉ đạo giải quyết."
        if fate == "published":
            fb.published_at = fb.answered_at
            fb.public_question, fb.public_answer = "Câu hỏi đã ẩn thông tin cá nhân.", fb.answer
            truth["reply"] = rng.choice([None, None, Satisfaction.SATISFIED, Satisfaction.SATISFIED,
                                         Satisfaction.NOT_SATISFIED])
            fb.satisfaction = truth["reply"]
        closed = rng.random() < 0.3
        fb.status = FeedbackStatus.CLOSED if closed else (
            FeedbackStatus.PUBLISHED if fate == "published" else FeedbackStatus.ANSWERED_PRIVATELY)
    elif fate in ("rejected", "transferred"):
        fb.closed_at = received + timedelta(days=1)
        fb.rejection_code = "complaint" if fate == "rejected" else None
        closed = rng.random() < 0.5
        fb.status = FeedbackStatus.CLOSED if closed else FeedbackStatus(fate)
    elif fate == "merged":  # the same matter as another feedback: counted there, not here
        fb.status = FeedbackStatus.MERGED
    else:  # open: due days around NOW, so that some are overdue and some due soon
        fb.status = rng.choice(OPEN_STATUSES)
        fb.answer_due_at = NOW + timedelta(days=rng.randint(-6, 6), hours=rng.choice([-9, 0, 7, 13]))
        truth["due_on"] = fb.answer_due_at.astimezone(VN).date()
    return fb, truth


@pytest.fixture()
def world(app_ctx):
    rng = random.Random(20270312)
    units = [make_unit(name="UBND phường Nghĩa Đức"), make_unit(name="Phòng Tư pháp"),
             make_unit(name="UBND xã Đắk Nia")]
    truths = []
    for n in range(1, 321):
        day = date(2026, 12, 20) + timedelta(days=rng.randrange(0, 82))
        received = local(day.year, day.month, day.day, rng.randint(0, 23), rng.randint(0, 59))
        if n <= 4:  # the edges of the year: 31 Dec 23:59 local is out of Q1, 1 Jan 00:00 local is in
            received = local(2026, 12, 31, 23, 59, 59) if n % 2 else local(2027, 1, 1, 0, 0)
        unit = rng.choice([*units, units[0], None])
        fb, truth = _feedback(n, received, unit, rng.choice(FATES), rng)
        db.session.add(fb)
        truths.append((fb, truth))
    db.session.commit()
    for fb, truth in truths:  # the reference for open feedback: the worklist's own timing
        truth["now_timing"] = deadline_services.timing_of(fb, NOW)
    return units, [t for _fb, t in truths]


ANY = object()


def expected(truths, start: date, end: date, unit_id=ANY) -> dict:
    rows = [t for t in truths if start <= t["received_on"] <= end and (unit_id is ANY or t["unit"] == unit_id)
            and t["fate"] != "merged"]
    handled = [t for t in rows if t["fate"] in ("published", "private")]
    opened = [t for t in rows if t["fate"] == "open"]
    published = [t for t in rows if t["fate"] == "published"]
    return {
        "received": len(rows), "handled": len(handled),
        "on_time": sum(t["timing"] == "on_time" for t in handled), "late": sum(t["timing"] == "late" for t in handled),
        "published": len(published), "answered_privately": len(handled) - len(published),
        "rejected": sum(t["fate"] == "rejected" for t in rows),
        "transferred": sum(t["fate"] == "transferred" for t in rows), "open": len(opened),
        "open_overdue": sum(t["now_timing"] == Timing.OVERDUE for t in opened),
        "open_due_soon": sum(t["now_timing"] == Timing.DUE_SOON for t in opened),
        "satisfied": sum(t["reply"] == Satisfaction.SATISFIED for t in published),
        "not_satisfied": sum(t["reply"] == Satisfaction.NOT_SATISFIED for t in published),
        "late_or_not_satisfied": sum(t["timing"] == "late" or t["reply"] == Satisfaction.NOT_SATISFIED
                                     for t in handled),
        "by_channel": {c: sum(t["channel"] == c for t in rows) for c in Channel},
        "by_category": {c: sum(t["category"] == c for t in rows) for c in Category},
        "by_kind": {k: sum(t["kind"] == k for t in rows) for k in FeedbackKind},
        "by_subject": {s: sum(t["subject"] == s for t in rows) for s in [*Subject, None]},
    }


def expected_766(truths, start: date, end: date, unit_id=ANY) -> dict:
    """The indicators' scope counted one by one: answered in the period, open and overdue at its end (or NOW)."""
    start_at, after = local(start.year, start.month, start.day), local(end.year, end.month, end.day) + timedelta(days=1)
    as_of = min(after, NOW)
    mine = [t for t in truths if t["fate"] in ("published", "private", "open")
            and (unit_id is ANY or t["unit"] == unit_id)]
    handled = [t for t in mine if t["answered_at"] and start_at <= t["answered_at"] < as_of]
    overdue = [t for t in mine if t["received_at"] < as_of and (t["answered_at"] is None or t["answered_at"] >= as_of)
               and t["due_on"] < as_of.astimezone(VN).date()]
    return {"handled_766": len(handled), "on_time_766": sum(t["timing"] == "on_time" for t in handled),
            "open_overdue_766": len(overdue),
            "late_or_not_satisfied_766": sum(t["timing"] == "late" or t["reply"] == Satisfaction.NOT_SATISFIED
                                             for t in handled)}


def figures_of(row: stats.Row) -> dict:
    return {name: getattr(row, name) for name in stats.FIGURES}


@pytest.mark.parametrize("start, end", [(date(2027, 1, 1), date(2027, 3, 31)), (date(2026, 12, 31), date(2027, 2, 1))])
def test_every_figure_equals_a_count_made_one_by_one(world, start, end):
    units, truths = world
    period = kernel.range_period(start, end)
    report = stats.feedback_statistics(period, now=NOW)
    want = expected(truths, start, end)
    assert figures_of(report.total) == {k: want[k] for k in stats.FIGURES}
    assert (report.by_channel, report.by_category, report.by_kind, report.by_subject) == (
        want["by_channel"], want["by_category"], want["by_kind"], want["by_subject"])
    # the data exercise every figure
    assert all(want[k] > 0 for k in stats.FIGURES)
    for row in report.rows:
        assert figures_of(row) == {k: v for k, v in expected(truths, start, end, row.key).items()
                                   if k in stats.FIGURES}
    assert [r.name for r in report.rows] == ["Phòng Tư pháp", "UBND phường Nghĩa Đức", "UBND xã Đắk Nia", ""]
    assert sum(r.received for r in report.rows) == report.total.received


def test_year_edge_and_one_unit(world):
    units, truths = world
    report = stats.feedback_statistics(Q1, now=NOW, unit_id=units[2].id)
    want = expected(truths, Q1.start, Q1.end, units[2].id)
    assert [r.key for r in report.rows] == [units[2].id]
    assert figures_of(report.total) == {k: want[k] for k in stats.FIGURES}
    jan_first = expected(truths, date(2027, 1, 1), date(2027, 1, 1))["received"]
    dec_last = expected(truths, date(2026, 12, 31), date(2026, 12, 31))["received"]
    assert stats.feedback_statistics(kernel.range_period(date(2027, 1, 1), date(2027, 1, 1)),
                                     now=NOW).total.received == jan_first >= 2
    assert stats.feedback_statistics(kernel.range_period(date(2026, 12, 31), date(2026, 12, 31)),
                                     now=NOW).total.received == dec_last >= 2


@pytest.mark.parametrize("start, end", [(date(2027, 1, 1), date(2027, 3, 31)), (date(2026, 12, 31), date(2027, 2, 1))])
def test_indicators_for_the_reform_plan_and_qd_766(world, start, end):
    """feedback.indicators over the QĐ 766 scope (answered in the period + open overdue at its end)."""
    units, truths = world
    period = kernel.range_period(start, end)
    want = expected_766(truths, start, end)
    assert min(want.values()) > 0  # not vacuous
    report = stats.feedback_statistics(period, now=NOW)
    assert {name: getattr(report.total, name) for name in stats.FIGURES_766} == want
    counts = stats.indicator_counts(period, now=NOW)  # the plan's one query
    assert {name: getattr(counts, name) for name in stats.FIGURES_766} == want
    rate = report.total.on_time_rate  # the plan's wording: on time ÷ handled
    assert (rate.numerator, rate.denominator) == (want["on_time_766"], want["handled_766"])
    low, high = rate.interval
    assert low < rate.value < high
    in_scope = want["handled_766"] + want["open_overdue_766"]
    assert report.total.on_time_rate_766 == kernel.Rate(want["on_time_766"], in_scope)
    assert report.total.satisfaction_766 == kernel.Rate(want["handled_766"] - want["late_or_not_satisfied_766"],
                                                        in_scope)
    one = expected_766(truths, start, end, units[1].id)
    assert stats.indicator_counts(period, now=NOW, unit_id=units[1].id).handled_766 == one["handled_766"]
    by_unit = {row.key: row for row in report.rows}
    assert by_unit[units[1].id].on_time_rate_766.denominator == one["handled_766"] + one["open_overdue_766"]


def test_satisfaction_with_the_answer(world):
    units, truths = world
    want = expected(truths, Q1.start, Q1.end)
    replied = want["satisfied"] + want["not_satisfied"]
    sat = stats.feedback_statistics(Q1, now=NOW).total.satisfaction_rate
    assert (sat.numerator, sat.denominator, sat.value) == (want["satisfied"], replied, want["satisfied"] / replied)


# ---------------------------------------------------------------- the staff page

URL = "/staff/feedback/statistics"


def _figure(page: str, name: str) -> str:
    match = re.search(rf'data-figure="{name}"><span class="target-figure">([^<]+)</span>', page)
    return match.group(1)


def test_manager_sees_the_figures_and_formulas(world, client):
    units, truths = world
    login(client, make_user(Role.MANAGER))
    response = client.get(URL, query_string={"from": "2027-01-01", "to": "2027-03-31"})
    page = unescape(response.get_data(as_text=True))
    assert response.status_code == 200 and "<html" in page
    want = expected(truths, Q1.start, Q1.end)
    assert _figure(page, "received") == str(want["received"])
    assert _figure(page, "handled") == str(want["handled"])
    assert all(f'data-unit="{u.id}"' in page for u in units)
    assert "Tỷ lệ đúng hạn" in page or "On-time rate" in page
    assert "÷" in page  # the formulas are under the rates


def test_unit_head_sees_only_their_unit(world, client):
    units, truths = world
    login(client, make_user(Role.UNIT_HEAD, unit=units[1]))
    page = client.get(URL, query_string={"year": "2027", "quarter": "1", "unit": str(units[0].id)}).get_data(
        as_text=True)
    assert f'data-unit="{units[1].id}"' in page and f'data-unit="{units[0].id}"' not in page
    assert _figure(page, "received") == str(expected(truths, Q1.start, Q1.end, units[1].id)["received"])
    unit_select = re.search(r'<select id="unit".*?</select>', page, re.S).group(0)
    assert f'value="{units[1].id}"' in unit_select and f'value="{units[0].id}"' not in unit_select
    book = openpyxl.load_workbook(BytesIO(client.get(URL + ".xlsx", query_string={"year": "2027"}).data))
    names = [row[1] for row in book.active.iter_rows(min_row=4, values_only=True) if row[1]]
    assert names[:1] == ["Phòng Tư pháp"] and "UBND phường Nghĩa Đức" not in names


def test_handler_and_desk_officer_are_refused(world, client):
    for role in (Role.HANDLER, Role.DESK_OFFICER):
        login(client, make_user(role))
        assert client.get(URL).status_code == 403
        assert client.get(URL + ".xlsx").status_code == 403


def test_htmx_gets_the_partial_only(world, client):
    login(client, make_user(Role.MANAGER))
    response = client.get(URL, query_string={"year": "2027"}, headers={"HX-Request": "true"})
    body = response.get_data(as_text=True)
    assert response.status_code == 200 and "HX-Request" in response.headers["Vary"]
    assert "<html" not in body and "<form" not in body and 'id="by-unit"' in body and 'id="by-channel"' in body


def test_manager_xlsx_matches_the_report(world, client, fixed_clock):
    login(client, make_user(Role.MANAGER))
    response = client.get(URL + ".xlsx", query_string={"from": "2027-01-01", "to": "2027-03-31"})
    sheet = openpyxl.load_workbook(BytesIO(response.data)).active
    rows = list(sheet.iter_rows(min_row=4, values_only=True))
    total = rows[rows.index((None,) * len(rows[0])) - 1]  # the last row before the blank line
    report = stats.feedback_statistics(Q1, now=fixed_clock)  # the page reads the (moved) clock too
    assert total[2:5] == (report.total.received, report.total.handled, report.total.on_time)


def test_an_empty_year_offers_the_latest_year_with_feedback(world, client):
    units, _truths = world
    login(client, make_user(Role.MANAGER))
    client.set_cookie("lang", "en")
    page = unescape(client.get(URL, query_string={"year": "2024"}).get_data(as_text=True))
    assert "No feedback was received in this period." in page
    link = re.search(r'<a href="([^"]+)">The latest feedback was received in (\d{4}): show \d{4}</a>', page)
    assert link and link.group(2) == "2027" and "year=2027" in link.group(1)  # the last receipt is in March 2027
    assert client.get(link.group(1)).status_code == 200
    quiet_unit = make_unit(name="UBND xã Quảng Thành")  # nothing ever received: nothing to offer
    page = client.get(URL, query_string={"year": "2024", "unit": str(quiet_unit.id)}).get_data(as_text=True)
    assert "No feedback was received in this period." in page and "The latest feedback" not in page
    assert "The latest feedback" not in client.get(URL, query_string={"year": "2027"}).get_data(as_text=True)
