"""The demo organisation's own name over time (issue 15 point 1; DOMAIN.md §1, §7a): what the printouts, e-mails
and exports name as the committee, the issuer line, the place of the date line and the address, by date.

- to 31/12/2019: Ủy ban nhân dân thị xã Gia Nghĩa, tỉnh Đắk Nông (the seed's 2019 town);
- 01/01/2020 – 30/06/2025: Ủy ban nhân dân thành phố Gia Nghĩa (the town became a city in 2020, DOMAIN.md §1; the day, 1 Jan, is an assumption);
- from 01/07/2025: Ủy ban nhân dân phường Nam Gia Nghĩa, tỉnh Lâm Đồng (two-level local government; the ward of
  the former town seat, the demo's successor of the town's offices, portal.demo.reorganisation). Its forms are
  headed by UBND tỉnh Lâm Đồng above the ward (no district level any more).

ASSUMPTIONS, not facts from our sources: the ward committee's address is the former town committee's building
(02 Võ Văn Tần, in the former phường Nghĩa Tân, now part of Nam Gia Nghĩa) and its phone the town's; the city's
address is the town's. An administrator corrects them at /staff/organisation (a new profile from a date).
"""
from __future__ import annotations

from datetime import date

from portal.units import organisation

PROFILES = [
    (date(2000, 1, 1), {
        "committee_name": "Ủy ban nhân dân thị xã Gia Nghĩa", "short_name": "UBND thị xã Gia Nghĩa",
        "issuer_line": "Ủy ban nhân dân thị xã Gia Nghĩa", "superior_name": "UBND tỉnh Đắk Nông",
        "province": "Đắk Nông", "place": "Gia Nghĩa",
        "address": "02 Võ Văn Tần, phường Nghĩa Tân, thị xã Gia Nghĩa, tỉnh Đắk Nông", "phone": "0261 3544 111"}),
    (date(2020, 1, 1), {
        "committee_name": "Ủy ban nhân dân thành phố Gia Nghĩa", "short_name": "UBND thành phố Gia Nghĩa",
        "issuer_line": "Ủy ban nhân dân thành phố Gia Nghĩa", "superior_name": "UBND tỉnh Đắk Nông",
        "province": "Đắk Nông", "place": "Gia Nghĩa",
        "address": "02 Võ Văn Tần, phường Nghĩa Tân, thành phố Gia Nghĩa, tỉnh Đắk Nông", "phone": "0261 3544 111"}),
    (date(2025, 7, 1), {
        "committee_name": "Ủy ban nhân dân phường Nam Gia Nghĩa", "short_name": "UBND phường Nam Gia Nghĩa",
        "issuer_line": "UBND tỉnh Lâm Đồng", "superior_name": "UBND tỉnh Lâm Đồng",
        "province": "Lâm Đồng", "place": "Nam Gia Nghĩa",
        "address": "02 Võ Văn Tần, phường Nam Gia Nghĩa, tỉnh Lâm Đồng", "phone": "0261 3544 111"}),
]


def record_2025_profile() -> int:
    """Record the demo's profiles (the caller commits); nothing when some are already recorded. Returns how many
    were recorded."""
    if organisation.history():
        return 0
    expected = None
    for valid_from, values in PROFILES:
        organisation.record_profile(values, valid_from=valid_from, expected=expected)
        expected = valid_from
    return len(PROFILES)
