"""The public developer page: what the Open311 interface serves, in which formats, what is public, the rate
limits, the jurisdiction and how a partner gets an API key (the administrators issue them at /staff/open311)."""
from __future__ import annotations

from flask import Blueprint, current_app, render_template, url_for

from portal.core.access import public
from portal.core.cache import cached_page
from portal.open311 import catalogue

docs_bp = Blueprint("open311_docs", __name__)


@docs_bp.route("/du-lieu-mo/open311")
@public
@cached_page
def developers():
    cfg = current_app.config
    base = url_for("open311.discovery", fmt="json", _external=True).rsplit("/", 1)[0]
    return render_template("open311/developers.html", base=base, jurisdiction=catalogue.jurisdiction_id(),
                           limits={"read": cfg["OPEN311_RATE_LIMIT"], "post": cfg["OPEN311_POST_RATE_LIMIT"],
                                   "key": cfg["OPEN311_KEY_RATE_LIMIT"], "api": cfg["API_RATE_LIMIT"]},
                           contact=cfg.get("OPEN311_CONTACT") or "")
