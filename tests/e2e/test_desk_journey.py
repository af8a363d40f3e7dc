"""One-stop desk, end to end: the desk accepts a case in a few interactions and prints the receipt,
the unit head assigns it, the handler finishes it, the desk returns it; the citizen follows each
status in the public lookup."""
from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect
from sqlalchemy import select

from portal.core.db import db
from portal.demo.constants import DEMO_PASSWORD, MAIL_DOMAIN

pytestmark = pytest.mark.e2e


def sign_in(checked, login: str) -> None:
    page = checked.page
    checked.goto("/auth/login", "sign-in")
    page.fill("#email", f"{login}@{MAIL_DOMAIN}")
    page.fill("#password", DEMO_PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(re.compile(r"/staff/$"))
    checked.check("staff home")


def sign_out(checked) -> None:
    checked.goto("/staff/", "staff home before sign-out")
    checked.page.get_by_role("button", name="Sign out").click()
    checked.page.wait_for_url(re.compile(r"/$"))
    checked.check("home after sign-out")


def take_step(checked, case_url: str, step: str, handler: str | None = None) -> None:
    page = checked.page
    checked.goto(case_url, f"case before {step}")
    form = page.locator("form", has=page.get_by_role("button", name=step))
    if handler:
        form.locator("select").select_option(label=handler)
    form.get_by_role("button", name=step).click()
    page.wait_for_load_state()
    checked.check(f"case after {step}")


def lookup_status(citizen, code: str, access: str) -> str:
    """The citizen scans the receipt's QR code (the case code only) and types the access code printed beside it."""
    citizen.goto(f"/ho-so/tra-cuu?code={code.lower()}", "public lookup")
    citizen.page.fill("#access", access)
    citizen.page.locator("form.search-form button[type=submit]").click()
    citizen.page.locator("#lookup-result .lookup-result").wait_for()  # swapped in by htmx, answered to the POST
    assert "access" not in citizen.page.url
    body = citizen.page.locator("#lookup-result").inner_text()
    assert "Nguyễn Văn Bình" not in body and "0905" not in body  # no personal data on the public page
    return body


def test_desk_to_return_with_public_lookup(open_page, live_server):
    desk = open_page()
    desk.page.context.add_cookies([{"name": "lang", "value": "en", "url": live_server.base_url}])
    sign_in(desk, "motcua")
    page = desk.page
    desk.goto("/staff/cases/new", "intake")
    interactions = 0
    page.fill("#q", "giay phep xay dung nha o rieng le"); interactions += 1
    result = page.locator("#procedure-results a", has_text="Cấp giấy phép xây dựng đối với nhà ở riêng lẻ").first
    expect(result).to_be_visible()
    result.click(); interactions += 1
    page.wait_for_url(re.compile(r"procedure=1\.007006"))
    desk.check("intake with checklist")
    page.get_by_role("button", name="Tick all").click(); interactions += 1
    page.wait_for_load_state()
    desk.check("all documents ticked")
    page.fill("#applicant_name", "Nguyễn Văn Bình"); interactions += 1
    page.fill("#applicant_phone", "0905 123 456"); interactions += 1
    page.get_by_role("button", name="Accept and issue the receipt").click(); interactions += 1
    page.wait_for_url(re.compile(r"/staff/cases/\d+$"))
    desk.check("case accepted")
    assert interactions < 10
    case_url = page.url
    from portal.cases.models import Case

    with live_server.app.app_context():
        case = db.session.scalar(select(Case).order_by(Case.id.desc()))
        code = case.code
    expect(page.locator("main")).to_contain_text(code)
    page.get_by_role("link", name="Print receipt").click()
    page.wait_for_url(re.compile(r"/print/receipt"))
    desk.check("receipt")
    expect(page.locator("main")).to_contain_text(code)
    access = page.locator(".access-code").first.inner_text()  # printed on the receipt issued at intake only
    assert re.fullmatch(r"[A-Z2-9]{8}", access)
    assert page.locator("svg").count() >= 1  # the QR code to the public lookup
    desk.goto(page.url, "receipt reprinted")
    assert page.locator(".access-code").count() == 0 and page.locator(".access-withheld").count() >= 1

    citizen = open_page()
    assert "Received" in lookup_status(citizen, code, access) or "Đã tiếp nhận" in lookup_status(citizen, code, access)

    sign_out(desk)
    sign_in(desk, "truongphong.vp")
    take_step(desk, case_url, "Assign a handler", handler="Vũ Thị Lan")
    sign_out(desk)
    assert re.search(r"Being processed|Đang giải quyết", lookup_status(citizen, code, access))

    sign_in(desk, "chuyenvien.vp")
    take_step(desk, case_url, "Result ready (send to the desk)")
    sign_out(desk)
    assert re.search(r"Result ready|trả kết quả", lookup_status(citizen, code, access), re.I)

    sign_in(desk, "motcua")
    take_step(desk, case_url, "Result returned to the applicant")
    assert re.search(r"Result returned|Đã trả kết quả", lookup_status(citizen, code, access), re.I)
    with live_server.app.app_context():
        case = db.session.scalar(select(Case).where(Case.code == code))
        assert case.status.value == "returned" and [e.action for e in case.events] == ["receive", "assign", "finish",
                                                                                        "return"]
