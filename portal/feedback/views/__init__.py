"""Feedback views: the public pages (submit, track, published answers), the staff workflow and statistics;
the intake-channel pages in views/channels.py."""
from flask import Blueprint

bp = Blueprint("feedback", __name__, url_prefix="/phan-anh-kien-nghi")  # submit, track, published answers
staff_bp = Blueprint("feedback_staff", __name__, url_prefix="/staff/feedback")  # intake, workflow

from portal.feedback.views import channels, public, staff, stats, topics  # noqa: E402,F401
