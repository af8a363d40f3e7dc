"""What a satisfaction report is asked for besides its period (core.stats.Period, parsed from the
dashboard's query string with range_of="month": whole months, the rollup's grain): the filters (unit,
procedure, desk officer, channel). Pure: no Flask, no database, no clock.
"""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Filters:
    unit_id: int | None = None
    procedure_id: int | None = None
    officer_id: int | None = None  # 0: ratings without a desk officer
    channel: str | None = None
    # portal.units.scope: "as_was" (each rating under the unit that handled the case) or "as_is" (under the unit
    # that carries it on today); `unit_ids` is the set a unit filter covers (the unit and, as_is, its
    # predecessors), filled by the caller; None: just `unit_id`.
    units: str = "as_was"
    unit_ids: frozenset | None = None

    @property
    def units_filtered(self) -> frozenset | None:
        """The handling units the selection is restricted to, or None for every unit."""
        if self.unit_ids is not None:
            return self.unit_ids
        return frozenset({self.unit_id}) if self.unit_id else None

