"""The desk through the browser's forms: intake, the case page, its steps with the version check, apologies."""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import timedelta

import pytest
from sqlalchemy import func, select

from portal.cases import intake, services
from portal.cases.models import Case, IntakeSlip
from portal.cases.rules import Action, CaseStatus
from portal.core.access import Role
from portal.core.clock import to_local
from portal.core.db import db
from tests.conftest import FIXED_NOW
from tests.factories import login, make_procedure, make_unit, make_user

# Pages that read the clock (worklists, overdue and due-soon) are tested at a fixed working-day morning.
pytestmark = pytest.mark.usefixtures("fixed_clock")

DOCS = ["Tờ khai đăng ký khai sinh theo mẫu", "Giấy chứng sinh"]


@dataclass
class Office:
    unit: object
    procedure: object
    desk: object
    handler: object
    head: object
    other_handler: object


@pytest.fixture()
def office(app_ctx) -> Office:
    unit = make_unit(code="000.14.26.H17", name="UBND phường Nghĩa Tân")
    procedure = make_procedure(unit=unit, processing_days=5)
    other = make_unit(code="000.03.26.H17", name="Phòng Tư pháp")
    return Office(unit, procedure, make_user(Role.DESK_OFFICER, unit=unit, full_name="Hoàng Văn Đức"),
                  make_user(Role.HANDLER, unit=unit, full_name="Y Sơn Niê"),
                  make_user(Role.UNIT_HEAD, unit=unit, full_name="Phạm Quốc Bảo"),
                  make_user(Role.HANDLER, unit=other, full_name="Đặng Thị Thu Hà"))


def new_case(office: Office, *, received_at=None, name="Trần Thị Hoa", phone="0905123456") -> Case:
    case = intake.receive_case(procedure=office.procedure, unit=office.unit, applicant={"name": name, "phone": phone},
                               submitted=DOCS, sets=1, delivery="desk", received_at=received_at or FIXED_NOW)
    db.session.commit()
    return case


def sign_in(client, user):
    client.post("/auth/logout")
    login(client, user)


def english(client, user):
    sign_in(client, user)
    client.get("/language/en")


def intake_data(procedure, **changes) -> dict:
    data = {"procedure": procedure.code, "documents": DOCS, "applicant_name": "Nguyễn Văn Bình",
            "applicant_id_number": "066091000123", "applicant_phone": "0905 123 456", "applicant_email": "",
            "applicant_address": "Tổ 3, phường Nghĩa Tân", "representative_name": "", "sets": "1",
            "delivery": "desk", "action": "accept"}
    data.update(changes)
    return data


def date_time(app, moment) -> str:
    with app.test_request_context("/"):
        return app.jinja_env.filters["datetime"](moment)


# ---------------------------------------------------------------- intake

def test_search_finds_the_procedure_as_a_fragment_and_as_a_page(client, office):
    sign_in(client, office.desk)
    fragment = client.get("/staff/cases/new?q=khai sinh", headers={"HX-Request": "true"})
    html = fragment.get_data(as_text=True)
    assert fragment.status_code == 200 and "<html" not in html and "HX-Request" in fragment.headers["Vary"]
    assert f"/staff/cases/new?procedure={office.procedure.code}" in html
    page = client.get("/staff/cases/new?q=khai sinh").get_data(as_text=True)
    assert "<html" in page and f"procedure={office.procedure.code}" in page
    picked = client.get(f"/staff/cases/new?procedure={office.procedure.code}").get_data(as_text=True)
    assert all(f'value="{name}"' in picked for name in DOCS) and 'value="accept"' in picked


def test_tick_all_ticks_every_document_and_keeps_what_was_typed(client, office):
    sign_in(client, office.desk)
    response = client.post("/staff/cases/new", data=intake_data(office.procedure, documents=[], action="tick_all"))
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert html.count("checked") >= len(DOCS) and "Nguyễn Văn Bình" in html
    assert db.session.scalar(select(func.count(Case.id))) == 0


def test_accept_registers_the_case_and_shows_code_due_date_and_receipt(client, office, app_ctx):
    sign_in(client, office.desk)
    response = client.post("/staff/cases/new", data=intake_data(office.procedure))
    assert response.status_code == 302
    case = db.session.scalar(select(Case))
    assert response.headers["Location"].endswith(f"/staff/cases/{case.id}")
    assert case.unit_id == office.unit.id and case.received_by_id == office.desk.id
    assert case.applicant_phone == "0905123456" and case.applicant_id_number == "066091000123"
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert case.code in page and case.code.startswith("000.14.26.H17-")
    assert date_time(app_ctx, case.due_at) in page
    assert f"/staff/cases/{case.id}/print/receipt" in page


def test_accept_with_a_missing_document_is_refused_beside_the_checklist(client, office):
    english(client, office.desk)
    response = client.post("/staff/cases/new", data=intake_data(office.procedure, documents=[DOCS[0]]))
    html = response.get_data(as_text=True)
    assert response.status_code == 422
    assert 'id="documents-error"' in html and "Giấy chứng sinh" in html.split('id="documents-error"')[1][:400]
    assert 'value="Nguyễn Văn Bình"' in html and 'value="0905 123 456"' in html  # nothing typed is lost
    assert db.session.scalar(select(func.count(Case.id))) == 0


@pytest.mark.parametrize("field, value", [("applicant_phone", "12345"), ("applicant_id_number", "06609100012")])
def test_a_wrong_phone_or_id_number_is_shown_beside_its_field(client, office, field, value):
    english(client, office.desk)
    response = client.post("/staff/cases/new", data=intake_data(office.procedure, **{field: value}))
    html = response.get_data(as_text=True)
    assert response.status_code == 422
    assert f'id="{field}-error"' in html and re.search(rf'aria-describedby="[^"]*{field}-error"', html)
    assert f'value="{value}"' in html
    assert db.session.scalar(select(func.count(Case.id))) == 0


def test_supplement_request_lists_every_unticked_document(client, office):
    procedure = make_procedure(code="1.000893.000.00.00.H17", unit=office.unit, documents=[
        {"name": name, "kind": "original", "count": 1} for name in ("Tờ khai", "Giấy chứng sinh", "Sổ hộ khẩu")])
    sign_in(client, office.desk)
    response = client.post("/staff/cases/new", data=intake_data(procedure, documents=["Tờ khai"], action="supplement",
                                                                note="Liên hệ chị Mai, 0261 3544 111"))
    slip = db.session.scalar(select(IntakeSlip))
    assert response.status_code == 302 and f"slip={slip.id}" in response.headers["Location"]
    assert slip.kind == "supplement" and slip.items == ["Giấy chứng sinh", "Sổ hộ khẩu"]
    assert slip.note == "Liên hệ chị Mai, 0261 3544 111" and slip.unit_id == office.unit.id
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "<li>Giấy chứng sinh</li>" in page and "<li>Sổ hộ khẩu</li>" in page
    assert f"/staff/cases/slips/{slip.id}/print" in page
    assert db.session.scalar(select(func.count(Case.id))) == 0


def test_another_units_desk_cannot_see_a_slip(client, office):
    slip = intake.issue_intake_slip(kind="refusal", procedure=office.procedure, unit=office.unit,
                                    applicant={"name": "Lê Hoàng Nam"}, items=["Không thuộc thẩm quyền"], note="")
    db.session.commit()
    sign_in(client, make_user(Role.DESK_OFFICER, unit=make_unit(code="000.02.26.H17")))
    assert "Không thuộc thẩm quyền" not in client.get(f"/staff/cases/new?slip={slip.id}").get_data(as_text=True)


def test_refusal_records_one_reason_per_line(client, office):
    sign_in(client, office.desk)
    response = client.post("/staff/cases/new", data=intake_data(
        office.procedure, action="refuse", reasons="Không thuộc thẩm quyền của phường\n\nĐã có kết quả trước đó"))
    slip = db.session.scalar(select(IntakeSlip))
    assert response.status_code == 302
    assert slip.kind == "refusal" and slip.items == ["Không thuộc thẩm quyền của phường", "Đã có kết quả trước đó"]


def test_refusal_without_reasons_is_refused_beside_the_reasons(client, office):
    sign_in(client, office.desk)
    response = client.post("/staff/cases/new", data=intake_data(office.procedure, action="refuse", reasons=""))
    assert response.status_code == 422 and 'id="reasons-error"' in response.get_data(as_text=True)
    assert db.session.scalar(select(func.count(IntakeSlip.id))) == 0


def test_only_desk_officers_open_the_intake(client, office):
    sign_in(client, office.handler)
    assert client.get("/staff/cases/new").status_code == 403


# ---------------------------------------------------------------- the case page

def test_case_page_shows_the_trail_and_refuses_another_units_handler(client, office):
    case = new_case(office, name="Trần Thị Hoa")
    sign_in(client, office.other_handler)
    assert client.get(f"/staff/cases/{case.id}").status_code == 403
    sign_in(client, make_user(Role.MANAGER, unit=make_unit(code="000.02.26.H17")))
    page = client.get(f"/staff/cases/{case.id}").get_data(as_text=True)
    assert "Trần Thị Hoa" in page and case.code in page
    assert f'action="/staff/cases/{case.id}/steps/' not in page  # managers read, they do not act


def post_step(client, case, action: Action, version=None, **fields):
    data = {f"{action.value}-version": str(case.version if version is None else version)}
    data.update({f"{action.value}-{k}": v for k, v in fields.items()})
    return client.post(f"/staff/cases/{case.id}/steps/{action.value}", data=data)


def test_the_whole_journey_through_the_ui(client, office):
    case = new_case(office)
    sign_in(client, office.desk)
    page = client.get(f"/staff/cases/{case.id}").get_data(as_text=True)
    assert "/steps/transfer" in page and "/steps/assign" not in page
    assert post_step(client, case, Action.TRANSFER).status_code == 302
    sign_in(client, office.head)
    assert post_step(client, db.session.get(Case, case.id), Action.ASSIGN, handler_id=str(office.handler.id)).status_code == 302
    sign_in(client, office.handler)
    db.session.expire_all()
    assert post_step(client, case, Action.FINISH, note="Đã ký").status_code == 302
    sign_in(client, office.desk)
    db.session.expire_all()
    assert post_step(client, case, Action.RETURN).status_code == 302
    db.session.expire_all()
    assert case.status == CaseStatus.RETURNED and case.handler_id == office.handler.id
    assert [e.action for e in case.events] == ["receive", "transfer", "assign", "finish", "return"]
    assert case.events[3].note == "Đã ký"


def test_a_stale_version_is_a_conflict_and_nothing_changes(client, office):
    case = new_case(office)
    seen = case.version
    services.transition(case, Action.TRANSFER, now=FIXED_NOW, expected_version=seen)
    db.session.commit()
    english(client, office.desk)
    response = post_step(client, case, Action.WITHDRAW, version=seen, note="Công dân xin rút hồ sơ")
    html = response.get_data(as_text=True)
    assert response.status_code == 409
    assert "Someone else changed this case" in html and "Công dân xin rút hồ sơ" in html  # the note is kept
    assert f'value="{case.version}"' in html  # the form now carries the current version
    db.session.expire_all()
    assert case.status == CaseStatus.TRANSFERRED and len(case.events) == 2


def test_steps_are_refused_to_the_wrong_people(client, office):
    case = new_case(office)
    sign_in(client, office.handler)  # not assigned, not the desk
    assert post_step(client, case, Action.TRANSFER).status_code == 403
    sign_in(client, office.head)
    response = post_step(client, case, Action.ASSIGN, handler_id=str(office.other_handler.id))
    assert response.status_code == 422  # a handler of another unit cannot be chosen
    db.session.expire_all()
    assert case.status == CaseStatus.RECEIVED and case.handler_id is None


@pytest.mark.parametrize("language, message", [("vi", "Chọn chuyên viên xử lý thuộc cơ quan thực hiện."),
                                               ("en", "Choose a handler of the handling unit.")])
def test_a_handler_of_another_unit_is_refused_beside_the_handler_field(client, office, language, message):
    case = new_case(office)
    sign_in(client, office.head)
    client.get(f"/language/{language}")
    response = post_step(client, case, Action.ASSIGN, handler_id=str(office.other_handler.id))
    html = response.get_data(as_text=True)
    assert response.status_code == 422
    assert f'<p class="error" id="assign-handler_id-error">{message}</p>' in html  # the service's reason, on the field
    assert 'aria-describedby="assign-handler_id-error"' in html
    db.session.expire_all()
    assert case.status == CaseStatus.RECEIVED and case.handler_id is None


def test_refusal_after_appraisal_needs_a_reason(client, office):
    case = new_case(office)
    services.transition(case, Action.ASSIGN, now=FIXED_NOW, expected_version=case.version, handler_id=office.handler.id)
    db.session.commit()
    sign_in(client, office.handler)
    assert post_step(client, case, Action.REFUSE, note="").status_code == 422
    assert post_step(client, case, Action.REFUSE, note="Không đủ điều kiện").status_code == 302
    db.session.expire_all()
    assert case.status == CaseStatus.REFUSED and case.events[-1].note == "Không đủ điều kiện"


def test_apology_moves_the_date_once_and_a_second_is_refused(client, office):
    case = new_case(office)
    english(client, office.head)
    new_day = to_local(case.due_at).date() + timedelta(days=7)
    data = {"apology-version": str(case.version), "apology-reason": "Chờ ý kiến Sở Tư pháp",
            "apology-new_due_on": new_day.isoformat(), "apology-new_due_time": "16:00"}
    assert client.post(f"/staff/cases/{case.id}/apology", data=data).status_code == 302
    db.session.expire_all()
    assert to_local(case.due_at).date() == new_day and to_local(case.due_at).strftime("%H:%M") == "16:00"
    assert case.apology.reason == "Chờ ý kiến Sở Tư pháp" and case.events[-1].action == "apology"
    page = client.get(f"/staff/cases/{case.id}").get_data(as_text=True)
    assert f"/staff/cases/{case.id}/apology\"" not in page  # the form is gone once the date was moved
    assert f"/staff/cases/{case.id}/print/apology" in page
    data.update({"apology-version": str(case.version), "apology-new_due_on": (new_day + timedelta(days=7)).isoformat()})
    second = client.post(f"/staff/cases/{case.id}/apology", data=data)
    assert second.status_code == 422 and "cannot be rescheduled again" in second.get_data(as_text=True)
    db.session.expire_all()
    assert to_local(case.due_at).date() == new_day


def test_only_the_handling_units_head_apologises(client, office):
    case = new_case(office)
    sign_in(client, office.handler)
    data = {"apology-version": str(case.version), "apology-reason": "x", "apology-new_due_on": "2099-01-05"}
    assert client.post(f"/staff/cases/{case.id}/apology", data=data).status_code == 403
    db.session.expire_all()
    assert case.apology is None


@pytest.mark.parametrize("language, message", [("vi", "Ghi rõ cho người nộp hồ sơ cần bổ sung gì hoặc lý do."),
                                               ("en", "Say what is needed or why, for the applicant.")])
def test_the_services_note_refusal_shows_next_to_the_note_field(client, office, language, message):
    """Issue 14: the rule is the service's (NĐ 61/2018 Điều 19 k4); the desk view only puts it beside the field."""
    case = new_case(office)
    services.transition(case, Action.ASSIGN, now=FIXED_NOW, expected_version=case.version, handler_id=office.handler.id)
    db.session.commit()
    (english if language == "en" else sign_in)(client, office.handler)
    response = post_step(client, case, Action.REQUEST_SUPPLEMENT, note="  ")
    html = response.get_data(as_text=True)
    assert response.status_code == 422
    assert 'id="request_supplement-note-error"' in html
    assert message in html.split('id="request_supplement-note-error"')[1][:300]
    db.session.expire_all()
    assert case.status == CaseStatus.IN_PROGRESS and not case.supplement_requests
