"""How a case's limit is counted and judged, as tables (no app, no database, no clock).

Bộ luật Dân sự 2015 Điều 147 k2–3: the day of receipt is not counted; Điều 148 k1, k5, k6: a limit in
days ends at 24:00 of its last (working) day. Luật Hộ tịch 2014 Điều 5 k3 and NĐ 23/2015 Điều 7: a
same-day civil-status or certification request received after 15:00 is answered the next working day.
NĐ 61/2018 Điều 19 k9: an apology at the latest 1 working day before the due date, once; Điều 21 k2: an
apology for a lost or damaged file. TT 01/2018 Điều 13 chỉ số 1: the case is judged against the time the
law allows, so an apology never makes a late case on time.
"""
from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest

from portal.cases.rules import (
    ApologyKind,
    Lateness,
    Timing,
    check_apology,
    finished_timing,
    lateness,
    open_timing,
    rule_in_force,
)
from portal.workdays.rules import CountingRule, DueSettings, WorkCalendar, next_day_after_15h

VN = ZoneInfo("Asia/Ho_Chi_Minh")
CAL = WorkCalendar.build(range(2026, 2028))


def at(y, m, d, hh, mm, ss=0) -> datetime:
    return datetime(y, m, d, hh, mm, ss, tzinfo=VN)


# --- Civil Code counting (BLDS 2015 Điều 147–148) ----------------------------------------------

@pytest.mark.parametrize(("received", "days", "after_15h", "due"), [
    # Luật Hộ tịch 2014 Điều 5 k3 / NĐ 23/2015 Điều 7: "sau 15 giờ" is strictly after 15:00:00.
    (at(2026, 3, 2, 15, 0, 0), 0, True, at(2026, 3, 2, 17, 0)),  # 15:00:00 exactly: the same day
    (at(2026, 3, 2, 15, 0, 1), 0, True, at(2026, 3, 3, 17, 0)),  # 15:00:01: the next working day
    (at(2026, 3, 6, 15, 30), 0, True, at(2026, 3, 9, 17, 0)),  # Friday after 15:00: Monday
    (at(2026, 3, 2, 16, 30), 0, False, at(2026, 3, 2, 17, 0)),  # no 15:00 rule for this procedure: same day
    (at(2026, 3, 7, 9, 0), 0, True, at(2026, 3, 9, 17, 0)),  # received on a Saturday: the next working day
    # BLDS Điều 147 k2: the day of receipt is not counted, whatever the hour; 16:30 = 08:00 for 10 days.
    (at(2026, 3, 2, 8, 0), 10, False, at(2026, 3, 16, 8, 0)),
    (at(2026, 3, 2, 16, 30), 10, False, at(2026, 3, 16, 16, 30)),
    (at(2026, 3, 2, 16, 30), 10, True, at(2026, 3, 16, 16, 30)),  # the 15:00 rule touches same-day ones only
    (at(2026, 3, 2, 14, 59), 1, False, at(2026, 3, 3, 14, 59)),
    (at(2026, 3, 2, 15, 1), 1, False, at(2026, 3, 3, 15, 1)),  # was Wed 4 Mar under the global cut-off
    # Điều 148 k5: a last day that is a day off moves to the next working day (Tết 2027: 4–10 Feb).
    (at(2027, 1, 29, 16, 0), 5, False, at(2027, 2, 12, 16, 0)),
    (at(2026, 3, 2, 17, 45), 3, False, at(2026, 3, 5, 17, 0)),  # the printed hour stays within office hours
])
def test_civil_code_counting(received, days, after_15h, due):
    promise = CAL.promise(received, days, next_day_after_15h=after_15h)
    assert promise.due_at == due
    assert promise.due_at.tzinfo is VN


def test_sixteen_thirty_and_eight_oclock_give_one_due_day_for_a_ten_day_procedure():
    morning = CAL.promise(at(2026, 3, 2, 8, 0), 10).due_at
    evening = CAL.promise(at(2026, 3, 2, 16, 30), 10).due_at
    assert morning.date() == evening.date() == date(2026, 3, 16)
    assert CAL.working_days_between(date(2026, 3, 2), morning.date()) == 10  # 10 counted days, receipt excluded


def test_counting_starts_the_next_morning_only_under_the_15h_rule():
    after = CAL.promise(at(2026, 3, 2, 15, 0, 1), 0, next_day_after_15h=True)
    assert after.counting_from == at(2026, 3, 3, 7, 30)
    assert CAL.promise(at(2026, 3, 2, 16, 30), 10).counting_from == at(2026, 3, 2, 16, 30)


def test_the_old_global_cutoff_is_kept_as_a_dated_rule_for_receipts_printed_under_it():
    old = CAL.promise(at(2026, 3, 2, 16, 30), 10, rule=CountingRule.GLOBAL_CUTOFF, settings=DueSettings())
    assert old.due_at == at(2026, 3, 17, 7, 30)  # the portal's practice before issue 12
    schedule = (("2018-06-21", "global_cutoff"), ("2027-01-04", "civil_code"))
    assert rule_in_force(schedule, date(2027, 1, 1)) == "global_cutoff"
    assert rule_in_force(schedule, date(2027, 1, 4)) == "civil_code"


@pytest.mark.parametrize(("explicit", "days", "field", "expected"), [
    (None, 0, "HT", True),  # hộ tịch, same day: Luật Hộ tịch 2014 Điều 5 k3
    (None, 0, "CT", True),  # chứng thực, same day: NĐ 23/2015 Điều 7
    (None, 3, "HT", False),  # a limit in days: the Civil Code alone
    (None, 0, "DD", False),  # another field
    (False, 0, "HT", False),  # staff set it on the procedure version
    (True, 0, "XD", True),
])
def test_the_15h_rule_is_a_per_procedure_property_with_the_legal_default(explicit, days, field, expected):
    assert next_day_after_15h(explicit, days, field, ("HT", "CT")) is expected


# --- timing buckets compare days (TT 01/2018 Điều 13 chỉ số 1; BLDS 2015 Điều 148 k6) ------------

DUE = at(2027, 3, 5, 9, 0)  # the legal due printed on the receipt


@pytest.mark.parametrize(("finished", "expected"), [
    (at(2027, 3, 4, 16, 0), Timing.EARLY),
    (at(2027, 3, 5, 8, 0), Timing.ON_TIME),
    (at(2027, 3, 5, 16, 59), Timing.ON_TIME),  # later in the day than the printed hour: still on time
    (at(2027, 3, 5, 23, 59), Timing.ON_TIME),
    (at(2027, 3, 6, 0, 0), Timing.LATE),
    (at(2027, 3, 8, 8, 0), Timing.LATE),
])
def test_finished_timing_compares_days(finished, expected):
    assert finished_timing(finished, DUE) == expected


@pytest.mark.parametrize(("now", "expected"), [
    (at(2027, 3, 3, 9, 0), Timing.IN_TIME),
    (at(2027, 3, 4, 9, 0), Timing.DUE_SOON),
    (at(2027, 3, 5, 16, 59), Timing.DUE_SOON),  # the due day itself is not overdue, whatever the hour
    (at(2027, 3, 6, 0, 1), Timing.OVERDUE),  # overdue from the day after the due day
])
def test_open_timing_is_overdue_only_from_the_day_after(now, expected):
    assert open_timing(now, DUE, due_soon_from=date(2027, 3, 4)) == expected


def test_an_apology_does_not_change_the_timing():
    """The apology moves the return promised now (due_at), not the legal due the case is judged against."""
    new_date = at(2027, 3, 12, 9, 0)
    finished = at(2027, 3, 10, 10, 0)
    assert finished_timing(finished, DUE) == Timing.LATE  # against the legal due: late
    assert finished_timing(finished, new_date) == Timing.EARLY  # what the old code said: "early"
    assert lateness(ApologyKind.IN_TIME) == Lateness.APOLOGISED  # late, with an apology in time


# --- apologies: in time, late, lost file (NĐ 61/2018 Điều 19 k9, Điều 21 k2) --------------------

LATEST = date(2027, 3, 4)  # one working day before the due date of Friday 5 March 2027
NEW_DUE = at(2027, 3, 12, 9, 0)


def apology(today, *, open_=True, finished_late=False, so_far=0, new_due=NEW_DUE, lost_file=False):
    return check_apology(today=today, latest_day=LATEST, apologies_so_far=so_far, new_due=new_due, due_at=DUE,
                         is_open=open_, finished_late=finished_late, lost_file=lost_file)


@pytest.mark.parametrize(("kwargs", "allowed", "reason", "kind"), [
    ({"today": date(2027, 3, 3)}, True, "", ApologyKind.IN_TIME),
    ({"today": LATEST}, True, "", ApologyKind.IN_TIME),  # "chậm nhất 01 ngày trước ngày hết hạn"
    ({"today": date(2027, 3, 5)}, True, "", ApologyKind.LATE),  # on the due day: after the window
    ({"today": date(2027, 3, 9)}, True, "", ApologyKind.LATE),  # open and overdue
    ({"today": date(2027, 3, 10), "open_": False, "finished_late": True, "new_due": None}, True, "",
     ApologyKind.LATE),  # the case already finished late
    ({"today": date(2027, 3, 2), "lost_file": True}, True, "", ApologyKind.LOST_FILE),
    ({"today": date(2027, 3, 3), "so_far": 1}, False, "second_reschedule", None),  # once (Điều 19 k9)
    ({"today": date(2027, 3, 10), "open_": False}, False, "closed", None),  # finished early or on time
    ({"today": date(2027, 3, 3), "new_due": at(2027, 3, 5, 9, 0)}, False, "new_date_not_later", None),
    ({"today": date(2027, 3, 3), "new_due": None}, False, "new_date_not_later", None),
])
def test_apology_classification(kwargs, allowed, reason, kind):
    check = apology(**kwargs)
    assert (check.allowed, check.reason, check.kind) == (allowed, reason, kind)


@pytest.mark.parametrize(("kind", "expected"), [
    (None, Lateness.NO_APOLOGY), (ApologyKind.IN_TIME, Lateness.APOLOGISED), (ApologyKind.LATE, Lateness.LATE_APOLOGY),
    (ApologyKind.LOST_FILE, Lateness.LATE_APOLOGY), ("late", Lateness.LATE_APOLOGY),
])
def test_lateness_of_a_late_case(kind, expected):
    assert lateness(kind) == expected

