"""Issue 16 point 1 on a phone (390 px): a citizen attaches a photo but forgets the title. The error summary at the top
of the form takes the focus and is on screen, its link leads to the title field, the photo is kept by the server
("Đã giữ tệp: …"); with the title added the feedback is sent with the photo and the receipt shows the access code
once, with how to recover it. With htmx (the phone's usual case) and without JavaScript (the plain form)."""
from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect
from sqlalchemy import select

from portal.core.db import db
from tests.e2e.conftest import PHONE
from tests.e2e.test_feedback_journey import CONSENT, png_photo, watch_console

pytestmark = pytest.mark.e2e

SUBMIT_PATH = "/phan-anh-kien-nghi/gui"
TITLE = "Ổ gà sâu trước nhà văn hóa tổ 5"
PHOTO = "o-ga-to-5.png"


def fill_all_but_the_title(form, name: str) -> None:
    form.get_by_label("Phản ánh (nêu vấn đề)").check()
    form.get_by_label("Nhóm nội dung").select_option(index=1)
    form.get_by_label("Nội dung", exact=True).fill(
        "Trên đường trước nhà văn hóa tổ 5, phường Nghĩa Thành có một ổ gà sâu khoảng 20 cm, trời mưa đọng nước, "
        "xe máy đã ngã hai lần trong tuần. Đề nghị phường sửa chữa sớm.")
    form.get_by_label("Tệp đính kèm (không bắt buộc)").set_input_files(
        files=[{"name": PHOTO, "mimeType": "image/png", "buffer": png_photo()}])
    form.get_by_label("Cá nhân", exact=True).check()
    form.get_by_label("Họ và tên (hoặc tên tổ chức)").fill(name)
    form.get_by_label("Địa chỉ", exact=True).fill("Tổ 5, phường Nghĩa Thành, thị xã Gia Nghĩa")
    form.get_by_label("Điện thoại", exact=True).fill("0987 654 321")
    form.get_by_role("checkbox", name=CONSENT).check()


def stored_attachments(live_server, name: str) -> tuple[str, list[str]]:
    from portal.feedback.models import Feedback

    with live_server.app.app_context():
        feedback = db.session.scalars(select(Feedback).where(Feedback.submitter_name == name)).one()
        return feedback.title, [a.name for a in feedback.attachments]


@pytest.mark.parametrize("javascript", [True, False], ids=["htmx", "no-js"])
def test_failed_then_fixed_submission_with_a_photo_on_a_phone(open_page, live_server, tmp_path, monkeypatch,
                                                             javascript):
    monkeypatch.setitem(live_server.app.config, "UPLOAD_FOLDER", str(tmp_path / "uploads"))
    name = "Phạm Quốc Bảo" if javascript else "Lê Thị Hoa"  # names no other journey uses: the live server is shared
    errors: list[str] = []
    citizen = open_page(PHONE, is_mobile=True, has_touch=True, java_script_enabled=javascript)
    if javascript:
        watch_console(citizen, errors)
    page = citizen.page

    citizen.goto(SUBMIT_PATH, "feedback form")
    form = page.locator(f"form[action='{SUBMIT_PATH}']")
    fill_all_but_the_title(form, name)
    form.get_by_role("button", name="Gửi", exact=True).click()

    summary = page.locator("#error-summary")
    expect(summary).to_be_focused()
    expect(summary).to_be_in_viewport()
    expect(summary).to_have_attribute("role", "alert")
    expect(page.locator("#title-error")).to_be_visible()  # the message beside the field stays
    kept = form.get_by_role("checkbox", name=f"Đã giữ tệp: {PHOTO}")
    expect(kept).to_be_checked()
    expect(form.get_by_label("Họ và tên (hoặc tên tổ chức)")).to_have_value(name)
    assert page.url.endswith(SUBMIT_PATH)
    citizen.check("form with the summary and the photo kept")

    summary.get_by_role("link", name=re.compile(r"^Tiêu đề")).click()
    title = form.get_by_label("Tiêu đề", exact=True)
    expect(title).to_be_focused()
    citizen.check("the summary's link to the title")
    title.fill(TITLE)
    form.get_by_role("button", name="Gửi", exact=True).click()
    page.wait_for_url(re.compile(r"/phan-anh-kien-nghi/gui/da-nhan$"))
    citizen.check("receipt")
    code = page.locator("#access-code")
    expect(code).to_have_text(re.compile(r"^\S{6,16}$"))
    expect(page.locator("#access-recovery")).to_be_visible()
    assert stored_attachments(live_server, name) == (TITLE, [PHOTO])

    page.reload()
    citizen.check("receipt reloaded")
    expect(page.locator("#access-code")).to_have_count(0)
    expect(page.locator("#access-shown-once")).to_be_visible()
    assert [e for e in errors if "status of 422" not in e] == []  # the refused try's answer, shown in place
