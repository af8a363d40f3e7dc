"""The organisation's own names over time (pure): which profile was in force on a day, and whether a new one from
a day fits. Issue 15 point 1: every printout uses the committee's name, issuer lines and address valid on the
document's date (a 2019 receipt prints the 2019 town committee, a 2026 one the 2025 ward of Lâm Đồng).

`history` is any iterable of rows with the Profile fields, `valid_from` and `valid_to` (inclusive, None = in
force): the `OrganisationProfile` rows or plain `Profile`s. No Flask, no database, no clock.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, fields
from datetime import date, timedelta

EARLIEST = date(2000, 1, 1)  # as portal.units.names: before any document the portal can hold


@dataclass(frozen=True)
class Profile:
    """What documents print about the organisation on a day."""
    committee_name: str  # "Ủy ban nhân dân thị xã Gia Nghĩa"
    short_name: str = ""  # "UBND thị xã Gia Nghĩa"
    # The body printed above an issuing unit (the first line of the issuer block of the forms): the town
    # committee above its offices and wards in 2019, the province committee above the wards from 1 Jul 2025.
    issuer_line: str = ""
    superior_name: str = ""  # the committee's own superior: "UBND tỉnh Đắk Nông" / "UBND tỉnh Lâm Đồng"
    province: str = ""  # "Đắk Nông" / "Lâm Đồng"
    place: str = ""  # for "Gia Nghĩa, ngày … tháng … năm …" (NĐ 30/2020: the seat's administrative unit)
    address: str = ""
    phone: str = ""
    valid_from: date = EARLIEST
    valid_to: date | None = None

    @property
    def issuer(self) -> str:
        return self.issuer_line or self.committee_name

    @property
    def short(self) -> str:
        return self.short_name or shorten(self.committee_name)

    @property
    def province_line(self) -> str:
        return f"tỉnh {self.province}" if self.province else ""


TEXT_FIELDS = tuple(f.name for f in fields(Profile) if f.name not in ("valid_from", "valid_to"))


def shorten(name: str) -> str:
    """"Ủy ban nhân dân thị xã Gia Nghĩa" → "UBND thị xã Gia Nghĩa"."""
    return re.sub(r"^(Ủy ban nhân dân|Uỷ ban nhân dân)\s+", "UBND ", (name or "").strip(), flags=re.I)


def place_of(town: str) -> str:
    """"Thị xã Gia Nghĩa" → "Gia Nghĩa": the place of the date line, without the kind of unit."""
    return re.sub(r"^(thị xã|thành phố|huyện|quận|xã|phường|thị trấn)\s+", "", (town or "").strip(), flags=re.I)


def covers(span, day: date) -> bool:
    return span.valid_from <= day and (span.valid_to is None or day <= span.valid_to)


def profile_on(history, day: date, default: Profile) -> Profile:
    """The profile in force on `day` (as a Profile); `default` (the configured organisation) when none covers it."""
    for span in history:
        if covers(span, day):
            return Profile(**{name: getattr(span, name) or "" for name in TEXT_FIELDS},
                           valid_from=span.valid_from, valid_to=span.valid_to)
    return default


def current(history):
    """The open-ended profile (in force now and until a later one), or None."""
    return next((s for s in history if s.valid_to is None), None)


def record_problem(history, day: date) -> str | None:
    """Why a profile from `day` cannot be recorded: "before_current" when `day` is not after the start of the
    profile in force (the spans would overlap or it would last no day). None when it fits."""
    now = current(history)
    if now is not None and day <= now.valid_from:
        return "before_current"
    return None


def day_before(day: date) -> date:
    return day - timedelta(days=1)
