"""The indicators of phản ánh, kiến nghị (PAKN), each defined ONCE (DOMAIN.md §5, §7): pure formulas
over counts, used by the feedback statistics page, the open-data API, the plan's live figures and the
manager overview. No Flask, no database, no clock.

Scope of a period P, read at `as_of` = the end of P (or now while P runs), like the cases' figures:
- handled = PAKN answered in P (published or answered privately; merged ones count in their primary;
  rejected and transferred ones are not the town's to handle);
- on time = handled in P on or before the local due day of the answer;
- open overdue = PAKN the town had to answer, open at `as_of` (received before it, not answered by then)
  whose due day had ended: the backlog as it stood at the end of the period, not today's.

Indicators:
- on-time rate (the plan's wording, "PAKN được xử lý đúng hạn") = on time ÷ handled;
- on-time rate, QĐ 766 = on time ÷ (handled + open overdue);
- PAKN satisfaction, QĐ 766 = (in scope − marked not satisfied, re-submitted about the answer, or late) ÷ in
  scope, in scope = handled + open overdue (every open overdue one is late). The portal does not record
  re-submissions about an answer yet: none is subtracted for that reason.
"""
from __future__ import annotations

from portal.core.stats import Rate


def on_time_rate(on_time: int, handled: int) -> Rate:
    """The plan's wording: handled on time ÷ handled in the period."""
    return Rate(on_time, handled)


def on_time_rate_766(on_time: int, handled: int, open_overdue: int) -> Rate:
    """QĐ 766: handled on time ÷ (handled + open overdue at the end of the period)."""
    return Rate(on_time, handled + open_overdue)


def satisfaction_766(handled: int, handled_late_or_not_satisfied: int, open_overdue: int) -> Rate:
    """QĐ 766: (in scope − not satisfied, re-submitted or late) ÷ in scope; in scope = handled + open
    overdue, and the open overdue ones are all late."""
    return Rate(handled - handled_late_or_not_satisfied, handled + open_overdue)
