"""record_rating: who may rate and when, one rating per case even under a parallel double submit, answers
checked against the configured scale, and the per-file TT 01/2018 points (Điều 14 k1) computed from the case."""
from __future__ import annotations

import threading
import unicodedata

import pytest
from flask_babel import force_locale
from sqlalchemy import func, select

from portal.core.audit import AuditEvent
from portal.core.db import db, write_intent
from portal.core.errors import DomainError
from portal.feedback.models import Feedback
from portal.satisfaction import services
from portal.satisfaction.models import Rating
from portal.satisfaction.rules import COMMENT_MAX, Channel
from tests.factories import known_access_hash
from tests.satisfaction.helpers import local, make_world, returned_case

GOOD = {"level": "very_satisfied", "contacts": "0", "agencies": "0", "attitude": "good", "comment": ""}
NOW = local(2027, 3, 4, 10, 0)

@pytest.fixture(autouse=True)
def _english_messages(app_ctx):
    """Messages are compared in English (the msgids); the Vietnamese catalogue is checked by test_i18n."""
    with force_locale("en"):
        yield



@pytest.fixture()
def world(app_ctx):
    return make_world()


def ratings() -> int:
    return db.session.scalar(select(func.count(Rating.id)))


def test_a_case_not_returned_cannot_be_rated(world):
    case = returned_case(world, returned=False)
    with pytest.raises(DomainError) as err:
        services.record_rating(case, GOOD, channel=Channel.ONLINE, now=NOW)
    assert "not been returned" in str(err.value)
    assert ratings() == 0


def test_a_case_is_rated_once(world):
    case = returned_case(world)
    services.record_rating(case, GOOD, channel=Channel.ONLINE, now=NOW)
    db.session.commit()
    with pytest.raises(DomainError) as err:
        services.record_rating(case, {**GOOD, "level": "not_satisfied"}, channel=Channel.PAPER, now=NOW,
                               entered_by=world["desk"])
    assert "already been rated" in str(err.value)
    db.session.rollback()
    assert ratings() == 1 and db.session.scalar(select(Rating.level)).value == "very_satisfied"


def test_a_double_insert_that_passed_the_check_is_caught_by_the_unique_constraint(world, monkeypatch):
    case = returned_case(world)
    services.record_rating(case, GOOD, channel=Channel.ONLINE, now=NOW)
    db.session.commit()
    audits = db.session.scalar(select(func.count(AuditEvent.id)))
    monkeypatch.setattr(services, "is_rated", lambda case_id: False)  # as if the other insert were not visible yet
    with pytest.raises(DomainError) as err:
        services.record_rating(case, GOOD, channel=Channel.PAPER, now=NOW, entered_by=world["head"])
    assert "already been rated" in str(err.value)
    db.session.commit()  # the session is still usable: nothing else was stored
    assert ratings() == 1
    assert db.session.scalar(select(func.count(AuditEvent.id))) == audits


def test_two_parallel_submissions_store_exactly_one_rating(world, app_ctx):
    code = returned_case(world).code
    db.session.remove()
    barrier, outcomes = threading.Barrier(2), []

    def submit(level):  # as two POST requests: on SQLite the write lock is taken when the transaction begins
        barrier.wait(timeout=10)
        with app_ctx.app_context(), write_intent():
            try:
                case = services.find_case(code)
                services.record_rating(case, {**GOOD, "level": level}, channel=Channel.ONLINE, now=NOW)
                db.session.commit()
                outcomes.append("stored")
            except DomainError:
                db.session.rollback()
                outcomes.append("refused")
            finally:
                db.session.remove()

    threads = [threading.Thread(target=submit, args=(lv,)) for lv in ("satisfied", "not_satisfied")]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=30)
    assert sorted(outcomes) == ["refused", "stored"]
    assert ratings() == 1


@pytest.mark.parametrize("channel", [Channel.PAPER, Channel.TABLET])
def test_the_handler_can_never_enter_or_open_the_rating(world, channel):
    case = returned_case(world)
    with pytest.raises(DomainError) as err:
        services.record_rating(case, GOOD, channel=channel, now=NOW, actor=world["handler"],
                               entered_by=world["handler"])
    assert "handled the case" in str(err.value)
    with pytest.raises(DomainError):
        services.check_may_open(case, world["handler"])
    assert ratings() == 0


def test_the_handler_signed_in_cannot_rate_online(world):
    case = returned_case(world)
    with pytest.raises(DomainError):
        services.record_rating(case, GOOD, channel=Channel.ONLINE, now=NOW, actor=world["handler"])
    assert ratings() == 0


@pytest.mark.parametrize("changes, field", [
    ({"level": "neutral"}, "level"),  # a 5-level answer on the 3-level scale
    ({"level": ""}, "level"), ({"contacts": "3"}, "contacts"), ({"contacts": "một"}, "contacts"),
    ({"agencies": "3"}, "agencies"), ({"agencies": "-1"}, "agencies"), ({"attitude": "rude"}, "attitude"),
    ({"comment": "ý" * (COMMENT_MAX + 1)}, "comment"),
])
def test_answers_out_of_range_are_refused_at_their_field(world, changes, field):
    case = returned_case(world)
    with pytest.raises(DomainError) as err:
        services.record_rating(case, {**GOOD, **changes}, channel=Channel.ONLINE, now=NOW)
    assert err.value.field == field
    assert ratings() == 0


def test_the_five_level_scale_accepts_neutral_as_not_satisfied(world, app_ctx):
    app_ctx.config["SATISFACTION_SCALE"] = 5
    try:
        rating = services.record_rating(returned_case(world), {**GOOD, "level": "neutral"}, channel=Channel.ONLINE,
                                        now=NOW)
    finally:
        app_ctx.config["SATISFACTION_SCALE"] = 3
    assert (rating.scale, rating.satisfied) == (5, False)


def test_comment_is_counted_and_stored_in_nfc(world):
    nfc_text = ("Cán bộ rất nhiệt tình, hướng dẫn tận tình. " * 60)[:COMMENT_MAX]
    nfd_text = unicodedata.normalize("NFD", nfc_text)
    assert len(nfd_text) > COMMENT_MAX  # longer only because accents are separate code points
    rating = services.record_rating(returned_case(world), {**GOOD, "comment": nfd_text}, channel=Channel.ONLINE, now=NOW)
    assert rating.comment == nfc_text.strip()
    assert unicodedata.is_normalized("NFC", rating.comment)


def test_points_of_a_late_case_with_a_late_leg(world):
    # 5 working days from Mon 1 Mar 2027 → due Mon 8 Mar; finished Tue 9 Mar: late. The leg sent on
    # Tue 2 Mar for 1 working day is due Wed 3 Mar and answered Thu 4 Mar: late too.
    case = returned_case(world, finished=(2027, 3, 9, 10, 0), legs=[((2027, 3, 2, 9, 0), 1, (2027, 3, 4, 9, 0))],
                         supplements=0)
    rating = services.record_rating(case, {**GOOD, "contacts": "1", "agencies": "2", "attitude": "indifferent"},
                                    channel=Channel.PAPER, now=local(2027, 3, 10, 9, 0), entered_by=world["head"])
    assert case.timing.value == "late"
    # 1 late 0; 2 late 0; 3 once 1; 4 more than one agency 0 (Điều 13 k4 c); 5, 8, 9 per agency (NULL);
    # 6 published with every component 1; 7 late without a phản ánh 0 (neither k7 a nor b).
    assert [getattr(rating, f"i{n}") for n in range(1, 10)] == [0, 0, 1, 0, None, 1, 0, None, None]
    assert (rating.officer_score, rating.agency_score) == (1, None)
    assert (rating.unit_id, rating.procedure_id) == (case.handling_unit_id, case.procedure_id)
    assert (rating.officer_id, rating.handler_id, rating.entered_by_id) == (world["desk"].id, world["handler"].id,
                                                                          world["head"].id)
    assert rating.rated_on.isoformat() == "2027-03-10"
    event = db.session.scalar(select(AuditEvent).where(AuditEvent.action == "rating.paper"))
    assert event.actor_id == world["head"].id and event.after["case"] == case.code


def test_an_early_leg_on_a_case_finished_on_its_due_day(world):
    # Điều 13 k2 counts every unit that took part "kể cả đơn vị phối hợp": the consulted unit was early (2) but
    # the handling unit finished on its due day (1) — the file scores 1 (it scored 2 before this law change).
    case = returned_case(world, finished=(2027, 3, 8, 9, 0), legs=[((2027, 3, 2, 9, 0), 2, (2027, 3, 3, 9, 0))])
    rating = services.record_rating(case, GOOD, channel=Channel.ONLINE, now=NOW)
    assert (rating.i1, rating.i2, rating.i7) == (1, 1, 1)


def _feedback(case, *, category="obstruction", subject=None, status="published", n=1):
    db.session.add(Feedback(tracking_code=f"PA-2703-{n:06d}", access_code_hash=known_access_hash(), kind="kien_nghi",
                            category=category, subject=subject, title="Cán bộ gây phiền hà", content="Phải đi lại.",
                            case_code=case.code, submitter_kind="individual", submitter_name="Trần Thị Hoa",
                            submitter_address="Nghĩa Tân", submitter_phone="0912345678",
                            consent_given_at=local(2027, 3, 2, 9, 0), consent_version="2025-01",
                            received_at=local(2027, 3, 2, 9, 0), answer_due_at=local(2027, 3, 20, 17, 0),
                            status=status, public_search=""))
    db.session.flush()


@pytest.mark.parametrize("feedback, i7", [
    ({}, 0),  # "obstruction": nhũng nhiễu, gây phiền hà, không thực hiện hoặc thực hiện không đúng quy định
    ({"category": "other", "subject": "behaviour"}, 0),  # classified by staff as about behaviour
    ({"category": "unsuitable", "subject": "regulation"}, 2),  # about a regulation: not about conduct
    ({"status": "rejected"}, 2),  # not accepted: not counted
    (None, 2),
])
def test_indicator_7_a_phan_anh_about_conduct_naming_the_case_scores_0(world, feedback, i7):
    # TT 01/2018 Điều 13 k7 c: "Điểm 0 khi có ý kiến phản ánh, kiến nghị về hành vi, thái độ nhũng nhiễu, gây phiền hà..."
    case = returned_case(world)  # received Mon 1 Mar, due Mon 8 Mar, finished Wed 3 Mar: early
    if feedback is not None:
        _feedback(case, **feedback)
    rating = services.record_rating(case, GOOD, channel=Channel.ONLINE, now=NOW)
    assert case.timing.value == "early" and rating.i7 == i7 and rating.i1 == 2


def test_indicator_7_the_citizen_reporting_harassment_on_the_slip_scores_0(world):
    rating = services.record_rating(returned_case(world), {**GOOD, "attitude": "harassing"}, channel=Channel.ONLINE,
                                    now=NOW)
    assert rating.i7 == 0
    indifferent = services.record_rating(returned_case(world), {**GOOD, "attitude": "indifferent"},
                                         channel=Channel.ONLINE, now=NOW)
    assert indifferent.i7 == 2  # "not helpful" is not a phản ánh about harassment: the early file scores 2


def test_rescore_brings_stored_points_to_the_case_record(world):
    case = returned_case(world)
    rating = services.record_rating(case, GOOD, channel=Channel.ONLINE, now=NOW)
    db.session.commit()
    assert rating.i7 == 2
    _feedback(case)  # a phản ánh about conduct arrives after the rating
    assert services.rescore() == 1
    db.session.commit()
    assert (rating.i7, rating.officer_score) == (0, 8)
    from portal.satisfaction.rollup import RatingMonth
    assert db.session.scalar(select(RatingMonth.s7)) == 0
    assert services.rescore() == 0


def test_an_online_rating_with_every_indicator_full(world):
    case = returned_case(world, finished=(2027, 3, 2, 9, 0), legs=[((2027, 3, 1, 10, 0), 3, (2027, 3, 2, 8, 0))])
    case.procedure_version.online_level = "full"
    rating = services.record_rating(case, GOOD, channel=Channel.ONLINE, now=NOW)
    assert [getattr(rating, f"i{n}") for n in range(1, 10)] == [2, 2, 2, 2, None, 1, 2, None, None]
    assert (rating.officer_score, rating.agency_score, rating.satisfied) == (10, None, True)
    assert rating.entered_by_id is None and rating.channel == Channel.ONLINE
    event = db.session.scalar(select(AuditEvent).where(AuditEvent.action == "rating.online"))
    assert event.actor_id is None and event.ip_address is None and "comment" not in event.after


def test_a_procedure_published_without_a_component_is_not_published_electronically(app_ctx):
    # Điều 13 k6 asks for publication "chính xác, đầy đủ, kịp thời": an empty mandatory component fails it.
    world = make_world(steps="")  # published, but a mandatory component is empty
    rating = services.record_rating(returned_case(world), GOOD, channel=Channel.ONLINE, now=NOW)
    assert rating.i6 == 0


def test_the_tablet_takes_contacts_and_agencies_from_the_record(world):
    case = returned_case(world, supplements=1)
    rating = services.record_rating(case, {"level": "satisfied", "attitude": "good", "contacts": "0", "agencies": "0"},
                                    channel=Channel.TABLET, now=NOW, actor=world["desk"], entered_by=world["desk"])
    # sent back once: one contact with the desk (3 → 1), completed through the desk only (4 → 1, Điều 13 k4 b)
    assert (rating.contacts, rating.agencies, rating.i3, rating.i4) == (1, 1, 1, 1)
    clean = services.record_rating(returned_case(world), {"level": "satisfied", "attitude": "good"},
                                   channel=Channel.TABLET, now=NOW, actor=world["desk"], entered_by=world["desk"])
    assert (clean.contacts, clean.agencies, clean.i3, clean.i4) == (0, 0, 2, 2)  # never sent back: k4 a
    assert db.session.scalar(select(AuditEvent.actor_id).where(AuditEvent.action == "rating.tablet")) == world["desk"].id


def test_after_store_hook_is_called_once_with_the_rating(world, monkeypatch):
    seen = []
    monkeypatch.setattr(services, "_after_store", seen.append)
    rating = services.record_rating(returned_case(world), GOOD, channel=Channel.ONLINE, now=NOW)
    assert seen == [rating]
