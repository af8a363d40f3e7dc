"""Interface labels of the survey enums (translatable)."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l

from portal.surveys.rules import Aspect, CampaignStatus, ConditionOp, Factor, QuestionType

STATUS_LABELS = {CampaignStatus.DRAFT: _l("Draft"), CampaignStatus.OPEN: _l("Open"),
                 CampaignStatus.CLOSED: _l("Closed")}
STATUS_BADGES = {CampaignStatus.DRAFT: "badge-muted", CampaignStatus.OPEN: "badge-ok", CampaignStatus.CLOSED: "badge-warn"}
FACTOR_LABELS = {
    Factor.ACCESS: _l("Access to the service"),
    Factor.PROCEDURE: _l("The administrative procedure"),
    Factor.CIVIL_SERVANTS: _l("The civil servants"),
    Factor.RESULT: _l("The result"),
    Factor.FEEDBACK_HANDLING: _l("Handling of comments and feedback"),
}
ASPECT_LABELS = {Aspect.ASSESSMENT: _l("Assessment"), Aspect.SATISFACTION: _l("Satisfaction"),
                 Aspect.EXPECTATION: _l("Expectation")}
TYPE_LABELS = {QuestionType.SINGLE: _l("Single choice"), QuestionType.MULTIPLE: _l("Multiple choice"),
               QuestionType.SCALE5: _l("Scale of 1 to 5"), QuestionType.NUMBER: _l("Number"),
               QuestionType.TEXT: _l("Free text")}
OP_LABELS = {ConditionOp.EQUALS: _l("is"), ConditionOp.INCLUDES: _l("includes")}
SATISFACTION_SCALE = {"1": _l("Very dissatisfied"), "2": _l("Dissatisfied"), "3": _l("Neutral"),
                      "4": _l("Satisfied"), "5": _l("Very satisfied")}
ASSESSMENT_SCALE = {"1": _l("Very poor"), "2": _l("Poor"), "3": _l("Fair"), "4": _l("Good"), "5": _l("Very good")}
ANSWER_ERRORS = {
    "required": _l("Please answer this question."),
    "invalid_choice": _l("Please choose one of the options shown."),
    "invalid_number": _l("Please enter a number, for example 2 or 1,5."),
    "too_long": _l("Please shorten your answer to 2,000 characters."),
}
CONDITION_ERRORS = {
    "malformed": _l("The condition is incomplete."),
    "not_earlier": _l("A condition can only refer to an earlier question."),
    "no_value": _l("Enter the answer the condition looks for."),
    "text_source": _l("A condition cannot refer to a free-text question."),
    "includes_needs_multiple": _l("“includes” works only with a multiple-choice question."),
    "unknown_value": _l("The value is not one of that question's answers."),
}


def scale_labels(aspect) -> dict:
    return ASSESSMENT_SCALE if aspect == Aspect.ASSESSMENT else SATISFACTION_SCALE
