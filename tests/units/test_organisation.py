"""Issue 15 point 1: the organisation's own name, issuer lines and address over dates — the pure lookup, the
config fallback, recording with preview and confirm (audit, refusals beside the field), and the printouts of a
2019 and a 2026 case."""
from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import func, select

from portal.cases import intake
from portal.core.access import Role
from portal.core.audit import AuditEvent
from portal.core.db import db
from portal.demo.organisation import record_2025_profile
from portal.units import organisation, profiles
from portal.units.models import OrganisationProfile
from portal.units.profiles import Profile
from tests.cases.test_printing import local, page, world  # noqa: F401
from tests.factories import login, make_unit, make_user

TOWN = Profile("Ủy ban nhân dân thị xã Gia Nghĩa", place="Gia Nghĩa", province="Đắk Nông",
               valid_from=date(2000, 1, 1), valid_to=date(2025, 6, 30))
WARD = Profile("Ủy ban nhân dân phường Nam Gia Nghĩa", issuer_line="UBND tỉnh Lâm Đồng", province="Lâm Đồng",
               place="Nam Gia Nghĩa", valid_from=date(2025, 7, 1))
CONFIGURED = Profile("Configured committee")
NEW = {"committee_name": "Ủy ban nhân dân phường Nam Gia Nghĩa", "short_name": "", "issuer_line": "UBND tỉnh Lâm Đồng",
       "superior_name": "UBND tỉnh Lâm Đồng", "province": "Lâm Đồng", "place": "Nam Gia Nghĩa",
       "address": "02 Võ Văn Tần, phường Nam Gia Nghĩa, tỉnh Lâm Đồng", "phone": "0261 3544 111"}


# ---------------------------------------------------------------- pure rules

def test_the_profile_of_a_day_is_the_span_that_covers_it_else_the_configured_one():
    history = [TOWN, WARD]
    assert profiles.profile_on(history, date(2019, 3, 4), CONFIGURED).committee_name == TOWN.committee_name
    assert profiles.profile_on(history, date(2025, 6, 30), CONFIGURED).place == "Gia Nghĩa"
    assert profiles.profile_on(history, date(2025, 7, 1), CONFIGURED).place == "Nam Gia Nghĩa"
    assert profiles.profile_on(history, date(2030, 1, 1), CONFIGURED).province == "Lâm Đồng"
    assert profiles.profile_on(history, date(1999, 12, 31), CONFIGURED) is CONFIGURED
    assert profiles.profile_on([], date(2026, 1, 1), CONFIGURED) is CONFIGURED


def test_a_new_profile_must_start_after_the_one_in_force():
    assert profiles.record_problem([TOWN, WARD], date(2025, 7, 1)) == "before_current"
    assert profiles.record_problem([TOWN, WARD], date(2024, 1, 1)) == "before_current"
    assert profiles.record_problem([TOWN, WARD], date(2025, 7, 2)) is None
    assert profiles.record_problem([], date(2000, 1, 1)) is None


def test_issuer_line_and_short_name_fall_back_to_the_committee():
    assert TOWN.issuer == "Ủy ban nhân dân thị xã Gia Nghĩa" and WARD.issuer == "UBND tỉnh Lâm Đồng"
    assert TOWN.short == "UBND thị xã Gia Nghĩa" and WARD.province_line == "tỉnh Lâm Đồng"


# ---------------------------------------------------------------- services

def test_without_rows_every_day_prints_the_configured_organisation(app_ctx):
    cfg = app_ctx.config
    profile = organisation.profile_on(date(2026, 12, 7))
    assert profile.committee_name == cfg["COMMITTEE_NAME"] and profile.issuer == cfg["COMMITTEE_NAME"]
    assert profile.address == cfg["COMMITTEE_ADDRESS"] and profile.phone == cfg["COMMITTEE_PHONE"]
    assert profile.place == "Gia Nghĩa"


def test_the_demo_profiles_change_on_1_july_2025(app_ctx):
    assert record_2025_profile() == 3
    db.session.commit()
    assert organisation.profile_on(date(2019, 3, 4)).committee_name == "Ủy ban nhân dân thị xã Gia Nghĩa"
    assert organisation.profile_on(date(2019, 3, 4)).province == "Đắk Nông"
    assert organisation.profile_on(date(2025, 6, 30)).committee_name == "Ủy ban nhân dân thành phố Gia Nghĩa"
    assert organisation.profile_on(date(2025, 7, 1)).committee_name == "Ủy ban nhân dân phường Nam Gia Nghĩa"
    assert organisation.profile_on(date(2026, 3, 2)).issuer == "UBND tỉnh Lâm Đồng"
    assert [(p.valid_from, p.valid_to) for p in organisation.history()] == [
        (date(2000, 1, 1), date(2019, 12, 31)), (date(2020, 1, 1), date(2025, 6, 30)), (date(2025, 7, 1), None)]
    assert record_2025_profile() == 0  # once


def test_the_first_recorded_profile_keeps_the_configured_one_before_it(app_ctx):
    organisation.record_profile(NEW, valid_from=date(2025, 7, 1), expected=None)
    db.session.commit()
    first, second = organisation.history()
    assert first.committee_name == app_ctx.config["COMMITTEE_NAME"] and first.valid_to == date(2025, 6, 30)
    assert second.valid_from == date(2025, 7, 1) and second.valid_to is None


def test_a_stale_form_is_refused(app_ctx):
    organisation.record_profile(NEW, valid_from=date(2025, 7, 1), expected=None)
    db.session.commit()
    with pytest.raises(organisation.Conflict):
        organisation.record_profile({**NEW, "place": "X"}, valid_from=date(2026, 1, 1), expected=None)


# ---------------------------------------------------------------- the admin screen

def _admin(client, lang="en"):
    login(client, make_user(Role.ADMIN, full_name="Trần Minh Tuấn"))
    client.set_cookie("lang", lang)
    return client


def _post(client, action, valid_from="2025-07-01", expected="", **changes):
    return client.post("/staff/organisation/", data={**NEW, **changes, "valid_from": valid_from,
                                                     "expected": expected, "action": action})


def _count(model) -> int:
    return db.session.scalar(select(func.count()).select_from(model))


def test_preview_writes_nothing(app_ctx, client):
    raw = _post(_admin(client), "preview").get_data(as_text=True)
    assert "Until 30/06/2025" in raw and "From 01/07/2025" in raw and 'value="confirm"' in raw
    assert "Ủy ban nhân dân phường Nam Gia Nghĩa" in raw
    db.session.expire_all()
    assert _count(OrganisationProfile) == 0
    assert db.session.scalar(select(func.count()).select_from(AuditEvent)
                             .where(AuditEvent.action == "organisation.profile")) == 0


def test_confirm_closes_the_previous_profile_and_audits(app_ctx, client):
    organisation.record_profile({**NEW, "committee_name": "Ủy ban nhân dân thị xã Gia Nghĩa"},
                                valid_from=date(2000, 1, 1), expected=None)
    db.session.commit()
    response = _post(_admin(client), "confirm", expected="2000-01-01")
    assert response.status_code == 302
    db.session.expire_all()
    old, new = organisation.history()
    assert old.valid_to == date(2025, 6, 30) and new.valid_from == date(2025, 7, 1) and new.valid_to is None
    event = db.session.scalars(select(AuditEvent).where(AuditEvent.action == "organisation.profile")
                               .order_by(AuditEvent.id.desc())).first()
    assert event.actor_name == "Trần Minh Tuấn" and "phường Nam Gia Nghĩa" in event.summary
    assert '"valid_until": "2025-06-30"' in event.before_json
    assert "Ủy ban nhân dân phường Nam Gia Nghĩa" in client.get("/staff/organisation/").get_data(as_text=True)


@pytest.mark.parametrize("lang, message", [("en", "must start after the start of the one in force (01/07/2025)"),
                                           ("vi", "01/07/2025")])
def test_an_overlapping_profile_is_refused_beside_the_date(app_ctx, client, lang, message):
    organisation.record_profile(NEW, valid_from=date(2025, 7, 1), expected=None)
    db.session.commit()
    for action in ("preview", "confirm"):
        response = _post(_admin(client, lang) if action == "preview" else client, action, valid_from="2025-01-01",
                         expected="2025-07-01")
        raw = response.get_data(as_text=True)
        assert response.status_code == 422
        assert 'id="valid_from-error"' in raw and message in raw
    db.session.expire_all()
    assert _count(OrganisationProfile) == 2


def test_a_confirmation_from_a_stale_page_is_refused(app_ctx, client):
    organisation.record_profile(NEW, valid_from=date(2025, 7, 1), expected=None)
    db.session.commit()
    response = _post(_admin(client), "confirm", valid_from="2026-01-01", expected="")  # shown before that record
    assert response.status_code == 409 and "Someone recorded another profile" in response.get_data(as_text=True)
    db.session.expire_all()
    assert _count(OrganisationProfile) == 2


def test_the_form_starts_from_the_profile_in_force(app_ctx, client):
    organisation.record_profile(NEW, valid_from=date(2025, 7, 1), expected=None)
    db.session.commit()
    raw = _admin(client).get("/staff/organisation/").get_data(as_text=True)
    assert 'value="Nam Gia Nghĩa"' in raw and 'name="expected" type="hidden" value="2025-07-01"' in raw


def test_only_administrators_see_the_screen(app_ctx, client):
    login(client, make_user(Role.MANAGER))
    assert client.get("/staff/organisation/").status_code == 403


# ---------------------------------------------------------------- printouts

def new_case(world, received, desk=None):  # noqa: F811
    """A case received at `desk` (the fixture's town desk by default) at `received` (local); no representative."""
    procedure = world["procedure"]
    applicant = {"name": "Trần Thị Hoa", "id_number": "066190001234", "phone": "0912345678",
                 "email": "hoa.tran@example.vn", "address": "12 Lê Duẩn, phường Nghĩa Tân"}
    case = intake.receive_case(procedure=procedure, unit=desk or world["desk"], applicant=applicant,
                               submitted=[d["name"] for d in procedure.current_version.documents], sets=1,
                               delivery="desk", received_at=local(*received), actor=world["officer"])
    db.session.commit()
    return case


def test_a_2019_receipt_prints_the_town_and_a_2026_one_the_2025_ward_and_province(world, client):  # noqa: F811
    record_2025_profile()
    db.session.commit()
    old = new_case(world, received=(2019, 3, 4, 9, 0))
    login(client, make_user(Role.MANAGER))
    html = page(client, f"/staff/cases/{old.id}/print/receipt")
    assert "ỦY BAN NHÂN DÂN THỊ XÃ GIA NGHĨA" in html and "Gia Nghĩa, ngày 04 tháng 03 năm 2019" in html
    assert "LÂM ĐỒNG" not in html and "Nam Gia Nghĩa, ngày" not in html
    ward = make_unit(code="000.32.26.H17", name="UBND phường Nam Gia Nghĩa")
    recent = new_case(world, received=(2026, 3, 2, 9, 0), desk=ward)
    html = page(client, f"/staff/cases/{recent.id}/print/receipt")
    assert "UBND TỈNH LÂM ĐỒNG" in html and "Nam Gia Nghĩa, ngày 02 tháng 03 năm 2026" in html
    assert "THỊ XÃ GIA NGHĨA" not in html


def test_a_ward_form_prints_the_issuer_line_above_another_ward(world, client):  # noqa: F811
    record_2025_profile()
    db.session.commit()
    case = new_case(world, received=(2026, 3, 2, 9, 0))  # received by the town desk's unit, as the fixture names it
    login(client, world["officer"])
    html = page(client, f"/staff/cases/{case.id}/print/receipt")
    assert "UBND TỈNH LÂM ĐỒNG" in html and "VĂN PHÒNG HĐND VÀ UBND THỊ XÃ" in html
