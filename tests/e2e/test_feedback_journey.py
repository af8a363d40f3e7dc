"""Phản ánh, kiến nghị end to end on a phone: a citizen sends feedback with a photo and keeps both codes,
follows it; the desk accepts it, the unit head assigns it, the handler drafts the answer, the unit head
approves and publishes it with personal data removed; the published answers page shows the question and
the answer and nothing of the submitter; the citizen says once that they are satisfied.

The pages are used in Vietnamese, as citizens and officers of thị xã Gia Nghĩa do: the selectors are the
labels people read. No console error (a Content-Security-Policy refusal, a script error) is allowed."""
from __future__ import annotations

import io
import re

import pytest
from PIL import Image
from playwright.sync_api import expect
from sqlalchemy import select

from portal.core.db import db
from portal.demo.constants import DEMO_PASSWORD, MAIL_DOMAIN
from tests.e2e.conftest import PHONE

pytestmark = pytest.mark.e2e

SUBMIT_PATH = "/phan-anh-kien-nghi/gui"
TRACK_PATH = "/phan-anh-kien-nghi/tra-cuu"
ANSWERS_PATH = "/phan-anh-kien-nghi/tra-loi"
UNIT = "Văn phòng HĐND và UBND thị xã"  # the demo unit of the unit head and the handler below
HANDLER = "Vũ Thị Lan"

NAME = "Nguyễn Thị Mai"
ADDRESS = "Số 12, tổ 3, phường Nghĩa Trung, thị xã Gia Nghĩa"
PHONE_NUMBER = "0912 345 678"
EMAIL = "nguyenthimai.gianghia@gmail.com"
TITLE = "Chậm cấp giấy chứng nhận quyền sử dụng đất"
CONTENT = ("Tôi là Nguyễn Thị Mai, ở số 12, tổ 3, phường Nghĩa Trung. Ngày 02/11/2026 tôi nộp hồ sơ cấp giấy "
           "chứng nhận quyền sử dụng đất tại Bộ phận Một cửa thị xã, giấy tiếp nhận hẹn trả kết quả ngày "
           "16/11/2026 nhưng đến nay vẫn chưa nhận được kết quả, cũng không có thông báo gia hạn. Đề nghị cơ "
           "quan có thẩm quyền kiểm tra và trả lời. Điện thoại liên hệ: 0912 345 678.")
PLACE = "Bộ phận Một cửa thị xã Gia Nghĩa"
PUBLIC_QUESTION = ("Công dân phản ánh: hồ sơ cấp giấy chứng nhận quyền sử dụng đất nộp tại Bộ phận Một cửa thị xã "
                   "ngày 02/11/2026 đã quá hạn trả kết quả nhưng chưa nhận được kết quả và không có thông báo "
                   "gia hạn. Đề nghị kiểm tra, trả lời.")
ANSWER = ("Văn phòng HĐND và UBND thị xã đã kiểm tra: hồ sơ chậm do phải xác minh ranh giới thửa đất với phường. "
          "Việc xác minh đã xong, giấy chứng nhận được trả tại Bộ phận Một cửa từ ngày 30/11/2026. Văn phòng đã "
          "chấn chỉnh bộ phận chuyên môn và đã gửi thư xin lỗi công dân theo quy định.")
PERSONAL = [NAME, ADDRESS, "tổ 3", PHONE_NUMBER, "0912345678", "345 678", EMAIL]

# The consent names the controller of the day (Luật 91/2025/QH15, NĐ 356/2025/NĐ-CP): the e2e demo records no organisation
# profile, so the configured committee; tests/feedback/test_consent_controller.py covers a recorded change of name.
CONSENT = re.compile(r"^Tôi đồng ý để Ủy ban nhân dân thị xã Gia Nghĩa xử lý dữ liệu cá nhân nêu trên \(họ tên,")


def png_photo() -> bytes:
    """A small real photo: a grey road, a dark pole."""
    image = Image.new("RGB", (64, 48), (150, 150, 145))
    for y in range(8, 44):
        for x in range(30, 34):
            image.putpixel((x, y), (40, 40, 40))
    out = io.BytesIO()
    image.save(out, format="PNG")
    return out.getvalue()


def watch_console(checked, errors: list) -> None:
    """Collect console errors (CSP refusals are reported there) and uncaught script errors."""
    checked.page.on("console", lambda msg: errors.append(f"{checked.page.url}: {msg.text}")
                    if msg.type == "error" else None)
    checked.page.on("pageerror", lambda exc: errors.append(f"{checked.page.url}: uncaught {exc}"))


def no_personal_data(page, where: str) -> None:
    text_ = page.locator("body").inner_text()
    html = page.content()
    for value in PERSONAL:
        assert value not in text_ and value not in html, f"{where} shows the submitter's {value!r}"


def sign_in(checked, login: str) -> None:
    page = checked.page
    checked.goto("/auth/login", f"sign-in {login}")
    form = page.locator("form[action='/auth/login']")
    form.get_by_label("Thư điện tử").fill(f"{login}@{MAIL_DOMAIN}")
    form.get_by_label("Mật khẩu").fill(DEMO_PASSWORD)
    form.get_by_role("button", name="Đăng nhập").click()
    page.wait_for_url(re.compile(r"/staff/$"))
    checked.check(f"staff home {login}")


def open_feedback(checked, feedback_id: int, code: str) -> None:
    checked.goto(f"/staff/feedback/{feedback_id}", f"feedback {code}")
    expect(checked.page.get_by_role("heading", level=1)).to_contain_text(code)


def step_form(checked, action: str):
    form = checked.page.locator(f"form[action$='/{action}']")
    expect(form).to_have_count(1)
    return form


def submit_step(checked, form, label: str, status: str) -> None:
    """Send a step form; the page comes back (POST/redirect/GET) with the confirmation and the new status."""
    page = checked.page
    url = page.url
    with page.expect_navigation():
        form.get_by_role("button", name=label, exact=True).click()
    assert page.url == url, f"{label}: the step was refused ({page.url})"
    expect(page.locator(".flashes[role=status]")).to_contain_text("Đã thực hiện")
    expect(page.locator("dl.facts").first.locator("dd strong")).to_have_text(status)  # the status line
    checked.check(f"after {label}")


def staff_session(open_page, errors: list, login: str):
    staff = open_page(PHONE, is_mobile=True, has_touch=True)
    watch_console(staff, errors)
    sign_in(staff, login)
    return staff


def track(citizen, code: str, access: str):
    """The lookup form, both codes typed (lower case, as people do); the result comes in place (htmx)."""
    page = citizen.page
    citizen.goto(TRACK_PATH, "tracking form")
    form = page.locator(f"form[action='{TRACK_PATH}']").first
    form.get_by_label("Mã theo dõi").fill(code.lower())
    form.get_by_label("Mã tra cứu").fill(access.lower())
    form.get_by_role("button", name="Tra cứu").click()
    result = page.locator("#track-result")
    expect(result.get_by_role("heading", name=re.compile(re.escape(code)))).to_be_visible()
    expect(result.get_by_role("alert")).to_have_count(0)
    assert page.url.endswith(TRACK_PATH)  # the codes stay out of the address bar and the history
    citizen.check("tracking result")
    return result


def test_citizen_feedback_answered_published_and_rated(open_page, live_server, tmp_path, monkeypatch):
    from portal.feedback.models import Feedback
    from portal.feedback.vocabulary import Category, FeedbackKind, FeedbackStatus, Satisfaction, SubmitterKind

    monkeypatch.setitem(live_server.app.config, "UPLOAD_FOLDER", str(tmp_path / "uploads"))
    errors: list[str] = []
    citizen = open_page(PHONE, is_mobile=True, has_touch=True)
    watch_console(citizen, errors)
    page = citizen.page

    # 1. The form; sent empty first: the errors come in place, next to the fields (htmx, 422).
    citizen.goto(SUBMIT_PATH, "feedback form")
    form = page.locator(f"form[action='{SUBMIT_PATH}']")
    form.get_by_role("button", name="Gửi", exact=True).click()
    expect(form.get_by_label("Tiêu đề", exact=True)).to_have_attribute("aria-invalid", "true")
    expect(page.locator("#feedback-form").get_by_role("alert")).to_contain_text("Vui lòng sửa")
    expect(page.locator("#consent-error")).to_be_visible()
    assert page.url.endswith(SUBMIT_PATH)
    citizen.check("feedback form with errors")

    form.get_by_label("Phản ánh (nêu vấn đề)").check()
    form.get_by_label("Nhóm nội dung").select_option(
        label="Chậm trễ, gây phiền hà hoặc thực hiện không đúng quy định của cơ quan, cán bộ, công chức")
    form.get_by_label("Tiêu đề", exact=True).fill(TITLE)
    form.get_by_label("Nội dung", exact=True).fill(CONTENT)
    form.get_by_label("Địa điểm (không bắt buộc)").fill(PLACE)
    form.get_by_label("Tệp đính kèm (không bắt buộc)").set_input_files(
        files=[{"name": "giay-hen-tra-ket-qua.png", "mimeType": "image/png", "buffer": png_photo()}])
    form.get_by_label("Cá nhân", exact=True).check()
    form.get_by_label("Họ và tên (hoặc tên tổ chức)").fill(NAME)
    form.get_by_label("Địa chỉ", exact=True).fill(ADDRESS)
    form.get_by_label("Điện thoại", exact=True).fill(PHONE_NUMBER)
    form.get_by_label("Thư điện tử", exact=True).fill(EMAIL)
    form.get_by_role("checkbox", name=CONSENT).check()
    form.get_by_role("checkbox", name=re.compile(r"^Đồng ý công khai kết quả trả lời")).check()
    form.get_by_role("button", name="Gửi", exact=True).click()
    page.wait_for_url(re.compile(r"/phan-anh-kien-nghi/gui/da-nhan$"))  # htmx's HX-Redirect: a full load
    citizen.check("receipt")

    with live_server.app.app_context():
        feedback = db.session.scalar(select(Feedback).where(Feedback.submitter_name == NAME))
        code, feedback_id = feedback.tracking_code, feedback.id
        stored = [(a.name, a.content_type) for a in feedback.attachments]
        assert (feedback.kind, feedback.category, feedback.title, feedback.content) == (
            FeedbackKind.REFLECTION, Category.OBSTRUCTION, TITLE, CONTENT)
        assert (feedback.submitter_kind, feedback.submitter_address, feedback.submitter_phone,
                feedback.submitter_email, feedback.place) == (SubmitterKind.INDIVIDUAL, ADDRESS, "0912345678", EMAIL,
                                                               PLACE)
        assert feedback.publish_allowed and feedback.consent_given_at is not None
    assert stored == [("giay-hen-tra-ket-qua.png", "image/png")]
    receipt = page.locator("main")
    expect(receipt.get_by_role("heading", level=1)).to_have_text("Đã tiếp nhận phản ánh, kiến nghị")
    access = page.locator("#access-code").inner_text()  # only its hash is stored: this page shows it once
    expect(receipt.locator("strong.code")).to_have_text([code, access])
    citizen.goto("/phan-anh-kien-nghi/gui/da-nhan", "receipt shown again")
    expect(receipt.locator("strong.code")).to_have_text([code])
    expect(page.locator("#access-shown-once")).to_contain_text("chỉ được hiển thị một lần")

    # 2. Following it with both codes.
    result = track(citizen, code, access)
    expect(result).to_contain_text("Đã nhận, đang chờ xem xét")
    no_personal_data(page, "the tracking page")

    # 3. Staff, each in a browser of their own, on the feedback's page.
    desk = staff_session(open_page, errors, "motcua")
    open_feedback(desk, feedback_id, code)
    expect(desk.page.get_by_role("link", name="giay-hen-tra-ket-qua.png")).to_be_visible()
    accept = step_form(desk, "accept")
    accept.get_by_label("Phân loại", exact=True).select_option(label="Về quy định, thủ tục hành chính")
    accept.get_by_label("Đơn vị", exact=True).select_option(label=UNIT)
    submit_step(desk, accept, "Tiếp nhận xử lý", "Đã tiếp nhận")

    head = staff_session(open_page, errors, "truongphong.vp")
    open_feedback(head, feedback_id, code)
    assign = step_form(head, "assign")
    assign.get_by_label("Đơn vị", exact=True).select_option(label=UNIT)
    assign.get_by_label("Chuyên viên xử lý", exact=True).select_option(label=HANDLER)
    submit_step(head, assign, "Giao đơn vị, chuyên viên xử lý", "Đã giao xử lý")
    expect(track(citizen, code, access)).to_contain_text("Đang xử lý")

    handler = staff_session(open_page, errors, "chuyenvien.vp")
    open_feedback(handler, feedback_id, code)
    draft = step_form(handler, "draft_answer")
    draft.get_by_label("Ý kiến trả lời", exact=True).fill(ANSWER)
    submit_step(handler, draft, "Dự thảo trả lời", "Đã dự thảo trả lời")

    open_feedback(head, feedback_id, code)
    submit_step(head, step_form(head, "approve_answer"), "Duyệt trả lời", "Đã duyệt trả lời")
    publish = step_form(head, "publish")
    question = publish.get_by_label("Câu hỏi công khai (đã loại bỏ dữ liệu cá nhân)")
    expect(question).to_have_value(CONTENT)  # offered as received: the head removes the personal data
    question.fill(PUBLIC_QUESTION)
    expect(publish.get_by_label("Câu trả lời công khai (đã loại bỏ dữ liệu cá nhân)")).to_have_value(ANSWER)
    submit_step(head, publish, "Công khai kết quả trả lời", "Đang công khai")

    # 4. The published answers: the question and the answer, nothing of the submitter.
    citizen.goto(ANSWERS_PATH, "published answers")
    article = page.locator("#answers article", has_text=code)
    expect(article).to_contain_text(PUBLIC_QUESTION)
    expect(article).to_contain_text(ANSWER)
    no_personal_data(page, "the published answers page")
    page.get_by_label("Tìm kiếm — có thể gõ không dấu").fill("giay chung nhan quyen su dung dat qua han")
    page.wait_for_url(re.compile(r"[?&]q=giay"))  # htmx pushes the search into the address bar
    expect(page.locator("#answers article", has_text=code)).to_be_visible()
    citizen.check("published answers searched without accents")

    # 5. The citizen reads the answer and says, once, that they are satisfied.
    result = track(citizen, code, access)
    expect(result).to_contain_text("Đã công khai kết quả trả lời")
    expect(result).to_contain_text(PUBLIC_QUESTION)
    expect(result).to_contain_text(ANSWER)
    no_personal_data(page, "the tracking page after publication")
    result.get_by_label("Hài lòng", exact=True).check()
    result.get_by_role("button", name="Gửi", exact=True).click()
    expect(result).to_contain_text("Bạn đã đánh giá hài lòng với kết quả trả lời.")
    expect(result.get_by_role("radio")).to_have_count(0)
    expect(result.get_by_role("alert")).to_have_count(0)
    citizen.check("satisfaction recorded")
    again = track(citizen, code, access)
    expect(again).to_contain_text("Bạn đã đánh giá hài lòng với kết quả trả lời.")
    expect(again.get_by_role("radio")).to_have_count(0)
    expect(again.get_by_role("button", name="Gửi")).to_have_count(0)

    with live_server.app.app_context():
        feedback = db.session.get(Feedback, feedback_id)
        assert (feedback.status, feedback.satisfaction) == (FeedbackStatus.PUBLISHED, Satisfaction.SATISFIED)
        assert [e.action for e in feedback.events] == ["submit", "accept", "assign", "draft_answer",
                                                       "approve_answer", "publish", "satisfaction"]
        assert feedback.public_question == PUBLIC_QUESTION and feedback.public_answer == ANSWER
    unexpected = [e for e in errors if "status of 422" not in e]  # the empty form's answer, shown in place
    assert not unexpected, "console errors:\n" + "\n".join(unexpected)
    assert not [e for e in errors if "Content Security Policy" in e]
