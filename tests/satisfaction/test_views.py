"""Rating pages through the client: the online form (same answer for a wrong access code as for an unknown
case, errors beside their fields with the input kept, a rate limit), the tablet for desk officers only,
paper entry with its audit row, the public figures, and the links from the lookup and the case page."""
from __future__ import annotations

import re
from html import unescape

import pytest
import time_machine
from sqlalchemy import func, select

from portal import create_app
from portal.config import TestConfig
from portal.core.access import Role
from portal.core.audit import AuditEvent
from portal.core.db import db
from portal.satisfaction import services
from portal.satisfaction.models import Rating
from portal.satisfaction.rules import Channel
from portal.satisfaction.views.online import TYPE_ACCESS
from tests.factories import login, make_user
from tests.satisfaction.helpers import local, make_world, returned_case

ANSWERS = {"level": "satisfied", "contacts": "0", "agencies": "1", "attitude": "good", "comment": "Nhanh gọn."}


@pytest.fixture()
def world(app_ctx):
    return make_world()


def text(response) -> str:
    return unescape(response.get_data(as_text=True))


def ratings() -> int:
    return db.session.scalar(select(func.count(Rating.id)))


# ---------------------------------------------------------------- online / QR

def test_a_wrong_access_code_gets_the_same_answer_as_an_unknown_case(client, world):
    case = returned_case(world)
    unknown_code = case.code[:-4] + "9999"
    wrong = client.post("/danh-gia", data={"code": case.code, "access": "ZZZZ2345", **ANSWERS})
    unknown = client.post("/danh-gia", data={"code": unknown_code, "access": "ZZZZ2345", **ANSWERS})
    assert wrong.status_code == unknown.status_code == 422
    blank = re.compile(r'name="csrf_token" value="[^"]*"')  # signed with the second it was made in
    assert blank.sub("", text(wrong).replace(case.code, "X")) == blank.sub("", text(unknown).replace(unknown_code, "X"))
    assert "No case matches" in text(wrong) or "Không tìm thấy" in text(wrong)
    assert case.procedure.name not in text(wrong)
    assert ratings() == 0


def test_the_lookup_opens_the_rating_by_post_and_a_rating_is_stored_once(client, world):
    case = returned_case(world)
    page = client.post("/danh-gia", data={"code": case.code, "access": case.issued_access_code, "intent": "open"})
    assert page.status_code == 200 and ratings() == 0  # the questions, nothing recorded yet
    body = text(page)
    assert f'value="{case.code}"' in body and f'value="{case.issued_access_code}"' in body and case.procedure.name in body
    assert 'id="level-error"' not in body  # no "required" errors on a form not yet sent
    assert "Trần Thị Hoa" not in body and world["handler"].full_name not in body
    sent = client.post("/danh-gia", data={"code": case.code, "access": case.issued_access_code, **ANSWERS})
    assert sent.status_code == 303 and sent.headers["Location"].endswith("/danh-gia/cam-on")
    rating = db.session.scalar(select(Rating))
    assert (rating.channel, rating.level.value, rating.comment) == (Channel.ONLINE, "satisfied", "Nhanh gọn.")
    again = client.post("/danh-gia", data={"code": case.code, "access": case.issued_access_code, **ANSWERS})
    assert again.status_code == 422 and str(services.ALREADY_RATED) in text(again) or "đã được đánh giá" in text(again)
    assert ratings() == 1


def test_errors_are_shown_beside_their_fields_and_the_answers_kept(client, world):
    case = returned_case(world)
    response = client.post("/danh-gia", data={"code": case.code, "access": case.issued_access_code, "level": "satisfied",
                                              "contacts": "1", "agencies": "7", "comment": "Cần thêm ghế chờ."})
    assert response.status_code == 422
    body = text(response)
    assert 'id="agencies-error"' in body and 'aria-describedby="agencies-error"' in body
    assert 'name="level" value="satisfied" checked' in body and 'name="contacts" value="1" checked' in body
    assert "Cần thêm ghế chờ." in body
    assert ratings() == 0


def test_a_case_not_returned_says_so(client, world):
    case = returned_case(world, returned=False)
    response = client.post("/danh-gia", data={"code": case.code, "access": case.issued_access_code, "intent": "open"})
    assert response.status_code == 422
    assert str(services.NOT_RETURNED) in text(response) or "chưa được trả" in text(response)
    assert 'name="level"' not in text(response)


def test_the_handler_signed_in_cannot_rate_online(client, world):
    case = returned_case(world)
    login(client, world["handler"])
    response = client.post("/danh-gia", data={"code": case.code, "access": case.issued_access_code, **ANSWERS})
    assert response.status_code == 403 and ratings() == 0  # any staff browser (test_rating_integrity.py)


@pytest.fixture()
def limited_app(app_ctx):
    fresh = create_app(TestConfig, SQLALCHEMY_DATABASE_URI=app_ctx.config["SQLALCHEMY_DATABASE_URI"],
                       RATELIMIT_ENABLED=True, SATISFACTION_RATE_LIMIT="3 per minute")
    yield fresh
    with fresh.app_context():
        db.session.remove()
        db.engine.dispose()


def test_too_many_attempts_are_refused(limited_app, client, world):
    case = returned_case(world)
    browser = limited_app.test_client()
    assert browser.get("/danh-gia").status_code == 200  # the empty form is not an attempt
    codes = [browser.post("/danh-gia", data={"code": case.code, "access": "ZZZZ2345", **ANSWERS}).status_code
             for _ in range(4)]
    assert codes == [422, 422, 422, 429]
    right = browser.post("/danh-gia", data={"code": case.code, "access": case.issued_access_code, **ANSWERS})
    assert right.status_code == 429 and ratings() == 0


def test_the_lookup_offers_the_rating_only_while_it_is_possible(client, world):
    case = returned_case(world)
    query = {"code": case.code, "access": case.issued_access_code}
    html = client.post("/ho-so/tra-cuu", data=query).get_data(as_text=True)
    button = re.search(r'<form method="post" action="/danh-gia">.*?</form>', html, re.S).group(0)
    assert 'name="intent" value="open"' in button and f'name="access" value="{case.issued_access_code}"' in button
    assert "access=" not in html  # a POST form: the code is never put in a link
    services.record_rating(case, ANSWERS, channel=Channel.ONLINE, now=local(2027, 3, 4, 9, 0))
    db.session.commit()
    assert "/danh-gia" not in client.post("/ho-so/tra-cuu", data=query).get_data(as_text=True)


def test_an_old_rating_link_with_the_access_code_is_not_read(client, world):
    case = returned_case(world)
    old = client.get("/danh-gia", query_string={"code": case.code, "access": case.issued_access_code})
    assert old.status_code == 303 and "access" not in old.location and case.code in old.location
    body = text(client.get(old.location))
    assert case.issued_access_code not in body and case.procedure.name not in body
    assert str(TYPE_ACCESS) in body or "không còn được đọc từ đường liên kết" in body


# ---------------------------------------------------------------- tablet and paper

def test_tablet_pages_are_for_desk_officers(client, world, app_ctx):
    case = returned_case(world)
    assert client.get("/staff/rating/tablet").status_code == 302  # anonymous: to the sign-in page
    for user in (make_user(Role.HANDLER, unit=world["unit"]), world["head"]):
        client = app_ctx.test_client()
        login(client, user)
        assert client.get("/staff/rating/tablet").status_code == 403
        assert client.get(f"/staff/rating/tablet/{case.id}").status_code == 403


def test_a_tablet_rating_from_the_waiting_screen(client, world):
    case = returned_case(world)  # returned 2027-03-03 10:00
    with time_machine.travel(local(2027, 3, 3, 10, 30), tick=False):  # the screen lists the last 3 days' returns
        _rate_from_the_waiting_screen(client, world, case)


def _rate_from_the_waiting_screen(client, world, case):
    login(client, world["desk"])
    waiting = text(client.get("/staff/rating/tablet"))
    assert case.code in waiting and case.procedure.name in waiting and "Trần Thị Hoa" not in waiting
    page = client.get(f"/staff/rating/tablet/{case.id}")
    assert page.status_code == 200 and 'name="contacts"' not in text(page)
    sent = client.post(f"/staff/rating/tablet/{case.id}", data={"level": "very_satisfied", "attitude": "good"})
    assert sent.status_code == 303 and sent.headers["Location"].endswith("/staff/rating/tablet/cam-on")
    rating = db.session.scalar(select(Rating))
    assert (rating.channel, rating.entered_by_id) == (Channel.TABLET, world["desk"].id)
    assert case.code not in text(client.get("/staff/rating/tablet"))  # rated: no longer waiting
    assert client.get(f"/staff/rating/tablet/{case.id}").status_code == 422


def test_the_handler_cannot_open_the_tablet_for_their_case(client, world):
    case = returned_case(world)
    login(client, world["handler"])  # also a desk officer
    response = client.get(f"/staff/rating/tablet/{case.id}")
    assert response.status_code == 422 and 'name="level"' not in text(response)
    assert client.post(f"/staff/rating/tablet/{case.id}", data={"level": "very_satisfied",
                                                               "attitude": "good"}).status_code == 422
    assert ratings() == 0


def test_paper_entry_is_audited_and_refuses_the_handler(client, world, app_ctx):
    case = returned_case(world)
    login(client, world["handler"])
    refused = client.post("/staff/rating/paper", data={"code": case.code, **ANSWERS})
    assert refused.status_code == 422 and 'id="code-error"' in text(refused) and ratings() == 0
    client = app_ctx.test_client()  # another browser
    login(client, world["head"])
    saved = client.post("/staff/rating/paper", data={"code": case.code.lower(), **ANSWERS, "attitude": "harassing"})
    assert saved.status_code == 303
    rating = db.session.scalar(select(Rating))
    assert (rating.channel, rating.entered_by_id, rating.i7) == (Channel.PAPER, world["head"].id, 0)
    event = db.session.scalar(select(AuditEvent).where(AuditEvent.action == "rating.paper"))
    assert event.actor_id == world["head"].id and event.object_id == str(rating.id)


def test_paper_entry_keeps_the_slip_when_an_answer_is_missing(client, world):
    case = returned_case(world)
    login(client, world["head"])  # not the desk officer who received it (test_rating_integrity.py)
    response = client.post("/staff/rating/paper", data={"code": case.code, "level": "satisfied", "contacts": "2",
                                                        "agencies": "1", "comment": "Phiếu ghi thiếu ô thái độ"})
    assert response.status_code == 422
    body = text(response)
    assert 'id="attitude-error"' in body and "Phiếu ghi thiếu ô thái độ" in body and 'value="2" checked' in body


def test_the_case_page_links_to_the_tablet_for_the_desk(client, world):
    case = returned_case(world)
    login(client, world["desk"])
    assert f"/staff/rating/tablet/{case.id}" in client.get(f"/staff/cases/{case.id}").get_data(as_text=True)


# ---------------------------------------------------------------- public figures

def test_public_figures_show_rate_n_and_too_few_responses(client, world, app_ctx):
    for day in (4, 5, 8):
        case = returned_case(world, received=(2027, 3, day - 3 if day > 4 else 1, 9, 0),
                             finished=(2027, 3, day, 9, 0))
        level = "not_satisfied" if day == 8 else "very_satisfied"
        services.record_rating(case, {**ANSWERS, "level": level}, channel=Channel.ONLINE, now=local(2027, 3, day, 10, 0))
    db.session.commit()
    body = text(client.get("/hai-long", query_string={"year": 2027}))
    assert "UBND phường Nghĩa Tân" in body and "n = 3" in body
    assert "66,6 %" in body  # 2 of 3, cut to one decimal (a rate never shows more than it reached)
    assert world["desk"].full_name not in body and world["handler"].full_name not in body
    assert "too few responses" in body or "chưa đủ số phiếu" in body
    app_ctx.config["SATISFACTION_MIN_N"] = 3
    try:
        body = text(client.get("/hai-long", query_string={"year": 2027}))
    finally:
        app_ctx.config["SATISFACTION_MIN_N"] = 30
    assert "below the target" in body or "chưa đạt" in body
