"""Competence by level at intake (issue 15 point 5): every ward and commune handles a commune-level procedure for
its own area; a desk may receive a file for another competent unit ("không phụ thuộc địa giới hành chính", NQ 27/
NQ-CP 2025 as quoted in DOMAIN.md §7a) and both units follow it; the service refuses an incompetent unit."""
from __future__ import annotations

from dataclasses import dataclass

import pytest

from portal.cases import intake
from portal.cases.models import Case
from portal.core.access import Role
from portal.core.db import db
from portal.core.errors import DomainError
from portal.units.models import UnitLevel
from tests.conftest import FIXED_NOW
from tests.factories import login, make_procedure, make_unit, make_user

DOCS = ["Tờ khai đăng ký khai sinh theo mẫu", "Giấy chứng sinh"]


@dataclass
class World:
    tan: object  # UBND phường Nghĩa Tân
    duc: object  # UBND phường Nghĩa Đức
    office: object  # Phòng Tư pháp (town level)
    birth: object  # commune level: no unit named
    copy: object  # town level: Phòng Tư pháp


@pytest.fixture()
def world(app_ctx) -> World:
    tan = make_unit(code="000.14.26.H17", name="UBND phường Nghĩa Tân", level=UnitLevel.COMMUNE)
    duc = make_unit(code="000.11.26.H17", name="UBND phường Nghĩa Đức", level=UnitLevel.COMMUNE)
    office = make_unit(code="000.03.26.H17", name="Phòng Tư pháp")
    birth = make_procedure(unit=tan, processing_days=3)
    copy = make_procedure("2.000815.000.00.00.H17", unit=office, name="Chứng thực bản sao", processing_days=2)
    return World(tan, duc, office, birth, copy)


def receive(procedure, unit, **kwargs):
    case = intake.receive_case(procedure=procedure, unit=unit, applicant={"name": "Trần Thị Hoa"}, submitted=DOCS,
                               sets=1, delivery="desk", received_at=FIXED_NOW, **kwargs)
    db.session.commit()
    return case


def test_the_commune_procedure_names_no_ward(world):
    assert (world.birth.level, world.birth.unit_id, world.birth.current_version.unit_id) == ("commune", None, None)


@pytest.mark.parametrize("ward", ["tan", "duc"])
def test_any_ward_desk_receives_a_commune_procedure_for_its_own_area(world, ward):
    unit = getattr(world, ward)
    case = receive(world.birth, unit)
    assert (case.unit_id, case.handling_unit_id) == (unit.id, unit.id)


def test_a_desk_receives_for_another_competent_unit(world):
    case = receive(world.birth, world.tan, handling_unit_id=world.duc.id)
    assert (case.unit_id, case.handling_unit_id) == (world.tan.id, world.duc.id)
    assert case.code.startswith("000.14.26.H17-")  # numbered in the receiving desk's own sequence


@pytest.mark.parametrize("who", ["office", "inactive"])
def test_the_service_refuses_an_incompetent_handling_unit(world, who):
    if who == "inactive":
        target = make_unit(name="UBND xã Cũ", level=UnitLevel.COMMUNE)
        target.is_active = False
        db.session.commit()
    else:
        target = world.office
    with pytest.raises(DomainError) as refused:
        receive(world.birth, world.tan, handling_unit_id=target.id)
    assert refused.value.field == "handling_unit_id"
    with pytest.raises(DomainError) as refused:  # a town procedure: only its own unit
        receive(world.copy, world.office, handling_unit_id=world.tan.id)
    assert refused.value.field == "handling_unit_id"


def test_a_town_desk_must_choose_the_ward_of_a_commune_procedure_and_receives_town_ones_as_before(world):
    with pytest.raises(DomainError) as refused:
        receive(world.birth, world.office)
    assert refused.value.field == "handling_unit_id"
    assert receive(world.birth, world.office, handling_unit_id=world.duc.id).handling_unit_id == world.duc.id
    town_desk = make_unit(code="000.01.26.H17", name="Văn phòng HĐND và UBND")
    assert receive(world.copy, town_desk).handling_unit_id == world.office.id


def test_both_units_follow_a_file_received_for_another_unit(client, world):
    case = receive(world.birth, world.tan, handling_unit_id=world.duc.id)
    own = receive(world.birth, world.tan)
    desk = make_user(Role.DESK_OFFICER, unit=world.tan)
    login(client, desk)
    forwarded = client.get("/staff/cases/?scope=forwarded").get_data(as_text=True)
    assert case.code in forwarded and own.code not in forwarded
    assert "UBND phường Nghĩa Đức" in forwarded
    assert client.get(f"/staff/cases/{case.id}").status_code == 200
    client.post("/auth/logout")
    login(client, make_user(Role.UNIT_HEAD, unit=world.duc))
    unit_list = client.get("/staff/cases/?scope=unit").get_data(as_text=True)
    assert case.code in unit_list and own.code not in unit_list
    assert "UBND phường Nghĩa Tân" in unit_list  # said where it was received
    assert client.get(f"/staff/cases/{case.id}").status_code == 200
    client.post("/auth/logout")
    login(client, make_user(Role.UNIT_HEAD, unit=world.office))
    assert client.get(f"/staff/cases/{case.id}").status_code == 403


def test_the_intake_page_offers_the_competent_units_and_shows_a_refusal_beside_the_field(client, world):
    login(client, make_user(Role.DESK_OFFICER, unit=world.tan))
    page = client.get(f"/staff/cases/new?procedure={world.birth.code}").get_data(as_text=True)
    options = page.split('name="handling_unit_id"')[1].split("</select>")[0]
    assert options.index("UBND phường Nghĩa Tân") < options.index("UBND phường Nghĩa Đức")  # own unit first
    assert "Phòng Tư pháp" not in options
    data = {"procedure": world.birth.code, "documents": DOCS, "applicant_name": "Nguyễn Văn Bình", "sets": "1",
            "delivery": "desk", "channel": "desk", "action": "accept"}
    refused = client.post("/staff/cases/new", data={**data, "handling_unit_id": str(world.office.id)})
    assert refused.status_code == 422
    assert 'id="handling_unit_id-error"' in refused.get_data(as_text=True)
    accepted = client.post("/staff/cases/new", data={**data, "handling_unit_id": str(world.duc.id)})
    assert accepted.status_code in (302, 303)
    case = db.session.query(Case).one()
    assert (case.unit_id, case.handling_unit_id) == (world.tan.id, world.duc.id)
