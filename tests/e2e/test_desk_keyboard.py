"""The desk at keyboard speed (issue 16 point 6): a case is received by keyboard alone, in no more than
20 presses of Tab, Shift+Tab, Enter, Space or an arrow key beyond the text typed, from the moment the intake
page loads. The focus follows the work: the search box first, the results one key away, the checklist's
"Tick all" once a procedure is chosen, the applicant's name once the documents are ticked.

The driver does not know the page's tab order: it presses Tab until the field it wants has the focus, so
the count it reports is what a desk officer would press on the page as it is."""
from __future__ import annotations

import re
import uuid

import pytest
from playwright.sync_api import expect
from sqlalchemy import select

from tests.e2e.conftest import PHONE
from tests.e2e.test_desk_journey import sign_in

pytestmark = pytest.mark.e2e

PROCEDURE = "1.007006"  # Cấp giấy phép xây dựng đối với nhà ở riêng lẻ (demo catalogue)
QUERY = "giay phep xay dung nha o rieng le"
MAX_PRESSES = 20
GIVE_UP = 150  # more Tabs than any page of the portal has stops: the field is not reachable


class Keyboard:
    """Presses keys and counts every one that is not typed text."""

    def __init__(self, page):
        self.page = page
        self.presses = 0
        self.log: list[str] = []

    def press(self, key: str) -> None:
        self.page.keyboard.press(key)
        self.presses += 1
        self.log.append(key)

    def type(self, text: str) -> None:
        self.page.keyboard.type(text)

    def focused(self) -> dict:
        return self.page.evaluate(
            "() => { const e = document.activeElement; return e ? {tag: e.tagName.toLowerCase(), id: e.id,"
            " name: e.getAttribute('name') || '', value: e.getAttribute('value') || '',"
            " href: e.getAttribute('href') || ''} : {}; }")

    def tab_to(self, wanted, what: str) -> None:
        """Tab until `wanted(focused element)` holds, counting each press."""
        for _ in range(GIVE_UP):
            if wanted(self.focused()):
                return
            self.press("Tab")
        pytest.fail(f"{what}: not reached after {GIVE_UP} Tabs")


def is_id(name: str):
    return lambda e: e.get("id") == name


def is_button(value: str):
    return lambda e: e.get("tag") == "button" and e.get("value") == value


def test_receiving_a_case_by_keyboard_alone(desktop, live_server):
    desktop.page.context.add_cookies([{"name": "lang", "value": "en", "url": live_server.base_url}])
    sign_in(desktop, "motcua")
    page = desktop.page
    applicant = f"Phạm Thị Phím {uuid.uuid4().hex[:6]}"  # the live server is shared: a name no other test uses
    desktop.goto("/staff/cases/new", "intake by keyboard")
    keys = Keyboard(page)

    keys.tab_to(is_id("q"), "the procedure search")
    keys.type(QUERY)
    expect(page.locator(f"#procedure-results a[href*='procedure={PROCEDURE}']")).to_be_visible()
    keys.press("ArrowDown")  # from the search box into the results
    keys.tab_to(lambda e: e.get("tag") == "a" and f"procedure={PROCEDURE}" in e.get("href", ""), "the result")
    keys.press("Enter")
    page.wait_for_url(re.compile(rf"procedure={re.escape(PROCEDURE)}"))
    page.wait_for_load_state()
    desktop.check("procedure chosen by keyboard")

    keys.tab_to(is_button("tick_all"), "Tick all")
    keys.press("Enter")
    boxes = page.locator("input[name=documents]")
    expect(boxes.first).to_be_checked()
    for i in range(boxes.count()):
        expect(boxes.nth(i)).to_be_checked()
    page.wait_for_load_state()
    if desktop.pending:  # the page was sent and shown again (without the enhancement)
        desktop.check("documents ticked by keyboard")

    keys.tab_to(is_id("applicant_name"), "the applicant's name")
    keys.type(applicant)
    keys.tab_to(is_id("applicant_phone"), "the phone")
    keys.type("0905 765 432")
    keys.tab_to(is_button("accept"), "Accept")
    keys.press("Enter")
    page.wait_for_url(re.compile(r"/staff/cases/\d+$"))
    desktop.check("case received by keyboard")

    expect(page.locator("main")).to_contain_text(applicant)
    from portal.cases.models import Case
    from portal.core.db import db

    with live_server.app.app_context():
        case = db.session.scalar(select(Case).where(Case.applicant_name == applicant))
        assert case is not None and case.procedure.code.startswith(PROCEDURE)
        assert case.applicant_phone.replace(" ", "") == "0905765432"
        assert case.documents  # accepted: every listed document was ticked (receive_case refuses otherwise)
    print(f"\nkeyboard presses to receive a case: {keys.presses} ({' '.join(keys.log)})")
    assert keys.presses <= MAX_PRESSES, f"{keys.presses} presses beyond typed text: {' '.join(keys.log)}"


def test_focus_follows_the_work_without_javascript(open_page, live_server):
    """No script: the search box, then the result one Tab away, then "Tick all", then the applicant's name,
    each focused by the page itself (autofocus), at a phone's width."""
    desk = open_page(PHONE, java_script_enabled=False)
    desk.page.context.add_cookies([{"name": "lang", "value": "en", "url": live_server.base_url}])
    sign_in(desk, "motcua")
    page = desk.page
    desk.goto(f"/staff/cases/new?q={QUERY.replace(' ', '+')}", "intake search without JavaScript")
    expect(page.locator("#q")).to_be_focused()
    page.keyboard.press("Tab")
    result = page.locator(f"#procedure-results a[href*='procedure={PROCEDURE}']")
    expect(result).to_be_focused()
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(rf"procedure={re.escape(PROCEDURE)}"))
    desk.check("procedure chosen without JavaScript")
    expect(page.get_by_role("button", name="Tick all")).to_be_focused()
    with page.expect_navigation():  # the form is sent and the page shown again (a load not yet begun is not waited for)
        page.keyboard.press("Enter")
    desk.check("documents ticked without JavaScript")
    expect(page.locator("input[name=documents]").first).to_be_checked()
    expect(page.locator("#applicant_name")).to_be_focused()
