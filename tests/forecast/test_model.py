"""The forecast's pure model (portal.forecast.model) on histories whose true pattern is known: it finds the unit
that always needs 3 more working days, and the cases held up by a consultation; a case finished after the
cut-off does not change a model fitted before it (no leakage); working days counted across a holiday and a
make-up Saturday. No app, no database, no clock."""
from __future__ import annotations

from dataclasses import replace
from datetime import date

from portal.forecast import backtest as bt, model as m, records as rec
from portal.workdays.rules import ExceptionKind, WorkCalendar
from tests.forecast.history import WEEKDAYS as W, case, working_days_from

START = date(2027, 1, 4)  # a Monday


def slow_unit_history() -> list[rec.CaseRecord]:
    """Unit 2 always finishes 3 working days after the legal due day; unit 1 one day before it."""
    days = working_days_from(START, 30)
    return ([case(i, 1, d, extra=-1) for i, d in enumerate(days, start=1)]
            + [case(100 + i, 2, d, extra=3) for i, d in enumerate(days, start=1)])


def test_the_model_finds_the_unit_that_always_needs_three_more_days():
    history = slow_unit_history()
    until = date(2027, 3, 1)
    params = m.fit(history, W, until)
    received = date(2027, 3, 1)
    fast, slow = case(900, 1, received, extra=None), case(901, 2, received, extra=None)
    day = W.day(W(fast.due_day) - 2)  # one working day before the last apology day: r = 2 (hand: Wed 3 → Mon 8)
    assert (day, fast.due_day) == (date(2027, 3, 4), date(2027, 3, 8))
    f_fast = m.predict(params, rec.snapshot(fast, day, W))
    f_slow = m.predict(params, rec.snapshot(slow, day, W))
    assert f_slow.p_late == 1.0 and f_fast.p_late == 0.0
    # unit 2's cases still took 2 + 3 = 5 working days from that point: Thu 4 + 5 = Thu 11
    assert W.day(W(day) + f_slow.rem_median) == date(2027, 3, 11)
    assert W.day(W(day) + f_fast.rem_median) == date(2027, 3, 5)
    group = next(r for r in f_slow.reasons if r["key"] == "group")["params"]
    assert group["unit"] == "Phòng Tài nguyên và Môi trường" and group["level"].startswith("procedure_unit")
    assert group["late"] == group["n"] >= m.MIN_N and group["days_left"] == 2 and group["step"] == "in_progress"


def test_an_open_consultation_with_a_slow_unit_makes_the_case_late():
    """Half of unit 1's cases wait for Chi cục Thuế, which answers in 10 working days: those finish late."""
    days = working_days_from(START, 40)
    history = []
    for i, d in enumerate(days, start=1):
        if i % 2:
            history.append(case(i, 1, d, extra=-1))
        else:
            leg = rec.Leg(7, "Chi cục Thuế khu vực", d, W.day(W(d) + 10))
            history.append(case(i, 1, d, extra=6, legs=[leg]))
    params = m.fit(history, W, date(2027, 4, 1))
    assert params["leg_days"]["7"] == [10] * 20
    received = date(2027, 4, 5)
    plain = case(900, 1, received, extra=None)
    held = case(901, 1, received, extra=None, legs=[rec.Leg(7, "Chi cục Thuế khu vực", received, None)])
    day = W.day(W(plain.due_day) - 2)
    f_plain, f_held = m.predict(params, rec.snapshot(plain, day, W)), m.predict(params, rec.snapshot(held, day, W))
    assert f_plain.p_late == 0.0 and f_held.p_late == 1.0
    first = f_held.reasons[0]
    assert first["key"] == "consultation"
    # open since Mon 5 April: Tue 6, Wed 7, Thu 8 = 3 working days before Fri 9; the unit's median is 10
    assert first["params"] == {"unit": "Chi cục Thuế khu vực", "open_days": 3, "median_days": 10, "n": 20}
    assert m.leg_remaining(params, held.legs[0], 3)[0] == 7  # 10 − 3 still to wait


def test_a_case_finished_after_the_cutoff_does_not_change_the_model():
    history = slow_unit_history()
    cutoff = date(2027, 2, 8)
    after = [c for c in history if c.finish_day and c.finish_day >= cutoff]
    assert after  # the check below would be empty otherwise
    changed = [replace(c, finish_day=W.day(W(c.finish_day) + 9)) if c in after else c for c in history]
    assert m.fit(history, W, cutoff) == m.fit(changed, W, cutoff)
    # the replayed forecast of a case on day D is the same whatever happened after D
    d = date(2027, 2, 10)
    target = case(999, 2, W.day(W(d) - 3), extra=3)
    a = bt.replay_forecasts(history + [target], W, d, d, date(2027, 6, 1), every_days=7)
    b = bt.replay_forecasts(changed + [replace(target, finish_day=W.day(W(target.due_day) - 0))], W, d, d,
                            date(2027, 6, 1), every_days=7)
    assert [j.p_late for j in a if j.case_id == 999] == [j.p_late for j in b if j.case_id == 999] != []
    assert [j.late for j in a if j.case_id == 999] == [True] and [j.late for j in b if j.case_id == 999] == [False]


def test_as_known_on_removes_what_happened_later():
    c = case(1, 2, date(2027, 1, 4), extra=3, apology=date(2027, 1, 8))
    known = rec.as_known_on(c, date(2027, 1, 11))
    assert known.finish_day is None and known.apology_day == date(2027, 1, 8)
    assert known.statuses == ((date(2027, 1, 4), "in_progress"),)
    assert rec.as_known_on(c, date(2027, 1, 4)) is None  # not yet received at the start of its day


def test_working_days_across_a_day_off_and_a_make_up_saturday():
    """March 2027 has no national holiday; a local day off on Friday 12 and a make-up working Saturday 13
    (as an administrator enters them, workdays.rules.ExceptionKind)."""
    cal = WorkCalendar.build([2027], [(date(2027, 3, 12), ExceptionKind.DAY_OFF, "nghỉ bù"),
                                      (date(2027, 3, 13), ExceptionKind.WORKING_DAY, "làm bù")])
    W2 = rec.WorkIndex(cal.is_working_day, date(2027, 1, 1), date(2027, 12, 31))
    # after Wed 10 March: Thu 11, Sat 13, Mon 15 — three working days
    assert W2(date(2027, 3, 15)) - W2(date(2027, 3, 10)) == 3
    assert W2(date(2027, 3, 12)) == W2(date(2027, 3, 13))  # a day off takes the next working day's ordinal
    due_monday = rec.CaseRecord(1, 1, 1, date(2027, 3, 8), date(2027, 3, 15))
    # NĐ 61/2018 Điều 19 k9: the last apology day is one working day before the due day: Saturday 13, and the
    # forecast is made the working day before it, Thursday 11 (Friday 12 is off)
    assert bt.last_apology_day(due_monday, W2) == date(2027, 3, 13)
    assert bt.forecast_day(due_monday, W2) == date(2027, 3, 11)
    due_tuesday = rec.CaseRecord(2, 1, 1, date(2027, 3, 8), date(2027, 3, 16))
    assert bt.last_apology_day(due_tuesday, W2) == date(2027, 3, 15)
    assert bt.forecast_day(due_tuesday, W2) == date(2027, 3, 13)
    # finished on the day off (Fri 12) against a due Saturday 13: not late; finished Sunday 14: late
    late_check = rec.CaseRecord(3, 1, 1, date(2027, 3, 8), date(2027, 3, 13), finish_day=date(2027, 3, 14))
    early_check = rec.CaseRecord(4, 1, 1, date(2027, 3, 8), date(2027, 3, 13), finish_day=date(2027, 3, 12))
    assert bt.final_outcome(late_check, W2, date(2027, 4, 1)) is True
    assert bt.final_outcome(early_check, W2, date(2027, 4, 1)) is False
    assert cal.previous_working_day(date(2027, 3, 15)) == date(2027, 3, 13)  # the calendar agrees


def test_handler_load_counts_open_cases_not_people():
    cases = [case(1, 1, date(2027, 1, 4), extra=0, handler=5), case(2, 1, date(2027, 1, 5), extra=0, handler=5),
             case(3, 1, date(2027, 1, 5), extra=0, handler=6)]
    loads = rec.handler_loads(cases, W)
    # on Wed 6 Jan handler 5 holds cases 1 and 2 (assigned Mon 4 and Tue 5, due Mon 11 and Tue 12)
    assert loads[(5, W(date(2027, 1, 6)))] == 2 and loads[(6, W(date(2027, 1, 6)))] == 1
    assert loads[(5, W(date(2027, 1, 12)))] == 1  # case 1 finished on Mon 11
    snaps = rec.history_snapshots(cases, W, date(2027, 2, 1))
    assert all(not hasattr(s, "handler") for s in snaps)  # the snapshot carries a count, not who


def test_a_slow_consulted_unit_raises_cases_whose_peers_had_quick_answers():
    """Unit 1's past consultations went to Phòng Tư pháp (answered after 4 working days, cases a day early); Chi cục Thuế answered
    other units' cases in 10 working days. A unit-1 case now waiting for Chi cục Thuế: its peers' remaining days
    are raised to the 7 days Chi cục Thuế still needs, beyond the 2 left: late."""
    days = working_days_from(START, 25)
    quick = [case(i, 1, d, extra=-1, legs=[rec.Leg(1, "Phòng Tư pháp", d, W.day(W(d) + 4))])
             for i, d in enumerate(days, start=1)]
    slow = [case(100 + i, 3, d, extra=-1, procedure=2, days=15, legs=[rec.Leg(7, "Chi cục Thuế khu vực", d,
                                                                             W.day(W(d) + 10))])
            for i, d in enumerate(days[:5], start=1)]
    params = m.fit(quick + slow, W, date(2027, 4, 1))
    received = date(2027, 4, 5)
    now_quick = case(900, 1, received, extra=None, legs=[rec.Leg(1, "Phòng Tư pháp", received, None)])
    now_slow = case(901, 1, received, extra=None, legs=[rec.Leg(7, "Chi cục Thuế khu vực", received, None)])
    day = W.day(W(now_quick.due_day) - 2)  # Fri 9 April: the legs open 3 working days (Tue 6 – Thu 8)
    f_quick = m.predict(params, rec.snapshot(now_quick, day, W))
    f_slow = m.predict(params, rec.snapshot(now_slow, day, W))
    assert f_quick.level == f_slow.level and f_quick.level.startswith("procedure_unit")
    assert f_quick.n == f_slow.n and f_quick.n >= m.MIN_N
    assert f_quick.p_late == 0.0 and f_slow.p_late == 1.0
    assert f_slow.rem_median == 7 and f_slow.reasons[0]["params"]["median_days"] == 10


def test_a_long_procedure_far_from_its_due_day_is_compared_at_the_same_point():
    """30-working-day procedure, every past case a day early. 18 days before the due day the peers are the past
    cases that had exactly 18 left (not those with 25 left, whose remaining days were longer): p_late 0."""
    days = working_days_from(START, 25)
    history = [case(i, 1, d, extra=-1, days=30) for i, d in enumerate(days, start=1)]
    params = m.fit(history, W, date(2027, 6, 1))
    now = case(900, 1, date(2027, 6, 1), extra=None, days=30)
    day = W.day(W(now.due_day) - 18)
    f = m.predict(params, rec.snapshot(now, day, W))
    assert f.p_late == 0.0 and f.rem_median == 17 and f.n == 25
