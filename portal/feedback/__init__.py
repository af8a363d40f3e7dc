from flask import Blueprint

bp = Blueprint("feedback", __name__, url_prefix="/phan-anh-kien-nghi")  # submit, track, published answers
staff_bp = Blueprint("feedback_staff", __name__, url_prefix="/staff/feedback")  # intake, workflow

from portal.feedback import channels, views  # noqa: E402,F401
