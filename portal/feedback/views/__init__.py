"""Feedback views: the public pages (submit, track, published answers), the staff workflow and statistics;
the intake-channel pages live in portal/feedback/channels.py."""
from flask import Blueprint

bp = Blueprint("feedback", __name__, url_prefix="/phan-anh-kien-nghi")  # submit, track, published answers
staff_bp = Blueprint("feedback_staff", __name__, url_prefix="/staff/feedback")  # intake, workflow

from portal.feedback import channels  # noqa: E402,F401  (intake-channel pages)
from portal.feedback.views import public, staff, stats  # noqa: E402,F401
