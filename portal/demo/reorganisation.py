"""The demo town's 2025 successor: the two-level local government of 1 July 2025 (DOMAIN.md §7a).

Gia Nghĩa's five wards and three communes became three wards of tỉnh Lâm Đồng (Đắk Nông merged into it):
Bắc Gia Nghĩa (Nghĩa Đức, Nghĩa Thành, Quảng Thành and xã Đắk Ha, which was not part of the 2019 town and is
not in the demo), Nam Gia Nghĩa (Nghĩa Phú, Nghĩa Tân, Đắk R'Moan) and Đông Gia Nghĩa (Nghĩa Trung, Đắk Nia);
the town's offices ceased with the district level.

Legal basis as recorded: Nghị quyết 1671/NQ-UBTVQH15 ngày 16/6/2025 của Ủy ban Thường vụ Quốc hội về việc sắp
xếp các đơn vị hành chính cấp xã của tỉnh Lâm Đồng năm 2025. Its number, date and the composition of the three
wards come from SECONDARY sources (DOMAIN.md §7a and provincial texts quoting it); we have not read the
resolution itself.

MODELLING DECISION (not a legal fact): the town's offices are recorded as abolished with their functions moved
to phường Nam Gia Nghĩa, the ward of the former town seat (02 Võ Văn Tần, phường Nghĩa Tân). In reality the
district's functions went partly to the province and partly to every new ward; the demo needs one successor so
that the town's history (its 2019 cases, feedback, plan) rolls into a unit that still exists, and so that the
demo accounts, who worked at the town desk and offices, carry on at the ward's Trung tâm Phục vụ hành chính công.

Unit codes: the new wards' identifiers in the national document system are not in our sources. The demo keeps
the series of the 2019 units (``000.3x.26.H17``) so that codes stay unique and case codes keep their shape; an
administrator enters the real ones on the unit form (codes already issued never change).
"""
from __future__ import annotations

from datetime import UTC, date, datetime, time

from sqlalchemy import func, select

from portal.auth.models import StaffUser
from portal.core.access import Role
from portal.core.clock import local_tz
from portal.core.db import db
from portal.demo.constants import DEMO_PASSWORD, MAIL_DOMAIN
from portal.units.models import Reorganisation, ReorganisationKind, Unit, UnitLevel, UnitName

EFFECTIVE = date(2025, 7, 1)
LEGAL_BASIS = ("Nghị quyết 1671/NQ-UBTVQH15 ngày 16/6/2025 của Ủy ban Thường vụ Quốc hội về việc sắp xếp các đơn "
               "vị hành chính cấp xã của tỉnh Lâm Đồng năm 2025")
BAC, NAM, DONG = "000.31.26.H17", "000.32.26.H17", "000.33.26.H17"
# (code, name, the 2019 wards and communes merged into it)
WARDS_2025 = [
    (BAC, "UBND phường Bắc Gia Nghĩa", ["000.11.26.H17", "000.12.26.H17", "000.22.26.H17"]),
    (NAM, "UBND phường Nam Gia Nghĩa", ["000.13.26.H17", "000.14.26.H17", "000.21.26.H17"]),
    (DONG, "UBND phường Đông Gia Nghĩa", ["000.15.26.H17", "000.23.26.H17"]),
]
TOWN_OFFICES = ["000.01.26.H17", "000.02.26.H17", "000.03.26.H17", "000.04.26.H17", "000.05.26.H17",
                "000.06.26.H17"]
MERGE_NOTE = "Sắp xếp đơn vị hành chính cấp xã, chính quyền địa phương hai cấp từ ngày 01/7/2025."
ABOLISH_NOTE = ("Cấp huyện kết thúc hoạt động từ ngày 01/7/2025. Mô hình của bản demo: chức năng chuyển về phường "
                "Nam Gia Nghĩa (nơi đặt trụ sở thị xã cũ).")
# The two neighbouring wards each get a handler, so that a file the Nam Gia Nghĩa centre receives for them
# ("không phụ thuộc địa giới hành chính", DOMAIN.md §7a) is handled there.
NEIGHBOUR_HANDLERS = [("chuyenvien.bacgianghia", "Nguyễn Thị Thanh Tâm", BAC),
                      ("chuyenvien.donggianghia", "K'Hoàng Điểu", DONG)]


def record_2025() -> str:
    """Create the three wards and record the reorganisation of 1 July 2025 (3 merges, the town's offices
    abolished into Nam Gia Nghĩa); the demo accounts then work for Nam Gia Nghĩa. Loaded once. Runs after the
    2019 work is finished (cases_recent.close_year, feedback_close.close_year): no open work to move."""
    by_code = {u.code: u for u in db.session.scalars(select(Unit))}
    if NAM in by_code:
        return "2025 reorganisation: already recorded"
    if any(code not in by_code for _c, _n, olds in WARDS_2025 for code in olds):
        return "2025 reorganisation: none (no 2019 organisation)"
    from portal.core.audit import AuditEvent
    from portal.units import services as units

    first_audit = (db.session.scalar(select(func.max(AuditEvent.id))) or 0) + 1
    for code, name, _olds in WARDS_2025:
        unit = units.create_unit(code=code, name=name, level=UnitLevel.COMMUNE)
        unit.valid_from = EFFECTIVE
        for span in db.session.scalars(select(UnitName).where(UnitName.unit_id == unit.id)):
            span.valid_from = EFFECTIVE  # no name before the ward existed
        by_code[code] = unit
    db.session.flush()
    steps = [(ReorganisationKind.MERGE, olds, code, MERGE_NOTE) for code, _n, olds in WARDS_2025]
    steps += [(ReorganisationKind.ABOLISH, [office], NAM, ABOLISH_NOTE) for office in TOWN_OFFICES if office in by_code]
    events = [_record(kind, [by_code[c] for c in olds], by_code[new], note) for kind, olds, new, note in steps]
    _move_staff(by_code)
    db.session.flush()
    # Recorded in the story on the morning it took effect, not when the seed ran.
    recorded = datetime.combine(EFFECTIVE, time(8, 0), tzinfo=local_tz()).astimezone(UTC)
    for event in events:
        event.created_at = recorded
    for row in db.session.scalars(select(AuditEvent).where(AuditEvent.id >= first_audit)):
        row.occurred_at = recorded
    db.session.commit()
    return (f"2025 reorganisation recorded: 3 wards of Lâm Đồng, {len(WARDS_2025)} merges, "
            f"{len(steps) - len(WARDS_2025)} town offices abolished into phường Nam Gia Nghĩa")


def _record(kind: ReorganisationKind, predecessors: list[Unit], successor: Unit, note: str) -> Reorganisation:
    """Through the reorganisation tool (portal.reorganisation.services.reorganise): the Reorganisation and its
    successions, the predecessors closed the day before, their open work, staff and catalogue moved."""
    from portal.reorganisation.services import reorganise

    return reorganise(kind, [u.id for u in predecessors], [successor.id], open_work_to=successor.id,
                      effective_on=EFFECTIVE, legal_basis=LEGAL_BASIS, note=note, apply=True).reorganisation


def _move_staff(by_code: dict[str, Unit]) -> None:
    """Every demo account works for Nam Gia Nghĩa (logins and passwords unchanged: the tool has moved those of the
    ceased units; this also catches one left elsewhere); the two neighbouring wards get a handler each."""
    from portal.auth import services as accounts

    nam = by_code[NAM]
    for user in db.session.scalars(select(StaffUser).where(StaffUser.email.like(f"%@{MAIL_DOMAIN}"))):
        if user.unit_id not in {by_code[code].id for code, _n, _o in WARDS_2025}:
            user.unit_id = nam.id
    for local, full_name, code in NEIGHBOUR_HANDLERS:
        email = f"{local}@{MAIL_DOMAIN}"
        if accounts.find_by_email(email) is None:
            accounts.create_user(email=email, full_name=full_name, unit_id=by_code[code].id, roles=[Role.HANDLER],
                                 password=DEMO_PASSWORD, check_strength=False)
