"""Ratings in the browser: the desk tablet at 1024×768 takes a rating in three taps (level, attitude,
"send") and resets itself to the waiting screen; on a phone, the public lookup of a returned case leads to
the rating form, and a second rating of the same case is refused."""
from __future__ import annotations

import re

import pytest
from sqlalchemy import select

from portal.core.db import db
from tests.e2e.test_desk_journey import sign_in

pytestmark = pytest.mark.e2e
TABLET = {"width": 1024, "height": 768}


def returned_case(live_server) -> tuple[int, str, str]:
    """A case received by the demo desk officer, handled by the demo handler, and returned today."""
    from portal.auth.models import StaffUser
    from portal.cases import intake, services
    from portal.cases.rules import Action
    from portal.core.clock import utcnow
    from portal.demo.constants import MAIL_DOMAIN
    from portal.procedures.models import Procedure

    with live_server.app.app_context():
        desk = db.session.scalar(select(StaffUser).where(StaffUser.email == f"motcua@{MAIL_DOMAIN}"))
        handler = db.session.scalar(select(StaffUser).where(StaffUser.email == f"chuyenvien.vp@{MAIL_DOMAIN}"))
        procedure = db.session.scalar(select(Procedure).where(Procedure.code.like("1.007006%")))
        now = utcnow()
        case = intake.receive_case(procedure=procedure, unit=desk.unit, applicant={"name": "Lê Thị Thu Sương",
                                   "phone": "0905 765 432"}, submitted=[d["name"] for d in procedure.current_version.documents],
                                   sets=1, delivery="desk", received_at=now, actor=desk)
        for action, kwargs in ((Action.ASSIGN, {"handler_id": handler.id}), (Action.FINISH, {}), (Action.RETURN, {})):
            services.transition(case, action, now=utcnow(), expected_version=case.version, actor=handler, **kwargs)
        db.session.commit()
        return case.id, case.code, case.issued_access_code


def rating_of(live_server, case_id: int):
    from portal.satisfaction.models import Rating

    with live_server.app.app_context():
        return db.session.scalar(select(Rating).where(Rating.case_id == case_id))


def test_tablet_rating_in_three_taps_then_the_screen_resets(open_page, live_server):
    case_id, code, _ = returned_case(live_server)
    tablet = open_page(TABLET, has_touch=True)
    tablet.page.context.add_cookies([{"name": "lang", "value": "en", "url": live_server.base_url}])
    sign_in(tablet, "motcua")  # the sign-in helper reads English labels
    page = tablet.page
    tablet.goto("/staff/rating/tablet", "tablet waiting screen")
    page.locator("a.tablet-case-link", has_text=code).tap()  # the officer opens the case, then hands over
    page.wait_for_url(re.compile(rf"/staff/rating/tablet/{case_id}$"))
    tablet.check("tablet question 1")
    assert "Lê Thị Thu Sương" not in page.content() and "0905" not in page.content()
    assert page.locator(".staff-nav").count() == 0  # no staff chrome in front of the citizen
    box = page.locator("label.choice-very_satisfied").bounding_box()
    assert box["height"] >= 64 and box["width"] >= 64

    taps = 0
    page.locator("label.choice-very_satisfied").tap(); taps += 1
    assert page.locator("label.choice-good").is_visible()  # the next question came up by itself
    assert not page.locator("label.choice-satisfied").is_visible()
    tablet.check("tablet question 2")
    page.locator("label.choice-good").tap(); taps += 1
    page.locator("button.tablet-send").tap(); taps += 1
    page.wait_for_url(re.compile(r"/staff/rating/tablet/cam-on$"))
    tablet.check("tablet thank you")
    assert taps == 3
    rating = rating_of(live_server, case_id)
    assert (rating.channel.value, rating.level.value, rating.attitude.value) == ("tablet", "very_satisfied", "good")

    page.wait_for_url(re.compile(r"/staff/rating/tablet$"), timeout=20_000)  # back to waiting by itself
    tablet.check("tablet waiting again")
    assert page.locator("a.tablet-case-link", has_text=code).count() == 0


def test_phone_lookup_leads_to_the_rating_and_a_second_is_refused(phone, live_server):
    case_id, code, access = returned_case(live_server)
    phone.goto(f"/ho-so/tra-cuu?code={code}", "lookup form from the receipt's QR code")  # the case code only
    page = phone.page
    assert page.locator("#code").input_value() == code
    page.fill("#access", access.lower())  # typed from the paper receipt
    page.locator("form.search-form button[type=submit]").tap()
    rate = page.locator("#lookup-result form[action$='/danh-gia'] button[type=submit]")
    rate.wait_for()  # htmx swapped the result in; the address keeps no code
    assert "access" not in page.url
    phone.check("lookup of a returned case")
    rate.tap()
    page.wait_for_url(re.compile(r"/danh-gia$"))  # opened by a POST: no code in the address
    phone.check("rating form on a phone")
    assert page.locator("#code").input_value() == code and page.locator("#access").input_value() == access.lower()
    assert page.locator(".field-error, .alert-error").count() == 0  # nothing sent yet, so no errors
    page.locator("label.choice-satisfied").tap()
    page.locator("input[name=contacts][value='0']").check()
    page.locator("input[name=agencies][value='1']").check()
    page.locator("input[name=attitude][value='good']").check()
    page.fill("#comment", "Cán bộ hướng dẫn rõ ràng, trả kết quả sớm.")
    page.locator("button[type=submit]", has_text=re.compile("Send the rating|Gửi đánh giá")).tap()
    page.wait_for_url(re.compile(r"/danh-gia/cam-on$"))
    phone.check("thank you on a phone")
    assert rating_of(live_server, case_id).channel.value == "online"

    # an old printed QR code still carried the access code: it is not read, and is dropped from the address
    phone.goto(f"/danh-gia?code={code}&access={access}", "old rating link")
    assert page.url.endswith(f"/danh-gia?code={code}") and access not in page.content()
    page.fill("#access", access)
    page.locator("button[type=submit]", has_text=re.compile("Send the rating|Gửi đánh giá")).tap()
    page.locator(".alert-error").wait_for()
    phone.check("second rating refused")
    assert page.locator("input[name=level]").count() == 0
    phone.goto(f"/ho-so/tra-cuu?code={code}", "lookup after rating")
    page.fill("#access", access)
    page.locator("form.search-form button[type=submit]").tap()
    page.locator("#lookup-result .lookup-result").wait_for()
    assert page.locator("#lookup-result form[action$='/danh-gia']").count() == 0
