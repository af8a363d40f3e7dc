"""The closed lists of values of phản ánh, kiến nghị: kinds, categories, subjects, submitters, channels,
satisfaction, statuses, workflow actions, deadline steps, timings and rejection reasons (their legal
basis; the translated labels are in labels.py). The columns of models.py store them, the forms offer them, and the pure rules
in rules.py (the transition table, who may act) and deadlines.py decide with them. No clock, no database.
"""
from __future__ import annotations

from enum import StrEnum


class FeedbackKind(StrEnum):
    REFLECTION = "phan_anh"  # phản ánh
    PROPOSAL = "kien_nghi"  # kiến nghị: a phản ánh with a proposed solution, or an initiative


class Category(StrEnum):
    """Content categories of NĐ 20/2008 Điều 5."""
    OBSTRUCTION = "obstruction"  # delay, harassment, non- or wrong implementation by agencies or officials
    UNSUITABLE = "unsuitable"  # regulation unsuitable to reality
    INCONSISTENT = "inconsistent"  # inconsistent regulations
    ILLEGAL = "illegal"  # illegal regulation
    TREATY_CONFLICT = "treaty_conflict"  # conflict with treaties
    OTHER = "other"
    SOLUTION = "solution"  # proposed solution
    INITIATIVE = "initiative"  # initiative for a new regulation


class Subject(StrEnum):
    """Statistics split PAKN about regulations/procedures from PAKN about official behaviour."""
    REGULATION = "regulation"
    BEHAVIOUR = "behaviour"


class SubmitterKind(StrEnum):
    INDIVIDUAL = "individual"
    ORGANISATION = "organisation"


class Channel(StrEnum):
    WEB = "web"
    LETTER = "letter"
    PHONE = "phone"
    EMAIL = "email"
    SURVEY = "survey"


class Satisfaction(StrEnum):
    SATISFIED = "satisfied"
    NOT_SATISFIED = "not_satisfied"


class FeedbackStatus(StrEnum):
    NEW = "new"
    ACCEPTED = "accepted"
    REJECTED = "rejected"
    TRANSFERRED = "transferred"
    ASSIGNED = "assigned"
    SUPPLEMENT_REQUESTED = "supplement_requested"
    SUPPLEMENTED = "supplemented"
    ANSWER_DRAFTED = "answer_drafted"
    ANSWER_APPROVED = "answer_approved"
    PUBLISHED = "published"
    ANSWERED_PRIVATELY = "answered_privately"
    CLOSED = "closed"
    MERGED = "merged"  # terminal: handled as part of another feedback (merged_into_id)


class Action(StrEnum):
    ACCEPT = "accept"
    REJECT = "reject"
    TRANSFER = "transfer"
    ASSIGN = "assign"
    REQUEST_SUPPLEMENT = "request_supplement"
    SUPPLEMENT = "supplement"
    DRAFT_ANSWER = "draft_answer"
    APPROVE_ANSWER = "approve_answer"
    RETURN_DRAFT = "return_draft"
    PUBLISH = "publish"
    ANSWER_PRIVATELY = "answer_privately"
    CLOSE = "close"
    MERGE = "merge"


# ---------------------------------------------------------------- deadlines (DOMAIN.md §5, working days)

class Step(StrEnum):
    FORWARD = "forward"  # send to the competent body
    REJECT = "reject"  # refuse with a reason
    SUPPLEMENT = "supplement"  # ask the submitter for more
    ANSWER = "answer"  # answer from receipt
    PUBLISH = "publish"  # publish the approved answer


class Timing(StrEnum):
    ON_TIME = "on_time"
    LATE = "late"
    IN_TIME = "in_time"
    DUE_SOON = "due_soon"
    OVERDUE = "overdue"


# ---------------------------------------------------------------- rejection (DOMAIN.md §5)

class RejectionReason(StrEnum):
    """Standard reasons for not accepting a feedback. NĐ 20/2008/NĐ-CP as amended (DOMAIN.md §5) names the
    first four (and the requirement of a clear content); the others are the town's practice.
    The note is required with OTHER only: every other reason is a complete statement by itself."""
    COMPLAINT = "complaint"  # khiếu nại, tố cáo: the Luật Khiếu nại / Luật Tố cáo apply (NĐ 20/2008)
    ANONYMOUS = "anonymous"  # anonymous, impersonated or unidentifiable submitter (NĐ 20/2008)
    ALREADY_ANSWERED = "already_answered"  # the same matter was already answered (NĐ 20/2008)
    LEGAL_QUESTION = "legal_question"  # a question about the law, not a PAKN (NĐ 20/2008)
    NOT_ADMINISTRATIVE = "not_administrative"  # not about administrative regulations or official conduct
    OUTSIDE_COMPETENCE = "outside_competence"  # belongs to a body outside the town
    UNCLEAR = "unclear"  # still unclear after a request for supplements
    OFFENSIVE = "offensive"  # insulting or offensive content
    OTHER = "other"  # explained in the note


# Reasons that NĐ 20/2008/NĐ-CP (as amended) itself lists as "not accepted" (DOMAIN.md §5).
STATUTORY_REJECTIONS = frozenset({RejectionReason.COMPLAINT, RejectionReason.ANONYMOUS,
                                  RejectionReason.ALREADY_ANSWERED, RejectionReason.LEGAL_QUESTION})
REJECTION_DECREE = "NĐ 20/2008/NĐ-CP"
