"""The translated labels of the feedback vocabulary (deadline steps, rejection reasons): kept apart from
vocabulary.py so the pure rules that use the enums load without Flask-Babel."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l

from portal.feedback.vocabulary import RejectionReason, Step

STEP_LABELS = {
    Step.FORWARD: _l("Forward to the competent body"),
    Step.REJECT: _l("Decide whether to accept (a rejection states its reason)"),
    Step.SUPPLEMENT: _l("Ask the submitter for more information"),
    Step.ANSWER: _l("Answer"),
    Step.PUBLISH: _l("Publish the answer"),
}
# What each deadline counts from (working days; the day it starts is not counted).
STEP_FROM = {
    Step.FORWARD: _l("from receipt"), Step.REJECT: _l("from receipt"), Step.SUPPLEMENT: _l("from receipt"),
    Step.ANSWER: _l("from receipt"), Step.PUBLISH: _l("from the approved answer"),
}
STATUTORY_LABEL = _l("Statutory")
PRACTICE_LABEL = _l("Practice")
# The practice deadlines are not the decree's (DOMAIN.md §5): said wherever one is shown.
PRACTICE_NOTE = _l("of the national and provincial PAKN systems, not NĐ 20/2008/NĐ-CP")

REJECTION_LABELS = {
    RejectionReason.COMPLAINT: _l("A complaint or denunciation (khiếu nại, tố cáo): it must be filed under the "
                                  "Law on Complaints or the Law on Denunciations"),
    RejectionReason.ANONYMOUS: _l("Anonymous, impersonated or without an identifiable submitter"),
    RejectionReason.ALREADY_ANSWERED: _l("The same matter has already been answered"),
    RejectionReason.LEGAL_QUESTION: _l("A question about the law, not a phản ánh or kiến nghị"),
    RejectionReason.NOT_ADMINISTRATIVE: _l("Not about administrative regulations or the conduct of agencies and "
                                           "officials"),
    RejectionReason.OUTSIDE_COMPETENCE: _l("Outside the competence of the town"),
    RejectionReason.UNCLEAR: _l("The content is still unclear after a request for more information"),
    RejectionReason.OFFENSIVE: _l("Insulting or offensive content"),
    RejectionReason.OTHER: _l("Other reason"),
}
