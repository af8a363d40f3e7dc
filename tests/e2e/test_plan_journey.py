"""The reform plan, end to end (issue 7 acceptance): the head of a lead unit opens "My plan activities" on a
phone, reports an activity done with an evidence PDF and sees it in the history; the manager sees the status
change on the plan dashboard and finds it in the quarterly DOCX report."""
from __future__ import annotations

import io
import re

import pytest
from docx import Document
from playwright.sync_api import expect
from sqlalchemy import select

from portal.core.db import db
from portal.demo.constants import DEMO_PASSWORD, MAIL_DOMAIN
from tests.e2e.conftest import PHONE

pytestmark = pytest.mark.e2e

PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
CODE = "2.1.3"  # led by Văn phòng HĐND và UBND thị xã, months 3–11 of the demo plan, in progress
COMMENT = "Đã ban hành Báo cáo số 245/BC-UBND ngày 24/11/2026 về kết quả rà soát 120 TTHC"


def english(checked, live_server):
    checked.page.context.add_cookies([{"name": "lang", "value": "en", "url": live_server.base_url}])
    return checked


def sign_in(checked, login: str) -> None:
    page = checked.page
    checked.goto("/auth/login", "sign-in")
    page.fill("#email", f"{login}@{MAIL_DOMAIN}")
    page.fill("#password", DEMO_PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(re.compile(r"/staff/$"))
    checked.check("staff home")


def demo_plan_id(live_server) -> int:
    from portal.demo.plan import DEMO_TITLE
    from portal.plan.models import Plan

    with live_server.app.app_context():
        return db.session.scalar(select(Plan.id).where(Plan.title == DEMO_TITLE))


def test_head_reports_progress_and_the_manager_sees_it_on_the_dashboard_and_in_the_docx(open_page, live_server):
    head = english(open_page(PHONE, is_mobile=True, has_touch=True), live_server)
    sign_in(head, "truongphong.vp")
    page = head.page
    page.get_by_role("link", name="My plan activities").first.click()
    page.wait_for_url(re.compile(r"/staff/plan/my"))
    head.check("my plan activities")
    item = page.locator(".proc-item", has_text=CODE).first
    expect(item).to_contain_text("In progress")
    item.get_by_role("link").click()
    page.wait_for_url(re.compile(r"/staff/plan/activities/\d+$"))
    head.check("activity before the report")
    page.select_option("#progress", "done")
    page.fill("#percent", "100")
    page.fill("#comment", COMMENT)
    page.set_input_files("#evidence", files=[{"name": "Bao cao ket qua ra soat TTHC.pdf",
                                              "mimeType": "application/pdf", "buffer": PDF}])
    page.get_by_role("button", name="Save progress").click()
    history = page.locator("#activity-tracking table")
    expect(history).to_contain_text(COMMENT)
    expect(page.locator("#activity-tracking")).to_contain_text(f"Progress of activity {CODE} saved.")
    head.check("activity after the report")
    first_row = history.locator("tbody tr").first
    expect(first_row).to_contain_text("Done")
    expect(first_row).to_contain_text("Phạm Quốc Bảo")
    link = first_row.get_by_role("link", name="Bao cao ket qua ra soat TTHC.pdf")
    evidence = page.context.request.get(live_server.url(link.get_attribute("href")))
    assert evidence.ok and evidence.body() == PDF
    assert evidence.headers["content-disposition"].startswith("attachment")

    manager = english(open_page(), live_server)
    sign_in(manager, "lanhdao")
    plan_id = demo_plan_id(live_server)
    manager.goto(f"/staff/plan/{plan_id}/dashboard?quarter=4", "plan dashboard")
    row = manager.page.locator(f'tr[data-activity="{CODE}"]')
    expect(row.locator('[data-col="progress"]')).to_contain_text("Done", use_inner_text=False)
    expect(row).to_contain_text("100", use_inner_text=False)

    report = manager.page.context.request.get(live_server.url(f"/staff/plan/{plan_id}/report?quarter=4&format=docx"))
    assert report.ok and "wordprocessingml" in report.headers["content-type"]
    document = Document(io.BytesIO(report.body()))
    rows = [[cell.text for cell in r.cells] for table in document.tables for r in table.rows]
    line = next(r for r in rows if r and r[0] == CODE)
    assert "Hoàn thành" in " ".join(line) and "100" in line and COMMENT in " ".join(line)
