"""Dated rules: a schedule of (in force from, rule) pairs, and the rule in force on a day. Pure.

The law changes on given dates and a case keeps the rule of its receipt date (counting, supplements, forms,
case codes): the schedules are data, looked up here."""
from __future__ import annotations

from datetime import date


def rule_in_force(schedule, day: date):
    """`schedule`: (effective-from ISO date, rule) pairs; the rule whose date is the latest not after `day`."""
    current = None
    for starts, rule in sorted(schedule):
        if date.fromisoformat(starts) <= day:
            current = rule
    if current is None:
        raise ValueError(f"no rule in force on {day}")
    return current
