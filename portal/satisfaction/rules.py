"""Pure rules of per-case satisfaction (NĐ 61/2018 Điều 29–31; TT 01/2018 Điều 12; DOMAIN.md §6).

No clock, no database. Decisions taken here where the texts are silent:

- Scales. The desk devices use 3 levels (Rất hài lòng / Hài lòng / Không hài lòng); a town may switch to
  5 levels (SATISFACTION_SCALE). Each rating stores the scale it was given on. "Satisfied" means
  Rất hài lòng or Hài lòng on either scale; Bình thường (5-level) counts as not satisfied — the
  conservative reading the SIPAS index also uses.
- Who may rate: one rating per case, only once the result is returned; never entered by the staff
  account that handled the case (handler) — not on paper, not on the tablet, not online while signed in.

How a rated case is scored under TT 01/2018 (Điều 13–15) is in tt01.py.
"""
from __future__ import annotations

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
    """Indicator 4 (TT 01/2018 Điều 13 k4): the agencies the citizen had to contact to complete the file."""
    NONE = 0  # no agency at all ("không phải liên hệ với cơ quan, đơn vị, tổ chức nào")
    DESK = 1  # one: the one-stop desk ("một cơ quan, đơn vị, tổ chức là Bộ phận Một cửa")
    MORE = 2  # more than one ("hơn một cơ quan, đơn vị, tổ chức")


class Attitude(StrEnum):
    """The citizen's answer about the staff. HARASSING is a phản ánh about conduct given on the rating
    slip itself (TT 01/2018 Điều 14 k3 a collects indicator 7 there), so it scores 0 under Điều 13 k7 c."""
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
