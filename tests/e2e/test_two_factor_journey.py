"""Two-step sign-in in a real phone-sized browser: an officer switches it on from the QR page (key typed into
an authenticator, here pyotp), keeps the recovery codes, signs out, and signs in again with a recovery code.
Every page passes axe and fits 390 px without sideways scrolling."""
from __future__ import annotations

import pyotp
import pytest

from portal.core import clock
from portal.core.access import Role
from portal.core.db import db
from portal.demo.constants import DEMO_PASSWORD
from tests.e2e.test_navigation import demo_email, sign_in, sign_out

pytestmark = pytest.mark.e2e

EMAIL = "haibuoc.e2e@gianghia.gov.vn"


def _officer(live_server) -> None:
    from portal.auth import services
    from portal.units.models import Unit

    with live_server.app.app_context():
        if services.find_by_email(EMAIL) is None:
            unit = db.session.scalars(db.select(Unit).order_by(Unit.id)).first()
            services.create_user(email=EMAIL, full_name="Y Moan Niê", unit_id=unit.id, roles=[Role.HANDLER],
                                 password=DEMO_PASSWORD, check_strength=False)
            db.session.commit()


def _fits(page) -> bool:
    return page.locator("body").evaluate("body => document.documentElement.scrollWidth <= window.innerWidth")


def test_an_officer_switches_two_step_sign_in_on_and_signs_in_with_a_recovery_code(live_server, phone):
    _officer(live_server)
    page = phone.page
    sign_in(phone, EMAIL)
    phone.check("staff home")
    phone.goto("/auth/two-factor/", "enrolment")
    assert page.locator("figure.qr-enrol svg").count() == 1 and _fits(page)
    key = page.locator(".secret-key").inner_text().replace(" ", "")
    code = page.locator("input#code")
    assert code.get_attribute("inputmode") == "numeric" and code.get_attribute("autocomplete") == "one-time-code"
    # The code an authenticator shows at the moment the live server checks it: made with the server's own clock
    # function (the one the view passes to the check), so the outcome is the same on any day the suite runs.
    code.fill(pyotp.TOTP(key).at(clock.utcnow()))
    with page.expect_navigation():
        page.locator("form[action='/auth/two-factor/enable'] button[type=submit]").click()
    phone.check("recovery codes")
    codes = page.locator("ol.recovery-codes li").all_inner_texts()
    assert len(codes) == 10 and _fits(page)

    sign_out(phone)
    phone.check("signed out")
    sign_in(phone, EMAIL)
    assert page.url == live_server.url("/auth/login/code")
    phone.check("second step")
    assert _fits(page)
    page.locator("details summary").click()
    page.locator("input#recovery-code").fill(codes[0])
    with page.expect_navigation():
        page.locator("details button[type=submit]").click()
    phone.check("signed in with a recovery code")
    assert page.url == live_server.url("/staff/")
    assert "9" in page.locator(".flash").inner_text()


def test_an_administrator_resets_a_lost_phone(live_server, desktop):
    from portal.auth import services
    from portal.auth.models import StaffUser

    _officer(live_server)
    with live_server.app.app_context():
        officer = services.find_by_email(EMAIL)
        officer.totp_secret, officer.totp_enabled_at = pyotp.random_base32(), officer.created_at
        db.session.commit()
        officer_id = officer.id
    page = desktop.page
    sign_in(desktop, demo_email("admin"))
    desktop.check("staff home")
    desktop.goto(f"/staff/users/{officer_id}", "account with two-step sign-in")
    form = page.locator(f"form[action='/staff/users/{officer_id}/reset-two-factor']")
    form.locator("input[name=confirm]").check()
    with page.expect_navigation():
        form.locator("button[type=submit]").click()
    desktop.check("after the reset")
    assert EMAIL in page.locator(".flash-success").inner_text()
    with live_server.app.app_context():
        assert not db.session.get(StaffUser, officer_id).has_second_factor
