"""Staff pages of the reform plan. structure: plans, import/export, copy; tracking: progress and indicator
reports by lead units; dashboard: plan dashboard, manager overview and the quarterly/annual report."""
from flask import Blueprint

bp = Blueprint("plan", __name__, url_prefix="/staff/plan")


def _register_home_section(state) -> None:
    from portal.core.navigation import HOME_SECTIONS
    from portal.plan.public import home_targets

    state.app.extensions.setdefault(HOME_SECTIONS, []).append(home_targets)


bp.record_once(_register_home_section)  # the home page shows the plan's targets (portal.plan.public)

from portal.plan.views import dashboard, structure, tracking  # noqa: E402,F401
