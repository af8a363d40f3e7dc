"""Where a feedback is (issue 16 point 2): the point stored from the form's fields, refused beside its field
outside the plausible bounds with the typed text kept, the address alone without JavaScript, staff seeing
the coordinates and the map link, public pages never showing the position, and the CSP's tile host."""
from __future__ import annotations

import re
from html import unescape

import pytest
from sqlalchemy import select

from portal import create_app
from portal.config import TestConfig
from portal.core.access import Role
from portal.core.db import db
from portal.core.security import build_csp, tile_source
from portal.feedback import location, services, submission
from portal.feedback.models import Feedback
from portal.feedback.vocabulary import Action
from tests.factories import login, make_unit, make_user
from tests.feedback.data import form_fields, local, valid_data

SUBMIT = "/phan-anh-kien-nghi/gui"
BOUNDS = location.Bounds(8.18, 102.14, 23.39, 109.47)


def page(response) -> str:
    return unescape(response.get_data(as_text=True))


def test_bounds_rule_names_the_field_to_correct():
    assert location.misplaced_field(None, None, BOUNDS) is None
    assert location.misplaced_field(11.99, 107.69, BOUNDS) is None
    assert location.misplaced_field(48.85, 107.69, BOUNDS) == "latitude"
    assert location.misplaced_field(11.99, 2.35, BOUNDS) == "longitude"
    assert location.misplaced_field(11.99, None, BOUNDS) == "longitude"
    assert location.misplaced_field(float("nan"), 107.69, BOUNDS) == "latitude"
    assert location.map_link(11.9965, 107.69) == ("https://www.openstreetmap.org/?mlat=11.996500&mlon=107.690000"
                                                  "#map=18/11.996500/107.690000")


def test_the_form_offers_the_location_button_map_and_fields(client):
    html = page(client.get(SUBMIT))
    assert "data-locate" in html and "Dùng vị trí của tôi" in html
    assert 'name="latitude"' in html and 'name="longitude"' in html and 'name="place"' in html
    assert "/static/vendor/leaflet-1.9.4/leaflet.js" in html and "/static/js/location.js" in html
    assert "<script>" not in html  # no inline script (CSP script-src 'self')
    assert 'data-tiles=""' in html  # the test config has no tile server: the map is a plain grid


def test_a_point_from_the_form_is_stored(client):
    response = client.post(SUBMIT, data=form_fields(latitude="11.996512", longitude="107,690034"))
    assert response.status_code == 303
    fb = db.session.scalars(select(Feedback)).one()
    assert (fb.latitude, fb.longitude) == (pytest.approx(11.996512), pytest.approx(107.690034))


def test_a_point_outside_the_bounds_is_refused_beside_its_field_and_the_text_kept(client):
    response = client.post(SUBMIT, data=form_fields(latitude="48.8566", longitude="107.69"))
    html = page(response)
    assert response.status_code == 422 and db.session.scalar(select(Feedback.id)) is None
    error = re.search(r'<p class="error" id="latitude-error">([^<]*)</p>', html)
    assert error and "8.18" in error.group(1) and "23.39" in error.group(1)
    assert 'value="48.8566"' in html and 'value="Nguyễn Thị Lan"' in html
    response = client.post(SUBMIT, data=form_fields(latitude="11.99", longitude="abc"))
    html = page(response)
    assert response.status_code == 422 and 'id="longitude-error"' in html and 'value="abc"' in html


def test_half_a_point_is_refused(client):
    response = client.post(SUBMIT, data=form_fields(latitude="11.99"))
    assert response.status_code == 422 and 'id="longitude-error"' in page(response)


def test_without_javascript_the_address_alone_serves(client):
    response = client.post(SUBMIT, data=form_fields(place="Trước số 12 Lê Duẩn, phường Nghĩa Tân"))
    assert response.status_code == 303
    fb = db.session.scalars(select(Feedback)).one()
    assert fb.place == "Trước số 12 Lê Duẩn, phường Nghĩa Tân" and fb.latitude is None and fb.longitude is None


def test_staff_see_the_coordinates_and_a_map_link(client):
    fb = submission.submit_feedback(valid_data(latitude=11.996512, longitude=107.690034), now=local(2026, 11, 2, 9))
    db.session.commit()
    login(client, make_user(Role.DESK_OFFICER))
    html = page(client.get(f"/staff/feedback/{fb.id}"))
    assert "11.996512, 107.690034" in html
    assert 'href="https://www.openstreetmap.org/?mlat=11.996512&mlon=107.690034#map=18/11.996512/107.690034"' in html
    assert "data-location-point" not in html  # no tile server: no small map


def test_staff_see_a_small_map_when_tiles_are_set(client, app_ctx, monkeypatch):
    monkeypatch.setitem(app_ctx.config, "MAP_TILE_URL", "https://tiles.example.vn/{z}/{x}/{y}.png")
    fb = submission.submit_feedback(valid_data(latitude=11.996512, longitude=107.690034), now=local(2026, 11, 2, 9))
    db.session.commit()
    login(client, make_user(Role.DESK_OFFICER))
    html = page(client.get(f"/staff/feedback/{fb.id}"))
    assert 'data-location-point="11.996512,107.690034"' in html
    assert 'data-tiles="https://tiles.example.vn/{z}/{x}/{y}.png"' in html


def test_public_pages_never_show_the_position(client):
    fb = submission.submit_feedback(valid_data(latitude=11.987654, longitude=107.612345), now=local(2026, 11, 2, 9))
    access = fb.issued_access_code
    db.session.commit()
    unit = make_unit()
    head = make_user(Role.UNIT_HEAD, unit=unit)
    at = local(2026, 11, 3, 9)
    for action, kwargs in [(Action.ACCEPT, {"unit_id": unit.id}), (Action.ASSIGN, {"unit_id": unit.id, "handler_id": head.id}),
                           (Action.DRAFT_ANSWER, {"answer": "Đã trả kết quả cho bà."}), (Action.APPROVE_ANSWER, {}),
                           (Action.PUBLISH, {"public_question": "Chậm trả kết quả khai sinh.",
                                             "public_answer": "Đã trả kết quả."})]:
        services.transition(fb, action, now=at, expected_version=fb.version, actor=head, **kwargs)
    db.session.commit()
    pages = [client.post("/phan-anh-kien-nghi/tra-cuu", data={"code": fb.tracking_code, "access": access}),
             client.get("/phan-anh-kien-nghi/tra-loi"), client.get("/open311/v2/requests.json"),
             client.get(f"/open311/v2/requests/{fb.tracking_code}.json")]
    for response in pages:
        text = response.get_data(as_text=True)
        assert response.status_code == 200
        for secret in ("11.987654", "107.612345", "11.98765", "107.61234", "openstreetmap.org/?mlat"):
            assert secret not in text
    assert "Đã trả kết quả" in page(pages[1])  # the answer is public; its place is not


def test_csp_adds_the_tile_host_only_when_set(app_ctx):
    assert tile_source("") == "" and tile_source("not a url") == ""
    assert tile_source("https://{s}.tile.example.org/{z}/{x}/{y}.png") == "https://*.tile.example.org"
    img = re.search(r"img-src ([^;]*)", build_csp("https://tile.openstreetmap.org/{z}/{x}/{y}.png")).group(1)
    assert img == "'self' data: https://tile.openstreetmap.org"
    assert re.search(r"img-src ([^;]*)", build_csp("")).group(1) == "'self' data:"
    url = app_ctx.config["SQLALCHEMY_DATABASE_URI"]
    plain = create_app(TestConfig, SQLALCHEMY_DATABASE_URI=url)
    with_tiles = create_app(TestConfig, SQLALCHEMY_DATABASE_URI=url,
                            MAP_TILE_URL="https://tile.openstreetmap.org/{z}/{x}/{y}.png")
    assert "openstreetmap" not in plain.test_client().get("/").headers["Content-Security-Policy"]
    csp = with_tiles.test_client().get("/").headers["Content-Security-Policy"]
    assert "img-src 'self' data: https://tile.openstreetmap.org;" in csp and "script-src 'self';" in csp
