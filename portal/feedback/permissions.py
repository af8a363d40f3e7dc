"""What the feedback pages ask (core.permissions.can): the transition table, the check services.transition
applies when the step is taken."""
from __future__ import annotations

from portal.feedback import rules
from portal.feedback.vocabulary import Action


def submitter_may_supplement(user, feedback) -> bool:
    """The tracking page (reached with both codes) offers the supplement form while staff wait for one."""
    return feedback is not None and rules.next_status(feedback.status, Action.SUPPLEMENT) is not None


CHECKS = {"feedback.submitter_supplement": submitter_may_supplement}
