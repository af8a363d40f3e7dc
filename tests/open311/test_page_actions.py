"""The key screen asks can() before it offers "Revoke": an active key, to an administrator (the endpoint's
rule); a revoked key offers nothing, and services.revoke_key refuses a second revocation."""
from __future__ import annotations

import pytest

from portal.core.access import Role
from portal.core.db import db
from portal.core.errors import DomainError
from portal.open311 import services
from tests.conftest import FIXED_NOW
from tests.factories import login, make_user


def test_revoke_is_offered_for_an_active_key_only(client, app_ctx, fixed_clock):
    active, _plain = services.issue_key("Ứng dụng Gia Nghĩa trực tuyến", now=FIXED_NOW)
    revoked, _plain = services.issue_key("Zalo OA thị xã", now=FIXED_NOW)
    services.revoke_key(revoked, now=FIXED_NOW)
    db.session.commit()
    login(client, make_user(Role.ADMIN))
    html = client.get("/staff/open311/keys").get_data(as_text=True)
    assert f"/staff/open311/keys/{active.id}/revoke" in html
    assert f"/staff/open311/keys/{revoked.id}/revoke" not in html and "Zalo OA thị xã" in html
    with pytest.raises(DomainError):
        services.revoke_key(revoked, now=FIXED_NOW)
