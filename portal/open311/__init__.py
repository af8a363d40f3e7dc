"""Open311 GeoReport v2 (wiki.open311.org/GeoReport_v2) for phản ánh, kiến nghị: partner apps list the
services (the content categories of NĐ 20/2008 Điều 5), submit feedback with an API key issued by an
administrator, and read the public state of feedback, never the submitter's personal data."""
from flask import Blueprint

from portal.extensions import csrf

bp = Blueprint("open311", __name__, url_prefix="/open311/v2")  # the API: @public, CSRF-exempt, keyed POST
staff_bp = Blueprint("open311_staff", __name__, url_prefix="/staff/open311")  # administrators' key screen

csrf.exempt(bp)  # machine clients send no session or token; POST is authorised by the API key instead

from portal.open311 import staff, views  # noqa: E402,F401
