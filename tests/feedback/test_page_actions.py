"""The feedback pages ask before they offer an action (core/permissions.py): the staff list's "register
feedback received on paper" is the intake page's own access rule; the tracking page offers the supplement
form exactly where the transition table lets the submitter supplement."""
from __future__ import annotations

from portal.core.access import Role
from portal.core.db import db
from portal.feedback import services, submission
from portal.feedback.vocabulary import Action
from tests.factories import login, make_unit, make_user
from tests.feedback.data import local, valid_data

TRACK = "/phan-anh-kien-nghi/tra-cuu"
SUPPLEMENT_FIELD = 'name="supplement"'


def test_only_desk_officers_and_managers_are_offered_to_register_feedback(client):
    unit = make_unit()
    link = 'href="/staff/feedback/new"'
    for role, offered in [(Role.DESK_OFFICER, True), (Role.MANAGER, True), (Role.UNIT_HEAD, False),
                          (Role.HANDLER, False)]:
        client.post("/auth/logout")
        login(client, make_user(role, unit=unit))
        response = client.get("/staff/feedback/")
        assert response.status_code == 200
        assert (link in response.get_data(as_text=True)) is offered, role


def test_the_tracking_page_offers_the_supplement_form_only_while_one_is_asked_for(client):
    fb = submission.submit_feedback(valid_data(), now=local(2026, 11, 2, 9, 0))
    unit = make_unit()
    head = make_user(Role.UNIT_HEAD, unit=unit)
    db.session.commit()
    codes = {"code": fb.tracking_code, "access": fb.issued_access_code}

    def offered() -> bool:
        response = client.post(TRACK, data=codes)
        assert response.status_code == 200
        return SUPPLEMENT_FIELD in response.get_data(as_text=True)

    at = local(2026, 11, 3, 9)
    assert not offered()  # new
    for action, kwargs in [(Action.ACCEPT, {}), (Action.ASSIGN, {"unit_id": unit.id, "handler_id": head.id})]:
        services.transition(fb, action, now=at, expected_version=fb.version, **kwargs)
    db.session.commit()
    assert not offered()  # in progress
    services.transition(fb, Action.REQUEST_SUPPLEMENT, now=at, expected_version=fb.version, note="Số nhà cụ thể?")
    db.session.commit()
    assert offered()
    services.transition(fb, Action.SUPPLEMENT, now=at, expected_version=fb.version, note="Số 12.")
    db.session.commit()
    assert not offered()  # supplemented: nothing more to give
