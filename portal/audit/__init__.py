from flask import Blueprint

bp = Blueprint("audit", __name__, url_prefix="/staff/audit")

from portal.audit import views  # noqa: E402,F401
