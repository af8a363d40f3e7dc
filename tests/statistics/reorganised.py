"""A town whose three wards merged on 1 July 2025 (DOMAIN.md §7a): Nghĩa Phú, Nghĩa Tân and Đắk R'Moan
(until 30/06/2025) -> Nam Gia Nghĩa (from 01/07/2025); Phòng Tư pháp is not reorganised. Every case, PAKN and
rating is written out below so that the "as was" and "as is" figures can be counted by hand.

Cases finished in 2025 (received on the 3rd of the month): Nghĩa Phú Feb early, Mar late; Nghĩa Tân Apr on
time; Đắk R'Moan May late, Jun early; Nam Gia Nghĩa Aug early, Sep on time, Oct late; Phòng Tư pháp Mar and Sep
on time.  As is, Nam Gia Nghĩa: 8 received, 3 early, 2 on time, 3 late (on time 5 ÷ 8).
PAKN: Nghĩa Phú Mar answered on time, Nghĩa Tân Apr answered late, Nam Gia Nghĩa Aug and Sep on time, Phòng Tư
pháp Sep on time.  As is, Nam Gia Nghĩa: 4 received, 4 handled, 3 on time.
Ratings: Nghĩa Phú's early case satisfied, Nghĩa Tân's not satisfied, Đắk R'Moan's late one satisfied, Nam
Gia Nghĩa's early and on-time ones satisfied, Phòng Tư pháp's March one satisfied.  As is, Nam Gia Nghĩa:
5 ratings, 4 satisfied, 8 cases returned.
"""
from __future__ import annotations

from datetime import date

from portal.cases.rules import Timing
from portal.core.db import db
from portal.units.models import Reorganisation, ReorganisationKind, UnitLevel, UnitSuccession
from tests.factories import make_field, make_procedure, make_unit
from tests.statistics import world as w

MERGED_ON = date(2025, 7, 1)
CEASED_ON = date(2025, 6, 30)
NAMES = {"phu": "UBND phường Nghĩa Phú", "tan": "UBND phường Nghĩa Tân", "rmoan": "UBND xã Đắk R'Moan",
         "nam": "UBND phường Nam Gia Nghĩa", "tp": "Phòng Tư pháp"}
CODES = {"phu": "000.31.26.H17", "tan": "000.32.26.H17", "rmoan": "000.33.26.H17", "nam": "000.34.68.H40",
         "tp": "000.21.26.H17"}
PREDECESSORS = ("phu", "tan", "rmoan")
# Hand counts, 2025
CASES_AS_WAS = {"phu": 2, "tan": 1, "rmoan": 2, "nam": 3, "tp": 2}
NAM_AS_IS = {"received": 8, "early": 3, "on_time": 2, "late": 3}
QUARTERS_NAM_AS_IS = [2, 3, 2, 1]  # received per quarter: Feb+Mar, Apr+May+Jun, Aug+Sep, Oct
QUARTERS_NAM_AS_WAS = [0, 0, 2, 1]


def build() -> dict:
    units = {key: make_unit(code=CODES[key], name=NAMES[key], level=UnitLevel.TOWN if key == "tp" else
                            UnitLevel.COMMUNE) for key in NAMES}
    for key in PREDECESSORS:
        units[key].valid_to, units[key].is_active = CEASED_ON, False
    units["nam"].valid_from = MERGED_ON
    reorganisation = Reorganisation(kind=ReorganisationKind.MERGE, effective_on=MERGED_ON,
                                    legal_basis="Nghị quyết 1671/NQ-UBTVQH15")
    reorganisation.links = [UnitSuccession(predecessor_id=units[key].id, successor_id=units["nam"].id)
                            for key in PREDECESSORS]
    db.session.add(reorganisation)
    procedure = make_procedure("1.001193.000.00.00.H17", units["tp"], make_field(), name="Đăng ký khai sinh")
    fin = w._finished
    cases = {
        "phu": [fin(units["phu"], procedure, 2, Timing.EARLY), fin(units["phu"], procedure, 3, Timing.LATE)],
        "tan": [fin(units["tan"], procedure, 4, Timing.ON_TIME)],
        "rmoan": [fin(units["rmoan"], procedure, 5, Timing.LATE), fin(units["rmoan"], procedure, 6, Timing.EARLY)],
        "nam": [fin(units["nam"], procedure, m, t) for m, t in ((8, Timing.EARLY), (9, Timing.ON_TIME),
                                                               (10, Timing.LATE))],
        "tp": [fin(units["tp"], procedure, 3, Timing.ON_TIME), fin(units["tp"], procedure, 9, Timing.ON_TIME)],
    }
    w._feedback(units["phu"], w.local(2025, 3, 5, 9), answered=-1)
    w._feedback(units["tan"], w.local(2025, 4, 5, 9), answered=4)
    w._feedback(units["nam"], w.local(2025, 8, 5, 9), answered=-2)
    w._feedback(units["nam"], w.local(2025, 9, 5, 9), answered=0)
    w._feedback(units["tp"], w.local(2025, 9, 5, 9), answered=-1)
    w._rating(cases["phu"][0], True)
    w._rating(cases["tan"][0], False)
    w._rating(cases["rmoan"][0], True)
    w._rating(cases["nam"][0], True)
    w._rating(cases["nam"][1], True)
    w._rating(cases["tp"][0], True)
    db.session.commit()
    return units
