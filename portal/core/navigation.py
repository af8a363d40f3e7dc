"""Values every template needs (asset versions, portal name)."""
from __future__ import annotations

import functools
import hashlib
from pathlib import Path

from flask import current_app, has_request_context

HTMX_FILE = "vendor/htmx-2.0.11.min.js"


# app.extensions key: () -> (committee name, address, phone, place) in office today, handed down by the units'
# organisation profile (portal.units.organisation_views); without it, the configured ones (the place: TOWN_NAME).
ORGANISATION_TODAY = "portal.organisation_today"
# app.extensions key: a list of () -> dict providers whose values the public home page renders (the reform plan's
# targets beside their live figures, portal.plan.public): domains above the site register them, the site calls them.
HOME_SECTIONS = "portal.home_sections"


def _organisation(cfg) -> tuple[str, str, str, str]:
    configured = (cfg["COMMITTEE_NAME"], cfg["COMMITTEE_ADDRESS"], cfg["COMMITTEE_PHONE"], cfg["TOWN_NAME"])
    today = current_app.extensions.get(ORGANISATION_TODAY)
    if today is None or not has_request_context():
        return configured
    from flask import request

    cached = request.environ.get(ORGANISATION_TODAY)  # once per request, however many templates render
    if cached is None:
        try:
            cached = today()
        except Exception:  # noqa: BLE001  an error page must render even when the database does not answer
            current_app.logger.warning("organisation profile unavailable; the configured one is shown")
            cached = configured
        request.environ[ORGANISATION_TODAY] = cached
    return cached


def template_globals() -> dict:
    cfg = current_app.config
    committee_name, committee_address, committee_phone, place = _organisation(cfg)
    return {
        "portal_name": cfg["PORTAL_NAME"],
        # The place the public pages serve: today's profile's (after 1 Jul 2025 "Nam Gia Nghĩa", DOMAIN.md §7a),
        # not the static TOWN_NAME, which only the configured profile (no recorded one) falls back to.
        "town_name": place,
        "committee_name": committee_name,
        "committee_address": committee_address,
        "committee_phone": committee_phone,
        "htmx_file": HTMX_FILE,
        "asset_url": asset_url,
    }


def asset_url(filename: str) -> str:
    """URL of a static file with a content hash, so browsers may cache it for long.

    Kept per app and mount point: every page asks for the same five assets (bench/README.md).
    """
    from flask import request, url_for

    cache = current_app.extensions.setdefault("portal.asset_urls", {})
    key = (request.script_root if has_request_context() else None, filename)
    url = cache.get(key)
    if url is None:
        url = cache[key] = url_for("static", filename=filename, v=_asset_hash(current_app.static_folder, filename))
    return url


@functools.lru_cache(maxsize=128)
def _asset_hash(folder: str, filename: str) -> str:
    path = Path(folder) / filename
    return hashlib.sha256(path.read_bytes()).hexdigest()[:10] if path.exists() else "0"
