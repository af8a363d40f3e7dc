"""The public form's consent names the data controller of the day (Luật Bảo vệ dữ liệu cá nhân 91/2025/QH15 and NĐ
356/2025/NĐ-CP, which replaced NĐ 13/2023 — DOMAIN.md: consent specific per purpose, the subject knows who processes
the data): the committee of the organisation profile in force today, so
after the 2025 reorganisation (DOMAIN.md §7a) Ủy ban nhân dân phường Nam Gia Nghĩa, not the abolished town. The
Open311 discovery names the same committee. Today is FIXED_NOW (10/03/2027)."""
from __future__ import annotations

import re
from datetime import date
from html import unescape

import pytest
import time_machine

from portal.core.access import Role
from portal.core.db import db
from portal.units import organisation
from tests.factories import login, make_user
from tests.units.test_home_place import TOWN
from tests.units.test_organisation import NEW

pytestmark = pytest.mark.usefixtures("fixed_clock")
FORM = "/phan-anh-kien-nghi/gui"
TAIL_VI = (" xử lý dữ liệu cá nhân nêu trên (họ tên, địa chỉ, điện thoại, thư điện tử) chỉ nhằm tiếp nhận, xử lý và "
           "trả lời phản ánh, kiến nghị này, và lưu trữ theo quy định của pháp luật về lưu trữ.")


def _record_change(on: date) -> None:
    organisation.record_profile(TOWN, valid_from=date(2000, 1, 1), expected=None)
    organisation.record_profile(NEW, valid_from=on, expected=date(2000, 1, 1))
    db.session.commit()


def _consent_label(client, path: str = FORM) -> str:
    html = client.get(path).get_data(as_text=True)
    match = re.search(r'<label class="check"><input[^>]*name="consent"[^>]*>(.*?)</label>', html, re.S)
    return unescape(match.group(1)).strip()


def test_after_the_change_the_consent_names_the_ward_committee(app_ctx, client):
    _record_change(date(2025, 7, 1))
    label = _consent_label(client)
    assert label == "Tôi đồng ý để Ủy ban nhân dân phường Nam Gia Nghĩa" + TAIL_VI
    assert "thị xã" not in label
    client.set_cookie("lang", "en")
    assert _consent_label(client).startswith("I agree that Ủy ban nhân dân phường Nam Gia Nghĩa processes the "
                                             "personal data above")


def test_the_day_before_the_change_the_consent_names_the_town_committee(app_ctx, client):
    _record_change(date(2027, 3, 10))  # the fixed today
    with time_machine.travel(date(2027, 3, 9), tick=False):
        label = _consent_label(client)
    assert label == "Tôi đồng ý để Ủy ban nhân dân thị xã Gia Nghĩa" + TAIL_VI


def test_a_refused_submission_shows_the_same_controller(app_ctx, client):
    _record_change(date(2025, 7, 1))
    html = client.post(FORM, data={"title": ""}).get_data(as_text=True)
    assert "Tôi đồng ý để Ủy ban nhân dân phường Nam Gia Nghĩa xử lý dữ liệu" in unescape(html)


def test_the_name_is_escaped_in_the_label(app_ctx, client):
    organisation.record_profile({**NEW, "committee_name": "Ủy ban <b>& Co"}, valid_from=date(2025, 7, 1),
                                expected=None)
    db.session.commit()
    html = client.get(FORM).get_data(as_text=True)
    assert "Tôi đồng ý để Ủy ban &lt;b&gt;&amp; Co xử lý" in html and "<b>& Co" not in html


def test_the_staff_intake_keeps_its_own_consent_wording(app_ctx, client):
    _record_change(date(2025, 7, 1))
    login(client, make_user(Role.DESK_OFFICER))
    label = _consent_label(client, "/staff/feedback/new")
    assert label.startswith("Người phản ánh, kiến nghị đã đồng ý xử lý dữ liệu cá nhân cho phản ánh")


def test_open311_discovery_names_the_committee_of_the_day(app_ctx, client):
    _record_change(date(2025, 7, 1))
    body = client.get("/open311/v2/discovery.json").get_json()
    assert body["key_service"] == "Khóa API do quản trị viên cổng thông tin của Ủy ban nhân dân phường Nam Gia Nghĩa cấp."
