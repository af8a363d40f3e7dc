"""Periodic anonymous satisfaction surveys (SIPAS style, DOMAIN.md §6 item 2)."""
from flask import Blueprint

bp = Blueprint("surveys", __name__, url_prefix="/khao-sat")  # public: open campaigns, answering with a code
staff_bp = Blueprint("surveys_staff", __name__, url_prefix="/staff/surveys")  # managers

from portal.surveys.views import public, staff  # noqa: E402,F401
