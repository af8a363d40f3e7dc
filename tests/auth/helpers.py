"""Small readers of rendered pages and audit rows shared by the account tests."""
from __future__ import annotations

import re
from html import unescape

from sqlalchemy import select

from portal.auth.models import StaffUser
from portal.core.audit import AuditEvent
from portal.core.db import db


def field_error(html: str, field_id: str) -> str:
    """The error text shown beside a field, which the field points to with aria-describedby."""
    match = re.search(rf'<p class="error" id="{field_id}-error">(.*?)</p>', html, re.S)
    assert match, f"no error beside {field_id}"
    control = re.search(rf'<(?:input|select|textarea)[^>]*\bid="{field_id}"[^>]*>', html)
    assert control and f"{field_id}-error" in control.group(0), f"{field_id} does not point to its error"
    return unescape(match.group(1)).strip()


def form_alert(html: str) -> str:
    match = re.search(r'<div class="alert alert-error" role="alert">(.*?)</div>', html, re.S)
    assert match, "no form error shown"
    return unescape(re.sub(r"<[^>]+>", "", match.group(1))).strip()


def reload(user: StaffUser) -> StaffUser:
    db.session.expire_all()
    return db.session.get(StaffUser, user.id)


def events(action: str) -> list[AuditEvent]:
    db.session.expire_all()
    return list(db.session.scalars(select(AuditEvent).where(AuditEvent.action == action).order_by(AuditEvent.id)))
