"""A unit's case code format on the unit form (issue 15 point 4): the preview of the next code, saving a pattern,
a bad pattern refused beside its field with what was typed kept, and the format in force when none is set."""
from __future__ import annotations

import re
from datetime import date
from html import unescape

import pytest

from portal.cases.models import CaseCounter
from portal.core.access import Role
from portal.core.db import db
from portal.units.models import Unit
from tests.auth.helpers import events, field_error
from tests.factories import login, make_unit, make_user

# The preview reads today's date: the clock stands at Wednesday 10 March 2027, 09:00 in Vietnam.
pytestmark = pytest.mark.usefixtures("fixed_clock")
TT04 = "M40.123.01-{YYMMDD}-AB{NNNN}"


@pytest.fixture()
def admin(client):
    login(client, make_user(Role.ADMIN))
    client.set_cookie("lang", "en")
    return client


@pytest.fixture()
def unit(app_ctx):
    unit = make_unit(code="000.14.26.H17", name="Phòng Tư pháp")
    db.session.add(CaseCounter(unit_id=unit.id, day=date(2027, 3, 10), last_number=41))  # 41 cases today
    db.session.commit()
    return unit


def _form(unit: Unit, **changes) -> dict:
    db.session.expire_all()
    current = db.session.get(Unit, unit.id)
    data = {"code": current.code, "name": current.name, "level": current.level.value, "parent_id": "0",
            "is_active": "y", "version": str(current.version), "case_code_pattern": current.case_code_pattern or "",
            "action": "save"}
    return {**data, **changes}


def _preview(html: str) -> str:
    return re.search(r'id="case-code-preview"[^>]*>.*?<strong class="mono">([^<]*)</strong>', html, re.S).group(1)


def test_the_form_previews_the_next_code_in_the_format_in_force(admin, unit):
    html = unescape(admin.get(f"/staff/units/{unit.id}/edit").get_data(as_text=True))
    assert _preview(html) == "000.14.26.H17-270310-0042"
    assert "TT 03/2025/TT-VPCP Điều 13" in html


def test_preview_shows_the_typed_pattern_and_saves_nothing(admin, unit):
    response = admin.post(f"/staff/units/{unit.id}/edit", data=_form(unit, case_code_pattern=TT04, action="preview"))
    html = unescape(response.get_data(as_text=True))
    assert response.status_code == 200
    assert _preview(html) == "M40.123.01-270310-AB0042"
    assert db.session.get(Unit, unit.id).case_code_pattern is None and events("unit.update") == []


def test_a_bad_pattern_is_refused_beside_the_field_and_what_was_typed_is_kept(admin, unit):
    response = admin.post(f"/staff/units/{unit.id}/edit", data=_form(unit, case_code_pattern="{UNIT}-{NNNN}"))
    html = unescape(response.get_data(as_text=True))
    assert response.status_code == 422
    assert "{YYMMDD}" in field_error(html, "case_code_pattern")
    assert 'value="{UNIT}-{NNNN}"' in html
    assert _preview(html) == "000.14.26.H17-270310-0042"  # the saved format, not the invalid one
    db.session.expire_all()
    assert db.session.get(Unit, unit.id).case_code_pattern is None


def test_a_bad_pattern_in_preview_is_refused_beside_the_field_too(admin, unit):
    response = admin.post(f"/staff/units/{unit.id}/edit",
                          data=_form(unit, case_code_pattern="{UNIT}-{YYMMDD}-ABC{NNNN}", action="preview"))
    assert response.status_code == 422
    assert "up to two" in field_error(unescape(response.get_data(as_text=True)), "case_code_pattern")


def test_saving_a_pattern_is_audited_and_clearing_it_returns_to_the_format_in_force(admin, unit):
    assert admin.post(f"/staff/units/{unit.id}/edit",
                      data=_form(unit, case_code_pattern=" m40.123.01-{yymmdd}-ab{nnnn} ")).status_code == 302
    db.session.expire_all()
    assert db.session.get(Unit, unit.id).case_code_pattern == TT04
    [event] = events("unit.update")
    assert dict((k, (old, new)) for k, old, new in event.changes) == {"case_code_pattern": (None, TT04)}
    html = unescape(admin.get(f"/staff/units/{unit.id}/edit").get_data(as_text=True))
    assert _preview(html) == "M40.123.01-270310-AB0042" and "this unit's own format" in html

    assert admin.post(f"/staff/units/{unit.id}/edit", data=_form(unit, case_code_pattern="")).status_code == 302
    db.session.expire_all()
    assert db.session.get(Unit, unit.id).case_code_pattern is None


def test_a_new_unit_previews_number_one(admin, app_ctx):
    html = unescape(admin.get("/staff/units/new").get_data(as_text=True))
    assert _preview(html) == "000.00.00.H00-270310-0001"
    response = admin.post("/staff/units/new", data={"code": "000.15.26.H17", "name": "Phòng Nội vụ", "level": "town",
                                                    "parent_id": "0", "case_code_pattern": "H17.NV-{YYMMDD}-{NNNN}",
                                                    "action": "preview"})
    assert _preview(unescape(response.get_data(as_text=True))) == "H17.NV-270310-0001"
