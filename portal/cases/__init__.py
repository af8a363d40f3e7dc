from flask import Blueprint

bp = Blueprint("cases", __name__, url_prefix="/staff/cases")  # desk, worklists, case pages, printing, stats
public_bp = Blueprint("cases_public", __name__, url_prefix="/ho-so")  # lookup by code, public statistics

from portal.cases import views  # noqa: E402,F401
