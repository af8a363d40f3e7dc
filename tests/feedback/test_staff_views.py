"""Staff screens through the client: intake from other channels, the worklist, the whole workflow by the
right people, refusals for the wrong ones, and stale versions."""
from __future__ import annotations

import re
from datetime import timedelta
from html import unescape

import pytest
from sqlalchemy import select

from portal.core.access import Role
from portal.core.db import db
from portal.feedback import rules, services, submission
from portal.feedback.models import Feedback
from portal.feedback.vocabulary import Action, FeedbackStatus
from tests.factories import login, make_unit, make_user
from tests.feedback.data import form_fields, local, valid_data

BASE = "/staff/feedback"


def _new():
    fb = submission.submit_feedback(valid_data(), now=local(2026, 11, 2, 9))
    db.session.commit()
    return fb


def post_step(client, fb, action, **fields):
    db.session.refresh(fb)
    data = {f"{action}-{k}": v for k, v in {"version": fb.version, **fields}.items()}
    return client.post(f"{BASE}/{fb.id}/{action}", data=data)


def test_anonymous_is_sent_to_login(client):
    assert client.get(f"{BASE}/").status_code == 302


def test_may_act_rule():
    kw = {"user_id": 7, "user_unit_id": 1, "unit_id": 1, "handler_id": 7}
    assert rules.may_act(Action.ACCEPT, roles={"desk_officer"}, **kw)
    assert not rules.may_act(Action.ACCEPT, roles={"handler"}, **kw)
    assert rules.may_act(Action.DRAFT_ANSWER, roles={"handler"}, **kw)
    assert not rules.may_act(Action.DRAFT_ANSWER, roles={"handler"}, **{**kw, "handler_id": 8})
    assert not rules.may_act(Action.APPROVE_ANSWER, roles={"handler"}, **kw)
    assert rules.may_act(Action.APPROVE_ANSWER, roles={"unit_head"}, **kw)
    assert not rules.may_act(Action.APPROVE_ANSWER, roles={"unit_head"}, **{**kw, "user_unit_id": 2})
    assert rules.may_act(Action.PUBLISH, roles={"admin"}, **{**kw, "user_unit_id": None})


def test_desk_registers_a_phone_feedback_with_its_channel(client):
    desk = make_user(Role.DESK_OFFICER)
    login(client, desk)
    fields = form_fields(channel="phone")
    response = client.post(f"{BASE}/new", data=fields)
    assert response.status_code == 303
    fb = db.session.scalars(select(Feedback)).one()
    assert fb.channel.value == "phone" and fb.events[0].actor_id == desk.id
    page = unescape(client.get(response.headers["Location"]).get_data(as_text=True))
    shown = re.search(r"kiến nghị: ([A-Z0-9]{8})", page).group(1)
    assert submission.public_lookup(fb.tracking_code, shown) == fb  # shown once to the officer, for the caller
    again = unescape(client.get(response.headers["Location"]).get_data(as_text=True))
    assert shown not in again  # a flash: not on the next visit
    del fields["consent"]
    fields["submit_token"] = "another"
    assert client.post(f"{BASE}/new", data=fields).status_code == 422
    db.session.rollback()
    assert len(db.session.scalars(select(Feedback)).all()) == 1


def test_handler_cannot_register_or_accept(client):
    fb = _new()
    unit = make_unit()
    login(client, make_user(Role.HANDLER, unit=unit))
    assert client.get(f"{BASE}/new").status_code == 403
    assert client.get(f"{BASE}/{fb.id}").status_code == 403  # not their unit's feedback


def test_whole_workflow_through_the_screens(client):
    fb = _new()
    unit = make_unit()
    desk, head = make_user(Role.DESK_OFFICER), make_user(Role.UNIT_HEAD, unit=unit)
    handler = make_user(Role.HANDLER, unit=unit, full_name="Trần Văn Hùng")
    login(client, desk)
    listing = unescape(client.get(f"{BASE}/").get_data(as_text=True))
    assert fb.tracking_code in listing
    assert post_step(client, fb, "accept", subject="behaviour", unit_id=unit.id).status_code == 303
    client.post("/auth/logout")
    login(client, head)
    assert post_step(client, fb, "assign", unit_id=unit.id, handler_id=handler.id).status_code == 303
    client.post("/auth/logout")
    login(client, handler)
    assert post_step(client, fb, "approve_answer").status_code == 403
    assert post_step(client, fb, "draft_answer", answer="").status_code == 422
    assert post_step(client, fb, "draft_answer", answer="Phường đã trả kết quả.").status_code == 303
    client.post("/auth/logout")
    login(client, head)
    assert post_step(client, fb, "approve_answer").status_code == 303
    page = unescape(client.get(f"{BASE}/{fb.id}").get_data(as_text=True))
    assert re.search(r'name="publish-public_answer"', page)
    assert post_step(client, fb, "publish", public_question="Chậm trả kết quả.",
                     public_answer="Đã trả kết quả.").status_code == 303
    db.session.refresh(fb)
    assert fb.status == FeedbackStatus.PUBLISHED and fb.handler_id == handler.id
    assert fb.subject.value == "behaviour" and fb.public_answer == "Đã trả kết quả."


def test_stale_version_is_refused_with_409(client):
    fb = _new()
    desk = make_user(Role.DESK_OFFICER)
    login(client, desk)
    old = fb.version
    services.transition(fb, Action.ACCEPT, now=local(2026, 11, 3, 9), expected_version=fb.version)
    db.session.commit()
    response = client.post(f"{BASE}/{fb.id}/transfer", data={"transfer-version": old, "transfer-note": "Sở Xây dựng"})
    assert response.status_code == 409
    db.session.refresh(fb)
    assert fb.status == FeedbackStatus.ACCEPTED


def test_worklist_answers_200_and_filters_by_status(client):
    unit = make_unit()
    desk = make_user(Role.DESK_OFFICER, unit=unit)
    now = local(2026, 11, 2, 9, 0)
    open_one = submission.submit_feedback(valid_data(title="Đèn đường hỏng ở tổ 5"), now=now)
    rejected = submission.submit_feedback(valid_data(title="Khiếu nại về bồi thường đất"), now=now)
    services.transition(rejected, Action.REJECT, now=now, expected_version=rejected.version,
                        rejection_code="complaint", note="")
    db.session.commit()
    login(client, desk)
    page = client.get("/staff/feedback/")
    assert page.status_code == 200
    text = page.get_data(as_text=True)
    assert open_one.tracking_code in text and rejected.tracking_code not in text
    page = client.get("/staff/feedback/?status=rejected")
    assert page.status_code == 200
    text = page.get_data(as_text=True)
    assert rejected.tracking_code in text and open_one.tracking_code not in text
    assert re.search(r'<option value="rejected"\s+selected', text)


def test_the_main_step_is_open_and_the_others_folded(client):
    from portal.feedback.views.staff import STEP_ORDER

    assert sorted(STEP_ORDER) == sorted(Action)  # every step has its place on the page
    fb = _new()
    login(client, make_user(Role.DESK_OFFICER, unit=make_unit()))
    text = client.get(f"{BASE}/{fb.id}").get_data(as_text=True)
    steps = re.findall(r'<details class="panel step"( open)?>.*?action="[^"]*/(\w+)"', text, re.S)
    assert steps[0] == (" open", "accept")
    assert {action for opened, action in steps[1:] if not opened} >= {"reject", "transfer"}
    trail = text.split('class="trail"')[1]
    assert "submit" not in trail.split("</ol>")[0]  # the trail speaks the reader's language, not codes


def test_worklist_comes_in_pages_and_finds_a_tracking_code(client):
    made = [submission.submit_feedback(valid_data(title=f"Đèn đường tổ {n} không sáng"),
                                       now=local(2026, 11, 2, 8) + timedelta(minutes=n)) for n in range(27)]
    db.session.commit()
    by_due = [fb.tracking_code for fb in sorted(made, key=lambda fb: (fb.answer_due_at, fb.id))]
    login(client, make_user(Role.DESK_OFFICER))
    first = unescape(client.get("/staff/feedback/").get_data(as_text=True))
    assert re.findall(r"PA-2611-\d{6}", first) == by_due[:25] and "27" in first
    second = unescape(client.get(re.search(r'<a rel="next" href="([^"]+)"', first).group(1)).get_data(as_text=True))
    assert re.findall(r"PA-2611-\d{6}", second) == by_due[25:]
    wanted = made[13].tracking_code
    found = client.get("/staff/feedback/", query_string={"q": wanted.lower(), "status": "all"})
    assert re.findall(r"PA-2611-\d{6}", unescape(found.get_data(as_text=True))) == [wanted]
    partial = client.get("/staff/feedback/", query_string={"q": "%"}, headers={"HX-Request": "true"})
    assert partial.status_code == 200 and "PA-2611-" not in partial.get_data(as_text=True)  # a wildcard is text


@pytest.mark.parametrize("language, message", [
    ("vi", "Chọn chuyên viên xử lý thuộc đơn vị đang xử lý phản ánh, kiến nghị này."),
    ("en", "Choose a handler of the unit that handles this feedback.")])
def test_assigning_a_handler_of_another_unit_is_refused_beside_the_handler_field(client, language, message):
    """Issue 14: he could not open the item (403); the form offers only the unit's handlers."""
    fb = _new()
    unit, other = make_unit(), make_unit()
    head = make_user(Role.UNIT_HEAD, unit=unit)
    own = make_user(Role.HANDLER, unit=unit, full_name="Trần Văn Hùng")
    stranger = make_user(Role.HANDLER, unit=other, full_name="Lò Văn Páo")
    services.transition(fb, Action.ACCEPT, now=local(2026, 11, 2, 10), expected_version=fb.version, unit_id=unit.id)
    db.session.commit()
    login(client, head)
    if language == "en":
        client.get("/language/en")
    page = unescape(client.get(f"{BASE}/{fb.id}").get_data(as_text=True))
    assert own.full_name in page and stranger.full_name not in page
    response = post_step(client, fb, "assign", unit_id=unit.id, handler_id=stranger.id)
    html = unescape(response.get_data(as_text=True))
    assert response.status_code == 422
    assert 'id="assign-handler_id-error"' in html
    assert message in html.split('id="assign-handler_id-error"')[1][:300]
    db.session.expire_all()
    assert fb.status == FeedbackStatus.ACCEPTED and fb.handler_id is None
