"""Staff pages of the reform plan. structure: plans, import/export, copy; tracking: progress and indicator
reports by lead units; dashboard: plan dashboard, manager overview and the quarterly/annual report."""
from flask import Blueprint

bp = Blueprint("plan", __name__, url_prefix="/staff/plan")

from portal.plan.views import dashboard, structure, tracking  # noqa: E402,F401
