"""A returned case and its people, for the rating tests."""
from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from portal.cases import intake as case_intake, legs as case_legs, services as case_services
from portal.cases.rules import Action
from portal.core.access import Role
from portal.core.db import db
from tests.factories import make_procedure, make_unit, make_user

VN = ZoneInfo("Asia/Ho_Chi_Minh")


def local(*args) -> datetime:
    return datetime(*args, tzinfo=VN).astimezone(UTC)


def make_world(**procedure_changes):
    unit = make_unit(code="000.14.26.H17", name="UBND phường Nghĩa Tân")
    other = make_unit(code="000.03.26.H17", name="Phòng Tư pháp")
    procedure = make_procedure(unit=unit, processing_days=5, name="Đăng ký khai sinh", **procedure_changes)
    return {"unit": unit, "other": other, "procedure": procedure,
            "desk": make_user(Role.DESK_OFFICER, unit=unit, full_name="Hoàng Văn Đức"),
            "handler": make_user(Role.HANDLER, Role.DESK_OFFICER, unit=unit, full_name="Y Sơn Niê"),
            "head": make_user(Role.UNIT_HEAD, unit=unit, full_name="Nguyễn Thị Mai")}


def returned_case(world, *, received=(2027, 3, 1, 9, 0), finished=(2027, 3, 3, 10, 0), legs=(), supplements=0,
                  returned=True):
    """Received, assigned, optionally consulted (legs: (sent, days, answered)), finished, returned."""
    procedure = world["procedure"]
    case = case_intake.receive_case(procedure=procedure, unit=world["unit"], applicant={"name": "Trần Thị Hoa"},
                                    submitted=[d["name"] for d in procedure.current_version.documents], sets=1,
                                    delivery="desk", received_at=local(*received), actor=world["desk"])
    at = local(*received)

    def step(action, moment, **kw):
        case_services.transition(case, action, now=moment, expected_version=case.version, actor=world["handler"], **kw)

    step(Action.ASSIGN, at, handler_id=world["handler"].id)
    for _ in range(supplements):
        step(Action.REQUEST_SUPPLEMENT, at, note="Bổ sung bản sao giấy tờ.")
        step(Action.SUPPLEMENT, at)
    for sent, days, answered in legs:
        leg = case_legs.open_leg(case, unit_id=world["other"].id, purpose="Xác minh nơi cư trú", due_days=days,
                                 now=local(*sent), expected_version=case.version, actor=world["handler"])
        case_legs.close_leg(leg, note="Đã xác minh", now=local(*answered), actor=world["handler"])
    step(Action.FINISH, local(*finished))
    if returned:
        step(Action.RETURN, local(*finished))
    db.session.commit()
    return case
