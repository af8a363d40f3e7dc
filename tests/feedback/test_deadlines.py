"""PAKN deadlines as the law sets them (DOMAIN.md §5), pure rules, no database.

- NĐ 20/2008/NĐ-CP Điều 9 k1 d: a PAKN outside the receiving body's competence is forwarded to the
  competent body "trong thời hạn không quá 05 ngày làm việc, kể từ ngày tiếp nhận" — the decree's one
  deadline (statutory), in force from 03/03/2008 (Điều 25: 15 days after publication in the Công báo).
- reject ≤ 2, request supplement ≤ 5, answer ≤ 15, publish ≤ 2 working days: the practice of the
  national and provincial systems, a dated schedule settable per province (e.g. Ninh Bình QĐ 163/2025
  Điều 19: answer PAKN about procedures in 10 days), chosen by the item's day of receipt.
- Bộ luật Dân sự 2015 Điều 147: the day of receipt is not counted.
"""
from __future__ import annotations

from datetime import date, timedelta

import pytest

from portal.feedback import deadlines
from portal.feedback.vocabulary import FeedbackStatus as S, Step, Subject, Timing
from portal.workdays.rules import WorkCalendar

NATIONAL = {"reject": 2, "supplement": 5, "answer": 15, "publish": 2}
NINH_BINH = "QĐ 163/2025/QĐ-UBND tỉnh Ninh Bình, Điều 19"
# A province that answers PAKN about procedures (classified "regulation") in 10 from 1 Jul 2025.
PROVINCE = (
    ("2008-03-03", NATIONAL, ""),
    ("2025-07-01", {**NATIONAL, "answer": {"*": 15, "regulation": 10}}, NINH_BINH),
)


def weekdays_only(start: date, n: int) -> date:
    day = start
    while n > 0:
        day += timedelta(days=1)
        if day.weekday() < 5:
            n -= 1
    return day


# ---------------------------------------------------------------- the statutory deadline (Điều 9 k1 d)

def test_the_decree_sets_forward_within_5_working_days_labelled_with_its_article():
    found = deadlines.deadline(Step.FORWARD, date(2026, 11, 2), deadlines.DEFAULT_DEADLINES)
    assert found == deadlines.Deadline(Step.FORWARD, 5, True, "NĐ 20/2008/NĐ-CP Điều 9 k1 d", date(2008, 3, 3))
    assert found.statutory and "Điều 9 k1 d" in found.basis


def test_the_forward_deadline_is_not_a_province_setting():
    # Same 5 days whatever the practice schedule says; a schedule row cannot carry it.
    assert deadlines.deadline(Step.FORWARD, date(2026, 11, 2), PROVINCE).days == 5
    with pytest.raises(ValueError, match="statutory"):
        deadlines.check_schedule((("2008-03-03", {**NATIONAL, "forward": 3}),))


@pytest.mark.parametrize("received, has_deadline", [
    (date(2008, 3, 2), False),  # the day before NĐ 20/2008 was in force: no deadline at all
    (date(2008, 3, 3), True),  # the day it came into force (Điều 25)
    (date(1999, 1, 4), False),
])
def test_nothing_before_the_decree_came_into_force(received, has_deadline):
    found = deadlines.deadlines(received, deadlines.DEFAULT_DEADLINES)
    if has_deadline:
        assert set(found) == {Step.FORWARD, Step.REJECT, Step.SUPPLEMENT, Step.ANSWER, Step.PUBLISH}
        assert found[Step.FORWARD].statutory
    else:
        assert found == {}
        assert deadlines.deadline(Step.FORWARD, received, deadlines.DEFAULT_DEADLINES) is None
        assert deadlines.due_on(Step.ANSWER, received, deadlines.DEFAULT_DEADLINES, weekdays_only) is None


def test_no_practice_row_may_start_before_the_decree():
    with pytest.raises(ValueError, match="before NĐ 20/2008"):
        deadlines.check_schedule((("2008-03-02", NATIONAL),))
    deadlines.check_schedule((("2008-03-03", NATIONAL),))  # the decree's first day is fine
    deadlines.check_schedule(deadlines.DEFAULT_DEADLINES)
    deadlines.check_schedule(PROVINCE)


@pytest.mark.parametrize("row", [
    ("2020-01-01", {**NATIONAL, "answer": -1}),
    ("2020-01-01", {**NATIONAL, "answer": "15"}),
    ("2020-01-01", {**NATIONAL, "answer": {"regulation": 10}}),  # a per-kind value needs its "*" default
    ("2020-01-01", {**NATIONAL, "decide": 3}),
])
def test_bad_schedule_rows_are_refused(row):
    with pytest.raises(ValueError):
        deadlines.check_schedule((("2008-03-03", NATIONAL), row))


# ---------------------------------------------------------------- practice deadlines

def test_practice_deadlines_are_labelled_practice_not_the_decree():
    found = deadlines.deadlines(date(2026, 11, 2), deadlines.DEFAULT_DEADLINES)
    assert {s: d.days for s, d in found.items()} == {
        Step.FORWARD: 5, Step.REJECT: 2, Step.SUPPLEMENT: 5, Step.ANSWER: 15, Step.PUBLISH: 2}
    assert [s for s, d in found.items() if d.statutory] == [Step.FORWARD]
    assert all(d.basis == "" and d.since == date(2008, 3, 3) for s, d in found.items() if not d.statutory)


@pytest.mark.parametrize("received, subject, days, basis", [
    (date(2025, 6, 30), Subject.REGULATION, 15, ""),  # the day before the provincial row: national practice
    (date(2025, 7, 1), Subject.REGULATION, 10, NINH_BINH),  # the day of the change: 10 for procedures
    (date(2025, 7, 1), Subject.BEHAVIOUR, 15, NINH_BINH),  # the override is per kind
    (date(2025, 7, 1), None, 15, NINH_BINH),  # not yet classified: the "*" default
    (date(2027, 1, 4), Subject.REGULATION, 10, NINH_BINH),
])
def test_a_province_sets_its_own_answer_deadline_from_a_date(received, subject, days, basis):
    found = deadlines.deadline(Step.ANSWER, received, PROVINCE, subject)
    assert (found.days, found.basis, found.statutory) == (days, basis, False)
    assert deadlines.deadline(Step.REJECT, received, PROVINCE, subject).days == 2


def test_the_row_is_chosen_by_the_day_of_receipt_whatever_the_order_of_the_rows():
    shuffled = tuple(reversed(PROVINCE))
    assert deadlines.deadline(Step.ANSWER, date(2025, 6, 30), shuffled, "regulation").days == 15
    assert deadlines.deadline(Step.ANSWER, date(2025, 7, 1), shuffled, "regulation").days == 10
    assert deadlines.deadlines_in_force(shuffled, date(2025, 7, 1))["answer"] == 15  # "*" default


def test_rows_without_a_basis_still_read():
    # Two-element rows (effective date, days) are national practice.
    assert deadlines.deadline(Step.ANSWER, date(2026, 1, 5), (("2008-03-03", NATIONAL),)).basis == ""


# ---------------------------------------------------------------- counting (Bộ luật Dân sự Điều 147)

@pytest.mark.parametrize("step, received, due", [
    (Step.FORWARD, date(2026, 11, 2), date(2026, 11, 9)),  # Monday + 5 working days: next Monday
    (Step.REJECT, date(2026, 11, 2), date(2026, 11, 4)),
    (Step.ANSWER, date(2026, 11, 2), date(2026, 11, 23)),
    (Step.FORWARD, date(2026, 11, 7), date(2026, 11, 13)),  # received on a Saturday: counted from Monday
])
def test_the_day_of_receipt_is_not_counted(step, received, due):
    assert deadlines.due_on(step, received, deadlines.DEFAULT_DEADLINES, weekdays_only) == due


def test_forward_deadline_on_the_national_calendar_skips_the_holidays():
    # Received Tuesday 28 Apr 2026: 30 Apr and 1 May are holidays -> Wed 29, Mon 4, Tue 5, Wed 6, Thu 7 May.
    cal = WorkCalendar.build([2026])
    assert deadlines.due_on(Step.FORWARD, date(2026, 4, 28), deadlines.DEFAULT_DEADLINES, cal.add_working_days) \
        == date(2026, 5, 7)


@pytest.mark.parametrize("today, forwarded, expected", [
    (date(2026, 11, 6), None, Timing.DUE_SOON),  # working day 4, one before the due day
    (date(2026, 11, 9), None, Timing.DUE_SOON),  # working day 5: the last day
    (date(2026, 11, 10), None, Timing.OVERDUE),  # working day 6: overdue
    (date(2026, 11, 10), date(2026, 11, 9), Timing.ON_TIME),  # forwarded on day 5
    (date(2026, 11, 10), date(2026, 11, 10), Timing.LATE),  # forwarded on day 6
])
def test_the_forward_step_is_judged_against_its_statutory_deadline(today, forwarded, expected):
    due = deadlines.due_on(Step.FORWARD, date(2026, 11, 2), deadlines.DEFAULT_DEADLINES, weekdays_only)
    soon = date(2026, 11, 6)
    assert deadlines.timing(due_on=due, today=today, done_on=forwarded, due_soon_from=soon) == expected


@pytest.mark.parametrize("done, today, soon, expected", [
    (date(2026, 11, 20), None, None, Timing.ON_TIME),
    (date(2026, 11, 23), None, None, Timing.ON_TIME),
    (date(2026, 11, 24), None, None, Timing.LATE),
    (None, date(2026, 11, 10), date(2026, 11, 19), Timing.IN_TIME),
    (None, date(2026, 11, 19), date(2026, 11, 19), Timing.DUE_SOON),
    (None, date(2026, 11, 24), date(2026, 11, 19), Timing.OVERDUE),
])
def test_timing(done, today, soon, expected):
    found = deadlines.timing(due_on=date(2026, 11, 23), today=today or done, done_on=done, due_soon_from=soon)
    assert found == expected


# ---------------------------------------------------------------- which deadline applies when

@pytest.mark.parametrize("status, forwarded, applies", [
    (S.NEW, False, True),  # not yet decided: the forward deadline runs
    (S.TRANSFERRED, True, True),  # forwarded: judged against it
    (S.CLOSED, True, True),
    (S.ACCEPTED, False, False),  # accepted for handling here: it no longer applies
    (S.REJECTED, False, False),
])
def test_when_the_forward_deadline_applies(status, forwarded, applies):
    assert deadlines.forward_applies(status, forwarded=forwarded) is applies


@pytest.mark.parametrize("status, kw, step", [
    (S.NEW, {}, Step.REJECT),
    (S.REJECTED, {"rejected": True}, Step.REJECT),
    (S.CLOSED, {"rejected": True}, Step.REJECT),
    (S.ASSIGNED, {}, Step.SUPPLEMENT),
    (S.SUPPLEMENT_REQUESTED, {}, Step.SUPPLEMENT),
    (S.ANSWER_APPROVED, {}, Step.PUBLISH),
    (S.CLOSED, {"published": True}, Step.PUBLISH),
    (S.TRANSFERRED, {"forwarded": True}, None),
    (S.MERGED, {}, None),
    (S.ANSWERED_PRIVATELY, {}, None),
])
def test_which_practice_step_the_stored_deadline_is(status, kw, step):
    args = {"rejected": False, "published": False, "forwarded": False, **kw}
    assert deadlines.practice_step(status, **args) == step
