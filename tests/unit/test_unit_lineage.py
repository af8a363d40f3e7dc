"""Successor links (portal.units.lineage, pure): which unit carries on whose work, for "as is" figures."""
from __future__ import annotations

from datetime import date

from portal.units.lineage import Link, carried_by, existed_on, predecessors, rolled_into, rollup_map, successors

# DOMAIN.md §7a: Nam Gia Nghĩa (10) from Nghĩa Phú (1), Nghĩa Tân (2), Đắk R'Moan (3) on 1 Jul 2025.
MERGE = [Link(1, 10), Link(2, 10), Link(3, 10)]


def test_a_merged_ward_is_counted_under_its_successor_and_the_successor_includes_all_three():
    assert carried_by(MERGE, 2) == 10
    assert carried_by(MERGE, 10) == 10
    assert carried_by(MERGE, 4) == 4  # never reorganised
    assert rolled_into(MERGE, 10) == {1, 2, 3, 10}
    assert rolled_into(MERGE, 2) == {2}
    assert rollup_map(MERGE, [1, 4, 10]) == {1: 10, 4: 4, 10: 10}


def test_a_split_unit_goes_with_the_successor_that_takes_its_open_work_so_nothing_counts_twice():
    split = [Link(5, 11, takes_open_work=False), Link(5, 12, takes_open_work=True)]
    assert carried_by(split, 5) == 12
    assert rolled_into(split, 12) == {5, 12}
    assert rolled_into(split, 11) == {11}
    assert successors(split, 5) == [11, 12]


def test_links_chain_through_two_reorganisations_and_a_cycle_does_not_loop():
    chain = [Link(1, 2), Link(2, 3)]
    assert carried_by(chain, 1) == 3
    assert rolled_into(chain, 3) == {1, 2, 3}
    assert predecessors(chain, 3) == [2]
    assert carried_by([Link(1, 2), Link(2, 1)], 1) == 2


def test_validity_dates_are_inclusive_and_open_ended():
    assert existed_on(None, date(2025, 6, 30), date(2025, 6, 30))
    assert not existed_on(None, date(2025, 6, 30), date(2025, 7, 1))
    assert existed_on(date(2025, 7, 1), None, date(2025, 7, 1))
    assert not existed_on(date(2025, 7, 1), None, date(2025, 6, 30))
