"""A handling unit with its head and handler, a receiving desk with its head, a consulted unit, two managers, and
cases whose legal due days are set around the fixed morning: Wednesday 10 March 2027 (no holiday near it)."""
from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import update

from portal.cases import intake, services as cases
from portal.cases.models import Case, CaseLeg
from portal.cases.rules import Action
from portal.core.access import Role
from portal.core.db import db
from tests.factories import make_procedure, make_unit, make_user

VN = ZoneInfo("Asia/Ho_Chi_Minh")
MORNING = datetime(2027, 3, 10, 0, 0, tzinfo=UTC)  # Wed 10 March 2027, 07:00 in Vietnam


def local(*args) -> datetime:
    return datetime(*args, tzinfo=VN).astimezone(UTC)


@pytest.fixture()
def world(app_ctx):
    unit = make_unit(code="000.14.26.H17", name="UBND phường Nghĩa Tân")
    desk = make_unit(code="000.20.26.H17", name="Bộ phận Một cửa thị xã")
    consulted = make_unit(code="000.05.26.H17", name="Phòng Tài nguyên và Môi trường")
    return {
        "unit": unit, "desk": desk, "consulted": consulted,
        "procedure": make_procedure(unit=unit, processing_days=10),
        "handler": make_user(Role.HANDLER, unit=unit, full_name="Y Sơn Niê", email="ysonnie@gianghia.gov.vn"),
        "head": make_user(Role.UNIT_HEAD, unit=unit, full_name="Nguyễn Thị Mai", email="mai.nt@gianghia.gov.vn"),
        "desk_head": make_user(Role.UNIT_HEAD, unit=desk, full_name="Hoàng Văn Đức", email="duc.hv@gianghia.gov.vn"),
        "managers": [make_user(Role.MANAGER, unit=unit, full_name="Trần Văn Hùng", email="hung.tv@gianghia.gov.vn"),
                     make_user(Role.MANAGER, unit=unit, full_name="Phạm Thu Trang", email="trang.pt@gianghia.gov.vn")],
    }


def new_case(world, due: datetime, *, handler=True, email="hoa.tran@example.vn") -> Case:
    """A case received on 1 March 2027 by the desk, handled by the unit, whose legal due is set to `due`."""
    procedure = world["procedure"]
    case = intake.receive_case(procedure=procedure, unit=world["unit"],
                               applicant={"name": "Trần Thị Hoa", "email": email},
                               submitted=[d["name"] for d in procedure.current_version.documents], sets=1,
                               delivery="desk", received_at=local(2027, 3, 1, 9, 0))
    if handler:
        cases.transition(case, Action.ASSIGN, now=local(2027, 3, 1, 10, 0), expected_version=case.version,
                         handler_id=world["handler"].id)
    # The desk that received it is another unit's (NĐ 61/2018 Điều 19 k5 b speaks of the desk that transferred it).
    db.session.execute(update(Case).where(Case.id == case.id).values(
        original_due_at=due, due_at=due, unit_id=world["desk"].id))
    db.session.commit()
    db.session.refresh(case)
    return case


def open_leg(world, case: Case, sent: datetime, due: datetime) -> CaseLeg:
    leg = CaseLeg(case_id=case.id, unit_id=world["consulted"].id, purpose="Xác minh nguồn gốc đất", sent_at=sent,
                  due_at=due, sent_by_id=world["handler"].id)
    db.session.add(leg)
    db.session.commit()
    return leg


@pytest.fixture()
def scene(world):
    """A: due Fri 12/3 (the handler's day, lead 2, is today) with a consultation due Fri 5/3 still open;
    B: due Thu 11/3 (today is its last apology day; in its handler's window); C: due Mon 8/3, no apology
    (overdue); D: due Fri 19/3 (nothing yet)."""
    a = new_case(world, local(2027, 3, 12, 17, 0))
    b = new_case(world, local(2027, 3, 11, 9, 0))
    c = new_case(world, local(2027, 3, 8, 9, 0))
    d = new_case(world, local(2027, 3, 19, 9, 0))
    leg = open_leg(world, a, local(2027, 3, 2, 9, 0), local(2027, 3, 5, 9, 0))
    return {**world, "a": a, "b": b, "c": c, "d": d, "leg": leg}
