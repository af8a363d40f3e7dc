"""A location-tagged feedback on a phone (issue 16 point 2): the citizen picks an everyday topic, presses
"Dùng vị trí của tôi" (the browser shares a position it was allowed to), sees the marker's coordinates filled
in, and sends; the desk officer opens the item and sees the coordinates, the OpenStreetMap link and the topic's
unit proposed on the accept step. The map is built only when asked for (no tile request on opening the form). No
tile server in tests: the map is the plain grid. No console error."""
from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect
from sqlalchemy import select

from portal.core.db import db
from tests.e2e.conftest import PHONE
from tests.e2e.test_feedback_journey import CONSENT, sign_in, watch_console

pytestmark = pytest.mark.e2e

SUBMIT_PATH = "/phan-anh-kien-nghi/gui"
LAT, LNG = 11.996512, 107.690034
NAME = "Trần Văn Hùng"


def test_a_located_feedback_is_seen_by_the_desk_with_its_map_link(open_page, live_server):
    from portal.feedback.models import Feedback

    errors: list[str] = []
    citizen = open_page(PHONE, is_mobile=True, has_touch=True)
    citizen.page.context.grant_permissions(["geolocation"], origin=live_server.base_url)
    citizen.page.context.set_geolocation({"latitude": LAT, "longitude": LNG})
    watch_console(citizen, errors)
    page = citizen.page
    citizen.goto(SUBMIT_PATH, "feedback form with the map")
    form = page.locator(f"form[action='{SUBMIT_PATH}']")
    # No map (so no request to a tile server) until the citizen asks for one: the button, or "use my location".
    expect(form.get_by_role("button", name="Hiện bản đồ")).to_be_visible()
    expect(form.locator("[data-location-map]")).to_be_hidden()
    assert form.locator(".leaflet-container").count() == 0

    form.get_by_label("Phản ánh (nêu vấn đề)").check()
    form.get_by_label("Chủ đề (không bắt buộc)").select_option(label="Đèn đường hỏng")
    form.get_by_label("Tiêu đề", exact=True).fill("Đèn đường trước trường tiểu học không sáng")
    form.get_by_label("Nội dung", exact=True).fill("Ba cột đèn đường trước cổng trường tiểu học đã không sáng hơn "
                                                   "một tuần, buổi tối học sinh đi học thêm về rất tối.")
    form.get_by_label("Địa điểm (không bắt buộc)").fill("Trước cổng trường tiểu học, đường Lê Duẩn")
    form.get_by_role("button", name="Dùng vị trí của tôi").click()
    expect(form.locator(".location-map.no-tiles")).to_be_visible()  # no tiles: the grid, the map still works
    expect(form.locator(".leaflet-marker-icon")).to_be_visible()
    expect(form.get_by_role("button", name="Hiện bản đồ")).to_be_hidden()
    expect(form.get_by_label("Vĩ độ (không bắt buộc)")).to_have_value(f"{LAT:.6f}")
    expect(form.get_by_label("Kinh độ (không bắt buộc)")).to_have_value(f"{LNG:.6f}")
    expect(form.locator("[data-location-status]")).to_contain_text("đã được đánh dấu")
    citizen.check("feedback form, position marked")

    form.get_by_label("Cá nhân", exact=True).check()
    form.get_by_label("Họ và tên (hoặc tên tổ chức)").fill(NAME)
    form.get_by_label("Địa chỉ", exact=True).fill("Tổ 5, phường Nghĩa Tân, thị xã Gia Nghĩa")
    form.get_by_label("Điện thoại", exact=True).fill("0987 654 321")
    form.get_by_role("checkbox", name=CONSENT).check()
    form.get_by_role("button", name="Gửi", exact=True).click()
    page.wait_for_url(re.compile(r"/phan-anh-kien-nghi/gui/da-nhan$"))
    citizen.check("receipt")

    with live_server.app.app_context():
        feedback = db.session.scalar(select(Feedback).where(Feedback.submitter_name == NAME))
        assert (feedback.latitude, feedback.longitude) == (pytest.approx(LAT), pytest.approx(LNG))
        assert feedback.topic.name_vi == "Đèn đường hỏng" and feedback.category == feedback.topic.category
        feedback_id, unit_name = feedback.id, feedback.topic.unit.name

    desk = open_page(PHONE, is_mobile=True, has_touch=True)
    watch_console(desk, errors)
    sign_in(desk, "motcua")
    desk.goto(f"/staff/feedback/{feedback_id}", "feedback with its location")
    location = desk.page.locator("section[aria-labelledby=location-title]")
    expect(location).to_contain_text(f"{LAT:.6f}, {LNG:.6f}")
    link = location.get_by_role("link", name=re.compile("Mở bản đồ"))
    expect(link).to_have_attribute("href", f"https://www.openstreetmap.org/?mlat={LAT:.6f}&mlon={LNG:.6f}"
                                           f"#map=18/{LAT:.6f}/{LNG:.6f}")
    accept_unit = desk.page.locator("select[name='accept-unit_id'] option:checked")
    expect(accept_unit).to_have_text(unit_name)
    assert errors == []


def test_the_administrators_topic_pages_pass_axe_and_save(open_page, live_server):
    from portal.feedback.topics_models import FeedbackTopic

    errors: list[str] = []
    admin = open_page(PHONE, is_mobile=True, has_touch=True)
    watch_console(admin, errors)
    sign_in(admin, "quantri")
    admin.goto("/staff/feedback/topics", "topics list")
    row = admin.page.get_by_role("row", name=re.compile("Tiếng ồn"))
    row.get_by_role("link", name=re.compile("Sửa")).click()
    admin.page.wait_for_url(re.compile(r"/staff/feedback/topics/\d+$"))
    admin.check("topic edit")
    admin.page.get_by_label("Thứ tự trong danh sách").fill("65")
    admin.page.once("dialog", lambda dialog: dialog.accept())  # the save is confirmed
    admin.page.get_by_role("button", name="Lưu", exact=True).click()
    admin.page.wait_for_url(re.compile(r"/staff/feedback/topics$"))
    admin.check("topics list after the save")
    with live_server.app.app_context():
        topic = db.session.scalar(select(FeedbackTopic).where(FeedbackTopic.name_vi == "Tiếng ồn"))
        assert topic.sort_order == 65 and topic.version == 2
    assert errors == []
