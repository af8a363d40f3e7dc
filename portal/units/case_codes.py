"""Case codes (mã số hồ sơ) as dated, configured formats — pure: no Flask, no database, no clock.

It lives with the units because a unit's form configures its format (and previews the next code), and the
units sit below the cases; portal.cases.rules and portal.cases.intake use it.

Where each fact comes from:
- TT 01/2018/TT-VPCP Điều 19 (primary text: ../shared/docs/law/nd61-2018-tt01-2018.md, in force 6 Jan 2019,
  detailing NĐ 61/2018 Điều 26 k2, in force 21 Jun 2018): ``V1V2V3.Z1Z2.Y1Y2.MX1X2-YYMMDD-XXXX``, the
  receiving body's identifier, the receipt date, the number of the case received that day, "gồm 04 ký tự số".
- TT 03/2025/TT-VPCP Điều 13: DOMAIN.md §7a ONLY says the 2025 circular keeps the case codes in its
  Điều 13; we have no primary text. ASSUMED: the same structure (identifier, receipt date, daily number),
  in force with the 2025 regime from 1 Jul 2025 (DOMAIN.md §3 "current regime (from 1 Jul 2025)"; the
  circular itself is dated 15 Sep 2025). A centre that reads otherwise changes the schedule (config
  CASE_CODE_FORMATS) or its unit's pattern; codes already issued are stored and never change.
- TT 04/2025/TT-VPCP (DOMAIN.md §7a ONLY): for nationally centralised services, in force 25 Jan 2026,
  ``MX1X2.Y1Y2Y3.Z1Z2-YYMMDD-AAXXXX`` whose daily sequence has at least 4 digits and grows. DOMAIN.md does
  not say what ``AA`` stands for: it is kept as two letters or digits written in the unit's pattern.
- The daily number "at least 4 digits and grows" (DOMAIN.md §7a, TT 04/2025) is applied to every format:
  TT 01/2018 says 4 digits, but no desk reached 10,000 cases a day under it, and refusing the 10,000th
  intake would be worse than a fifth digit. It never wraps and is never truncated.

A pattern is ``<identifier>-{YYMMDD}-<series>{NNNN}``: the identifier is ``{UNIT}`` (the unit's code) or
written out (letters, digits, dots), ``series`` 0–2 letters or digits (TT 04's AA), ``{NNNN}`` the daily
number. Every code a valid pattern makes is a case code for ``is_case_code``.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from portal.core.dated import rule_in_force

UNIT, DAY, NUMBER = "{UNIT}", "{YYMMDD}", "{NNNN}"
MAX_PATTERN = 80
MAX_CODE = 60  # Case.code


@dataclass(frozen=True)
class CodeFormat:
    key: str
    pattern: str  # how the portal issues it ("" when the unit must write its own: TT 04's identifier and AA)
    shape: str  # a regular expression every code of this format matches
    basis: str  # the text it rests on, and whether we read it


_LOCAL_SHAPE = r"[A-Z0-9][A-Z0-9.\-]*-\d{6}-\d{4,}"
FORMATS: dict[str, CodeFormat] = {
    "tt01_2018": CodeFormat("tt01_2018", f"{UNIT}-{DAY}-{NUMBER}", _LOCAL_SHAPE,
                            "TT 01/2018/TT-VPCP Điều 19 (primary text)"),
    "tt03_2025": CodeFormat("tt03_2025", f"{UNIT}-{DAY}-{NUMBER}", _LOCAL_SHAPE,
                            "TT 03/2025/TT-VPCP Điều 13 (DOMAIN.md §7a; structure assumed, no primary text)"),
    "tt04_2025": CodeFormat("tt04_2025", "", r"M[A-Z0-9]{2}\.[A-Z0-9]{3}\.[A-Z0-9]{2}-\d{6}-[A-Z0-9]{2}\d{4,}",
                            "TT 04/2025/TT-VPCP, nationally centralised services (DOMAIN.md §7a only)"),
}

# (in force from, format key), by receipt date. "local": what a desk issues; "centralised": the services
# centralised nationally (TT 04/2025 from 25 Jan 2026; before that the local format).
SCHEDULES: dict[str, tuple[tuple[str, str], ...]] = {
    "local": (("2018-06-21", "tt01_2018"), ("2025-07-01", "tt03_2025")),
    "centralised": (("2018-06-21", "tt01_2018"), ("2025-07-01", "tt03_2025"), ("2026-01-25", "tt04_2025")),
}
TT04_EXAMPLE = "M40.123.01-{YYMMDD}-AA{NNNN}"


def format_in_force(day: date, schedule=SCHEDULES["local"]) -> CodeFormat:
    """The format whose date is the latest not after `day` (receipt date)."""
    return FORMATS[rule_in_force(schedule, day)]


def sequence(number: int) -> str:
    """The daily number: at least 4 digits, then as many as it needs (10000 → "10000"); never wraps."""
    if number < 1:
        raise ValueError("the daily number starts at 1")
    return f"{number:04d}"


_PATTERN = re.compile(r"^(?:\{UNIT\}|[A-Z0-9][A-Z0-9.]*)-\{YYMMDD\}-[A-Z0-9]{0,2}\{NNNN\}$")


def normalize_pattern(text: str | None) -> str:
    return re.sub(r"\s+", "", text or "").replace("–", "-").replace("—", "-").upper()


def pattern_problem(text: str | None) -> str | None:
    """None for a valid pattern (after normalize_pattern), else why not: "shape" or "too_long"."""
    pattern = normalize_pattern(text)
    if len(pattern) > MAX_PATTERN:
        return "too_long"
    if not _PATTERN.match(pattern):
        return "shape"
    if len(render(pattern, "X" * 40 if UNIT in pattern else "", date(2000, 1, 1), 99999)) > MAX_CODE:
        return "too_long"
    return None


def render(pattern: str, unit_code: str, day: date, number: int) -> str:
    """The code `pattern` gives the `number`-th case received by the unit on `day`."""
    return (normalize_pattern(pattern).replace(UNIT, (unit_code or "").strip().upper())
            .replace(DAY, f"{day:%y%m%d}").replace(NUMBER, sequence(number)))


def pattern_for(unit_pattern: str | None, day: date, schedule=SCHEDULES["local"]) -> str:
    """The unit's own pattern when it has one, else the pattern of the format in force on `day`."""
    return normalize_pattern(unit_pattern) or format_in_force(day, schedule).pattern


def case_code(unit_code: str, day: date, number: int, unit_pattern: str | None = None,
              schedule=SCHEDULES["local"]) -> str:
    return render(pattern_for(unit_pattern, day, schedule), unit_code, day, number)


_ANY = re.compile(r"^[A-Z0-9][A-Z0-9.\-]*-(?P<day>\d{6})-[A-Z0-9]{0,2}\d{4,}$")


def code_day(code: str) -> date | None:
    """The receipt date written in a (normalised) case code, or None when it is not one or not a date."""
    match = _ANY.match(code or "")
    if not match or len(code) > MAX_CODE:
        return None
    raw = match["day"]
    try:
        return date(2000 + int(raw[:2]), int(raw[2:4]), int(raw[4:]))
    except ValueError:
        return None


def is_case_code(code: str) -> bool:
    """Every format in use and the old ones: TT 01/2018, TT 03/2025, TT 04/2025 and every unit's pattern."""
    return code_day(code) is not None


def national_code_problem(code: str, received: date) -> str | None:
    """A code given by the national portal (dichvucong.gov.vn): None when it has the shape of a format in force
    on the date it carries (either schedule) and that date is not after the desk's receipt; else "shape" or
    "future"."""
    day = code_day(code)
    if day is None:
        return "shape"
    shapes = {format_in_force(day, s).shape for s in SCHEDULES.values() if date.fromisoformat(s[0][0]) <= day}
    if not any(re.fullmatch(shape, code) for shape in shapes):
        return "shape"
    if day > received:
        return "future"
    return None
