"""TT 01/2018 agency score of a unit (scores.py) against hand arithmetic: the per-file indicators 1, 2, 3, 4, 7
of its rated files each averaged and rounded (Điều 15 k2), plus its own 5, 6, 8, 9 from the facts recorded by
hand (facts.py, audited), the feedback domain's on-time count and the procedure list; an indicator whose facts
are missing is not scored and not counted (Điều 15 k4 b)."""
from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

import pytest
from sqlalchemy import select

from portal.core import stats as kernel
from portal.core.audit import AuditEvent
from portal.core.db import db
from portal.core.errors import DomainError
from portal.feedback.models import Feedback
from portal.satisfaction import facts, scores, services
from portal.satisfaction.rules import Channel
from tests.factories import known_access_hash
from tests.satisfaction.helpers import local, make_world, returned_case

YEAR = 2027
NOW = local(YEAR + 1, 1, 15, 9, 0)


def _feedback(unit, n: int, *, late: bool):
    received = local(YEAR, 4, 1, 9, 0) + timedelta(days=n)
    due = received + timedelta(days=20)
    db.session.add(Feedback(tracking_code=f"PA-2704-{n:06d}", access_code_hash=known_access_hash(), kind="kien_nghi",
                            category="unsuitable", title="Thủ tục rườm rà", content="Đề nghị đơn giản hóa.",
                            submitter_kind="individual", submitter_name="Trần Thị Hoa", submitter_address="Nghĩa Tân",
                            submitter_phone="0912345678", consent_given_at=received, consent_version="2025-01",
                            received_at=received, answer_due_at=due, unit_id=unit.id,
                            answered_at=due + timedelta(days=3) if late else due - timedelta(days=2),
                            status="answered_privately", public_search=""))


@pytest.fixture()
def rated(app_ctx):
    """A (town-level) unit with six rated files of March 2027 and ten phản ánh, one answered late."""
    world = make_world()
    answers = [  # (finished, contacts, agencies, attitude)
        ((2027, 3, 2, 9, 0), "0", "0", "good"),  # early
        ((2027, 3, 3, 9, 0), "0", "1", "good"),  # early
        ((2027, 3, 8, 9, 0), "1", "0", "good"),  # on its due day
        ((2027, 3, 8, 16, 0), "0", "0", "indifferent"),  # on its due day
        ((2027, 3, 9, 9, 0), "2", "2", "good"),  # late
        ((2027, 3, 3, 10, 0), "0", "0", "harassing"),  # early, but a phản ánh about conduct on the slip
    ]
    ratings = []
    for finished, contacts, agencies, attitude in answers:
        case = returned_case(world, finished=finished)
        ratings.append(services.record_rating(case, {"level": "satisfied", "contacts": contacts, "agencies": agencies,
                                                     "attitude": attitude}, channel=Channel.ONLINE,
                                              now=local(2027, 3, 10, 9, 0)))
    for n in range(10):
        _feedback(world["unit"], n, late=n == 0)
    db.session.commit()
    return world, ratings


def by_hand(ratings, i: int) -> Decimal:
    total = sum(getattr(r, f"i{i}") for r in ratings)
    return (Decimal(total) / Decimal(len(ratings))).quantize(Decimal("0.1"), rounding="ROUND_HALF_UP")


def test_the_stored_per_file_points_are_the_circulars(rated):
    _world, ratings = rated
    assert [(r.i1, r.i2, r.i3, r.i4, r.i7) for r in ratings] == [
        (2, 2, 2, 2, 2), (2, 2, 2, 1, 2), (1, 1, 1, 2, 1), (1, 1, 2, 2, 1), (0, 0, 0, 0, 0), (2, 2, 2, 2, 0)]


def test_without_facts_only_what_the_portal_knows_is_scored(rated):
    world, ratings = rated
    score = scores.agency_score(world["unit"].id, kernel.year_period(YEAR), now=NOW)
    # 1: 8/6 = 1.33 → 1.3; 2: 1.3; 3: 9/6 = 1.5; 4: 9/6 = 1.5; 7: 6/6 = 1.0 — each rounded, then added.
    assert [score.indicators[i].points for i in (1, 2, 3, 4, 7)] == [Decimal("1.3"), Decimal("1.3"), Decimal("1.5"),
                                                                   Decimal("1.5"), Decimal("1.0")]
    assert [by_hand(ratings, i) for i in (1, 2, 3, 4, 7)] == [score.indicators[i].points for i in (1, 2, 3, 4, 7)]
    # 8: 9 of 10 on time = 90% but protracted phản ánh not recorded: 1 or 2 cannot be told → not scored.
    assert score.indicators[8].detail["on_time"] == 9 and score.indicators[8].detail["in_scope"] == 10
    assert [score.indicators[i].points for i in (5, 6, 8, 9)] == [None, None, None, None]
    assert score.score == Decimal("6.6") and score.scored == 5 and score.max_points == 10
    assert set(score.missing) == {"desk_decided_pct", "desk_all_received", "posted", "protracted_feedback", "online_files_pct",
                                  "online_late"}
    assert score.hand_facts == [] and score.fact is None


def test_agency_score_with_facts_recorded_by_hand(rated):
    world, ratings = rated
    unit, admin = world["unit"], world["head"]
    facts.record(unit, YEAR, 0, {"desk_decided_pct": "40", "desk_all_received": "yes", "posted": "yes",
                                 "protracted_feedback": "no", "online_files_pct": "32,5", "online_late": "no",
                                 "note": "Báo cáo quý IV"}, now=NOW, actor=admin)
    db.session.commit()
    score = scores.agency_score(unit.id, kernel.year_period(YEAR), now=NOW)
    # 5: 40% < 50% (town-level unit) but every procedure received and returned at the desk → 1 (Điều 13 k5 b);
    # 6: posted + every file's procedure published on the portal with all components → 2;
    # 8: 9/10 = 90% on time, none protracted → 1 (k8 b); 9: 1 of 1 procedure online at level 3 (≥ 20%),
    # 32.5% of files online (≥ 30%), none late → 2 (k9 a).
    assert [score.indicators[i].points for i in (5, 6, 8, 9)] == [1, 2, 1, 2]
    file_part = sum(by_hand(ratings, i) for i in (1, 2, 3, 4, 7))
    assert file_part == Decimal("6.6")
    assert score.score == file_part + 1 + 2 + 1 + 2 == Decimal("12.6")
    assert (score.scored, score.max_points, score.grade.value, score.complete) == (9, 18, "good", True)
    assert score.hand_facts == ["desk_decided_pct", "desk_all_received", "posted", "protracted_feedback",
                                "online_files_pct", "online_late"] and score.fact_label == str(YEAR)
    event = db.session.scalar(select(AuditEvent).where(AuditEvent.action == "tt01_fact.record"))
    assert event.after["online_files_pct"] == "32.5" and event.actor_id == admin.id


def test_a_quarter_uses_its_own_record_before_the_years(rated):
    world, _ = rated
    unit = world["unit"]
    facts.record(unit, YEAR, 0, {"posted": "yes"}, now=NOW, actor=world["head"])
    facts.record(unit, YEAR, 1, {"posted": "no"}, now=NOW, actor=world["head"])
    db.session.commit()
    q1 = scores.agency_score(unit.id, kernel.quarter_period(YEAR, 1), now=NOW)
    year = scores.agency_score(unit.id, kernel.year_period(YEAR), now=NOW)
    assert (q1.indicators[6].points, q1.fact_label) == (1, f"1/{YEAR}")  # electronic only
    assert (year.indicators[6].points, year.fact_label) == (2, str(YEAR))
    assert scores.fact_keys(kernel.month_period(YEAR, 5)) == [(YEAR, 2), (YEAR, 0)]
    assert scores.fact_keys(kernel.month_range_period(YEAR * 100 + 11, (YEAR + 1) * 100 + 1)) == []


def test_facts_are_checked_and_versioned(rated):
    world, _ = rated
    unit = world["unit"]
    with pytest.raises(DomainError) as err:
        facts.record(unit, YEAR, 0, {"online_files_pct": "130"}, now=NOW, actor=world["head"])
    assert err.value.field == "online_files_pct"
    with pytest.raises(DomainError):
        facts.record(unit, YEAR, 0, {"desk_decided_pct": "12.34"}, now=NOW, actor=world["head"])
    first = facts.record(unit, YEAR, 0, {"posted": "no"}, now=NOW, actor=world["head"])
    assert (first.posted, first.version, first.online_files_pct) == (False, 1, None)
    with pytest.raises(DomainError):
        facts.record(unit, YEAR, 0, {"posted": "yes"}, now=NOW, actor=world["head"], expected_version=0)
    again = facts.record(unit, YEAR, 0, {"posted": ""}, now=NOW, actor=world["head"], expected_version=1)
    assert again is first and (again.posted, again.version) == (None, 2)
