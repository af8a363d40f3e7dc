"""Pure rules of phản ánh, kiến nghị: transitions, codes, satisfaction."""
from __future__ import annotations

from datetime import date

import pytest

from portal.feedback import rules
from portal.feedback.vocabulary import Action, FeedbackStatus as S, Satisfaction


@pytest.mark.parametrize("current, action, expected", [
    (S.NEW, Action.ACCEPT, S.ACCEPTED),
    (S.NEW, Action.REJECT, S.REJECTED),
    (S.NEW, Action.TRANSFER, S.TRANSFERRED),
    (S.ACCEPTED, Action.ASSIGN, S.ASSIGNED),
    (S.ASSIGNED, Action.REQUEST_SUPPLEMENT, S.SUPPLEMENT_REQUESTED),
    (S.SUPPLEMENT_REQUESTED, Action.SUPPLEMENT, S.SUPPLEMENTED),
    (S.SUPPLEMENTED, Action.DRAFT_ANSWER, S.ANSWER_DRAFTED),
    (S.ANSWER_DRAFTED, Action.RETURN_DRAFT, S.ASSIGNED),
    (S.ANSWER_DRAFTED, Action.APPROVE_ANSWER, S.ANSWER_APPROVED),
    (S.ANSWER_APPROVED, Action.PUBLISH, S.PUBLISHED),
    (S.ANSWER_APPROVED, Action.ANSWER_PRIVATELY, S.ANSWERED_PRIVATELY),
    (S.PUBLISHED, Action.CLOSE, S.CLOSED),
])
def test_allowed_transitions(current, action, expected):
    assert rules.next_status(current, action) == expected


@pytest.mark.parametrize("current, action", [
    (S.NEW, Action.PUBLISH),  # nothing is published before an approved answer
    (S.ASSIGNED, Action.APPROVE_ANSWER),  # approve needs a draft
    (S.ANSWER_DRAFTED, Action.PUBLISH),  # publish needs the unit head's approval
    (S.REJECTED, Action.ACCEPT),
    (S.CLOSED, Action.CLOSE),
    (S.SUPPLEMENT_REQUESTED, Action.DRAFT_ANSWER),
])
def test_refused_transitions(current, action):
    assert rules.next_status(current, action) is None


def test_every_status_but_closed_and_merged_has_a_way_forward():
    stuck = [s for s in S if not rules.allowed_actions(s)]
    assert stuck == [S.CLOSED, S.MERGED]  # both terminal


# The deadlines (statutory / practice, effective dates, per-kind override, timing) are in test_deadlines.py.


def test_tracking_code_format():
    assert rules.tracking_code(date(2026, 11, 5), 123) == "PA-2611-000123"
    assert rules.is_tracking_code(" pa-2611–000123 ")
    assert not rules.is_tracking_code("PA-2611-123")
    with pytest.raises(ValueError):
        rules.tracking_code(date(2026, 11, 5), 0)


def test_satisfaction_once_after_publication():
    assert rules.can_mark_satisfaction(published=True, current=None)
    assert not rules.can_mark_satisfaction(published=False, current=None)
    assert not rules.can_mark_satisfaction(published=True, current=Satisfaction.SATISFIED)
