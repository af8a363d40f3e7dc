"""Issue 16 points 4 and 8 in a browser: the home page's targets beside their figures and the Open311 developer
page fit a phone and pass axe (goto checks every page with axe)."""
from __future__ import annotations


def test_home_targets_and_the_developer_page_on_a_phone(live_server, phone):
    phone.goto("/", "home with targets")
    page = phone.page
    items = page.locator("section.home-targets li[data-metric]")
    assert items.count() >= 1, "the demo's plan in force shows its targets"
    first = items.first.inner_text()
    assert "n = " in first and ("Đạt chỉ tiêu" in first or "Chưa đạt chỉ tiêu" in first)
    assert page.evaluate("document.documentElement.scrollWidth - window.innerWidth") <= 0
    page.locator("footer a[href='/du-lieu-mo/open311']").click()
    page.wait_for_url("**/du-lieu-mo/open311")
    phone.check("open311 developers")
    assert page.locator("main h1").is_visible()
    assert page.evaluate("document.documentElement.scrollWidth - window.innerWidth") <= 0
