"""Rating views: the desk tablet and paper-slip entry (staff), the QR/online form and the public figures."""
from __future__ import annotations

from flask import Blueprint

staff_bp = Blueprint("satisfaction", __name__, url_prefix="/staff/rating")
public_bp = Blueprint("satisfaction_public", __name__)


@public_bp.app_context_processor
def _rating_links():
    """For the case page and the public lookup: may this returned case still be rated?"""
    from portal.cases.rules import CaseStatus
    from portal.satisfaction import services

    def ratable(case) -> bool:
        return case is not None and case.status == CaseStatus.RETURNED and not services.is_rated(case.id)

    return {"case_ratable": ratable}


from portal.satisfaction.views import facts, figures, online, paper, tablet  # noqa: E402,F401
