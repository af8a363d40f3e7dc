"""A late case stays late after an apology (TT 01/2018 Điều 13 chỉ số 1; NĐ 61/2018 Điều 19 k9): the unit
head apologises in time and sets a new date, the handler finishes after the date promised at receipt
but before the new one, and the case page, the control slip and the statistics show "quá hạn — đã xin
lỗi", not "trước hạn".

The server runs in this process, so time-machine moves its clock: the apology is issued today, the
result is finished after the first promise (the browser signs in again, its session cookie having
expired in the server's future)."""
from __future__ import annotations

import re
from datetime import datetime, time, timedelta

import pytest
import time_machine
from playwright.sync_api import expect

from tests.conftest import FIXED_NOW
from tests.e2e.scenes import assigned_town_office_case
from tests.e2e.test_desk_journey import sign_in, sign_out, take_step

pytestmark = pytest.mark.e2e
LATE_APOLOGISED_VI = "Quá hạn — đã xin lỗi"


def _received_case(live_server):
    """A town-office case (a procedure of several working days) received and assigned just now."""
    from portal.core.clock import to_local

    with live_server.app.app_context():
        case = assigned_town_office_case(received_at=FIXED_NOW, applicant={"name": "Nguyễn Văn Bình"})
        legal_due = to_local(case.original_due_at)
        return case.id, case.procedure_id, to_local(case.received_at).date(), legal_due


def test_an_apologised_case_finished_after_its_first_promise_stays_late(open_page, live_server, fixed_clock):
    # Received, apologised for and finished at fixed moments (the server's clock is moved: fixed_clock, then later).
    case_id, procedure_id, received_on, legal_due = _received_case(live_server)
    case_url = f"/staff/cases/{case_id}"
    head = open_page()
    head.page.context.add_cookies([{"name": "lang", "value": "en", "url": live_server.base_url}])
    sign_in(head, "truongphong.vp")
    page = head.page
    head.goto(case_url, "case before the apology")
    form = page.locator("form", has=page.get_by_role("button", name="Issue the apology"))
    form.locator("textarea").fill("Chờ ý kiến phối hợp của Phòng Tài nguyên và Môi trường.")
    new_due = legal_due.date() + timedelta(days=14)
    form.locator("input[type=date]").fill(new_due.isoformat())
    form.get_by_role("button", name="Issue the apology").click()
    page.wait_for_url(re.compile(rf"{case_url}$"))
    head.check("case after the apology")
    expect(page.locator("main")).to_contain_text("Apology issued in time")
    sign_out(head)

    # Two days after the date promised at receipt, before the apology's new date.
    finish_day = legal_due.date() + timedelta(days=2)
    with time_machine.travel(datetime.combine(finish_day, time(10, 0), legal_due.tzinfo), tick=True):
        handler = open_page()
        handler.page.context.add_cookies([{"name": "lang", "value": "en", "url": live_server.base_url}])
        sign_in(handler, "chuyenvien.vp")
        take_step(handler, case_url, "Result ready (send to the desk)")
        badge = handler.page.locator(".proc-status [data-timing]")
        expect(badge).to_have_text("Late — apologised")
        assert "Early" not in badge.inner_text() and "On time" not in badge.inner_text()

        handler.page.context.add_cookies([{"name": "lang", "value": "vi", "url": live_server.base_url}])
        handler.goto(case_url, "case page in Vietnamese")
        expect(badge).to_have_text(LATE_APOLOGISED_VI)
        handler.goto(f"{case_url}/print/control", "control slip")
        expect(handler.page.locator("main")).to_contain_text(LATE_APOLOGISED_VI)

        manager = open_page()
        manager.page.context.add_cookies([{"name": "lang", "value": "en", "url": live_server.base_url}])
        sign_in(manager, "truongphong.vp")
        manager.page.context.add_cookies([{"name": "lang", "value": "vi", "url": live_server.base_url}])
        manager.goto(f"/staff/cases/statistics?from={received_on.isoformat()}&to={finish_day.isoformat()}"
                     f"&by=procedure&procedure={procedure_id}", "statistics")
        table = manager.page.locator("table.stats-table")
        expect(table.locator("thead")).to_contain_text(LATE_APOLOGISED_VI)
        total = table.locator("tr.total")
        expect(total.locator('td[data-key="late_with_apology"]')).to_have_text("1")
        expect(total.locator('td[data-key="late"]')).to_have_text("1")
        expect(total.locator('td[data-key="early"]')).to_have_text("0")
        expect(total.locator('td[data-key="late_without_apology"]')).to_have_text("0")
