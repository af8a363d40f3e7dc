from flask import Blueprint

bp = Blueprint("auth", __name__, url_prefix="/auth")
staff_bp = Blueprint("users", __name__, url_prefix="/staff/users")

from portal.auth import views  # noqa: E402,F401
