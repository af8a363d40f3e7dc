"""Vietnamese working days: pure rules, no clock, no database.

Civil servants work Monday to Friday (QĐ 188/1999/QĐ-TTg). Public holidays follow Bộ luật Lao động
2019 Điều 112, with the Government's yearly swaps; the `holidays` package carries both (lunar dates,
observed days, make-up Saturdays). Local exceptions entered by an administrator override them.

A case's limit is counted as the Civil Code counts it (`WorkCalendar.promise`, Bộ luật Dân sự 2015
Điều 147–148): the day of receipt is not counted and the limit ends at the end of its last working
day. The 15:00 rule is not a general counting rule: only same-day civil-status and certification
procedures received strictly after 15:00:00 are due the next working day (Luật Hộ tịch 2014 Điều 5
k3, NĐ 23/2015 Điều 7), a per-procedure property. `due_at`/`effective_receipt` keep the cut-off
counting that feedback deadlines and the transfer of paper files (NĐ 61/2018 Điều 18) use.
"""
from __future__ import annotations

import functools
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from enum import StrEnum

import holidays

# Luật Hộ tịch 2014 Điều 5 k3 and NĐ 23/2015 Điều 7 say "sau 15 giờ": the hour is the law's, not a setting.
LEGAL_SAME_DAY_CUTOFF = time(15, 0)


class CountingRule(StrEnum):
    """How a case's promised day is counted; a dated schedule (config CASE_COUNTING_RULES) picks one
    by the receipt date, so a case keeps the rule its receipt was printed under."""
    CIVIL_CODE = "civil_code"  # BLDS 2015 Điều 147–148; 15:00 only where the procedure says so
    GLOBAL_CUTOFF = "global_cutoff"  # the portal before issue 12: every receipt after the cut-off counted next day


@dataclass(frozen=True)
class Promise:
    counting_from: datetime  # the receipt the limit runs from (its day is not counted)
    due_at: datetime  # the day the limit ends, at the clock time the receipt prints


def next_day_after_15h(explicit: bool | None, processing_days: int, field_code: str | None, fields) -> bool:
    """Whether a receipt strictly after 15:00:00 is due the next working day. `explicit`: what staff set
    on the procedure version; None takes the legal default: same-day procedures of the civil-status
    and certification fields (`fields`: their codes; Luật Hộ tịch 2014 Điều 5 k3, NĐ 23/2015 Điều 7)."""
    if explicit is not None:
        return bool(explicit)
    return processing_days == 0 and (field_code or "") in set(fields)


class ExceptionKind(StrEnum):
    DAY_OFF = "day_off"
    WORKING_DAY = "working_day"


class NoticeChange(StrEnum):
    """What importing one row of the Government's yearly notice does to the calendar."""
    ADD = "add"  # a new local exception
    CHANGE = "change"  # the local exception on that date gets the notice's kind and reason
    SAME_LOCAL = "same_local"  # a local exception already says exactly this
    SAME_NATIONAL = "same_national"  # the national calendar already has it; nothing is stored


def notice_change(kind: ExceptionKind, reason: str, existing: tuple | None, working_nationally: bool) -> NoticeChange:
    """`existing`: (kind, reason) of the local exception on that date, if any; `working_nationally`: whether the
    national calendar alone makes the date a working day. Importing the same notice twice changes nothing: after
    the first import every row is SAME_LOCAL or SAME_NATIONAL."""
    if existing is not None:
        same = ExceptionKind(existing[0]) == ExceptionKind(kind) and existing[1] == reason
        return NoticeChange.SAME_LOCAL if same else NoticeChange.CHANGE
    if working_nationally == (ExceptionKind(kind) == ExceptionKind.WORKING_DAY):
        return NoticeChange.SAME_NATIONAL
    return NoticeChange.ADD


@dataclass(frozen=True)
class DueSettings:
    cutoff: time = time(15, 0)
    office_open: time = time(7, 30)
    office_close: time = time(17, 0)


def national_calendar(years, language: str = "vi") -> holidays.HolidayBase:
    return _national_calendar(tuple(sorted(years)), language)


@functools.lru_cache(maxsize=64)
def _national_calendar(years: tuple, language: str) -> holidays.HolidayBase:
    """Building the lunar calendar costs milliseconds; the result only depends on its arguments
    (callers read it, never change it)."""
    return holidays.country_holidays("VN", years=list(years), language=language)


# Ngày Văn hóa Việt Nam, 24 November: a paid day off from 2026 that is NOT made up when it falls on a Saturday
# or Sunday (NQ 28/2026/QH16 as reported in DOMAIN.md §7a; we hold no primary text of it in shared/docs/law, so
# this rests on that secondary report). `holidays` 0.109 adds 24 Nov from 2026 (its source: a press report of
# Resolution 80-NQ/TW) but applies its general weekend rule to it: "(observed)" Mondays 26/11/2029, 25/11/2030,
# 26/11/2035… which would wrongly stop deadlines. `_cultural_day` keeps 24 Nov (from 2026 only) and drops them.
CULTURAL_DAY_FROM = 2026
CULTURAL_DAY_NAMES = {"vi": "Ngày Văn hóa Việt Nam", "en_US": "Vietnam Cultural Day"}


def _cultural_day(days: dict, years, language: str) -> dict:
    """`days` (date -> name, the package's holidays) with 24 Nov as the 2026 rule says: a holiday from 2026
    (added if the package lacks it; the package adds none before, a test checks) and no make-up day when it
    falls on a weekend."""
    days = dict(days)
    for year in years:
        if year < CULTURAL_DAY_FROM:
            continue
        nov_24 = date(year, 11, 24)
        name = days.setdefault(nov_24, CULTURAL_DAY_NAMES.get(language, CULTURAL_DAY_NAMES["vi"]))
        for offset in range(1, 8):  # the package moves a weekend holiday to the next working day
            day = nov_24 + timedelta(days=offset)
            if day not in days:
                continue
            kept = [part for part in days[day].split("; ") if not (part != name and part.startswith(name))]
            if kept:
                days[day] = "; ".join(kept)
            else:
                del days[day]
    return days


@dataclass(frozen=True)
class WorkCalendar:
    """Holidays and make-up working days of the national calendar plus local exceptions."""

    holidays: dict = field(default_factory=dict)  # date -> name
    makeup_days: frozenset = frozenset()  # Saturdays worked in exchange for a bridge day
    extra_off: dict = field(default_factory=dict)  # date -> reason
    extra_working: dict = field(default_factory=dict)  # date -> reason

    @classmethod
    def build(cls, years, exceptions=(), language: str = "vi") -> WorkCalendar:
        """`exceptions`: iterable of (date, ExceptionKind, reason)."""
        national = national_calendar(years, language)
        years = set(years)
        makeup = frozenset(d for d in national.weekend_workdays if d.year in years)
        extra_off = {d: r for d, k, r in exceptions if k == ExceptionKind.DAY_OFF}
        extra_working = {d: r for d, k, r in exceptions if k == ExceptionKind.WORKING_DAY}
        return cls(_cultural_day(dict(national.items()), years, language), makeup, extra_off, extra_working)

    def is_working_day(self, day: date) -> bool:
        if day in self.extra_off:
            return False
        if day in self.extra_working:
            return True
        if day in self.holidays:
            return False
        if day in self.makeup_days:
            return True
        return day.weekday() < 5

    def next_working_day(self, day: date) -> date:
        """The first working day strictly after `day`."""
        day += timedelta(days=1)
        while not self.is_working_day(day):
            day += timedelta(days=1)
        return day

    def previous_working_day(self, day: date) -> date:
        """The last working day strictly before `day`."""
        day -= timedelta(days=1)
        while not self.is_working_day(day):
            day -= timedelta(days=1)
        return day

    def add_working_days(self, start: date, n: int) -> date:
        """The n-th working day after `start` (start itself not counted); n = 0 gives `start`
        if it is a working day, else the next working day."""
        if n < 0:
            raise ValueError("n must not be negative")
        day = start if self.is_working_day(start) else self.next_working_day(start)
        if n == 0:
            return day
        day = start
        for _ in range(n):
            day = self.next_working_day(day)
        return day

    def working_days_between(self, a: date, b: date) -> int:
        """Working days d with a < d <= b (negative when b is before a)."""
        if b < a:
            return -self.working_days_between(b, a)
        count, day = 0, a
        while day < b:
            day += timedelta(days=1)
            if self.is_working_day(day):
                count += 1
        return count

    def effective_receipt(self, received_at: datetime, settings: DueSettings) -> datetime:
        """When counting starts: the receipt itself, or the next working morning if it came
        after the cut-off or on a day off."""
        day = received_at.date()
        if self.is_working_day(day) and received_at.time() < settings.cutoff:
            return received_at
        start = self.next_working_day(day)
        return datetime.combine(start, settings.office_open, tzinfo=received_at.tzinfo)

    def due_at(self, received_at: datetime, days: int, settings: DueSettings = DueSettings()) -> datetime:
        """The promised return moment for a procedure of `days` working days.

        Zero-day procedures are due at close of office on the (effective) day of receipt; otherwise
        the result is due `days` working days after the effective receipt, at the same time of day.
        """
        start = self.effective_receipt(received_at, settings)
        if days == 0:
            return datetime.combine(start.date(), settings.office_close, tzinfo=received_at.tzinfo)
        due_day = self.add_working_days(start.date(), days)
        return datetime.combine(due_day, start.time(), tzinfo=received_at.tzinfo)


    def promise(self, received_at: datetime, days: int, *, next_day_after_15h: bool = False,
                rule: CountingRule = CountingRule.CIVIL_CODE, settings: DueSettings = DueSettings()) -> Promise:
        """The return promised on the receipt of a procedure of `days` working days.

        Civil Code (BLDS 2015 Điều 147 k2–3): the day of receipt is not counted; the limit is the
        `days`-th working day after it and ends at the end of that day (Điều 148 k1, k5, k6). The clock
        time printed is the receipt's, kept within office hours (the centre's practice; handing the
        result over later that day is not late). Same-day procedures are due the day of receipt (the
        next working day if it is a day off, or when `next_day_after_15h` and the receipt came strictly
        after 15:00:00), at close of office."""
        if CountingRule(rule) == CountingRule.GLOBAL_CUTOFF:
            return Promise(self.effective_receipt(received_at, settings), self.due_at(received_at, days, settings))
        tz, day, clock = received_at.tzinfo, received_at.date(), received_at.time()
        if days == 0:
            if not self.is_working_day(day):
                return Promise(received_at, datetime.combine(self.next_working_day(day), settings.office_close, tz))
            if next_day_after_15h and clock > LEGAL_SAME_DAY_CUTOFF:
                following = self.next_working_day(day)
                return Promise(datetime.combine(following, settings.office_open, tz),
                               datetime.combine(following, settings.office_close, tz))
            return Promise(received_at, datetime.combine(day, max(clock, settings.office_close), tz))
        if self.is_working_day(day):
            clock = min(max(clock, settings.office_open), settings.office_close)
        else:
            clock = settings.office_open
        return Promise(received_at, datetime.combine(self.add_working_days(day, days), clock, tz))


def parse_hhmm(value: str) -> time:
    hours, minutes = value.split(":")
    return time(int(hours), int(minutes))
