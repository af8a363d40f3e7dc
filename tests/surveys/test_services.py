"""Services against the database: one-use codes (also under a parallel double submit), forged codes,
locked questions, reproducible samples and the outbox send that keeps no pairing."""
from __future__ import annotations

import threading

import pytest
from flask_babel import force_locale
from sqlalchemy import func, inspect, select

from portal.core.audit import AuditEvent
from portal.core.db import db, write_intent
from portal.core.errors import DomainError
from portal.notify.models import OutboxMessage
from portal.surveys import distribution, responses, rules, services
from portal.surveys.models import Distribution, Question, Response, Token
from tests.surveys.helpers import NOW, TODAY, codes, make_returned_cases, small_campaign


@pytest.fixture(autouse=True)
def _english_messages(app_ctx):
    """Messages are compared in English (the msgids); the Vietnamese catalogue is checked by test_i18n."""
    with force_locale("en"):
        yield



def answers_for(campaign, **by_position):
    return {q.id: by_position.get(f"p{q.position}", []) for q in campaign.questions}


def test_code_is_stored_only_as_its_hash_and_used_once(app_ctx):
    campaign, manager, _ = small_campaign()
    code = codes(campaign, manager, 1)[0]
    stored = db.session.scalar(select(Token.token_hash))
    assert stored == rules.hash_token(code) and code not in stored
    responses.submit(code, answers_for(campaign, p1=["5"], p2=["Không"]), today=TODAY)
    db.session.commit()
    with pytest.raises(responses.TokenRefused) as err:
        responses.submit(code, answers_for(campaign, p1=["4"], p2=["Không"]), today=TODAY)
    assert err.value.reason == "used"
    assert db.session.scalar(select(func.count()).select_from(Response)) == 1


def test_forged_and_unknown_codes_get_the_same_message(app_ctx):
    campaign, manager, _ = small_campaign()
    codes(campaign, manager, 1)
    messages = set()
    for code in ("x" * 22, "not a code!", ""):
        with pytest.raises(responses.TokenRefused) as err:
            responses.find(code)
        assert err.value.reason == "invalid"
        messages.add(str(err.value.message))
    assert len(messages) == 1


def test_parallel_double_submit_stores_one_response(app_ctx):
    app = app_ctx
    campaign, manager, _ = small_campaign()
    code = codes(campaign, manager, 1)[0]
    raw = answers_for(campaign, p1=["5"], p2=["Không"])
    barrier, outcomes = threading.Barrier(2), []

    def worker():
        with app.app_context():
            barrier.wait()
            try:
                with write_intent():
                    responses.submit(code, raw, today=TODAY)
                    db.session.commit()
                outcomes.append("stored")
            except responses.TokenRefused as err:
                db.session.rollback()
                outcomes.append(err.reason)
            finally:
                db.session.remove()

    threads = [threading.Thread(target=worker) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    db.session.rollback()  # end the test's read snapshot
    assert sorted(outcomes) == ["stored", "used"]
    assert db.session.scalar(select(func.count()).select_from(Response)) == 1


def test_response_has_no_link_to_code_person_time_or_device(app_ctx):
    columns = {c.name for c in inspect(Response).columns}
    assert columns == {"id", "campaign_id", "submitted_on"}
    assert {c.name for c in inspect(Token).columns} == {"id", "campaign_id", "distribution_id", "token_hash", "used_on"}
    assert {c.name for c in inspect(Distribution).columns}.isdisjoint({"case_id", "case_ids", "recipient"})


def test_questions_lock_after_a_response_and_duplicate_unlocks(app_ctx):
    campaign, manager, _ = small_campaign()
    code = codes(campaign, manager, 1)[0]
    question = campaign.questions[0]
    services.update_question(question, {"text": "Câu hỏi sửa lại", "kind": "scale5", "required": True,
                                        "factor": "access", "aspect": "satisfaction"}, actor=manager)
    responses.submit(code, answers_for(campaign, p1=["5"], p2=["Có"], p3=["4"]), today=TODAY)
    db.session.commit()
    for attempt in (
        lambda: services.update_question(question, {"text": "Khác", "kind": "text"}, actor=manager),
        lambda: services.add_question(campaign, {"text": "Thêm", "kind": "text"}, actor=manager),
        lambda: services.move_question(question, 1, actor=manager),
        lambda: services.delete_question(campaign.questions[-1], actor=manager),
    ):
        with pytest.raises(DomainError) as err:
            attempt()
        assert "locked" in str(err.value.message)
    copy = services.duplicate_campaign(campaign, actor=manager, now=NOW)
    db.session.commit()
    assert [q.text for q in copy.questions] == [q.text for q in campaign.questions]
    gate, follow = copy.questions[1], copy.questions[2]
    assert follow.condition["question_id"] == gate.id  # remapped to the copy's own question
    services.add_question(copy, {"text": "Câu mới", "kind": "text"}, actor=manager)
    assert copy.status == "draft" and len(copy.questions) == 5


def test_condition_must_point_to_an_earlier_question(app_ctx):
    campaign, manager, _ = small_campaign()
    first = campaign.questions[0]
    with pytest.raises(DomainError) as err:
        services.update_question(first, {"text": "x", "kind": "text",
                                         "condition": {"question_id": campaign.questions[1].id, "op": "equals",
                                                       "value": "Có"}}, actor=manager)
    assert err.value.field == "condition_value"
    gate = campaign.questions[1]
    with pytest.raises(DomainError):
        services.delete_question(gate, actor=manager)  # question 3 depends on it
    with pytest.raises(DomainError):
        services.move_question(campaign.questions[2], -1, actor=manager)


def test_sample_is_reproducible_and_send_queues_without_pairing(app_ctx):
    campaign, manager, procedure = small_campaign()
    cases = make_returned_cases(procedure, 30)
    frame = distribution.sample_frame(campaign)
    reachable = [c.id for c in cases if c.applicant_email or c.applicant_phone]
    assert frame == sorted(reachable)
    assert rules.draw_sample(frame, 8, 42) == rules.draw_sample(frame, 8, 42) != rules.draw_sample(frame, 8, 43)
    sent = distribution.send_sample(campaign, 8, 42, actor=manager, now=NOW)
    db.session.commit()
    drawn = rules.draw_sample(frame, 8, 42)
    by_id = {c.id: c for c in cases}
    expected = sum(bool(by_id[i].applicant_email) + (by_id[i].applicant_phone != "") for i in drawn)
    messages = list(db.session.scalars(select(OutboxMessage).order_by(OutboxMessage.id)))
    assert sent.tokens == 8 and sent.queued == expected == len(messages)
    assert {m.recipient for m in messages} <= {by_id[i].applicant_email for i in drawn} | {"0905123456"}
    assert all("/khao-sat/" in m.body for m in messages)
    for m in messages:  # the key names the draw and a place in it, never a case
        assert m.dedupe_key.startswith(f"survey:{campaign.id}:{sent.id}:")
        assert all(by_id[i].code not in m.dedupe_key for i in drawn)
    codes_sent = {m.body.rsplit("/khao-sat/", 1)[1] for m in messages}
    assert {rules.hash_token(c) for c in codes_sent} <= set(db.session.scalars(select(Token.token_hash)))
    progress = distribution.progress(sent)
    assert (progress.queued, progress.sent, progress.waiting) == (expected, 0, expected)
    assert db.session.scalar(select(AuditEvent).where(AuditEvent.action == "survey.send_sample")) is not None


def test_closed_campaign_refuses_codes_and_answers(app_ctx):
    campaign, manager, _ = small_campaign()
    code = codes(campaign, manager, 1)[0]
    services.set_status(campaign, "closed", version=campaign.version, actor=manager, now=NOW)
    db.session.commit()
    with pytest.raises(responses.TokenRefused) as err:
        responses.find(code)
    assert err.value.reason == "closed"
    with pytest.raises(DomainError):
        distribution.issue_printed_batch(campaign, "Tháng 11", 5, actor=manager, now=NOW)


def test_template_campaign_has_gated_feedback_questions(app_ctx):
    from tests.surveys.helpers import make_campaign

    campaign, _, _ = make_campaign()
    gated = [q for q in campaign.questions if q.condition]
    assert {q.factor for q in gated} == {"feedback_handling"}
    source = db.session.get(Question, gated[0].condition["question_id"])
    assert source.options == ["Có", "Không"] and source.position < gated[0].position
    assert db.session.scalar(select(AuditEvent).where(AuditEvent.action == "survey.create")) is not None
