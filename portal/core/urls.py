"""Absolute links for messages that leave the site (SMS, e-mail): a relative path in a text message goes nowhere.
PUBLIC_BASE_URL in production (required there, portal/config.py); in development and tests the host of the request
being served, else http://localhost."""
from __future__ import annotations

from flask import current_app, has_request_context, request


def base_url() -> str:
    configured = (current_app.config.get("PUBLIC_BASE_URL") or "").strip()
    if configured:
        return configured.rstrip("/")
    if has_request_context():
        return request.host_url.rstrip("/")
    return "http://localhost"


def absolute_url(path: str) -> str:
    """`path` (starting with /) on the public site."""
    return base_url() + path


def absolute_url_for(endpoint: str, **values) -> str:
    """The absolute link to a view, also outside a request (the morning jobs: warnings, plan reminders)."""
    return absolute_url(current_app.url_map.bind("localhost").build(endpoint, values))
