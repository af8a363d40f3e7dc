"""Survey views: public answering with a code; managers' campaigns, questions and results."""
from flask import Blueprint

bp = Blueprint("surveys", __name__, url_prefix="/khao-sat")  # public: open campaigns, answering with a code
staff_bp = Blueprint("surveys_staff", __name__, url_prefix="/staff/surveys")  # managers

from portal.surveys.views import public, staff, staff_questions, staff_results  # noqa: E402,F401
