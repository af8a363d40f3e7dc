"""QĐ 766's "unhappy" case, which the case statistics (cases.stats) leave out of the case satisfaction figure:
its applicant rated it not satisfied (satisfaction), or a PAKN that counts names it (feedback). It reads three
domains, so it lives above them; the app factory hands it to cases.stats (portal.register_figures), and cases
never imports feedback or satisfaction."""
from __future__ import annotations

from sqlalchemy import or_, select

from portal.cases.models import Case
from portal.feedback.models import Feedback
from portal.feedback.rules import COUNTED_STATUSES
from portal.satisfaction.models import Rating


def unhappy_cases():
    """A boolean SQL expression over Case. Uncorrelated IN subqueries: one hashed set each (PostgreSQL
    "hashed SubPlan", SQLite an ephemeral index), not a lookup per case; feedback.case_code has no index."""
    not_satisfied = Case.id.in_(select(Rating.case_id).where(Rating.satisfied.is_(False)))
    pakn = Case.code.in_(select(Feedback.case_code).where(Feedback.case_code != "",
                                                          Feedback.status.in_(sorted(COUNTED_STATUSES))))
    return or_(not_satisfied, pakn)
