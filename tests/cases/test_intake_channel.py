"""The channel of a file (desk, post, national public service portal; NĐ 61/2018 Điều 16) and whether its paper
file was digitised at intake (NĐ 118/2025 Điều 17 k1 c, per DOMAIN.md §7a), recorded at the desk and shown."""
from __future__ import annotations

import html

import pytest
from sqlalchemy import select

from portal.cases.models import Case
from portal.core.db import db
from tests.cases.test_desk_views import english, intake_data, office  # noqa: F401

pytestmark = pytest.mark.usefixtures("fixed_clock")


def accept(client, office, **fields):
    response = client.post("/staff/cases/new", data=intake_data(office.procedure, **fields))
    return response, db.session.scalars(select(Case).order_by(Case.id.desc())).first()


@pytest.mark.parametrize("fields, channel, digitised, shown", [
    ({"channel": "desk", "digitised": "y"}, "desk", True, "In person at the desk"),
    ({"channel": "post"}, "post", False, "By post"),  # unticked: not digitised
    ({"channel": "online", "digitised": "y"}, "online", None, "Online, on the national public service portal"),
])
def test_the_desk_records_the_channel_and_the_digitisation(client, office, fields, channel, digitised, shown):
    english(client, office.desk)
    response, case = accept(client, office, **fields)
    assert response.status_code == 302
    assert case.channel.value == channel and case.digitised_at_intake is digitised
    body = html.unescape(client.get(f"/staff/cases/{case.id}").get_data(as_text=True))
    assert shown in body
    assert ("Paper file digitised at intake" in body) == (channel != "online")


def test_the_form_offers_the_channels_and_refuses_an_unknown_one(client, office):
    english(client, office.desk)
    form = client.get(f"/staff/cases/new?procedure={office.procedure.code}").get_data(as_text=True)
    assert 'name="channel"' in form and 'value="online"' in form and 'name="digitised"' in form
    response, _case = accept(client, office, channel="fax")
    assert response.status_code == 422 and db.session.scalar(select(Case.id)) is None


def test_a_case_from_before_shows_unknown(client, office):
    from tests.cases.test_desk_views import new_case

    case = new_case(office)  # registered without a channel, like the rows before migration 0024_d
    english(client, office.desk)
    body = html.unescape(client.get(f"/staff/cases/{case.id}").get_data(as_text=True))
    assert "Not recorded (received before the portal asked)" in body
