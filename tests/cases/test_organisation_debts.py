"""Small debts of the cases forms (issue 15 follow-up): the apology form's lost-file label cites no regime of its
own (the page adds the case's), the applicant's number is labelled by the applicant's kind, the desk's Mẫu 02/03
keep and print the applicant's number, and undoing a withdrawal reopens the consultations it closed."""
from __future__ import annotations

import html

import pytest

from portal.cases import intake, legs, services
from portal.cases.forms import ApologyForm, IntakeForm
from portal.cases.rules import Action, CaseStatus
from portal.core.access import Role
from portal.core.db import db
from tests.cases.test_legs import (
    consult,
    in_progress,
    local,
    world as legs_world,  # noqa: F401
)
from tests.cases.test_printing import world  # noqa: F401
from tests.factories import login, make_user

ORG = {"name": "Công ty TNHH Nông sản Gia Nghĩa", "id_number": "6400123456", "kind": "organisation",
       "phone": "0261 3544 222"}


def test_the_lost_file_label_names_no_decree(app_ctx):
    with app_ctx.test_request_context():
        label = str(ApologyForm(formdata=None).lost_file.label.text)
    assert label == "The file was lost or damaged" or label == "Hồ sơ bị mất, thất lạc hoặc hư hỏng"
    assert "61/2018" not in label and "118/2025" not in label


@pytest.mark.parametrize("data, expected", [
    ({}, "ID number (citizen ID) or organisation number"),
    ({"applicant_kind": "individual"}, "ID number (citizen ID)"),
    ({"applicant_kind": "organisation"}, "Organisation number (mã số doanh nghiệp)"),
])
def test_the_applicants_number_is_labelled_by_kind(app_ctx, data, expected):
    method = "POST" if data else "GET"
    with app_ctx.test_request_context("/?lang=en", method=method, data=data, headers={"Cookie": "lang=en"}):
        from flask_babel import force_locale
        with force_locale("en"):
            assert str(IntakeForm(meta={"csrf": False}).applicant_id_number.label.text) == expected


def _slip(world, applicant, created_at):
    slip = intake.issue_intake_slip(kind="refusal", procedure=world["procedure"], unit=world["desk"],
                                    applicant=applicant, items=["Thiếu giấy phép"], note="")
    slip.created_at = created_at
    db.session.commit()
    return slip


@pytest.mark.parametrize("applicant, label", [
    (ORG, "Mã số doanh nghiệp/Mã số định danh của tổ chức"),
    ({"name": "Trần Thị Hoa", "id_number": "066190001234"}, "Số định danh cá nhân/Mã số định danh của tổ chức"),
])
def test_a_2025_desk_slip_keeps_and_prints_the_applicants_number(world, client, applicant, label):  # noqa: F811
    slip = _slip(world, applicant, local(2026, 3, 2, 9, 0))
    assert slip.applicant_id_number == applicant["id_number"]
    assert slip.applicant_kind == applicant.get("kind", "individual")
    login(client, world["officer"])
    body = html.unescape(client.get(f"/staff/cases/slips/{slip.id}/print").get_data(as_text=True))
    assert label in body and applicant["id_number"] in body


def test_a_2018_desk_slip_prints_no_number(world, client):  # noqa: F811
    slip = _slip(world, ORG, local(2019, 3, 4, 9, 0))
    login(client, world["officer"])
    body = html.unescape(client.get(f"/staff/cases/slips/{slip.id}/print").get_data(as_text=True))
    assert "Mẫu số 03" in body and ORG["id_number"] not in body


def test_reopening_a_withdrawn_case_reopens_the_legs_the_withdrawal_closed(legs_world):  # noqa: F811
    world = legs_world
    case = in_progress(world, local(2027, 3, 1, 9, 0))
    waiting = consult(case, world, local(2027, 3, 1, 10, 0))
    answered = consult(case, world, local(2027, 3, 1, 10, 30), purpose="Xác minh đất đai")
    legs.close_leg(answered, note="Đã xác minh", now=local(2027, 3, 2, 8, 0), actor=world["consulted"])
    services.transition(case, Action.WITHDRAW, now=local(2027, 3, 3, 9, 0), expected_version=case.version,
                        note="Theo đề nghị của người nộp hồ sơ")
    db.session.commit()
    assert not waiting.is_open and not answered.is_open
    manager = make_user(Role.MANAGER, unit=world["unit"])
    services.transition(case, Action.REOPEN, now=local(2027, 3, 4, 9, 0), expected_version=case.version,
                        note="Ghi nhầm hồ sơ khác", actor=manager)
    db.session.commit()
    db.session.expire_all()
    assert case.status == CaseStatus.IN_PROGRESS
    assert waiting.is_open and waiting.answer == "" and waiting.answered_by_id is None
    assert answered.answer == "Đã xác minh" and answered.answered_at == local(2027, 3, 2, 8, 0)
    assert [e.action for e in case.events][-2:] == ["consult_reopened", "reopen"]
    with pytest.raises(services.DomainError):  # the reopened leg holds the case again, as before the withdrawal
        services.transition(case, Action.FINISH, now=local(2027, 3, 4, 10, 0), expected_version=case.version)


def test_a_second_withdrawal_closes_the_reopened_leg_again(legs_world):  # noqa: F811
    world = legs_world
    case = in_progress(world, local(2027, 3, 1, 9, 0))
    leg = consult(case, world, local(2027, 3, 1, 10, 0))
    for day, action in ((3, Action.WITHDRAW), (4, Action.REOPEN), (5, Action.WITHDRAW), (8, Action.REOPEN)):
        services.transition(case, action, now=local(2027, 3, day, 9, 0), expected_version=case.version, note="x")
        db.session.commit()
        assert leg.is_open == (action == Action.REOPEN)
    assert [e.action for e in case.events].count("consult_reopened") == 2
