"""The translated labels of the feedback vocabulary (kinds, subjects, the citizen's wording of each status,
deadline steps, rejection reasons): kept apart from vocabulary.py so the pure rules that use the enums load
without Flask-Babel, and apart from the forms so other domains (Open311's service list) can read them."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l

from portal.feedback.vocabulary import Category, FeedbackKind, FeedbackStatus, RejectionReason, Step

KIND_LABELS = {FeedbackKind.REFLECTION: _l("Phản ánh (report a problem)"),
               FeedbackKind.PROPOSAL: _l("Kiến nghị (propose a solution or an initiative)")}
CATEGORY_LABELS = {
    Category.OBSTRUCTION: _l("Delay, harassment, or wrong implementation by an agency or official"),
    Category.UNSUITABLE: _l("A regulation does not suit reality"),
    Category.INCONSISTENT: _l("Regulations contradict each other"),
    Category.ILLEGAL: _l("A regulation is against the law"),
    Category.TREATY_CONFLICT: _l("A regulation conflicts with an international treaty"),
    Category.OTHER: _l("Other matters about regulations"),
    Category.SOLUTION: _l("A proposed solution"),
    Category.INITIATIVE: _l("An initiative for a new regulation"),
}
# The citizen's wording of each status (tracking page, Open311 status_notes).
PUBLIC_STATUS_LABELS = {
    FeedbackStatus.NEW: _l("Received, waiting to be examined"),
    FeedbackStatus.ACCEPTED: _l("Accepted for handling"),
    FeedbackStatus.REJECTED: _l("Not accepted"),
    FeedbackStatus.TRANSFERRED: _l("Transferred to the competent body"),
    FeedbackStatus.ASSIGNED: _l("Being handled"),
    FeedbackStatus.SUPPLEMENT_REQUESTED: _l("Waiting for more information from you"),
    FeedbackStatus.SUPPLEMENTED: _l("Information added, being handled"),
    FeedbackStatus.ANSWER_DRAFTED: _l("Being handled"),
    FeedbackStatus.ANSWER_APPROVED: _l("Answer approved, waiting to be published"),
    FeedbackStatus.PUBLISHED: _l("Answer published"),
    FeedbackStatus.ANSWERED_PRIVATELY: _l("Answered to you directly"),
    FeedbackStatus.CLOSED: _l("Closed"),
    FeedbackStatus.MERGED: _l("Merged with another feedback on the same matter"),
}

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
    RejectionReason.OUTSIDE_COMPETENCE: _l("Outside the competence of the People's Committee that received it"),
    RejectionReason.UNCLEAR: _l("The content is still unclear after a request for more information"),
    RejectionReason.OFFENSIVE: _l("Insulting or offensive content"),
    RejectionReason.OTHER: _l("Other reason"),
}
