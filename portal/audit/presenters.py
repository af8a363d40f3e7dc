"""The audit log in words: field labels instead of column names, values in the reader's formats."""
from __future__ import annotations

import json
from datetime import date, datetime

from flask_babel import format_date, format_datetime, format_decimal, gettext as _, lazy_gettext as _l

LABELS = {
    "status": _l("Status"), "due_at": _l("Deadline"), "original_due_at": _l("Original due date"),
    "handler_id": _l("Handler"), "unit_id": _l("Unit"), "unit": _l("Unit"), "handling_unit_id": _l("Unit"),
    "code": _l("Code"), "title": _l("Title"), "reason": _l("Reason"), "kind": _l("Kind"), "channel": _l("Channel"),
    "category": _l("Category"), "year": _l("Year"), "answered_at": _l("Answered"), "progress": _l("Progress"),
    "percent": _l("Percent"), "name": _l("Name"), "full_name": _l("Full name"), "email": _l("E-mail"),
    "roles": _l("Roles"), "is_active": _l("Active"), "is_active_account": _l("Active"), "active": _l("Active"), "valid_from": _l("Valid from"),
    "valid_until": _l("Valid until"), "value": _l("Value"), "decision": _l("Decision"), "procedure": _l("Procedure"),
}


def label(key: str) -> str:
    if key in LABELS:
        return str(LABELS[key])
    return key.removesuffix("_id").replace("_", " ").capitalize()


def value_text(value, key: str = "") -> str:
    """Stored values are JSON (core.audit._plain): dates and times as ISO text, times in UTC."""
    if value is None or value == "" or value == []:
        return "—"
    if key.endswith("_id"):
        return f"#{value}"  # a record number, not a quantity: no digit grouping
    if isinstance(value, bool):
        return _("Yes") if value else _("No")
    if isinstance(value, (int, float)):
        return format_decimal(value)
    if isinstance(value, list):
        return ", ".join(value_text(v) for v in value)
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False, sort_keys=True)
    text = str(value)
    if len(text) == 10 and text[4:5] == "-" and text[7:8] == "-":
        try:
            return format_date(date.fromisoformat(text))
        except ValueError:
            return text
    if len(text) >= 16 and text[4:5] == "-" and text[10:11] == "T":
        try:
            moment = datetime.fromisoformat(text)
        except ValueError:
            return text
        return format_datetime(moment)  # naive = UTC (the portal stores UTC); shown in TIMEZONE
    return text


def readable_changes(event) -> list[tuple[str, str, str]]:
    return [(label(key), value_text(old, key), value_text(new, key)) for key, old, new in event.changes]
