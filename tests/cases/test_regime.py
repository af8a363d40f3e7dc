"""Each case keeps the regime of its receipt date (issue 15 point 3; DOMAIN.md §7a): NĐ 61/2018 + TT 01/2018
for a file received before 1 Jul 2025 (Vietnamese time), NĐ 118/2025 + TT 03/2025 from then — to the case's
end, whenever it is worked, apologised for, stopped or returned. The texts: NĐ 61/2018 and TT 01/2018 Điều 9
(the six forms, docs/law/nd61-2018-tt01-2018.md); NĐ 118/2025, TT 03/2025 Mẫu 01–07 and the change-over day
rest on DOMAIN.md §3 and §7a only."""
from __future__ import annotations

from datetime import UTC, datetime

import time_machine

from portal.cases import intake, services
from portal.cases.rules import Action, CaseStatus
from portal.core.access import Role
from portal.core.db import db
from tests.cases.test_printing import APPLICANT, flat, local, page, world  # noqa: F401
from tests.factories import login, make_user


def receive(world, *moment):
    procedure = world["procedure"]
    case = intake.receive_case(procedure=procedure, unit=world["desk"], applicant=APPLICANT,
                               submitted=[d["name"] for d in procedure.current_version.documents], sets=1,
                               delivery="desk", received_at=local(*moment), actor=world["officer"])
    db.session.commit()
    return case


def test_received_at_23_59_on_30_june_2025_stays_under_nd_61_to_its_end(world, client):
    case = receive(world, 2025, 6, 30, 23, 59)
    assert case.regime == "2018"
    handler = make_user(Role.HANDLER, unit=world["handling"], full_name="Phạm Thu Trang")
    head = make_user(Role.UNIT_HEAD, unit=world["handling"], full_name="Đỗ Minh Khoa")
    services.transition(case, Action.TRANSFER, now=local(2025, 7, 1, 8, 0), expected_version=case.version)
    services.transition(case, Action.ASSIGN, now=local(2025, 7, 1, 9, 0), expected_version=case.version,
                        handler_id=handler.id)
    services.issue_apology(case, reason="Chờ xác minh", new_due_at=local(2025, 7, 10, 9, 0),
                           now=local(2025, 7, 2, 9, 0), expected_version=case.version, actor=head)
    services.transition(case, Action.FINISH, now=local(2025, 7, 9, 9, 0), expected_version=case.version)
    services.transition(case, Action.RETURN, now=local(2025, 7, 10, 9, 0), expected_version=case.version)
    db.session.commit()
    assert case.regime == "2018"  # returned in July, still the 2018 set
    login(client, world["officer"])
    receipt = flat(page(client, f"/staff/cases/{case.id}/print/receipt"))
    assert "Thông tư số 01/2018/TT-VPCP" in receipt and "03/2025" not in receipt
    control = flat(page(client, f"/staff/cases/{case.id}/print/control"))
    assert "Mẫu số 05" in control and "Thông tư số 01/2018/TT-VPCP" in control  # TT 01/2018 Điều 9: Mẫu 05
    apology = flat(page(client, f"/staff/cases/{case.id}/print/apology"))
    assert "PHIẾU XIN LỖI VÀ HẸN LẠI NGÀY TRẢ KẾT QUẢ" in apology and "ĐỀ NGHỊ GIA HẠN" not in apology
    body = flat(page(client, f"/staff/cases/{case.id}"))
    assert "NĐ 61/2018/NĐ-CP, TT 01/2018/TT-VPCP" in body


def test_received_at_midnight_on_1_july_2025_is_under_nd_118(world, client):
    case = receive(world, 2025, 7, 1, 0, 0)
    assert case.regime == "2025"
    head = make_user(Role.UNIT_HEAD, unit=world["handling"], full_name="Đỗ Minh Khoa")
    services.issue_apology(case, reason="Chờ xác minh", new_due_at=local(2025, 7, 10, 9, 0),
                           now=local(2025, 7, 2, 9, 0), expected_version=case.version, actor=head)
    db.session.commit()
    login(client, world["officer"])
    receipt = flat(page(client, f"/staff/cases/{case.id}/print/receipt"))
    assert "Thông tư số 03/2025/TT-VPCP" in receipt and "01/2018/TT-VPCP" not in receipt
    control = flat(page(client, f"/staff/cases/{case.id}/print/control"))
    assert "Mẫu số 06" in control  # TT 03/2025 inserts Mẫu 05 (dừng giải quyết) and renumbers (DOMAIN.md §3)
    apology = flat(page(client, f"/staff/cases/{case.id}/print/apology"))
    assert "PHIẾU XIN LỖI VÀ ĐỀ NGHỊ GIA HẠN THỜI GIAN GIẢI QUYẾT" in apology
    assert "NĐ 118/2025/NĐ-CP, TT 03/2025/TT-VPCP" in flat(page(client, f"/staff/cases/{case.id}"))


def test_a_stop_is_printed_on_mau_05_only_for_a_2025_case(world, client):
    """TT 03/2025 Mẫu 05 (DOMAIN.md §3); the 2018 set has no such form: the stop is on the control slip."""
    old, new = receive(world, 2025, 6, 30, 10, 0), receive(world, 2025, 7, 1, 10, 0)
    for case in (old, new):
        services.transition(case, Action.WITHDRAW, now=local(2025, 7, 2, 9, 0), expected_version=case.version,
                            actor=world["officer"], note="Công dân xin rút hồ sơ")
    db.session.commit()
    login(client, world["officer"])
    assert client.get(f"/staff/cases/{old.id}/print/withdrawal").status_code == 404
    assert "Dừng giải quyết hồ sơ" in flat(page(client, f"/staff/cases/{old.id}/print/control"))
    assert "Mẫu số 05" in flat(page(client, f"/staff/cases/{new.id}/print/withdrawal"))


def test_the_register_and_the_intake_slip_follow_their_own_date(world, client):
    june, july = receive(world, 2025, 6, 30, 9, 0), receive(world, 2025, 7, 1, 9, 0)
    login(client, world["officer"])
    before = flat(page(client, "/staff/cases/register?from=2025-06-01&to=2025-06-30"))
    after = flat(page(client, "/staff/cases/register?from=2025-07-01&to=2025-07-31"))
    assert "Mẫu số 06" in before and "01/2018/TT-VPCP" in before and june.code in before  # TT 01/2018 Mẫu 06
    assert "Mẫu số 07" in after and "03/2025/TT-VPCP" in after and july.code in after  # TT 03/2025 Mẫu 07
    slips = {}
    for moment in (datetime(2025, 6, 30, 16, 59, tzinfo=UTC), datetime(2025, 6, 30, 17, 0, tzinfo=UTC)):  # 23:59, 00:00 +07
        with time_machine.travel(moment, tick=False):
            slips[moment.hour] = intake.issue_intake_slip(kind="refusal", procedure=world["procedure"],
                                                          unit=world["desk"], applicant={"name": "Phạm Thu Trang"},
                                                          items=["Không thuộc thẩm quyền"], note="",
                                                          actor=world["officer"])
    db.session.commit()
    assert "01/2018/TT-VPCP" in flat(page(client, f"/staff/cases/slips/{slips[16].id}/print"))
    assert "03/2025/TT-VPCP" in flat(page(client, f"/staff/cases/slips/{slips[17].id}/print"))
    assert june.status == CaseStatus.RECEIVED
