"""Procedure views: the public catalogue, the staff editor and the spreadsheet import/export."""
from flask import Blueprint

bp = Blueprint("procedures", __name__, url_prefix="/thu-tuc")
staff_bp = Blueprint("procedures_staff", __name__, url_prefix="/staff/procedures")

from portal.procedures.views import io, public, staff  # noqa: E402,F401
