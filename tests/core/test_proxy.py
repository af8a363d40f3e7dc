"""Behind a reverse proxy (TRUSTED_PROXIES): rate limits, the audit log and login throttling see the citizen's
address from X-Forwarded-For only when the proxy is trusted, and then only the hops the proxies added."""
from __future__ import annotations

import pytest
from flask import request
from sqlalchemy import select

from portal import create_app
from portal.config import TestConfig
from portal.core.audit import AuditEvent
from portal.core.db import db
from tests.feedback.data import form_fields

SUBMIT = "/phan-anh-kien-nghi/gui"
NGINX = "10.0.0.2"  # the address every request arrives from when nginx is in front
LAN = "203.0.113.7"
MINH = "198.51.100.9"


@pytest.fixture()
def portal_behind(app_ctx):
    """make(**settings): a portal on the test database with rate limits on (two submissions a minute)."""
    made = []

    def make(**settings):
        fresh = create_app(TestConfig, SQLALCHEMY_DATABASE_URI=app_ctx.config["SQLALCHEMY_DATABASE_URI"],
                           RATELIMIT_ENABLED=True, RATELIMIT_STORAGE_URI="memory://",
                           FEEDBACK_SUBMIT_RATE_LIMIT="2 per minute", LOGIN_RATE_LIMIT="2 per minute", **settings)
        made.append(fresh)
        return fresh.test_client()

    yield make
    for fresh in made:
        with fresh.app_context():
            db.session.remove()
            db.engine.dispose()


def submit(client, forwarded: str | None = None, remote: str = NGINX) -> int:
    headers = {"X-Forwarded-For": forwarded} if forwarded is not None else {}
    return client.post(SUBMIT, data=form_fields(), headers=headers, environ_base={"REMOTE_ADDR": remote}).status_code


def submit_addresses() -> list[str]:
    db.session.rollback()  # rows committed by the other app's requests
    return list(db.session.scalars(select(AuditEvent.ip_address).where(AuditEvent.action == "feedback.submit")
                                   .order_by(AuditEvent.id)))


def test_by_default_no_proxy_is_trusted_and_a_spoofed_forwarded_for_changes_nothing(portal_behind):
    client = portal_behind()
    assert client.application.config["TRUSTED_PROXIES"] == 0
    # One client sending a different made-up X-Forwarded-For each time is still one client.
    assert [submit(client, forwarded) for forwarded in (LAN, MINH, "192.0.2.1")] == [303, 303, 429]
    assert submit(client, remote="10.0.0.3") == 303  # another connecting address has its own bucket
    assert submit_addresses() == [NGINX, NGINX, "10.0.0.3"]


def test_behind_one_proxy_two_citizens_get_their_own_rate_limits_and_audit_addresses(portal_behind):
    client = portal_behind(TRUSTED_PROXIES=1)
    assert [submit(client, LAN) for _ in range(3)] == [303, 303, 429]
    assert submit(client, MINH) == 303  # same nginx, another citizen: not refused for Lan's submissions
    assert submit_addresses() == [LAN, LAN, MINH]


def test_behind_one_proxy_only_the_last_hop_is_believed(portal_behind):
    client = portal_behind(TRUSTED_PROXIES=1)
    # nginx appends the address it saw; whatever the client wrote before it is the client's own claim.
    codes = [submit(client, f"{spoofed}, {LAN}") for spoofed in ("192.0.2.1", "192.0.2.2", MINH)]
    assert codes == [303, 303, 429]
    assert submit_addresses() == [LAN, LAN]
    assert submit(client, f"{LAN}, {MINH}") == 303  # Minh, even when he claims to be Lan
    assert submit_addresses() == [LAN, LAN, MINH]


def test_behind_one_proxy_login_attempts_are_counted_per_citizen(portal_behind):
    client = portal_behind(TRUSTED_PROXIES=1)

    def attempt(forwarded):
        return client.post("/auth/login", data={"email": "ai@do.vn", "password": "sai-mat-khau-1"},
                           headers={"X-Forwarded-For": forwarded}, environ_base={"REMOTE_ADDR": NGINX}).status_code

    assert [attempt(LAN) for _ in range(3)] == [422, 422, 429]
    assert attempt(MINH) == 422


def test_behind_one_proxy_the_scheme_is_forwarded_but_not_the_host(portal_behind):
    client = portal_behind(TRUSTED_PROXIES=1)
    seen = {}

    @client.application.before_request
    def look():
        seen.update(scheme=request.scheme, address=request.remote_addr, host=request.host)

    response = client.get("/auth/login", headers={"X-Forwarded-For": LAN, "X-Forwarded-Proto": "https",
                                                  "X-Forwarded-Host": "evil.example", "Host": "dvc.gianghia.gov.vn"},
                          environ_base={"REMOTE_ADDR": NGINX})
    assert response.status_code == 200
    # nginx sets Host itself; a client's X-Forwarded-Host passing through it is not believed
    assert seen == {"scheme": "https", "address": LAN, "host": "dvc.gianghia.gov.vn"}
