"""Issue 13 point 7: rating integrity. (a) the officer whose score a slip sets (the desk officer who
received the case) and the handler cannot type its paper slip: refused by the service, beside the case
code; (b) a browser signed in as staff cannot use the citizens' rating page (the desk tablet stays a
staff session, refused to the handler as before); (c) ratings typed in by staff are named on the managers'
dashboard."""
from __future__ import annotations

from html import unescape

import pytest
from sqlalchemy import func, select

from portal.core.access import Role
from portal.core.db import db
from portal.core.errors import DomainError
from portal.satisfaction import services
from portal.satisfaction.models import Rating
from portal.satisfaction.rules import Channel
from tests.factories import login, make_user
from tests.satisfaction.helpers import local, make_world, returned_case

ANSWERS = {"level": "satisfied", "contacts": "0", "agencies": "1", "attitude": "good", "comment": ""}


@pytest.fixture()
def world(app_ctx):
    return make_world()


def text(response) -> str:
    return unescape(response.get_data(as_text=True))


def ratings() -> int:
    return db.session.scalar(select(func.count(Rating.id)))


# ---------------------------------------------------------------- (a) the paper slip

@pytest.mark.parametrize("who", ["desk", "handler"])
def test_the_rated_officer_cannot_type_the_slip_service(world, who):
    case = returned_case(world)
    assert case.received_by_id == world["desk"].id and case.handler_id == world["handler"].id
    with pytest.raises(DomainError) as caught:
        services.record_rating(case, ANSWERS, channel=Channel.PAPER, now=local(2027, 3, 4, 9, 0),
                               actor=world[who], entered_by=world[who])
    assert caught.value.field == "code"
    assert ratings() == 0


def test_the_desk_officer_who_received_the_case_cannot_type_its_slip(client, world):
    case = returned_case(world)
    login(client, world["desk"])
    response = client.post("/staff/rating/paper", data={"code": case.code, **ANSWERS})
    body = text(response)
    assert response.status_code == 422 and 'id="code-error"' in body and ratings() == 0
    assert str(services.OWN_SLIP) in body or "không được nhập phiếu" in body


def test_a_colleague_may_type_the_slip_and_is_recorded(client, world):
    case = returned_case(world)
    login(client, world["head"])
    assert client.post("/staff/rating/paper", data={"code": case.code, **ANSWERS}).status_code == 303
    rating = db.session.scalar(select(Rating))
    assert (rating.channel, rating.entered_by_id, rating.officer_id) == (Channel.PAPER, world["head"].id,
                                                                         world["desk"].id)


# ---------------------------------------------------------------- (b) the citizens' page

def test_a_staff_browser_cannot_rate_on_the_citizens_page(client, world):
    case = returned_case(world)
    login(client, world["head"])  # neither the desk officer nor the handler of the case
    shown = client.get("/danh-gia", query_string={"code": case.code, "access": case.issued_access_code})
    assert shown.status_code == 403 and 'name="level"' not in text(shown)
    assert "signed in as staff" in text(shown) or "đang đăng nhập bằng tài khoản cán bộ" in text(shown)
    sent = client.post("/danh-gia", data={"code": case.code, "access": case.issued_access_code, **ANSWERS})
    assert sent.status_code == 403 and ratings() == 0


def test_a_citizen_still_rates_online(client, world):
    case = returned_case(world)
    sent = client.post("/danh-gia", data={"code": case.code, "access": case.issued_access_code, **ANSWERS})
    assert sent.status_code == 303 and ratings() == 1


def test_the_service_refuses_an_online_rating_with_a_staff_actor(world):
    case = returned_case(world)
    with pytest.raises(DomainError):
        services.record_rating(case, ANSWERS, channel=Channel.ONLINE, now=local(2027, 3, 4, 9, 0),
                               actor=world["head"])
    assert ratings() == 0


# ---------------------------------------------------------------- (c) who typed it, for managers

def _rated(world):
    typed = returned_case(world)
    services.record_rating(typed, ANSWERS, channel=Channel.PAPER, now=local(2027, 3, 4, 9, 0),
                           actor=world["head"], entered_by=world["head"])
    online = returned_case(world, received=(2027, 3, 2, 9, 0), finished=(2027, 3, 4, 10, 0))
    services.record_rating(online, ANSWERS, channel=Channel.ONLINE, now=local(2027, 3, 5, 9, 0))
    db.session.commit()


def test_managers_see_who_entered_ratings(client, world):
    _rated(world)
    login(client, make_user(Role.MANAGER, unit=world["unit"], full_name="Lê Thị Hồng Nhung"))
    body = text(client.get("/staff/satisfaction/?year=2027"))
    assert 'id="entered-by-staff"' in body
    section = body.split('id="entered-by-staff"', 1)[1].split("</section>", 1)[0]
    assert world["head"].full_name in section and world["desk"].full_name not in section
    partial = text(client.get("/staff/satisfaction/?year=2027&channel=online", headers={"HX-Request": "true"}))
    assert world["head"].full_name not in partial.split('id="entered-by-staff"', 1)[-1]


def test_unit_heads_do_not_see_who_entered_ratings(client, world):
    _rated(world)
    login(client, world["head"])
    assert 'id="entered-by-staff"' not in text(client.get("/staff/satisfaction/?year=2027"))
