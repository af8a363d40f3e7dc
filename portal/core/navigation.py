"""Values every template needs (asset versions, portal name)."""
from __future__ import annotations

import functools
import hashlib
from pathlib import Path

from flask import current_app

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
    """URL of a static file with a content hash, so browsers may cache it for long."""
    from flask import url_for

    return url_for("static", filename=filename, v=_asset_hash(current_app.static_folder, filename))


@functools.lru_cache(maxsize=128)
def _asset_hash(folder: str, filename: str) -> str:
    path = Path(folder) / filename
    return hashlib.sha256(path.read_bytes()).hexdigest()[:10] if path.exists() else "0"
