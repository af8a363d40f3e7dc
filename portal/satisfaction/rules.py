"""Pure rules of per-case satisfaction (NĐ 61/2018 Điều 29–31; TT 01/2018 Điều 12–15; DOMAIN.md §6).

No clock, no database. Decisions taken here where the texts are silent:

- Scales. The desk devices use 3 levels (Rất hài lòng / Hài lòng / Không hài lòng); a town may switch to
  5 levels (SATISFACTION_SCALE). Each rating stores the scale it was given on. "Satisfied" means
  Rất hài lòng or Hài lòng on either scale; Bình thường (5-level) counts as not satisfied — the
  conservative reading the SIPAS index also uses.
- TT 01/2018 indicators, 0/1/2 points each:
  (1) total time vs legal time: early 2, on time 1, late 0 (from the case's fixed timing);
  (2) each unit's step time: every consultation leg answered by its due day 2, any leg late 0, a leg
      answered on its due day but none late 1; a case without legs takes the case's own timing as (1);
  (3) contacts with the desk to complete the file (citizen): none 2, once 1, more 0;
  (4) agencies contacted (citizen): only the one-stop desk 2, two 1, more 0;
  (5) one-stop model: 2 for a case received at the one-stop desk (every case in this portal);
  (6) publication of the procedure: published with every mandatory component 2, published but
      incomplete 1, not published 0;
  (7) staff attitude (citizen): polite and helpful 2, indifferent 1, harassing / asking for money 0;
  (8) PAKN about the case: none, or all answered on time 2; answered late 1; open and overdue 0;
  (9) online service: full online procedure 2, partly online 1, not online 0.
  Officer score = 1+2+3+4+7 (max 10): ≥ 5 complete, 3.5–< 5 partly, < 3.5 not complete.
  Agency score = all nine (max 18): ≥ 15 excellent, 12–< 15 good, 9–< 12 fair, 6–< 9 average,
  < 6 weak. Averages per case, rounded to one decimal (half up), quarterly and yearly.
- Who may rate: one rating per case, only once the result is returned; never entered by the staff
  account that handled the case (handler) — not on paper, not on the tablet, not online while signed in.
"""
from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from enum import IntEnum, StrEnum


class Level(StrEnum):
    VERY_SATISFIED = "very_satisfied"  # Rất hài lòng
    SATISFIED = "satisfied"  # Hài lòng
    NEUTRAL = "neutral"  # Bình thường (5-level scale only)
    NOT_SATISFIED = "not_satisfied"  # Không hài lòng
    VERY_NOT_SATISFIED = "very_not_satisfied"  # Rất không hài lòng (5-level scale only)


SCALES: dict[int, tuple[Level, ...]] = {
    3: (Level.VERY_SATISFIED, Level.SATISFIED, Level.NOT_SATISFIED),
    5: (Level.VERY_SATISFIED, Level.SATISFIED, Level.NEUTRAL, Level.NOT_SATISFIED, Level.VERY_NOT_SATISFIED),
}
SATISFIED_LEVELS = frozenset({Level.VERY_SATISFIED, Level.SATISFIED})


class Channel(StrEnum):
    TABLET = "tablet"  # the desk tablet, right after the result is handed over
    ONLINE = "online"  # the receipt's QR code or the public case lookup, with the access code
    PAPER = "paper"  # a paper slip typed in by staff


class Contacts(IntEnum):
    """Indicator 3: how many times the citizen had to come back to complete the file."""
    NONE = 0
    ONCE = 1
    MORE = 2


class Agencies(IntEnum):
    """Indicator 4: how many agencies the citizen had to contact."""
    ONE = 1
    TWO = 2
    MORE = 3


class Attitude(StrEnum):
    """Indicator 7."""
    GOOD = "good"  # lịch sự, nhiệt tình
    INDIFFERENT = "indifferent"  # không nhiệt tình
    HARASSING = "harassing"  # gây phiền hà, sách nhiễu


COMMENT_MAX = 2000


def levels_of(scale: int) -> tuple[Level, ...]:
    if scale not in SCALES:
        raise ValueError(f"unknown scale {scale}")
    return SCALES[scale]


def valid_level(scale: int, level: str) -> bool:
    try:
        return Level(level) in levels_of(scale)
    except ValueError:
        return False


def is_satisfied(level: str) -> bool:
    return Level(level) in SATISFIED_LEVELS


# ---------------------------------------------------------------- TT 01/2018 points

def points_time(timing: str | None) -> int:
    """(1) and (2): early 2, on time 1, late (or unknown) 0."""
    return {"early": 2, "on_time": 1}.get(timing or "", 0)


def points_legs(leg_timings: list[str], case_timing: str | None) -> int:
    """(2): every consultation leg's own timing; the worst counts. No legs: the case's timing."""
    if not leg_timings:
        return points_time(case_timing)
    return min(points_time(t) for t in leg_timings)


def day_timing(done_on, due_on) -> str:
    """A consultation leg against its own deadline, by local calendar day (TT 01/2018 indicator 2):
    before the due day early, on it on time, after it (or never answered) late."""
    if done_on is None or done_on > due_on:
        return "late"
    return "early" if done_on < due_on else "on_time"


def contacts_from_record(supplement_requests: int) -> Contacts:
    """Indicator 3 as the case record knows it (tablet mode): each supplement request sent the citizen
    back once more to complete the file."""
    return Contacts(min(max(supplement_requests, 0), Contacts.MORE))


def points_contacts(contacts: int) -> int:
    return {Contacts.NONE: 2, Contacts.ONCE: 1}.get(Contacts(contacts), 0)


def points_agencies(agencies: int) -> int:
    return {Agencies.ONE: 2, Agencies.TWO: 1}.get(Agencies(agencies), 0)


def points_attitude(attitude: str) -> int:
    return {Attitude.GOOD: 2, Attitude.INDIFFERENT: 1}.get(Attitude(attitude), 0)


def points_publication(published: bool, complete: bool) -> int:
    return 2 if published and complete else (1 if published else 0)


def points_feedback(feedback_timings: list[str]) -> int:
    """(8): PAKN about the case — none or all on time 2; any late 1; any open and overdue 0."""
    if any(t == "overdue" for t in feedback_timings):
        return 0
    if any(t == "late" for t in feedback_timings):
        return 1
    return 2


def points_online(online_level: str | None) -> int:
    return {"full": 2, "partial": 1}.get(online_level or "", 0)


@dataclass(frozen=True)
class Points:
    """The nine indicators of one case."""
    i1: int
    i2: int
    i3: int
    i4: int
    i5: int
    i6: int
    i7: int
    i8: int
    i9: int

    def __post_init__(self):
        for name in ("i1", "i2", "i3", "i4", "i5", "i6", "i7", "i8", "i9"):
            if getattr(self, name) not in (0, 1, 2):
                raise ValueError(f"{name} must be 0, 1 or 2")

    @property
    def officer(self) -> int:
        return self.i1 + self.i2 + self.i3 + self.i4 + self.i7

    @property
    def agency(self) -> int:
        return self.i1 + self.i2 + self.i3 + self.i4 + self.i5 + self.i6 + self.i7 + self.i8 + self.i9


OFFICER_MAX, AGENCY_MAX = 10, 18


def round1(value: float) -> float:
    """One decimal, half up (4.25 -> 4.3), as reports are written by hand."""
    return float(Decimal(str(value)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP))


class OfficerGrade(StrEnum):
    COMPLETE = "complete"  # hoàn thành nhiệm vụ
    PARTLY = "partly"  # hoàn thành một phần nhiệm vụ
    NOT_COMPLETE = "not_complete"  # không hoàn thành nhiệm vụ


class AgencyGrade(StrEnum):
    EXCELLENT = "excellent"  # xuất sắc
    GOOD = "good"  # tốt
    FAIR = "fair"  # khá
    AVERAGE = "average"  # trung bình
    WEAK = "weak"  # yếu


OFFICER_THRESHOLDS = ((5.0, OfficerGrade.COMPLETE), (3.5, OfficerGrade.PARTLY), (0.0, OfficerGrade.NOT_COMPLETE))
AGENCY_THRESHOLDS = ((15.0, AgencyGrade.EXCELLENT), (12.0, AgencyGrade.GOOD), (9.0, AgencyGrade.FAIR),
                     (6.0, AgencyGrade.AVERAGE), (0.0, AgencyGrade.WEAK))


def grade(average: float, thresholds):
    """The grade of a rounded average: the first threshold it reaches."""
    value = round1(average)
    for lower, name in thresholds:
        if value >= lower:
            return name
    return thresholds[-1][1]
