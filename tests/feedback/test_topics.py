"""Everyday feedback topics (issue 16 point 2): the administrators' list (add, edit, deactivate; audited; a
stale save is a 409), the citizen's pick giving the category — one of the content categories of NĐ 20/2008/NĐ-CP
Điều 5 (../shared/docs/law/nd20-2008-pakn.md) — and the topic's unit proposed on the accept step."""
from __future__ import annotations

import re
from html import unescape

from sqlalchemy import select

from portal.core.access import Role
from portal.core.audit import AuditEvent
from portal.core.db import db
from portal.feedback.models import Feedback
from portal.feedback.topics_models import FeedbackTopic
from portal.feedback.vocabulary import Category
from tests.factories import login, make_unit, make_user
from tests.feedback.data import form_fields

TOPICS = "/staff/feedback/topics"
SUBMIT = "/phan-anh-kien-nghi/gui"


def page(response) -> str:
    return unescape(response.get_data(as_text=True))


def _topic(unit=None, **changes) -> FeedbackTopic:
    values = {"name_vi": "Đèn đường hỏng", "name_en": "Broken street light", "category": Category.OTHER,
              "unit_id": unit.id if unit else None, "sort_order": 10, **changes}
    topic = FeedbackTopic(**values)
    db.session.add(topic)
    db.session.commit()
    return topic


def _fields(unit, **changes) -> dict:
    return {"name_vi": "Rác thải", "name_en": "Rubbish", "category": "other", "unit_id": str(unit.id),
            "sort_order": "20", "is_active": "y", **changes}


def test_only_administrators_reach_the_list(client):
    login(client, make_user(Role.MANAGER))
    assert client.get(TOPICS).status_code == 403


def test_admin_adds_a_topic_audited(client):
    unit = make_unit(name="Văn phòng HĐND và UBND thị xã")
    login(client, make_user(Role.ADMIN))
    response = client.post(TOPICS, data=_fields(unit))
    assert response.status_code == 303
    topic = db.session.scalars(select(FeedbackTopic)).one()
    assert (topic.name_vi, topic.category, topic.unit_id, topic.is_active) == ("Rác thải", Category.OTHER, unit.id, True)
    event = db.session.scalars(select(AuditEvent).where(AuditEvent.action == "feedback_topic.create")).one()
    assert event.object_id == str(topic.id)
    html = page(client.get(TOPICS))
    assert "Rác thải" in html and "Văn phòng HĐND và UBND thị xã" in html


def test_a_duplicate_name_is_refused_beside_the_field(client):
    unit = make_unit()
    _topic(unit, name_vi="Rác thải")
    login(client, make_user(Role.ADMIN))
    response = client.post(TOPICS, data=_fields(unit))
    assert response.status_code == 422 and 'id="name_vi-error"' in page(response)
    assert len(db.session.scalars(select(FeedbackTopic)).all()) == 1


def test_admin_edits_and_deactivates_a_topic_audited(client):
    unit, other = make_unit(), make_unit()
    topic = _topic(unit)
    login(client, make_user(Role.ADMIN))
    assert client.get(f"{TOPICS}/{topic.id}").status_code == 200
    response = client.post(f"{TOPICS}/{topic.id}", data=_fields(other, name_vi="Đèn đường hỏng", version="1",
                                                                  is_active=""))
    assert response.status_code == 303
    db.session.expire_all()
    topic = db.session.get(FeedbackTopic, topic.id)
    assert topic.unit_id == other.id and topic.is_active is False and topic.version == 2
    event = db.session.scalars(select(AuditEvent).where(AuditEvent.action == "feedback_topic.update")).one()
    assert event.object_id == str(topic.id)
    assert ">Đèn đường hỏng</option>" not in page(client.get(SUBMIT))  # no longer offered


def test_a_stale_edit_is_a_409_and_saves_nothing(client):
    unit = make_unit()
    topic = _topic(unit)
    topic.sort_order = 5  # someone else's save: version 2
    db.session.commit()
    login(client, make_user(Role.ADMIN))
    response = client.post(f"{TOPICS}/{topic.id}", data=_fields(unit, name_vi="Đèn chiếu sáng hỏng", version="1"))
    assert response.status_code == 409
    db.session.expire_all()
    assert db.session.get(FeedbackTopic, topic.id).name_vi == "Đèn đường hỏng"
    assert 'name="version" type="hidden" value="2"' in page(response)


def test_a_picked_topic_gives_the_category_and_proposes_its_unit(client):
    unit = make_unit(name="Phòng Tài chính – Kế hoạch")
    topic = _topic(unit, name_vi="Đường hư hỏng", category=Category.OTHER)
    html = page(client.get(SUBMIT))
    assert re.search(rf'<option value="{topic.id}">Đường hư hỏng</option>', html)
    response = client.post(SUBMIT, data=form_fields(category="", topic_id=str(topic.id)))
    assert response.status_code == 303
    fb = db.session.scalars(select(Feedback)).one()
    assert fb.topic_id == topic.id and fb.category == Category.OTHER and fb.unit_id is None
    login(client, make_user(Role.DESK_OFFICER))
    show = page(client.get(f"/staff/feedback/{fb.id}"))
    assert "Đường hư hỏng" in show
    accept = re.search(r'<select[^>]*name="accept-unit_id"[^>]*>(.*?)</select>', show, re.S).group(1)
    assert re.search(rf'<option selected value="{unit.id}">|<option value="{unit.id}" selected>', accept)


def test_without_a_topic_a_category_is_still_required(client):
    response = client.post(SUBMIT, data=form_fields(category=""))
    assert response.status_code == 422 and 'id="category-error"' in page(response)


def test_an_inactive_or_unknown_topic_is_refused_beside_the_field(client):
    topic = _topic(None, is_active=False)
    for value in (str(topic.id), "99999"):
        response = client.post(SUBMIT, data=form_fields(topic_id=value))
        assert response.status_code == 422 and 'id="topic_id-error"' in page(response)
    assert db.session.scalar(select(Feedback.id)) is None
