"""The backtest's figures on a tiny hand-made history, against hand arithmetic; the warnings' replay; the figures'
formulas (precision = TP/(TP+FP), recall = TP/(TP+FN), reliability bands). Pure: no app, no database."""
from __future__ import annotations

from datetime import date

from portal.forecast import backtest as bt
from tests.forecast.history import WEEKDAYS as W, case, working_days_from


def history():
    """Training (January–February 2027): unit 2 always 3 working days late, unit 1 one day early, 25 each.
    Replayed (March): unit 2 — 3 late, 1 early; unit 1 — 1 late, 4 early."""
    days = working_days_from(date(2027, 1, 4), 25)
    cases = [case(i, 1, d, extra=-1) for i, d in enumerate(days, 1)] + [
        case(100 + i, 2, d, extra=3) for i, d in enumerate(days, 1)]
    march = working_days_from(date(2027, 3, 1), 9)
    cases += [case(201, 2, march[0], extra=2), case(202, 2, march[1], extra=1), case(203, 2, march[2], extra=4),
              case(204, 2, march[3], extra=-1)]
    cases += [case(301, 1, march[4], extra=1)] + [case(302 + i, 1, march[5 + i], extra=-1) for i in range(4)]
    return cases


def test_the_replay_against_hand_arithmetic():
    judged = bt.replay_forecasts(history(), W, date(2027, 3, 1), date(2027, 3, 31), date(2027, 5, 31),
                                 every_days=365)
    assert sorted(j.case_id for j in judged) == [201, 202, 203, 204, 301, 302, 303, 304, 305]
    # every forecast comes from the one fit of 1 March: unit 2's 25 past cases all late, unit 1's none
    assert {j.case_id: j.p_late for j in judged} == {201: 1.0, 202: 1.0, 203: 1.0, 204: 1.0, 301: 0.0, 302: 0.0,
                                                      303: 0.0, 304: 0.0, 305: 0.0}
    # the naive rule: 50 past cases at 2 working days left, still taking 1 (25 cases) or 5 (25): median 1, and
    # 2 < 1 is false — it never warns
    assert not any(j.naive_late for j in judged)
    f = bt.metrics(judged)
    assert (f["n"], f["n_late"]) == (9, 4)
    assert f["naive"] == {"tp": 0, "fp": 0, "fn": 4, "tn": 5, "precision": None, "recall": 0.0}
    # the naive rule has no precision, so the target is 0.5; p ≥ 1.0: 3 of 4 warned are late (0.75 ≥ 0.5);
    # p ≥ 0.0 would warn all 9 for 4 late (0.44 < 0.5)
    assert (f["target_precision"], f["threshold"]) == (0.5, 1.0)
    assert f["model"] == {"tp": 3, "fp": 1, "fn": 1, "tn": 4, "precision": 0.75, "recall": 0.75}
    assert f["beats_naive"] is True and f["unapologised"]["n"] == 9
    # Brier: 4 unit-2 forecasts of 1 (one wrong: 1) + 5 unit-1 forecasts of 0 (one wrong: 1) → 2 / 9
    assert f["brier"] == round(2 / 9, 4)
    bands = {(row["from"], row["to"]): (row["n"], row["late"]) for row in f["reliability"] if row["n"]}
    assert bands == {(0.0, 0.1): (5, 1), (0.9, 1.0): (4, 3)}


def test_cases_already_apologised_do_not_make_the_model_win():
    j = [bt.Judged(1, date(2027, 3, 1), 1.0, False, True, apologised=True),
         bt.Judged(2, date(2027, 3, 1), 0.1, False, True)] + [
        bt.Judged(i, date(2027, 3, 1), 0.1, False, False) for i in (3, 4, 5)]
    f = bt.metrics(j)
    # p ≥ 1.0: 1 of 1 right; p ≥ 0.1: 2 of 5 (0.4 < 0.5): the model warns for case 1 only, already apologised
    assert f["model"]["recall"] == 0.5 and f["beats_naive"] is False
    assert f["unapologised"]["model"]["recall"] == 0.0 and f["beats_naive"] is False


def test_confusion_and_threshold_by_hand():
    flags = [(True, True), (True, False), (False, True), (False, False), (True, True)]
    assert bt.confusion(flags) == {"tp": 2, "fp": 1, "fn": 1, "tn": 1, "precision": round(2 / 3, 4),
                                   "recall": round(2 / 3, 4)}
    j = [bt.Judged(i, date(2027, 3, 1), p, False, late) for i, (p, late) in
         enumerate([(0.9, True), (0.8, False), (0.7, True), (0.2, False), (0.1, True)])]
    # p ≥ 0.9: 1 of 1 right; ≥ 0.8: 1 of 2; ≥ 0.7: 2 of 3 (0.667); ≥ 0.2: 2 of 4 (0.5); ≥ 0.1: 3 of 5 (0.6)
    assert bt.choose_threshold(j, 0.6) == 0.1
    assert bt.choose_threshold(j, 0.65) == 0.7
    assert bt.choose_threshold(j, 0.95) == 0.9
    assert bt.choose_threshold(j[1:2], 0.5) == 1.01  # none reaches it: never warn


def test_the_warnings_replay_counts():
    """Late cases due in March: one apologised in time, one the head's warning would have reached, one received
    on its last apology day (a 1-day procedure), one whose legal due moved (a supplement received) on that day."""
    apologised = case(1, 1, date(2027, 3, 1), extra=2, apology=date(2027, 3, 5))
    reachable = case(2, 1, date(2027, 3, 1), extra=1)
    one_day = case(3, 1, date(2027, 3, 9), extra=1, days=1)  # due Wed 10, last apology day Tue 9 = its receipt
    moved = case(4, 1, date(2027, 3, 1), extra=1)
    from dataclasses import replace
    moved = replace(moved, due_set_day=W.day(W(moved.due_day) - 1))
    on_time = case(5, 1, date(2027, 3, 1), extra=0)
    r = bt.warnings_replay([apologised, reachable, one_day, moved, on_time], W, date(2027, 3, 1),
                           date(2027, 3, 31), date(2027, 5, 31), in_time_apology={1})
    assert r == {"late": 4, "apology_in_time_recorded": 1, "head_warning_reached": 2, "handler_warning_reached": 2,
                 "covered_without_recorded_apology": 1, "no_warning_could_save": 2, "received_too_late": 1,
                 "due_moved_too_late": 1, "in_time_with_warnings": 2}
