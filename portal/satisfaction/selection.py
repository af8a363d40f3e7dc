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

