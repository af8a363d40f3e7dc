"""Issue 15 point 1, end to end: the administrator records the 1 July 2025 merge of Nghĩa Phú, Nghĩa Tân and
Đắk R'Moan into a new phường Nam Gia Nghĩa (preview of what moves, then apply); the open case of Nghĩa Tân then sits
in the successor's worklist and is worked to its end there; a 2019 receipt of Nghĩa Tân still prints its 2019 name;
the 2025 case statistics show Nam Gia Nghĩa without its predecessors (as the units were) and with them (as they are
now)."""
from __future__ import annotations

import re
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest
from playwright.sync_api import expect
from sqlalchemy import select

from portal.core.db import db
from tests.e2e.test_desk_journey import sign_in, sign_out, take_step

pytestmark = pytest.mark.e2e

VN = ZoneInfo("Asia/Ho_Chi_Minh")
WARDS = ["UBND phường Nghĩa Phú", "UBND phường Nghĩa Tân", "UBND xã Đắk R'Moan"]
NEW_NAME, NEW_CODE = "UBND phường Nam Gia Nghĩa", "000.32.26.H17"


def _open_case_of_nghia_tan(live_server):
    """A case the town desk received on 20 June 2025 for phường Nghĩa Tân, assigned to its handler; and a case
    Nghĩa Tân received, handled and returned on 4 March 2019 (its receipt)."""
    from portal.auth.models import StaffUser
    from portal.cases import intake, services
    from portal.cases.rules import Action, CaseStatus
    from portal.procedures.models import Procedure
    from portal.units.models import Unit

    with live_server.app.app_context():
        desk = db.session.scalar(select(Unit).where(Unit.code == "000.01.26.H17"))
        tan = db.session.scalar(select(Unit).where(Unit.code == "000.14.26.H17"))
        procedure = next(p for p in db.session.scalars(select(Procedure).order_by(Procedure.code))
                         if p.current_version is not None and p.current_version.level.value == "commune"
                         and p.status.value in ("active", "amended"))
        handler = db.session.scalar(select(StaffUser).where(StaffUser.email.like("chuyenvien.nghiatan@%")))
        received = datetime(2025, 6, 20, 9, 0, tzinfo=VN).astimezone(UTC)
        case = intake.receive_case(procedure=procedure, unit=desk, applicant={"name": "Nguyễn Văn Bình"},
                                   submitted=[d["name"] for d in procedure.current_version.documents or []],
                                   sets=1, delivery="desk", received_at=received, handling_unit_id=tan.id)
        services.transition(case, Action.TRANSFER, now=received, expected_version=case.version)
        services.transition(case, Action.ASSIGN, now=received, expected_version=case.version, handler_id=handler.id)
        db.session.commit()
        at = [datetime(2019, 3, 4, h, 0, tzinfo=VN).astimezone(UTC) for h in (9, 10, 15, 16)]
        old = intake.receive_case(procedure=procedure, unit=tan, applicant={"name": "Trần Thị Hoa"},
                                  submitted=[d["name"] for d in procedure.current_version.documents or []],
                                  sets=1, delivery="desk", received_at=at[0], handling_unit_id=tan.id)
        for action, moment, extra in ((Action.TRANSFER, at[1], {}), (Action.ASSIGN, at[1], {"handler_id": handler.id}),
                                      (Action.FINISH, at[2], {}), (Action.RETURN, at[3], {})):
            services.transition(old, action, now=moment, expected_version=old.version, **extra)
        db.session.commit()
        assert old.status == CaseStatus.RETURNED
        # Nghĩa Tân's case of March 2025, finished before the merge: "as was" it stays Nghĩa Tân's.
        march = [datetime(2025, 3, 3, h, 0, tzinfo=VN).astimezone(UTC) for h in (9, 10, 15, 16)]
        done = intake.receive_case(procedure=procedure, unit=tan, applicant={"name": "Lê Văn Tâm"},
                                   submitted=[d["name"] for d in procedure.current_version.documents or []],
                                   sets=1, delivery="desk", received_at=march[0], handling_unit_id=tan.id)
        for action, moment, extra in ((Action.TRANSFER, march[1], {}),
                                      (Action.ASSIGN, march[1], {"handler_id": handler.id}),
                                      (Action.FINISH, march[2], {}), (Action.RETURN, march[3], {})):
            services.transition(done, action, now=moment, expected_version=done.version, **extra)
        db.session.commit()
        return case.id, case.code, old.id


def _received(page, unit_name: str) -> str:
    """The "received" figure of a unit's row in the case statistics table."""
    row = page.locator("table tbody tr", has=page.locator("th", has_text=unit_name))
    return row.locator('td[data-key="received"]').inner_text().strip()


def test_record_the_2025_merge_then_work_the_moved_case_there(open_page, live_server):
    case_id, code, old_id = _open_case_of_nghia_tan(live_server)
    admin = open_page()
    admin.page.context.add_cookies([{"name": "lang", "value": "en", "url": live_server.base_url}])
    sign_in(admin, "quantri")
    page = admin.page
    admin.goto("/staff/units/", "units")
    page.get_by_role("link", name="Record a reorganisation").click()
    page.wait_for_url(re.compile(r"/staff/units/reorganise$"))
    admin.check("reorganisation form")
    page.get_by_label("Merge", exact=True).check()
    predecessors = page.locator("fieldset", has=page.get_by_text("Units that cease", exact=True))
    for name in WARDS:
        predecessors.get_by_label(name, exact=True).check()
    page.get_by_label("New unit: code").fill(NEW_CODE)
    page.get_by_label("New unit: name").fill(NEW_NAME)
    page.get_by_label("New unit: level").select_option(label="Ward / commune level")
    page.get_by_label("Effective from").fill("2025-07-01")
    page.get_by_label("Legal basis").fill("Nghị quyết 1671/NQ-UBTVQH15")
    page.get_by_role("button", name="Preview").last.click()
    page.wait_for_load_state()
    admin.check("reorganisation preview")
    preview = page.locator("#reorganisation-preview")
    expect(preview).to_contain_text("Ceases after 30/06/2025")
    expect(preview).to_contain_text(NEW_NAME)
    expect(preview).to_contain_text(code)  # the open case moves
    expect(preview.locator('[data-kind="cases"]')).not_to_have_text("0")
    expect(preview).to_contain_text(re.compile(r"\d+ closed cases? stays? with"))
    page.get_by_role("button", name="Apply the reorganisation").click()
    page.wait_for_url(re.compile(r"/staff/units/reorganisations/\d+$"))
    admin.check("reorganisation recorded")
    expect(page.locator("main")).to_contain_text("Reorganisation recorded.")
    for name in WARDS:
        expect(page.locator("main")).to_contain_text(name)
    page.get_by_role("link", name=NEW_NAME).first.click()
    page.wait_for_url(re.compile(r"/staff/units/\d+$"))
    admin.check("the new ward")
    expect(page.locator("main")).to_contain_text("Predecessors")
    expect(page.locator("main")).to_contain_text("Y Sơn Niê")  # the ward's handler now works here

    # The 2019 receipt of Nghĩa Tân still names Nghĩa Tân.
    admin.goto(f"/staff/cases/{old_id}/print/receipt", "2019 receipt")
    receipt = page.locator("main").inner_text()
    assert "nghĩa tân" in receipt.lower() and "nam gia nghĩa" not in receipt.lower()
    sign_out(admin)

    # The handler, now of phường Nam Gia Nghĩa, finds the case among the unit's open cases and finishes it.
    handler = open_page()
    handler.page.context.add_cookies([{"name": "lang", "value": "en", "url": live_server.base_url}])
    sign_in(handler, "chuyenvien.nghiatan")
    handler.goto("/staff/cases/?scope=unit", "successor's worklist")
    expect(handler.page.locator("main")).to_contain_text(code)
    handler.goto(f"/staff/cases/{case_id}", "moved case")
    expect(handler.page.locator("main")).to_contain_text("Moved to the successor unit (reorganisation)")
    expect(handler.page.locator("main")).to_contain_text(NEW_NAME)
    take_step(handler, f"/staff/cases/{case_id}", "Result ready (send to the desk)")
    sign_out(handler)

    # The desk returns it.
    desk = open_page()
    desk.page.context.add_cookies([{"name": "lang", "value": "en", "url": live_server.base_url}])
    sign_in(desk, "motcua")
    take_step(desk, f"/staff/cases/{case_id}", "Result returned to the applicant")
    expect(desk.page.locator(".proc-status")).to_contain_text("Result returned")
    with live_server.app.app_context():
        from portal.cases.models import Case
        from portal.units.services import get_by_code

        case = db.session.get(Case, case_id)
        assert case.status.value == "returned" and case.handling_unit_id == get_by_code(NEW_CODE).id

    sign_out(desk)

    # The 2025 statistics: Nam Gia Nghĩa alone as the units were, with its three predecessors as they are now.
    manager = open_page()
    manager.page.context.add_cookies([{"name": "lang", "value": "en", "url": live_server.base_url}])
    sign_in(manager, "quantri")
    manager.goto("/staff/cases/statistics?year=2025", "2025 statistics, units as they were")
    stats = manager.page
    expect(stats.get_by_label("Unit boundaries")).to_have_value("as_was")
    assert _received(stats, NEW_NAME) == "1"  # the moved case, handled by the successor
    assert _received(stats, "UBND phường Nghĩa Tân") == "1"
    stats.get_by_label("Unit boundaries").select_option("as_is")  # the filter form reloads the report on change
    stats.wait_for_url(re.compile(r"units=as_is"))
    expect(stats.locator("#report")).to_contain_text(f"{NEW_NAME} includes:")
    manager.check("2025 statistics, units as they are now")
    assert _received(stats, NEW_NAME) == "2"  # Nghĩa Tân's March case rolled up into its successor
    expect(stats.locator("table tbody")).not_to_contain_text("UBND phường Nghĩa Tân")
    expect(stats.locator("main")).to_contain_text(f"{NEW_NAME} includes:")
