"""The pages ask can() before they offer a rating: the case page's tablet link, the public lookup's online
link and the dashboard's TT 01 facts link are shown exactly when the rule that the rating pages enforce lets
that person act (core/permissions.py, satisfaction/permissions.py)."""
from __future__ import annotations

import pytest

from portal.core.access import Role
from portal.core.db import db
from portal.satisfaction import services
from portal.satisfaction.rules import Channel
from tests.factories import make_user, page_as
from tests.satisfaction.helpers import local, make_world, returned_case

GOOD = {"level": "very_satisfied", "contacts": "0", "agencies": "0", "attitude": "good", "comment": ""}
TABLET = "Rate on the tablet"
ONLINE = "Rate how your case was handled"




@pytest.fixture()
def world(app_ctx):
    return make_world()


def test_the_tablet_link_is_offered_to_the_desk_for_a_returned_unrated_case_only(client, world):
    case = returned_case(world)
    url = f"/staff/cases/{case.id}"
    assert TABLET in page(client, world["desk"], url)
    assert TABLET not in page(client, world["handler"], url)  # a desk officer, but he handled the case
    assert TABLET not in page(client, world["head"], url)  # no desk officer: the tablet would refuse him
    services.record_rating(case, GOOD, channel=Channel.ONLINE, now=local(2027, 3, 4, 10, 0))
    db.session.commit()
    assert TABLET not in page(client, world["desk"], url)  # rated once: no second rating


def test_the_tablet_link_waits_for_the_return(client, world):
    case = returned_case(world, returned=False)
    assert TABLET not in page(client, world["desk"], f"/staff/cases/{case.id}")


def test_the_public_lookup_offers_the_online_rating_while_the_case_may_be_rated(client, world):
    case = returned_case(world)
    assert ONLINE in looked_up(client, case)
    services.record_rating(case, GOOD, channel=Channel.TABLET, now=local(2027, 3, 4, 10, 0),
                           entered_by=world["desk"])
    db.session.commit()
    assert ONLINE not in looked_up(client, case)


def test_the_public_lookup_does_not_offer_a_rating_before_the_return(client, world):
    case = returned_case(world, returned=False)
    assert ONLINE not in looked_up(client, case)


def test_only_an_admin_is_offered_the_tt01_facts(client, app_ctx):
    link = "/staff/rating/tt01-facts"
    admin, manager = make_user(Role.ADMIN), make_user(Role.MANAGER)
    assert link in page(client, admin, "/staff/satisfaction/?year=2027")
    assert link not in page(client, manager, "/staff/satisfaction/?year=2027")


def looked_up(client, case) -> str:
    """The public lookup's answer (a POST: the access code never travels in a URL), in English."""
    client.post("/auth/logout")
    client.get("/language/en")
    response = client.post("/ho-so/tra-cuu", data={"code": case.code, "access": case.issued_access_code})
    assert response.status_code == 200
    return response.get_data(as_text=True)


def page(client, user, url: str) -> str:
    return page_as(client, user, url, lang="en")
