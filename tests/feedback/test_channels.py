"""The published feedback channels (DOMAIN.md §5, seed Kết quả 2.3): the public page and the admins' editor."""
from __future__ import annotations

import re
from html import unescape

import pytest
from flask import url_for
from sqlalchemy import func, select

from portal.core.access import Role
from portal.core.db import db
from portal.feedback.channels_models import FeedbackChannels
from tests.auth.helpers import events, field_error, form_alert
from tests.factories import login, make_user

PUBLIC = "/phan-anh-kien-nghi/kenh-tiep-nhan"
EDIT = "/staff/feedback/channels"

NEW = {
    "address": "Bộ phận Tiếp nhận và Trả kết quả, 27 Lê Duẩn, phường Nghĩa Trung",
    "hotline": "0261 3999 222",
    "email": "tiepnhan@gianghia.daknong.gov.vn",
    "office_hours": "Thứ Hai đến Thứ Bảy: 7 giờ – 11 giờ 30",
    "rules": "Chỉ tiếp nhận phản ánh về quy định hành chính. Khiếu nại, tố cáo gửi Ban Tiếp công dân.",
    "deadlines": "Trả lời trong 10 ngày làm việc.",
}


def _text(response) -> str:
    return unescape(response.get_data(as_text=True))


def _version(html: str) -> str:
    return re.search(r'name="version"[^>]*value="(\d*)"|value="(\d*)"[^>]*name="version"', html).group(1)


@pytest.fixture()
def admin(client):
    user = make_user(Role.ADMIN, full_name="Trần Minh Tuấn")
    assert login(client, user).status_code == 302
    client.set_cookie("lang", "en")
    return user


def _save(client, version: str, **changes):
    return client.post(EDIT, data={**NEW, **changes, "version": version})


def _row() -> FeedbackChannels | None:
    db.session.expire_all()
    return db.session.get(FeedbackChannels, 1)


def test_public_page_shows_the_seeded_channels_without_login(client):
    response = client.get(PUBLIC)
    assert response.status_code == 200
    html = _text(response)
    for value in ("02 Võ Văn Tần, phường Nghĩa Tân", "0261 3544 111", "pakn@gianghia.daknong.gov.vn",
                  "7 giờ 30 – 11 giờ 30", "13 giờ 30 – 17 giờ 00", "khiếu nại, tố cáo", "15 ngày"):
        assert value in html
    assert 'href="tel:02613544111"' in html and 'href="mailto:pakn@gianghia.daknong.gov.vn"' in html
    assert response.headers.get("X-Portal-Page-Cache") == "1"  # the micro-cache may keep it
    assert db.session.scalar(select(func.count()).select_from(FeedbackChannels)) == 0  # reading wrote nothing


def test_public_page_links_the_web_form(client, app):
    how = _text(client.get(PUBLIC)).split('id="channels-where"')[1].split("</section>")[0]
    with app.test_request_context():
        assert f'href="{url_for("feedback.submit")}"' in how


def test_admin_edit_changes_the_public_page_and_is_audited(client, admin):
    page = client.get(EDIT)
    assert page.status_code == 200 and "02 Võ Văn Tần" in _text(page)
    response = _save(client, _version(page.get_data(as_text=True)))
    assert response.status_code == 302 and response.headers["Location"].endswith(EDIT)

    row = _row()
    assert (row.hotline, row.version, row.updated_by_id) == ("0261 3999 222", 1, admin.id)
    html = _text(client.application.test_client().get(PUBLIC))  # an anonymous visitor
    assert NEW["address"] in html and NEW["email"] in html and "10 ngày làm việc" in html
    assert "02 Võ Văn Tần" not in html.split("<footer")[0]

    (event,) = events("feedback_channels.update")
    assert event.actor_id == admin.id
    assert event.before["hotline"] == "0261 3544 111" and event.after["hotline"] == "0261 3999 222"
    assert event.before["email"] == "pakn@gianghia.daknong.gov.vn" and event.after["email"] == NEW["email"]

    second = _save(client, "1", hotline="0261 3544 111")
    assert second.status_code == 302 and _row().version == 2
    assert [e.after["hotline"] for e in events("feedback_channels.update")] == ["0261 3999 222", "0261 3544 111"]


def test_stale_version_is_refused_with_409_and_the_typed_text_kept(client, admin):
    assert _save(client, "0").status_code == 302  # someone else saved first: now version 1
    response = _save(client, "0", address="Số 1 Đường Mới, phường Nghĩa Đức")
    assert response.status_code == 409
    html = _text(response)
    assert "changed by someone else" in form_alert(html)
    assert "Số 1 Đường Mới, phường Nghĩa Đức" in html  # the editor's text is not lost
    assert _version(response.get_data(as_text=True)) == "1"
    assert _row().address == NEW["address"] and len(events("feedback_channels.update")) == 1

    again = _save(client, "1", address="Số 1 Đường Mới, phường Nghĩa Đức")  # deliberate overwrite after review
    assert again.status_code == 302 and _row().address == "Số 1 Đường Mới, phường Nghĩa Đức"


def test_tampered_version_is_a_conflict_not_a_crash(client, admin):
    assert _save(client, "abc").status_code == 409
    assert _row() is None


def test_invalid_values_are_shown_beside_their_fields(client, admin):
    response = _save(client, "0", email="not-an-address", hotline="gọi ngay", rules="")
    assert response.status_code == 422
    html = response.get_data(as_text=True)
    assert field_error(html, "email") == "Enter a valid e-mail address."
    assert "digits" in field_error(html, "hotline")
    assert field_error(html, "rules") == "Enter what is accepted and what is not."
    assert _row() is None and events("feedback_channels.update") == []


@pytest.mark.parametrize("role", [Role.MANAGER, Role.HANDLER, Role.DESK_OFFICER, Role.UNIT_HEAD])
def test_only_admins_may_edit(client, role):
    assert login(client, make_user(role)).status_code == 302
    assert client.get(EDIT).status_code == 403
    assert _save(client, "0").status_code == 403
    assert _row() is None


def test_anonymous_editor_is_sent_to_login(client):
    response = client.get(EDIT)
    assert response.status_code == 302 and "/auth/login" in response.headers["Location"]
