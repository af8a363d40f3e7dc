"""Main journeys in a real browser: sign-in per role, the public home on a phone, the language
switch without JavaScript, and another unit's page refused. Every page passes axe."""
from __future__ import annotations

import pytest
from sqlalchemy import select

from portal.core.db import db
from portal.demo.constants import DEMO_PASSWORD, MAIL_DOMAIN

pytestmark = pytest.mark.e2e

# What each demo role must find in the staff navigation (the specification, not a copy of
# STAFF_SECTIONS). "My unit" is added for everyone with a unit. Admins pass every role check.
EXPECTED_SECTIONS = {
    "admin": ["cases.intake", "cases.worklist", "forecast.at_risk", "feedback_staff.index", "satisfaction.tablet", "satisfaction.paper",
              "workdays.calendar", "procedures_staff.index",
              "cases.statistics", "feedback_staff.statistics", "satisfaction_dashboard.dashboard", "surveys_staff.index",
              "plan.index", "plan.my_activities", "plan.overview", "units.index", "organisation.index", "users.index",
              "feedback_staff.channels_edit", "feedback_staff.topics_index", "open311_staff.keys", "audit.index"],
    "manager": ["cases.worklist", "forecast.at_risk", "feedback_staff.index", "satisfaction.paper", "workdays.calendar", "procedures_staff.index",
                "cases.statistics", "feedback_staff.statistics", "satisfaction_dashboard.dashboard", "surveys_staff.index",
                "plan.index", "plan.overview", "units.index"],
    "unit_head": ["cases.worklist", "forecast.at_risk", "feedback_staff.index", "satisfaction.paper", "workdays.calendar", "procedures_staff.index",
                  "cases.statistics", "feedback_staff.statistics", "satisfaction_dashboard.dashboard", "plan.index",
                  "plan.my_activities"],
    "handler": ["cases.worklist", "feedback_staff.index", "workdays.calendar", "procedures_staff.index",
                "plan.my_activities"],
    "desk_officer": ["cases.intake", "cases.worklist", "feedback_staff.index", "satisfaction.tablet",
                     "satisfaction.paper", "workdays.calendar"],
}
DEMO_LOGIN = {
    "admin": "quantri",
    "manager": "lanhdao",
    "unit_head": "truongphong.vp",
    "handler": "chuyenvien.vp",
    "desk_officer": "motcua",
}
OTHER_UNIT_CODE = "000.03.26.H17"  # Phòng Tư pháp; the demo handler works in the town office


def demo_email(role: str) -> str:
    return f"{DEMO_LOGIN[role]}@{MAIL_DOMAIN}"


def unit_id_of(live_server, *, email: str | None = None, code: str | None = None) -> int | None:
    from portal.auth.models import StaffUser
    from portal.units.models import Unit

    with live_server.app.app_context():
        if email:
            return db.session.scalar(select(StaffUser.unit_id).where(StaffUser.email == email))
        return db.session.scalar(select(Unit.id).where(Unit.code == code))


def sign_in(tab, email: str, password: str = DEMO_PASSWORD) -> None:
    tab.goto("/auth/login", "login")
    form = tab.page.locator("form[action='/auth/login']")
    form.locator("input[name=email]").fill(email)
    form.locator("input[name=password]").fill(password)
    with tab.page.expect_navigation():
        form.locator("button[type=submit]").click()


def sign_out(tab) -> None:
    with tab.page.expect_navigation():
        tab.page.locator("form[action='/auth/logout'] button[type=submit]").click()


def nav_hrefs(page, selector: str) -> list[str]:
    return page.locator(f"{selector} a").evaluate_all("links => links.map(a => a.getAttribute('href'))")


@pytest.mark.parametrize("role", list(EXPECTED_SECTIONS))
def test_each_role_signs_in_and_sees_its_sections(live_server, desktop, role):
    email = demo_email(role)
    sign_in(desktop, email)
    page = desktop.page
    assert page.url == live_server.url("/staff/")
    desktop.check(f"staff home {role}")

    own_unit = unit_id_of(live_server, email=email)
    expected = [live_server.url_for(e) for e in EXPECTED_SECTIONS[role]]
    if own_unit:
        expected.append(live_server.url_for("units.show", unit_id=own_unit))
    expected = ["/staff/", *expected, "/"]  # Overview first, the public portal last
    assert nav_hrefs(page, "nav.staff-nav") == expected
    for link in page.locator("nav.staff-nav a").all():
        assert link.inner_text().strip(), "every navigation link has a visible name"
    # The overview cards offer the same sections (without Overview and the public portal).
    assert nav_hrefs(page, "ul.cards") == expected[1:-1]

    sign_out(desktop)
    assert page.url == live_server.url("/")
    desktop.check(f"signed out {role}")
    assert page.locator(".nav-staff a").get_attribute("href") == live_server.url_for("auth.login")
    assert page.locator("form[action='/auth/logout']").count() == 0


FULL_SCREEN = {"/staff/rating/tablet"}  # sections with their own full-screen layout


def test_admin_opens_every_staff_section(live_server, desktop):
    sign_in(desktop, demo_email("admin"))
    desktop.check("staff home")
    hrefs = nav_hrefs(desktop.page, "nav.staff-nav")[1:-1]
    assert len(hrefs) == len(EXPECTED_SECTIONS["admin"]) + 1
    for href in hrefs:
        if desktop.page.locator("nav.staff-nav").count() == 0:  # left a full-screen page: back to the staff area
            desktop.goto("/staff/", f"staff home before {href}")
        desktop.page.locator(f"nav.staff-nav a[href='{href}']").click()
        desktop.page.wait_for_url(live_server.url(href))
        if href in FULL_SCREEN:  # the citizen-facing tablet: no staff chrome at all, by design
            assert desktop.page.locator("nav.staff-nav").count() == 0
        else:
            assert desktop.page.locator(f"nav.staff-nav a[href='{href}']").get_attribute("aria-current") == "page"
        desktop.check(href)


def test_public_home_fits_a_phone(live_server, phone):
    phone.goto("/", "home phone")
    page = phone.page
    assert page.locator("html").get_attribute("lang") == "vi"
    assert page.locator("main h1").is_visible()
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0, f"the page scrolls sideways by {overflow}px on a 390px screen"
    assert page.locator("a.skip-link").get_attribute("href") == "#main"
    assert page.locator(".nav-staff a").get_attribute("href") == live_server.url_for("auth.login")


def test_language_switch_works_without_javascript(live_server, open_page):
    tab = open_page(java_script_enabled=False)
    page = tab.page
    tab.goto("/", "home vi")
    assert page.locator("html").get_attribute("lang") == "vi"
    vietnamese_title = page.title()

    with page.expect_navigation():
        page.locator("nav.lang-switch a[hreflang='en']").click()
    assert page.url == live_server.url("/")
    tab.check("home en")
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.locator("nav.lang-switch a[hreflang='en']").get_attribute("aria-current") == "true"
    assert page.title().endswith(live_server.app.config["PORTAL_NAME"]) and page.title() != vietnamese_title

    tab.goto("/auth/login", "login en")  # the choice is remembered on the next page
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.locator("nav.lang-switch a[hreflang='vi']").get_attribute("aria-current") is None


def test_handler_is_refused_another_units_page(live_server, desktop):
    sign_in(desktop, demo_email("handler"))
    desktop.check("staff home handler")
    other = unit_id_of(live_server, code=OTHER_UNIT_CODE)
    assert other != unit_id_of(live_server, email=demo_email("handler"))

    desktop.goto(f"/staff/units/{other}", "other unit", expect_status=403)
    page = desktop.page
    assert page.locator(".error-code").inner_text().strip() == "403"
    assert page.locator("main h1").is_visible()
    assert page.locator("nav.staff-nav").is_visible(), "the refusal keeps the staff layout"
