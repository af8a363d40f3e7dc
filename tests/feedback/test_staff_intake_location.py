"""Issue 16: the staff intake of feedback received on paper or by phone offers the public form's topic choice
(picking one sets the category) and the place with its map coordinates; what the officer enters is stored and
shown on the staff detail page."""
from __future__ import annotations

import re
from html import unescape

from sqlalchemy import select

from portal.core.access import Role
from portal.core.db import db
from portal.feedback.models import Feedback
from portal.feedback.vocabulary import Category
from tests.factories import login, make_unit, make_user
from tests.feedback.data import form_fields
from tests.feedback.test_topics import _topic

NEW = "/staff/feedback/new"


def _page(response) -> str:
    return unescape(response.get_data(as_text=True))


def test_the_intake_form_offers_the_topics_and_the_place_without_the_officers_own_position(client):
    _topic(name_vi="Đèn đường hỏng")
    _topic(name_vi="Chủ đề đã ngừng", is_active=False)
    login(client, make_user(Role.DESK_OFFICER))
    html = _page(client.get(NEW))
    select_html = re.search(r'<select[^>]*name="topic_id".*?</select>', html, re.S).group(0)
    assert "Đèn đường hỏng" in select_html and "Chủ đề đã ngừng" not in select_html
    assert html.count('id="place"') == 1 and 'name="latitude"' in html and 'name="longitude"' in html
    assert "data-location-map" in html and "js/location.js" in html
    assert "data-locate" not in html  # the officer's position is not where the matter is


def test_the_topic_and_the_place_are_stored_and_shown_to_staff(client):
    unit = make_unit()
    topic = _topic(unit=unit, name_vi="Đèn đường hỏng", category=Category.OTHER)
    login(client, make_user(Role.DESK_OFFICER))
    fields = form_fields(channel="letter", category="", topic_id=str(topic.id),
                         place="Trước số 12 Lê Duẩn, phường Nghĩa Tân", latitude="11,996512", longitude="107.690034")
    response = client.post(NEW, data=fields)
    assert response.status_code == 303, _page(response)[:2000]
    fb = db.session.scalars(select(Feedback)).one()
    assert fb.topic_id == topic.id and fb.category == Category.OTHER  # the topic decided the category
    assert fb.place == "Trước số 12 Lê Duẩn, phường Nghĩa Tân"
    assert (round(fb.latitude, 6), round(fb.longitude, 6)) == (11.996512, 107.690034)
    html = _page(client.get(response.headers["Location"]))
    assert re.search(r"<dt>Chủ đề</dt><dd>Đèn đường hỏng", html)
    assert "Trước số 12 Lê Duẩn, phường Nghĩa Tân" in html and "11.996512, 107.690034" in html


def test_without_a_topic_the_category_is_still_required(client):
    login(client, make_user(Role.DESK_OFFICER))
    response = client.post(NEW, data=form_fields(channel="phone", category="", topic_id="0"))
    assert response.status_code == 422
    assert db.session.scalars(select(Feedback)).first() is None
