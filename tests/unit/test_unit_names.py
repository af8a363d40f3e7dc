"""A unit's name over time (portal.units.names, pure): the name valid on a day, the day before and the day of a
rename, and which renames fit."""
from __future__ import annotations

from datetime import date

from portal.units.names import EARLIEST, Span, current, name_on, rename_problem

D = date(2025, 7, 1)
HISTORY = [Span("UBND phường Nghĩa Tân", EARLIEST, date(2025, 6, 30)), Span("UBND phường Nam Gia Nghĩa", D)]


def test_the_day_before_the_rename_has_the_old_name_and_the_day_of_it_the_new():
    assert name_on(HISTORY, date(2025, 6, 30)) == "UBND phường Nghĩa Tân"
    assert name_on(HISTORY, D) == "UBND phường Nam Gia Nghĩa"
    assert name_on(HISTORY, date(2019, 3, 4)) == "UBND phường Nghĩa Tân"
    assert name_on(HISTORY, date(2040, 1, 1)) == "UBND phường Nam Gia Nghĩa"  # the open-ended name


def test_a_day_no_name_covers_gets_the_default():
    assert name_on(HISTORY, date(1999, 12, 31), "hiện tại") == "hiện tại"
    assert name_on([], D, "hiện tại") == "hiện tại"
    assert name_on([], D) is None


def test_a_rename_must_start_after_the_current_name_and_change_it():
    assert current(HISTORY).name == "UBND phường Nam Gia Nghĩa"
    assert rename_problem(HISTORY, "Tên mới", D) == "before_current"  # the day the current name starts
    assert rename_problem(HISTORY, "Tên mới", date(2025, 6, 1)) == "before_current"
    assert rename_problem(HISTORY, "Tên mới", date(2025, 7, 2)) is None
    assert rename_problem(HISTORY, " UBND phường Nam Gia Nghĩa ", date(2026, 1, 1)) == "same"
    assert rename_problem([], "Tên mới", date(2001, 1, 1)) is None
