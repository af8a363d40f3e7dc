"""Home pages, the language switch and the health check."""
from __future__ import annotations

from flask import Blueprint, current_app, redirect, render_template, request, url_for
from flask_login import current_user
from sqlalchemy import text

from portal.auth.services import ROLE_LABELS
from portal.core.access import public, staff_required
from portal.core.cache import cached_page
from portal.core.db import db
from portal.core.forms import safe_next
from portal.core.i18n import LANG_COOKIE
from portal.core.navigation import HOME_SECTIONS
from portal.site.navigation import PUBLIC_LINKS, staff_sections

bp = Blueprint("site", __name__)


@bp.route("/")
@public
@cached_page
def home():
    sections = {}
    for provide in current_app.extensions.get(HOME_SECTIONS, ()):  # e.g. the plan's targets and live figures
        sections.update(provide())
    return render_template("site/home.html", **sections)


@bp.route("/staff/")
@staff_required
def staff_home():
    return render_template("site/staff_home.html", sections=staff_sections(current_user), role_labels=ROLE_LABELS)


@bp.route("/language/<code>")
@public
def set_language(code: str):
    """A plain link, so the switch works without JavaScript; the choice is kept in a cookie."""
    target = safe_next(request.args.get("next"), url_for("site.home"))
    response = redirect(target)
    if code in current_app.config["LANGUAGES"]:
        response.set_cookie(LANG_COOKIE, code, max_age=365 * 24 * 3600, samesite="Lax",
                            secure=current_app.config["SESSION_COOKIE_SECURE"], httponly=True)
    return response


@bp.route("/healthz")
@public
def healthz():
    try:
        db.session.execute(text("SELECT 1"))
    except Exception:  # noqa: BLE001 - any database failure means unhealthy
        current_app.logger.exception("health check failed")
        return {"status": "error", "database": "unreachable"}, 503
    return {"status": "ok", "database": "ok"}


@bp.app_context_processor
def staff_navigation():
    links = list(PUBLIC_LINKS)
    if current_user.is_authenticated:
        return {"staff_nav": staff_sections(current_user), "public_nav": links}
    return {"staff_nav": [], "public_nav": links}
