"""Procedure catalogue on a phone: type without accents, pick the result, print the checklist."""
from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.e2e


def test_phone_search_pick_and_print_checklist(phone):
    page = phone.page
    phone.goto("/thu-tuc/", "catalogue")
    page.fill("#q", "dang ky khai sinh")  # htmx live search, no submit
    first = page.locator("#results .proc-item .proc-name").first
    expect(first).to_have_text("Thủ tục đăng ký khai sinh")  # the CSP forbids eval: wait on elements
    expect(page).to_have_url(re.compile(r"q=dang(\+|%20)ky(\+|%20)khai(\+|%20)sinh"))  # bookmarkable
    page.wait_for_load_state("networkidle")
    phone.check("live search results")
    first.click()
    page.wait_for_url(re.compile(r"/thu-tuc/1\.001193"))
    phone.check("birth registration")
    assert page.locator("h1").inner_text() == "Thủ tục đăng ký khai sinh"
    assert page.viewport_size["width"] == 390
    assert page.evaluate("document.documentElement.scrollWidth") <= 390  # nothing wider than the phone
    page.get_by_role("link", name=re.compile("In danh mục hồ sơ|Printable checklist", re.I)).click()
    page.wait_for_url(re.compile(r"/ho-so-can-chuan-bi$"))
    phone.check("printable checklist")
    assert page.locator("table.checklist tbody tr").count() >= 2
    page.emulate_media(media="print")
    assert not page.locator(".print-toolbar").is_visible()


def test_search_works_without_javascript(open_page):
    checked = open_page(java_script_enabled=False)
    checked.goto("/thu-tuc/?q=DANG+KY+KHAI+SINH", "plain GET search")
    assert checked.page.locator("#results .proc-name").first.inner_text() == "Thủ tục đăng ký khai sinh"
