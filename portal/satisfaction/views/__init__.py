"""Rating views: the desk tablet and paper-slip entry (staff), the QR/online form and the public figures."""
from __future__ import annotations

from flask import Blueprint

staff_bp = Blueprint("satisfaction", __name__, url_prefix="/staff/rating")
public_bp = Blueprint("satisfaction_public", __name__)


from portal.satisfaction.views import facts, figures, online, paper, tablet  # noqa: E402,F401
