"""Pure rules of per-case ratings: the scales and which levels count as satisfied (DOMAIN.md §6). The
TT 01/2018 scoring is tested in test_tt01.py."""
from __future__ import annotations

import pytest

from portal.satisfaction import rules


def test_scales_and_satisfied_levels():
    assert [lv.value for lv in rules.levels_of(3)] == ["very_satisfied", "satisfied", "not_satisfied"]
    assert len(rules.levels_of(5)) == 5
    assert rules.valid_level(5, "neutral") and not rules.valid_level(3, "neutral")
    assert not rules.valid_level(3, "excellent") and not rules.valid_level(3, "")
    with pytest.raises(ValueError):
        rules.levels_of(4)
    assert rules.is_satisfied("very_satisfied") and rules.is_satisfied("satisfied")
    assert not rules.is_satisfied("neutral") and not rules.is_satisfied("not_satisfied")
