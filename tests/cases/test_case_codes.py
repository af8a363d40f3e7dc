"""Case codes at intake (issue 15 point 4): the unit's configured format, the format in force by receipt date,
a day of 10,001 intakes (gap-free, unique, 5 digits past 9,999), a file filed on the national portal keeping its
national code without using the local counter, and the public lookup by either kind of code."""
from __future__ import annotations

from datetime import UTC, date, datetime
from html import unescape
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import func, select

from portal.cases import intake, services
from portal.cases.models import Case, CaseCounter
from portal.core.access import Role
from portal.core.db import db, write_intent
from portal.core.errors import DomainError
from tests.factories import login, make_procedure, make_unit, make_user

VN = ZoneInfo("Asia/Ho_Chi_Minh")
APPLICANT = {"name": "Nguyễn Văn Bình", "phone": "0905 123 456"}


def local(*args) -> datetime:
    return datetime(*args, tzinfo=VN).astimezone(UTC)


@pytest.fixture()
def desk(app_ctx):
    unit = make_unit(code="000.14.26.H17", name="Phòng Tư pháp")
    procedure = make_procedure(unit=unit, processing_days=5)
    return unit, procedure


def receive(desk, at, **changes) -> Case:
    unit, procedure = desk
    submitted = [d["name"] for d in procedure.current_version.documents]
    return intake.receive_case(procedure=procedure, unit=unit, applicant=APPLICANT, submitted=submitted, sets=1,
                               delivery="desk", received_at=at, **changes)


def counter(unit, day) -> int | None:
    return db.session.scalar(select(CaseCounter.last_number).where(CaseCounter.unit_id == unit.id,
                                                                  CaseCounter.day == day))


def test_intake_uses_the_format_in_force_on_the_receipt_date_and_then_the_units_own(desk):
    unit, _procedure = desk
    before = receive(desk, local(2025, 6, 30, 23, 59))  # TT 01/2018 Điều 19, the last local day of NĐ 61/2018
    after = receive(desk, local(2025, 7, 1, 0, 0))  # TT 03/2025 Điều 13 (structure assumed: DOMAIN.md §7a)
    assert (before.code, after.code) == ("000.14.26.H17-250630-0001", "000.14.26.H17-250701-0001")
    unit.case_code_pattern = "M40.123.01-{YYMMDD}-AB{NNNN}"  # TT 04/2025's shape, the unit's identifier and AA
    own = receive(desk, local(2026, 1, 25, 9, 0))
    again = receive(desk, local(2026, 1, 25, 10, 0))
    assert (own.code, again.code) == ("M40.123.01-260125-AB0001", "M40.123.01-260125-AB0002")
    assert own.code_origin == "local"
    db.session.commit()
    db.session.expire_all()
    assert db.session.get(Case, before.id).code == "000.14.26.H17-250630-0001"  # issued codes never change


def test_ten_thousand_and_one_intakes_in_one_day_are_gap_free_unique_and_grow_to_five_digits(desk):
    unit, _procedure = desk
    db.session.commit()
    day = date(2027, 3, 3)
    codes = []
    # The allocation the intake uses (intake.issue_code: CaseCounter in the caller's transaction), in four
    # transactions, then the last three through the full intake; one rolled-back intake in between.
    with write_intent():
        for batch in range(4):
            codes += [intake.issue_code(unit, day) for _ in range(2500 if batch < 3 else 2498)]
            db.session.commit()
        intake.issue_code(unit, day)
        db.session.rollback()  # a rolled-back intake leaves no gap
        cases = [receive(desk, local(2027, 3, 3, 16, 30)) for _ in range(3)]
        db.session.commit()
    codes += [c.code for c in cases]

    assert len(codes) == 10001 and len(set(codes)) == 10001
    assert [int(c.rsplit("-", 1)[1]) for c in codes] == list(range(1, 10002))
    assert codes[0] == "000.14.26.H17-270303-0001" and codes[998] == "000.14.26.H17-270303-0999"
    assert [c.code for c in cases] == ["000.14.26.H17-270303-9999", "000.14.26.H17-270303-10000",
                                       "000.14.26.H17-270303-10001"]
    assert counter(unit, day) == 10001
    assert receive(desk, local(2027, 3, 4, 8, 0)).code == "000.14.26.H17-270304-0001"


def test_a_file_filed_on_the_national_portal_keeps_its_code_and_uses_no_local_number(desk):
    unit, _procedure = desk
    national = receive(desk, local(2027, 3, 5, 9, 0), national_code=" m40.123.01-270304-ab0042 ")
    assert (national.code, national.code_origin) == ("M40.123.01-270304-AB0042", "national")
    assert counter(unit, date(2027, 3, 5)) is None  # the desk's counter was not used
    assert receive(desk, local(2027, 3, 5, 10, 0)).code == "000.14.26.H17-270305-0001"
    db.session.commit()
    assert services.public_lookup("M40.123.01-270304-AB0042", national.issued_access_code) == national


@pytest.mark.parametrize("code, reason", [
    ("M40.123.01-270304", "shape"),
    ("000.14.26.H17-270306-0001", "future"),  # dated after the desk's receipt
    ("M40.123.01-270304-AB0042", "taken"),
])
def test_a_wrong_national_code_is_refused_beside_its_field_and_nothing_is_registered(desk, code, reason):
    receive(desk, local(2027, 3, 5, 9, 0), national_code="M40.123.01-270304-AB0042")
    db.session.commit()
    with pytest.raises(DomainError) as err:
        receive(desk, local(2027, 3, 5, 10, 0), national_code=code)
    assert err.value.field == "national_code"
    assert str(err.value.message) == str(intake.NATIONAL_CODE_MESSAGES[reason])
    db.session.rollback()
    assert db.session.scalar(select(func.count(Case.id))) == 1


def _intake_form(procedure, **changes) -> dict:
    data = {"procedure": procedure.code, "documents": [d["name"] for d in procedure.current_version.documents],
            "applicant_name": "Nguyễn Văn Bình", "applicant_phone": "0905 123 456", "sets": "1", "delivery": "desk",
            "channel": "online", "action": "accept"}
    return {**data, **changes}


def test_the_desk_form_takes_the_national_code_and_refuses_a_bad_one_beside_it(client, desk):
    unit, procedure = desk
    login(client, make_user(Role.DESK_OFFICER, unit=unit))
    client.set_cookie("lang", "en")
    bad = client.post("/staff/cases/new", data=_intake_form(procedure, national_code="DVC-12345"))
    html = unescape(bad.get_data(as_text=True))
    assert bad.status_code == 422
    assert "not a case code of the national public service portal" in html.split('id="national_code-error"')[1][:300]
    assert 'value="DVC-12345"' in html  # what was typed is kept
    good = client.post("/staff/cases/new", data=_intake_form(procedure, national_code="000.14.26.H17-250701-0042"))
    assert good.status_code == 302
    case = db.session.scalar(select(Case))
    assert (case.code, case.code_origin) == ("000.14.26.H17-250701-0042", "national")


@pytest.mark.parametrize("kind", ["local", "national", "tt04"])
def test_the_public_lookup_finds_a_case_by_its_code_in_every_format(client, desk, kind):
    unit, _procedure = desk
    if kind == "tt04":
        unit.case_code_pattern = "M40.123.01-{YYMMDD}-AB{NNNN}"
    extra = {"national_code": "000.00.12.H40-270301-12345"} if kind == "national" else {}
    case = receive(desk, local(2027, 3, 1, 9, 0), **extra)
    db.session.commit()
    client.set_cookie("lang", "en")
    response = client.post("/ho-so/tra-cuu", data={"code": case.code.lower(), "access": case.issued_access_code})
    assert response.status_code == 200
    assert "Received" in response.get_data(as_text=True)
    assert {"local": "0001", "national": "12345", "tt04": "AB0001"}[kind] == case.code.rsplit("-", 1)[1]
