"""The 2025 Mẫu 01 carries more lines than the 2018 one (the ID number, the representative and the authorisation):
printed by Chromium, each copy still fills exactly one A5 page, as the 2018 receipt does.

No server: Chromium's requests are answered by the Flask test client of the ordinary fixtures (the page and its
stylesheet), and page.pdf() prints with the print CSS."""
from __future__ import annotations

import re
from datetime import date

import pytest

from tests.cases.test_forms_2025 import ORGANISATION, receive
from tests.cases.test_printing import world  # noqa: F401
from tests.factories import login

pytestmark = pytest.mark.e2e

# A long but ordinary applicant: an organisation, its address and e-mail, a legal representative's ID number.
LONG = {**ORGANISATION, "address": "Lô B12, Khu công nghiệp Nhân Cơ, xã Nhân Cơ, tỉnh Lâm Đồng",
        "email": "lienhe@caphedaknong.example.vn", "representative_basis": "authorisation",
        "authorisation_number": "15/2025/GUQ-CTY", "authorisation_date": date(2025, 6, 20)}


def _pdf_pages(browser, client, url: str) -> int:
    def answer(route):
        response = client.get(route.request.url.replace("http://localhost", ""))
        route.fulfill(status=response.status_code, body=response.data,
                      headers={"content-type": response.content_type})

    context = browser.new_context()  # the session's Chromium (tests/e2e/conftest.py)
    try:
        page = context.new_page()
        page.route("**/*", answer)
        page.goto(f"http://localhost{url}")
        page.emulate_media(media="print")
        pdf = page.pdf(prefer_css_page_size=True)
    finally:
        context.close()
    return int(re.search(rb"/Count\s+(\d+)", pdf).group(1))


def test_each_copy_of_the_2025_receipt_fits_one_a5_page_like_the_2018_one(world, client, browser):
    old = receive(world, LONG, received=(2025, 6, 30, 16, 0))
    new = receive(world, LONG)
    assert (old.regime, new.regime) == ("2018", "2025")
    login(client, world["officer"])
    assert _pdf_pages(browser, client, f"/staff/cases/{old.id}/print/receipt") == 2
    assert _pdf_pages(browser, client, f"/staff/cases/{new.id}/print/receipt") == 2  # two copies, one page each
