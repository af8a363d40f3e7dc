from flask import Blueprint

bp = Blueprint("workdays", __name__, url_prefix="/staff/calendar")

from portal.workdays import views  # noqa: E402,F401
