"""Case views, one module per job: desk intake and case pages, printed forms, public pages, statistics."""
from flask import Blueprint

bp = Blueprint("cases", __name__, url_prefix="/staff/cases")  # desk, worklists, case pages, printing, stats
public_bp = Blueprint("cases_public", __name__, url_prefix="/ho-so")  # lookup by code, public statistics

from portal.cases.views import access_code, calendar, desk, intake, legs, lookup, printing, stats, worklist  # noqa: E402,F401
