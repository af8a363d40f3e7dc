"""A unit's name over time (pure): which name was valid on a day, and whether a rename from a day fits.

`history` is any iterable of rows with `name`, `valid_from` (a date) and `valid_to` (a date, inclusive, or None
for the name still in force): the `UnitName` rows or plain `Span`s. No Flask, no database, no clock.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

# The start of the names the migration recorded from the units' current names. A unit's `created_at` is when
# the record was typed into the portal (the demo's units were entered in 2026 and received cases in 2019), not
# when the office began, so the first name is valid from a date before any document the portal can hold.
EARLIEST = date(2000, 1, 1)


@dataclass(frozen=True)
class Span:
    name: str
    valid_from: date
    valid_to: date | None = None


def covers(span, day: date) -> bool:
    return span.valid_from <= day and (span.valid_to is None or day <= span.valid_to)


def name_on(history, day: date, default: str | None = None) -> str | None:
    """The name valid on `day`; `default` (the unit's current name) when no recorded name covers it."""
    for span in history:
        if covers(span, day):
            return span.name
    return default


def current(history):
    """The open-ended span (the name in force now and until a later rename), or None."""
    return next((s for s in history if s.valid_to is None), None)


def rename_problem(history, new_name: str, day: date) -> str | None:
    """Why a rename to `new_name` from `day` cannot be recorded: "before_current" when `day` is not after the
    current name's start (the spans would overlap or the current name would last no day), "same" when the
    name does not change. None when it fits."""
    now = current(history)
    if now is None:
        return None
    if day <= now.valid_from:
        return "before_current"
    if new_name.strip() == now.name:
        return "same"
    return None


def day_before(day: date) -> date:
    return day - timedelta(days=1)
