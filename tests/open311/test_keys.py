"""Administrators' key screen (issue shown once, revoke with CSRF, audit, admins only), the key services,
and the rate limits of the Open311 endpoint."""
from __future__ import annotations

import hashlib
import re

import pytest
from sqlalchemy import func, select

from portal import create_app
from portal.config import TestConfig
from portal.core.access import Role
from portal.core.audit import AuditEvent
from portal.core.clock import utcnow
from portal.core.db import db
from portal.feedback.models import Feedback
from portal.open311 import services
from portal.open311.models import ApiKey
from tests.factories import login, make_unit, make_user
from tests.open311.conftest import BASE, post_fields

KEYS = "/staff/open311/keys"


@pytest.fixture()
def admin(client):
    user = make_user(Role.ADMIN, full_name="Phạm Quốc Huy")
    db.session.commit()
    assert login(client, user).status_code == 302
    return user


def issued_key(html: str) -> str:
    match = re.search(r'id="new-key"[^>]*value="([^"]+)"', html)
    assert match, "the new key is shown"
    return match.group(1)


def test_issuing_shows_the_key_once_stores_only_its_hash_and_audits(client, admin):
    response = client.post(KEYS, data={"name": "Ứng dụng Gia Nghĩa trực tuyến"})
    html = response.get_data(as_text=True)
    assert response.status_code == 200 and response.headers["Cache-Control"] == "no-store"
    plain = issued_key(html)
    row = db.session.scalars(select(ApiKey)).one()
    assert row.key_hash == hashlib.sha256(plain.encode()).hexdigest() and plain.startswith(row.prefix)
    assert row.name == "Ứng dụng Gia Nghĩa trực tuyến" and row.created_by_id == admin.id
    assert plain not in {row.name, row.key_hash, row.prefix}
    again = client.get(KEYS).get_data(as_text=True)
    assert plain not in again and row.prefix in again and "Ứng dụng Gia Nghĩa trực tuyến" in again
    event = db.session.scalars(select(AuditEvent).where(AuditEvent.action == "open311_key.issue")).one()
    assert event.actor_id == admin.id and plain not in (event.after_json or "") + event.summary
    assert services.active_key(plain).id == row.id


def test_a_partner_name_is_required(client, admin):
    response = client.post(KEYS, data={"name": "  "})
    assert response.status_code == 422 and 'id="name-error"' in response.get_data(as_text=True)
    assert db.session.scalar(select(func.count()).select_from(ApiKey)) == 0


def test_revoking_refuses_the_key_at_once_and_audits(client, admin):
    row, plain = services.issue_key("Zalo mini app phường Nghĩa Tân", now=utcnow())
    db.session.commit()
    assert client.post(f"{BASE}/requests.json", data=post_fields(plain)).status_code == 200
    response = client.post(f"{KEYS}/{row.id}/revoke")
    assert response.status_code == 303
    db.session.refresh(row)
    assert row.revoked_at is not None and services.active_key(plain) is None
    assert client.post(f"{BASE}/requests.json", data=post_fields(plain)).status_code == 403
    event = db.session.scalars(select(AuditEvent).where(AuditEvent.action == "open311_key.revoke")).one()
    assert event.actor_id == admin.id and event.before["revoked_at"] is None and event.after["revoked_at"]
    page = client.get(KEYS).get_data(as_text=True)
    assert f"{KEYS}/{row.id}/revoke" not in page  # no second revoke button
    assert client.post(f"{KEYS}/{row.id}/revoke").status_code == 303  # twice: a message, no second row
    assert db.session.scalar(select(func.count()).select_from(AuditEvent)
                             .where(AuditEvent.action == "open311_key.revoke")) == 1


def test_revoking_needs_the_csrf_token(client, admin, app_ctx):
    row, _plain = services.issue_key("Cổng thông tin tỉnh", now=utcnow())
    db.session.commit()
    app_ctx.config["WTF_CSRF_ENABLED"] = True  # CSRF exempts nothing but the Open311 API
    try:
        refused = client.post(f"{KEYS}/{row.id}/revoke")
        page = client.get(KEYS).get_data(as_text=True)
        token = re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)
        accepted = client.post(f"{KEYS}/{row.id}/revoke", data={"csrf_token": token})
    finally:
        app_ctx.config["WTF_CSRF_ENABLED"] = False
    assert refused.status_code == 400 and accepted.status_code == 303
    db.session.refresh(row)
    assert row.revoked_at is not None


@pytest.mark.parametrize("role", [Role.MANAGER, Role.DESK_OFFICER, Role.HANDLER])
def test_only_admins_reach_the_key_screen(client, role):
    row, _plain = services.issue_key("Cổng thông tin tỉnh", now=utcnow())
    user = make_user(role, unit=make_unit())
    db.session.commit()
    login(client, user)
    assert client.get(KEYS).status_code == 403
    assert client.post(KEYS, data={"name": "Ứng dụng lạ"}).status_code == 403
    assert client.post(f"{KEYS}/{row.id}/revoke").status_code == 403
    db.session.refresh(row)
    assert row.revoked_at is None and db.session.scalar(select(func.count()).select_from(ApiKey)) == 1


def test_anonymous_visitors_are_sent_to_sign_in(client):
    response = client.get(KEYS)
    assert response.status_code == 302 and "/auth/login" in response.headers["Location"]


# ---------------------------------------------------------------- rate limits

@pytest.fixture()
def limited(app_ctx):
    apps = []

    def build(**limits):
        limited_app = create_app(TestConfig, SQLALCHEMY_DATABASE_URI=app_ctx.config["SQLALCHEMY_DATABASE_URI"],
                                 RATELIMIT_ENABLED=True, RATELIMIT_STORAGE_URI="memory://", **limits)
        apps.append(limited_app)
        return limited_app.test_client()

    yield build
    for limited_app in apps:
        with limited_app.app_context():
            db.session.remove()
            db.engine.dispose()


def _keys(n):
    plains = [services.issue_key(f"Đối tác {i}", now=utcnow())[1] for i in range(n)]
    db.session.commit()
    return plains


def test_submissions_are_limited_per_key(limited, app_ctx):
    client = limited(OPEN311_KEY_RATE_LIMIT="2 per minute")
    first, second = _keys(2)
    codes = [client.post(f"{BASE}/requests.json", data=post_fields(first)).status_code for _ in range(3)]
    assert codes == [200, 200, 429]
    refused = client.post(f"{BASE}/requests.xml", data=post_fields(first))
    assert refused.status_code == 429 and b"<errors><error><code>429</code>" in refused.data
    assert client.post(f"{BASE}/requests.json", data=post_fields(second)).status_code == 200
    assert db.session.scalar(select(func.count()).select_from(Feedback)) == 3


def test_submissions_are_limited_per_address(limited, app_ctx):
    client = limited(OPEN311_POST_RATE_LIMIT="2 per minute")
    plains = _keys(3)
    codes = [client.post(f"{BASE}/requests.json", data=post_fields(p)).status_code for p in plains]
    assert codes == [200, 200, 429]
    body = client.post(f"{BASE}/requests.json", data=post_fields(plains[2])).get_json()
    assert body[0]["code"] == 429 and body[0]["description"]
    other = client.post(f"{BASE}/requests.json", data=post_fields(plains[2]), environ_base={"REMOTE_ADDR": "203.113.1.9"})
    assert other.status_code == 200


def test_reads_are_limited_per_address(limited):
    client = limited(OPEN311_RATE_LIMIT="2 per minute")
    assert [client.get(f"{BASE}/services.json").status_code for _ in range(3)] == [200, 200, 429]
    assert client.get(f"{BASE}/requests.json").status_code == 429
    assert client.get(f"{BASE}/services.json", environ_base={"REMOTE_ADDR": "203.113.1.9"}).status_code == 200


# ---------------------------------------------------------------- pure helpers

def test_the_title_is_the_first_line_cut_at_a_word():
    assert services._title("\n  Đường ngập nước  \nchi tiết") == "Đường ngập nước"
    long = "Phản ánh " + "rất dài " * 40
    title = services._title(long)
    assert len(title) <= 200 and title.endswith("…") and not title.endswith(" …")
