"""Values every template needs (asset versions, portal name)."""
from __future__ import annotations

import functools
import hashlib
from pathlib import Path

from flask import current_app, has_request_context

HTMX_FILE = "vendor/htmx-2.0.11.min.js"


def template_globals() -> dict:
    cfg = current_app.config
    return {
        "portal_name": cfg["PORTAL_NAME"],
        "town_name": cfg["TOWN_NAME"],
        "committee_name": cfg["COMMITTEE_NAME"],
        "committee_address": cfg["COMMITTEE_ADDRESS"],
        "committee_phone": cfg["COMMITTEE_PHONE"],
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
