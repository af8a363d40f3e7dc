"""The audit log page: administrators browse, filter and page through who changed what."""
from __future__ import annotations

import re
from datetime import UTC, datetime
from html import unescape
from zoneinfo import ZoneInfo

import pytest

from portal.core import audit
from portal.core.access import Role
from portal.core.db import db
from tests.factories import login, make_user

HCM = ZoneInfo("Asia/Ho_Chi_Minh")


def _event(action, obj_type, obj_id, actor, at_local: datetime, **kwargs):
    event = audit.record(action, obj_type, obj_id, actor=actor, **kwargs)
    event.occurred_at = at_local.replace(tzinfo=HCM).astimezone(UTC)
    return event


@pytest.fixture()
def admin_client(client):
    admin = make_user(Role.ADMIN, full_name="Trần Minh Tuấn")
    login(client, admin)
    client.set_cookie("lang", "en")
    client.admin = admin
    return client


@pytest.fixture()
def history(admin_client):
    """Five changes by two people over three local days (plus the admin's own sign-in)."""
    admin = admin_client.admin
    manager = make_user(Role.MANAGER, full_name="Lê Thị Hồng Nhung")
    _event("unit.create", "unit", 7, admin, datetime(2026, 3, 2, 9, 0), summary="Phòng Tư pháp",
           after={"name": "Phòng Tư pháp", "code": "000.03.26.H17"})
    _event("unit.update", "unit", 7, manager, datetime(2026, 3, 4, 23, 30), summary="Phòng Tư pháp",
           before={"name": "Phòng Tư pháp"}, after={"name": "Phòng Tư pháp thị xã"})
    # 00:30 on 5 March in Viet Nam is still 4 March in UTC: the day filter must use local days.
    _event("user.update", "staff_user", 3, manager, datetime(2026, 3, 5, 0, 30), summary="mai@gianghia.gov.vn",
           before={"is_active_account": True}, after={"is_active_account": False})
    _event("user.create", "staff_user", 4, admin, datetime(2026, 3, 5, 16, 0), summary="nam@gianghia.gov.vn")
    _event("user.reset_password", "staff_user", 4, admin, datetime(2026, 3, 6, 8, 0), summary="nam@gianghia.gov.vn")
    db.session.commit()
    return admin_client


def _actions(html: str) -> list[str]:
    return re.findall(r'<td class="mono">([^<]+)</td>', html)


def _page(client, **params):
    response = client.get("/staff/audit/", query_string=params)
    assert response.status_code == 200
    return response.get_data(as_text=True)


def test_admin_sees_events_newest_first_with_their_changes(history):
    html = _page(history)
    assert _actions(html) == ["auth.login", "user.reset_password", "user.create", "user.update", "unit.update",
                              "unit.create"]
    assert "6 events" in html
    assert "Lê Thị Hồng Nhung" in html and "Trần Minh Tuấn" in html
    assert "<del>Phòng Tư pháp</del> → <ins>Phòng Tư pháp thị xã</ins>" in html
    assert "Active: <del>Yes</del> → <ins>No</ins>" in html  # a field label, not the column name
    assert "Name: <del>Phòng Tư pháp</del>" in html
    assert "staff_user #3" in html


def test_filter_by_actor(history):
    html = _page(history, actor="hồng nhung")
    assert _actions(html) == ["user.update", "unit.update"]
    assert 'value="hồng nhung"' in unescape(html)  # the filter stays filled in


def test_filter_by_action_prefix(history):
    assert _actions(_page(history, action="user.")) == ["user.reset_password", "user.create", "user.update"]
    assert _actions(_page(history, action="unit.update")) == ["unit.update"]


def test_filter_by_object_type(history):
    html = _page(history, object_type="unit")
    assert _actions(html) == ["unit.update", "unit.create"]
    options = re.findall(r'<option value="([^"]+)"', html)
    assert options == ["staff_user", "unit"]
    assert '<option value="unit" selected>' in html


def test_filter_by_local_date_range(history):
    assert _actions(_page(history, start="2026-03-05", end="2026-03-05")) == ["user.create", "user.update"]
    assert _actions(_page(history, start="2026-03-02", end="2026-03-04")) == ["unit.update", "unit.create"]
    assert _actions(_page(history, end="2026-03-02")) == ["unit.create"]
    assert _actions(_page(history, start="2026-03-06", end="2026-03-06")) == ["user.reset_password"]


def test_filters_combine(history):
    assert _actions(_page(history, actor="Trần", object_type="staff_user", start="2026-03-05")) == [
        "auth.login", "user.reset_password", "user.create"]


def test_bad_dates_are_ignored_and_no_match_is_said(history):
    assert len(_actions(_page(history, start="05/03/2026", end="yesterday"))) == 6
    html = _page(history, action="case.")
    assert _actions(html) == []
    assert "No event matches these filters." in html


def test_pages_keep_the_filters(history, monkeypatch):
    monkeypatch.setitem(history.application.config, "PAGE_SIZE", 2)
    first = _page(history, action="u")
    assert _actions(first) == ["user.reset_password", "user.create"]
    assert "Page 1 of 3" in first
    next_link = unescape(re.search(r'<a rel="next" href="([^"]+)"', first).group(1))
    assert "action=u" in next_link and "page=2" in next_link
    second = history.get(next_link).get_data(as_text=True)
    assert _actions(second) == ["user.update", "unit.update"]
    assert '<a rel="prev"' in second
    third = _page(history, action="u", page=3)
    assert _actions(third) == ["unit.create"]
    assert '<a rel="next"' not in third


def test_page_past_the_end_is_empty_not_an_error(history):
    assert _actions(_page(history, page=99)) == []
    assert _actions(_page(history, page="abc")) != []


def test_htmx_filter_returns_only_the_partial(history):
    response = history.get("/staff/audit/", query_string={"object_type": "unit"}, headers={"HX-Request": "true"})
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    assert "<html" not in html and "<form" not in html
    assert _actions(html) == ["unit.update", "unit.create"]
    assert "HX-Request" in response.vary


def test_the_page_and_the_fragment_render_the_same_partial(history):
    page = _page(history, actor="Nhung")
    fragment = history.get("/staff/audit/", query_string={"actor": "Nhung"},
                           headers={"HX-Request": "true"}).get_data(as_text=True)
    inner = re.search(r'<div id="events">(.*)</div>\s*</main>', page, re.S).group(1)
    assert inner.strip() == fragment.strip()


def test_times_are_shown_in_local_time(history):
    history.set_cookie("lang", "vi")
    html = _page(history, action="user.update")
    when = re.search(r'<td class="nowrap">([^<]+)</td>', html).group(1)
    assert when.startswith("00:30") and "05/03/2026" in when  # 17:30 UTC on 4 March is 00:30 on 5 March in Viet Nam
    assert "17:30" not in when


def test_changes_show_labels_and_local_times(admin_client):
    """A deadline stored in UTC reads in Viet Nam's time; a column name becomes its label (issue 16.7)."""
    _event("case.extend", "case", 9, admin_client.admin, datetime(2026, 3, 2, 9, 0),
           before={"due_at": "2026-03-10T09:00:00+00:00", "handler_id": 5, "valid_from": "2026-03-01", "percent": 1234.5},
           after={"due_at": "2026-03-12T09:00:00+00:00", "handler_id": 1234, "valid_from": "2026-04-01", "percent": 7})
    db.session.commit()
    html = unescape(_page(admin_client))
    assert "Deadline: <del>Mar 10, 2026, 4:00" in html and "→ <ins>Mar 12, 2026, 4:00" in html, html
    assert "Handler: <del>#5</del> → <ins>#1234</ins>" in html
    assert "Valid from: <del>Mar 1, 2026</del>" in html
    assert "Percent: <del>1,234.5</del> → <ins>7</ins>" in html  # English number format
    assert "due_at" not in html
