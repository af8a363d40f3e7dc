"""Competence by level in the public catalogue (issue 15 point 5): a commune-level procedure belongs to every
active ward and commune, so the catalogue filtered by any of them lists it, and its page says where to file and
lists the competent units, not one ward. Also the rule itself and the 0023 data migration."""
from __future__ import annotations

import re

import pytest

from portal.core.db import db
from portal.procedures import rules
from portal.units.models import UnitLevel
from tests.factories import make_field, make_procedure, make_unit

WARDS = ("UBND phường Nghĩa Tân", "UBND phường Nghĩa Đức", "UBND phường Nghĩa Thành", "UBND xã Đắk Nia")


@pytest.fixture()
def catalogue(app_ctx):
    wards = [make_unit(name=name, level=UnitLevel.COMMUNE) for name in WARDS]
    closed = make_unit(name="UBND xã Đã Giải Thể", level=UnitLevel.COMMUNE)
    closed.is_active = False
    office = make_unit(name="Phòng Tư pháp")
    db.session.commit()
    field = make_field()
    birth = make_procedure(unit=wards[0], field=field)
    death = make_procedure("1.001022.000.00.00.H17", unit=wards[1], field=field, name="Thủ tục đăng ký khai tử")
    copy = make_procedure("2.000815.000.00.00.H17", unit=office, field=make_field("CT", "Chứng thực"),
                          name="Thủ tục chứng thực bản sao từ bản chính")
    return {"wards": wards, "closed": closed, "office": office, "birth": birth, "death": death, "copy": copy}


def names(html: str) -> set[str]:
    results = html.split('id="results"')[1]
    return set(re.findall(r"Thủ tục [^<]+", results))


@pytest.mark.parametrize("index", range(len(WARDS)))
def test_the_catalogue_filtered_by_any_ward_lists_the_commune_procedures(client, catalogue, index):
    ward = catalogue["wards"][index]
    body = client.get(f"/thu-tuc/?unit={ward.id}").get_data(as_text=True)
    assert names(body) == {"Thủ tục đăng ký khai sinh", "Thủ tục đăng ký khai tử"}


def test_a_town_office_lists_its_own_and_an_inactive_ward_none(client, catalogue):
    office = client.get(f"/thu-tuc/?unit={catalogue['office'].id}").get_data(as_text=True)
    assert names(office) == {"Thủ tục chứng thực bản sao từ bản chính"}
    closed = client.get(f"/thu-tuc/?unit={catalogue['closed'].id}").get_data(as_text=True)
    assert names(closed) == set()


def test_a_wards_printable_board_lists_the_commune_procedures(client, catalogue):
    body = client.get(f"/thu-tuc/don-vi/{catalogue['wards'][3].id}/niem-yet").get_data(as_text=True)
    assert "Thủ tục đăng ký khai sinh" in body and "Thủ tục đăng ký khai tử" in body
    assert "Thủ tục chứng thực bản sao" not in body


@pytest.mark.parametrize("lang, where", [
    ("vi", "UBND phường, xã (Trung tâm Phục vụ hành chính công) nơi bạn cư trú"),
    ("en", "the ward or commune where you live")])
def test_the_procedure_page_says_where_to_file_and_lists_every_competent_unit(client, catalogue, lang, where):
    client.get(f"/language/{lang}")
    body = client.get(f"/thu-tuc/{catalogue['birth'].code}").get_data(as_text=True)
    assert where in body
    units = body.split('class="competent-units"')[1].split("</details>")[0]
    assert re.findall(r">(UBND [^<]+)</a>", units) == ["UBND phường Nghĩa Đức", "UBND phường Nghĩa Tân",
                                                       "UBND phường Nghĩa Thành", "UBND xã Đắk Nia"]
    town = client.get(f"/thu-tuc/{catalogue['copy'].code}").get_data(as_text=True)
    assert "Phòng Tư pháp" in town and 'class="competent-units"' not in town


def test_the_checklist_sends_a_citizen_to_their_own_ward(client, catalogue):
    body = client.get(f"/thu-tuc/{catalogue['birth'].code}/ho-so-can-chuan-bi").get_data(as_text=True)
    assert "nơi bạn cư trú" in body and "UBND phường Nghĩa Tân —" not in body


def test_competence_rule():
    units = [(1, "commune", True), (2, "commune", False), (3, "town", True), (4, "commune", True)]
    assert rules.competent_unit_ids("commune", None, units) == [1, 4]
    assert rules.competent_unit_ids("town", 3, units) == [3]
    assert rules.default_handling_unit(4, [1, 4]) == 4
    assert rules.default_handling_unit(3, [1, 4]) is None
    assert rules.default_handling_unit(9, [3]) == 3
    assert rules.missing_components({"level": "commune", "unit_id": None}).count("unit_id") == 0
    assert "unit_id" in rules.missing_components({"level": "town", "unit_id": None})
