"""PAKN deadlines in the browser, on a phone (390 px) and a desktop (1280 px), in Vietnamese and English:
the staff page of a feedback shows the statutory forward deadline (NĐ 20/2008/NĐ-CP Điều 9 k1 d) overdue
from the 6th working day, the practice deadlines labelled as practice; a forwarded one judged late; the
worklist flags the overdue forward step; the public page of where and how PAKN are received lists the
deadlines in force with their basis. Dates are relative to the server's clock (a month back is always at
least six working days, Tết included)."""
from __future__ import annotations

import re
from datetime import timedelta

import pytest
import time_machine
from playwright.sync_api import expect

from portal.core.clock import to_local
from portal.core.db import db
from portal.feedback import services, submission
from portal.feedback.vocabulary import Action, Channel
from tests.conftest import FIXED_NOW
from tests.e2e.conftest import DESKTOP, PHONE
from tests.e2e.test_feedback_journey import sign_in
from tests.feedback.data import valid_data

pytestmark = pytest.mark.e2e

CHANNELS_PATH = "/phan-anh-kien-nghi/kenh-tiep-nhan"


@pytest.fixture()
def waiting_and_forwarded(live_server):
    """A letter received a month ago and still undecided, and one forwarded on its 6th working day."""
    from portal.auth.models import StaffUser
    from portal.workdays.services import calendar_for

    # The server's clock stands at a fixed working-day morning for the whole test: the page judges "overdue" by it.
    with time_machine.travel(FIXED_NOW, tick=True), live_server.app.app_context():
        received = FIXED_NOW - timedelta(days=30)
        waiting = submission.submit_feedback(valid_data(title="Chưa rõ thẩm quyền: cấp phép khai thác cát"),
                                             now=received, channel=Channel.LETTER)
        forwarded = submission.submit_feedback(valid_data(title="Đề nghị sửa quy định về phí bảo vệ môi trường"),
                                               now=received, channel=Channel.LETTER)
        desk = db.session.scalars(db.select(StaffUser).where(StaffUser.email.like("motcua@%"))).first()
        received_on = to_local(received).date()
        day6 = calendar_for([received_on.year]).add_working_days(received_on, 6)
        at = received + timedelta(days=(day6 - received_on).days)
        services.transition(forwarded, Action.TRANSFER, now=at, expected_version=forwarded.version, actor=desk,
                            note="Sở Tài nguyên và Môi trường tỉnh")
        db.session.commit()
        yield {"waiting": (waiting.id, waiting.tracking_code), "forwarded": (forwarded.id, forwarded.tracking_code)}


def switch_to_english(checked, label: str) -> None:
    with checked.page.expect_navigation():
        checked.page.locator(".lang-switch a[hreflang=en]").first.click()
    checked.check(label)


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_staff_see_the_statutory_forward_deadline_apart_from_the_practice_ones(open_page, waiting_and_forwarded,
                                                                            viewport):
    staff = open_page(viewport)
    page = staff.page
    sign_in(staff, "motcua")
    waiting_id, waiting_code = waiting_and_forwarded["waiting"]
    staff.goto(f"/staff/feedback/{waiting_id}", f"undecided vi {viewport['width']}")
    forward = page.locator("li[data-step=forward]")
    expect(forward).to_contain_text("NĐ 20/2008/NĐ-CP Điều 9 k1 d")
    expect(forward).to_contain_text("Luật định")
    expect(forward).to_contain_text("Quá hạn")
    answer = page.locator("li[data-step=answer]")
    expect(answer).to_contain_text("Thực tiễn")
    expect(answer).to_contain_text("không phải quy định của Nghị định 20/2008/NĐ-CP")

    staff.goto(f"/staff/feedback/?q={waiting_code}", f"worklist vi {viewport['width']}")
    expect(page.locator("table")).to_contain_text("Chuyển: Quá hạn")

    forwarded_id, forwarded_code = waiting_and_forwarded["forwarded"]
    staff.goto(f"/staff/feedback/{forwarded_id}", f"forwarded vi {viewport['width']}")
    expect(page.locator("li[data-step=forward]")).to_contain_text("Trễ hạn")
    expect(page.locator("li[data-step=answer]")).to_have_count(0)  # the town does not answer it

    switch_to_english(staff, f"forwarded en {viewport['width']}")
    expect(page.locator("li[data-step=forward]")).to_contain_text("Statutory")
    expect(page.locator("li[data-step=forward]")).to_contain_text("Late")


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_the_public_page_lists_the_deadlines_in_force_with_their_basis(open_page, viewport):
    citizen = open_page(viewport)
    page = citizen.page
    citizen.goto(CHANNELS_PATH, f"channels vi {viewport['width']}")
    rows = page.locator("li[data-step]")
    expect(rows).to_have_count(5)
    expect(page.locator("li[data-step=forward]")).to_contain_text("5 ngày làm việc")
    expect(page.locator("li[data-step=forward]")).to_contain_text("Luật định NĐ 20/2008/NĐ-CP Điều 9 k1 d")
    expect(page.locator("li[data-step=answer]")).to_contain_text("không quá 15 ngày làm việc kể từ ngày tiếp nhận")
    expect(page.locator("li[data-step=answer]")).to_contain_text("Thực tiễn")
    # The table fits the screen: no sideways scrolling on a phone.
    box = page.locator("li[data-step=answer]").bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= viewport["width"]

    switch_to_english(citizen, f"channels en {viewport['width']}")
    expect(page.locator("li[data-step=answer]")).to_contain_text(re.compile(r"at most 15 working days from receipt"))
    expect(page.locator("li[data-step=answer]")).to_contain_text("Practice")
    expect(page.locator("li[data-step=forward]")).to_contain_text("Statutory")
