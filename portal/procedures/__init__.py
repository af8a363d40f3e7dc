from flask import Blueprint

bp = Blueprint("procedures", __name__, url_prefix="/thu-tuc")
staff_bp = Blueprint("procedures_staff", __name__, url_prefix="/staff/procedures")

from portal.procedures import views  # noqa: E402,F401
