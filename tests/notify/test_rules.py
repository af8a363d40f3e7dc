"""The retry schedule and the claim lease: pure rules, no app."""
from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from portal.notify import rules
from portal.notify.rules import OutboxStatus

NOW = datetime(2027, 3, 1, 2, 0, tzinfo=UTC)


@pytest.mark.parametrize("attempts, status, wait", [
    (1, OutboxStatus.FAILED, timedelta(minutes=1)),
    (2, OutboxStatus.FAILED, timedelta(minutes=5)),
    (3, OutboxStatus.FAILED, timedelta(minutes=15)),
    (4, OutboxStatus.FAILED, timedelta(hours=1)),
    (5, OutboxStatus.FAILED, timedelta(hours=4)),
    (6, OutboxStatus.FAILED, timedelta(hours=12)),
    (7, OutboxStatus.DEAD, timedelta(0)),
    (9, OutboxStatus.DEAD, timedelta(0)),
])
def test_back_off_schedule(attempts, status, wait):
    outcome = rules.after_failure(attempts, NOW)
    assert (outcome.status, outcome.next_attempt_at - NOW) == (status, wait)


def test_a_permanent_refusal_is_not_retried():
    assert rules.after_failure(1, NOW, permanent=True).status == OutboxStatus.DEAD


def test_attempts_count_the_failed_try():
    with pytest.raises(ValueError):
        rules.after_failure(0, NOW)


def test_the_whole_schedule_spans_most_of_a_day():
    assert rules.MAX_ATTEMPTS == 7
    assert sum(rules.RETRY_DELAYS, timedelta()) == timedelta(hours=17, minutes=21)


def test_a_claim_hides_the_message_for_the_lease():
    until = rules.claimed_until(NOW)
    assert until - NOW == rules.CLAIM_LEASE > timedelta(seconds=30)  # longer than the SMTP timeout
    assert not rules.is_due(OutboxStatus.PENDING, until, NOW + timedelta(minutes=9))
    assert rules.is_due(OutboxStatus.FAILED, until, until)
    assert not rules.is_due(OutboxStatus.SENT, NOW, until)
    assert not rules.is_due(OutboxStatus.DEAD, NOW, until)


@pytest.mark.parametrize("phone, ok", [("0912345678", True), ("0358123456", True), ("02613544111", False),
                                       ("", False), ("091234567", False)])
def test_sms_goes_to_mobile_numbers_only(phone, ok):
    assert rules.can_receive_sms(phone) is ok
