"""Issue 15 point 1 (first slice): a rename from a date keeps the old name on the documents of its time —
preview, confirm, audit, refusals beside the field (vi and en), the 2019 receipt, the lookup and the case page."""
from __future__ import annotations

from datetime import date
from html import unescape

import pytest
from sqlalchemy import select

from portal.cases import documents, intake
from portal.core.access import Role
from portal.core.audit import AuditEvent
from portal.core.db import db
from portal.units import services
from portal.units.models import UnitName
from tests.cases.test_printing import flat, local, page, world  # noqa: F401
from tests.factories import login, make_unit, make_user

OLD, NEW = "UBND phường Nghĩa Tân", "UBND phường Nam Gia Nghĩa"


def new_case(world, received):
    """A case received at the desk at `received` (local), for the handling unit; no representative."""
    procedure = world["procedure"]
    applicant = {"name": "Trần Thị Hoa", "id_number": "066190001234", "phone": "0912345678",
                 "email": "hoa.tran@example.vn", "address": "12 Lê Duẩn, phường Nghĩa Tân"}
    case = intake.receive_case(procedure=procedure, unit=world["desk"], applicant=applicant,
                               submitted=[d["name"] for d in procedure.current_version.documents], sets=1,
                               delivery="desk", received_at=local(*received), actor=world["officer"])
    db.session.commit()
    return case


def _admin(client, lang="en"):
    login(client, make_user(Role.ADMIN, full_name="Trần Minh Tuấn"))
    client.set_cookie("lang", lang)
    return client


def _post(client, unit, action, new_name=NEW, valid_from="2025-07-01"):
    return client.post(f"/staff/units/{unit.id}/rename", data={
        "new_name": new_name, "valid_from": valid_from, "version": str(unit.version), "action": action})


def _rename(unit, day=date(2025, 7, 1), name=NEW):
    services.rename_unit(unit, new_name=name, valid_from=day, expected_version=unit.version)
    db.session.commit()


def test_preview_shows_both_names_and_the_cases_that_keep_the_old_one_and_writes_nothing(world, client):
    unit = world["handling"]
    for received in ((2019, 3, 4, 9, 0), (2025, 6, 30, 16, 0), (2025, 7, 1, 8, 0)):
        new_case(world, received=received)
    raw = _post(_admin(client), unit, "preview").get_data(as_text=True)
    html = flat(raw)
    assert "Until 30/06/2025" in html and OLD in html and "From 01/07/2025" in html and NEW in html
    assert "2 cases received before this date keep the old name" in html  # not the one of 1 July
    assert 'value="confirm"' in raw
    db.session.expire_all()
    assert unit.name == OLD and db.session.scalars(select(UnitName).where(UnitName.unit_id == unit.id)).all() == []


def test_confirm_closes_the_old_name_records_the_new_one_and_audits_once(world, client):
    unit = world["handling"]
    response = _post(_admin(client), unit, "confirm")
    assert response.status_code == 302
    db.session.expire_all()
    assert unit.name == NEW
    spans = [(h.name, h.valid_from, h.valid_to) for h in services.history(unit.id)]
    assert spans == [(OLD, date(2000, 1, 1), date(2025, 6, 30)), (NEW, date(2025, 7, 1), None)]
    events = db.session.scalars(select(AuditEvent).where(AuditEvent.action == "unit.rename")).all()
    assert len(events) == 1 and events[0].summary == f"{OLD} → {NEW}"
    page_html = flat(page(client, f"/staff/units/{unit.id}"))
    assert "Names over time" in page_html and "30/06/2025" in page_html


@pytest.mark.parametrize("lang, message", [
    ("en", "The new name must start after the current name's start date (01/07/2025)."),
    ("vi", "Tên mới phải có hiệu lực sau ngày bắt đầu của tên hiện tại (01/07/2025)."),
])
def test_a_date_before_the_current_name_is_refused_beside_the_field(world, client, lang, message):
    unit = world["handling"]
    _rename(unit)  # the current name starts on 1 Jul 2025
    _admin(client, lang)
    for action in ("preview", "confirm"):
        response = _post(client, unit, action, new_name="Tên khác", valid_from="2025-06-15")
        assert response.status_code == 422
        raw = response.get_data(as_text=True)
        assert 'id="valid_from-error"' in raw and message in flat(unescape(raw))
    db.session.expire_all()
    assert unit.name == NEW and len(services.history(unit.id)) == 2


@pytest.mark.parametrize("lang, message", [
    ("en", "Enter the date as day/month/year, e.g. 01/07/2025."),
    ("vi", "Nhập ngày theo dạng ngày/tháng/năm, ví dụ 01/07/2025."),
])
def test_a_malformed_date_is_refused_beside_the_field(world, client, lang, message):
    response = _post(_admin(client, lang), world["handling"], "preview", valid_from="31/02/2025")
    assert response.status_code == 422
    raw = response.get_data(as_text=True)
    assert 'id="valid_from-error"' in raw and message in flat(unescape(raw))


def test_the_same_name_is_refused_and_a_future_rename_is_allowed(world, client):
    unit = world["handling"]
    response = _post(_admin(client), unit, "confirm", new_name=OLD)
    html = response.get_data(as_text=True)
    assert response.status_code == 422 and 'id="new_name-error"' in html and "already the unit" in html
    assert _post(client, unit, "confirm", valid_from="2030-01-01").status_code == 302
    db.session.expire_all()
    assert services.name_on(unit, date(2029, 12, 31)) == OLD and services.name_on(unit, date(2030, 1, 1)) == NEW


def test_only_administrators_rename(world, client):
    login(client, make_user(Role.MANAGER, unit=world["handling"]))
    assert client.get(f"/staff/units/{world['handling'].id}/rename").status_code == 403


def test_the_unit_form_corrects_the_current_name(world, client):
    unit = world["handling"]
    _rename(unit)
    services.update_unit(unit, expected_version=unit.version, code=unit.code, name="UBND phường Nam Gia Nghia",
                         level=unit.level, parent_id=None, is_active=True)
    db.session.commit()
    assert [h.name for h in services.history(unit.id)] == [OLD, "UBND phường Nam Gia Nghia"]


def test_a_2019_receipt_prints_the_2019_name_after_a_2025_rename(world, client):
    old_case = new_case(world, received=(2019, 3, 4, 9, 5))
    new = new_case(world, received=(2025, 7, 2, 9, 5))
    desk = world["desk"]
    _rename(desk, name="Trung tâm Phục vụ hành chính công phường Nam Gia Nghĩa")
    _rename(world["handling"])
    login(client, world["officer"])
    receipt = flat(page(client, f"/staff/cases/{old_case.id}/print/receipt"))
    assert "VĂN PHÒNG HĐND VÀ UBND THỊ XÃ" in receipt
    assert "Nam Gia Nghĩa" not in receipt
    assert "Nam Gia Nghĩa" in flat(page(client, f"/staff/cases/{new.id}/print/receipt"))
    control = flat(page(client, f"/staff/cases/{old_case.id}/print/control"))
    assert "Nam Gia Nghĩa" not in control and OLD in control
    body = flat(page(client, f"/staff/cases/{old_case.id}"))
    assert OLD in body and "Văn phòng HĐND và UBND thị xã" in body


def test_the_2025_centre_line_names_the_desk_as_it_was_on_the_receipt_date(world, client):
    """The 2025 forms' receiving centre is derived from the desk's name: the name of the receipt date, like the
    issuer lines, not the one a later rename gave it."""
    case = new_case(world, received=(2025, 7, 2, 9, 5))
    desk = world["desk"]
    before = desk.name
    _rename(desk, day=date(2026, 1, 1), name="Văn phòng UBND phường Nam Gia Nghĩa")
    login(client, world["officer"])
    receipt = flat(page(client, f"/staff/cases/{case.id}/print/receipt"))
    assert flat(documents.centre_name(before)) in receipt
    assert "Nam Gia Nghĩa" not in receipt


def test_the_lookup_shows_the_names_of_the_receipt_date(world, client):
    old_case = new_case(world, received=(2019, 3, 4, 9, 5))
    new = new_case(world, received=(2025, 7, 2, 9, 5))
    _rename(world["handling"])

    def look(case):
        response = client.post("/ho-so/tra-cuu", data={"code": case.code, "access": case.issued_access_code})
        assert response.status_code == 200
        return flat(response.get_data(as_text=True))

    assert OLD in look(old_case) and NEW not in look(old_case)
    assert NEW in look(new)


def test_names_on_loads_every_unit_in_one_query(world, app_ctx):
    from sqlalchemy import event

    other = make_unit(name="Phòng Tư pháp")
    _rename(world["handling"])
    handling_id, other_id = world["handling"].id, other.id
    statements = []
    listener = lambda *args: statements.append(args[2])  # noqa: E731
    event.listen(db.engine, "before_cursor_execute", listener)
    try:
        got = services.names_on([(handling_id, date(2019, 1, 1)), (handling_id, date(2026, 1, 1)),
                                 (other_id, date(2019, 1, 1))])
    finally:
        event.remove(db.engine, "before_cursor_execute", listener)
    assert [s for s in statements if s.lstrip().upper().startswith("SELECT")] == statements[-1:]
    assert got == {(handling_id, date(2019, 1, 1)): OLD, (handling_id, date(2026, 1, 1)): NEW,
                   (other_id, date(2019, 1, 1)): "Phòng Tư pháp"}
