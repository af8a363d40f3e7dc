"""The indicators of one-stop cases, each defined ONCE (DOMAIN.md §3, §7): pure formulas over counts,
used by the statistics pages (staff and public), the open-data API, the plan's live figures and the
manager overview. No Flask, no database, no clock.

Scope of a period P, read at `as_of` = the end of P (or now while P runs):
- finished = cases finished in P (early + on time + late), each judged against its LEGAL due (the promise
  on the receipt; an apology never makes a late case on time — TT 01/2018 Điều 13 chỉ số 1);
- open counted late = cases open at `as_of` and past their legal due day, or — QĐ 766 — with more than
  one supplement request (NĐ 61/2018 Điều 19 k4 allows one; cases.rules.counts_late_under_766).

Indicators:
- on-time rate (the plan's wording, "tỷ lệ hồ sơ giải quyết đúng hạn") = (early + on time) ÷ finished;
- on-time rate, QĐ 766 = (finished early or on time, not counted late under 766) ÷ (finished + open
  counted late);
- late cases with an apology (the plan) = (late − late without an apology) ÷ late, late = finished late
  + open overdue; an apology issued after the window counts, as a late apology (DOMAIN.md §3 item 5);
- case satisfaction, QĐ 766 = (cases − rated not satisfied, with a PAKN about them, or late) ÷ cases,
  cases = the on-time scope (finished + open counted late); full points at ≥ 90%;
- online share, QĐ 766 group 3 (DOMAIN.md §7) = cases received in P through the national public service
  portal ÷ cases received in P whose channel was recorded;
- digitisation share, QĐ 766 group 4 (NĐ 118/2025 Điều 17 k1 c, per DOMAIN.md §7a) = paper files received
  in P (at the desk or by post) digitised at intake ÷ paper files received in P whose digitisation was recorded.
  Cases received before the portal recorded channel and digitisation (NULL, migration 0024_d) are unknown and
  left out of both, numerator and denominator, rather than guessed.

A withdrawn case (dừng giải quyết at the applicant's request) is neither finished on time nor late: it is
not judged (its timing stays empty), so it is in none of the on-time, lateness or 766 figures above — only
in "received". TT 01/2018 Điều 13 chỉ số 1 judges a case's handling time; a stopped case has no result to
judge. Reopened, it is open again against the same legal due.
"""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from portal.cases.rules import Timing, counts_late_under_766
from portal.core.stats import Rate

SATISFACTION_766_FULL = 0.9  # QĐ 766: full points at 90% or more


@dataclass(frozen=True)
class Counts766:
    """What the 766 formulas need, folded from grouped counts by fold_766."""
    good: int = 0  # finished early or on time and not counted late under 766
    satisfied: int = 0  # … and neither rated not satisfied nor with a PAKN about the case
    open_late: int = 0  # open at as_of and counted late under 766 (overdue, or supplements asked twice)


def fold_766(finished: Iterable[tuple], still_open: Iterable[tuple]) -> Counts766:
    """Apply counts_late_under_766 to grouped counts.
    finished: (timing, supplement requests, unhappy, n) of cases finished in the period, `unhappy` = rated
    not satisfied or with a PAKN about the case; still_open: (overdue, supplement requests, n) of cases
    open at as_of."""
    good = satisfied = open_late = 0
    for timing, requests, unhappy, n in finished:
        if not counts_late_under_766(timing, requests):
            good += n
            satisfied += 0 if unhappy else n
    for overdue, requests, n in still_open:
        if counts_late_under_766(Timing.OVERDUE if overdue else Timing.IN_TIME, requests):
            open_late += n
    return Counts766(good, satisfied, open_late)


def on_time_rate(early: int, on_time: int, late: int) -> Rate:
    """The plan's wording: (early + on time) ÷ cases finished in the period."""
    return Rate(early + on_time, early + on_time + late)


def on_time_rate_766(finished: int, counts: Counts766) -> Rate:
    """QĐ 766: finished early or on time and not late under 766 ÷ (finished + open counted late)."""
    return Rate(counts.good, finished + counts.open_late)


def late_with_apology_rate(late: int, open_overdue: int, late_without_apology: int) -> Rate:
    """The plan: late cases with an apology (in time or late) ÷ late cases (finished late + open overdue)."""
    all_late = late + open_overdue
    return Rate(all_late - late_without_apology, all_late)


def satisfaction_766(finished: int, counts: Counts766) -> Rate:
    """QĐ 766: (cases − rated not satisfied, with a PAKN about them, or late) ÷ cases in scope."""
    return Rate(counts.satisfied, finished + counts.open_late)


def online_share(online: int, channel_known: int) -> Rate:
    """QĐ 766 group 3: received through the national public service portal ÷ received with a recorded channel."""
    return Rate(online, channel_known)


def digitisation_share(digitised: int, paper_known: int) -> Rate:
    """QĐ 766 group 4: paper files digitised at intake ÷ paper files received with the answer recorded."""
    return Rate(digitised, paper_known)
