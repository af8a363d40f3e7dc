from flask import Blueprint

bp = Blueprint("units", __name__, url_prefix="/staff/units")

from portal.units import views  # noqa: E402,F401
