"""Supplements after acceptance through the service and the case page (NĐ 61/2018 Điều 19 k4): within
3 working days of receipt and once; a later or second request is refused with the reason, in both
languages, beside the form; every request is counted (QĐ 766: more than one ⇒ late)."""
from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest

from portal.cases import intake, services
from portal.cases.models import Case
from portal.cases.rules import Action, CaseStatus
from portal.core.access import Role
from portal.core.db import db
from portal.core.errors import DomainError
from tests.factories import login, make_procedure, make_unit, make_user

VN = ZoneInfo("Asia/Ho_Chi_Minh")


def local(*args) -> datetime:
    return datetime(*args, tzinfo=VN).astimezone(UTC)


@pytest.fixture()
def world(app_ctx):
    unit = make_unit(code="000.14.26.H17", name="UBND phường Nghĩa Tân")
    procedure = make_procedure(unit=unit, processing_days=10)
    handler = make_user(Role.HANDLER, unit=unit, full_name="Y Sơn Niê")
    case = intake.receive_case(procedure=procedure, unit=unit, applicant={"name": "Trần Thị Hoa"},
                               submitted=[d["name"] for d in procedure.current_version.documents], sets=1,
                               delivery="desk", received_at=local(2027, 3, 1, 9, 0))  # Monday
    services.transition(case, Action.ASSIGN, now=local(2027, 3, 1, 10, 0), expected_version=case.version,
                        handler_id=handler.id)
    db.session.commit()
    return {"case": case, "handler": handler}


def request(case, at, note="Bản sao giấy chứng nhận kết hôn"):
    return services.transition(case, Action.REQUEST_SUPPLEMENT, now=at, expected_version=case.version, note=note)


def test_working_day_3_is_accepted_and_counted(world):
    case = request(world["case"], local(2027, 3, 4, 16, 59))  # Thursday = working day 3
    assert case.status == CaseStatus.SUPPLEMENT_REQUESTED and case.supplement_requests == 1


def test_working_day_4_is_refused_with_the_last_day(world):
    case = world["case"]
    with pytest.raises(DomainError) as err:
        request(case, local(2027, 3, 5, 8, 0))  # Friday = working day 4
    assert err.value.field == "note" and "04/03/2027" in str(err.value.message)
    assert case.status == CaseStatus.IN_PROGRESS and case.supplement_requests == 0


def test_a_second_request_is_refused(world):
    case = request(world["case"], local(2027, 3, 2, 9, 0))
    services.transition(case, Action.SUPPLEMENT, now=local(2027, 3, 3, 9, 0), expected_version=case.version)
    with pytest.raises(DomainError) as err:
        request(case, local(2027, 3, 3, 10, 0))  # still within the 3 days, but a second request
    assert "Điều 19 k4" in str(err.value.message)
    assert case.status == CaseStatus.IN_PROGRESS and case.supplement_requests == 1


def post_request(client, case):
    return client.post(f"/staff/cases/{case.id}/steps/request_supplement",
                       data={"request_supplement-version": str(case.version),
                             "request_supplement-note": "Bổ sung giấy tờ"})


@pytest.mark.parametrize("language, text", [
    ("vi", "Chỉ được yêu cầu bổ sung trong 03 ngày làm việc"),
    ("en", "Supplements can be asked for only within 3 working days of receipt"),
])
def test_the_refusal_is_shown_beside_the_form_in_both_languages(world, client, time_machine, language, text):
    time_machine.move_to(local(2027, 3, 8, 9, 0))  # Monday after: working day 5
    login(client, world["handler"])
    client.get(f"/language/{language}")
    response = post_request(client, world["case"])
    html = response.get_data(as_text=True)
    assert response.status_code == 422
    field = html[html.index('id="request_supplement-note"') - 600: html.index('id="request_supplement-note"') + 1200]
    assert text in field and "04/03/2027" in field
    db.session.expire_all()
    assert db.session.get(Case, world["case"].id).supplement_requests == 0


def test_the_form_says_until_when_and_once(world, client, time_machine):
    world["case"].regime = "2018"  # the citation follows the regime (a 2025 case: tests/cases/test_forms_2025.py)
    db.session.commit()
    time_machine.move_to(local(2027, 3, 2, 9, 0))
    login(client, world["handler"])
    client.get("/language/en")
    page = client.get(f"/staff/cases/{world['case'].id}").get_data(as_text=True)
    assert "Once, until 4 Mar 2027 (NĐ 61/2018 Điều 19 k4)" in page
    time_machine.move_to(local(2027, 3, 5, 9, 0))
    login(client, world["handler"])  # three days later: a new session
    client.get("/language/en")
    page = client.get(f"/staff/cases/{world['case'].id}").get_data(as_text=True)
    assert "The 3 working days for asking were over on 4 Mar 2027" in page
