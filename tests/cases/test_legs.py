"""Consultations and inter-agency legs (liên thông): own deadlines in working days, the trail, the
finish guard, the consulted unit's access, and their rows on the control slip."""
from __future__ import annotations

import html
import re
from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import select

from portal.cases import documents, intake, legs, rules, services
from portal.cases.models import CaseLeg
from portal.cases.rules import Action, CaseStatus, Timing
from portal.core.access import Role
from portal.core.audit import AuditEvent
from portal.core.db import db
from portal.core.errors import Conflict, DomainError
from tests.conftest import FIXED_NOW
from tests.factories import login, make_procedure, make_unit, make_user

# Pages that read the clock (worklists, overdue and due-soon) are tested at a fixed working-day morning.
pytestmark = pytest.mark.usefixtures("fixed_clock")

VN = ZoneInfo("Asia/Ho_Chi_Minh")


def local(*args) -> datetime:
    return datetime(*args, tzinfo=VN).astimezone(UTC)


@pytest.fixture()
def world(app_ctx):
    unit = make_unit(code="000.14.26.H17", name="UBND phường Nghĩa Tân")
    other = make_unit(code="000.03.26.H17", name="Phòng Tư pháp")
    third = make_unit(code="000.05.26.H17", name="Phòng Tài nguyên và Môi trường")
    procedure = make_procedure(unit=unit, processing_days=10)
    handler = make_user(Role.HANDLER, unit=unit, full_name="Y Sơn Niê")
    return {"unit": unit, "other": other, "third": third, "procedure": procedure, "handler": handler,
            "desk": make_user(Role.DESK_OFFICER, unit=unit, full_name="Hoàng Văn Đức"),
            "consulted": make_user(Role.HANDLER, unit=other, full_name="Đặng Thị Thu Hà"),
            "stranger": make_user(Role.HANDLER, unit=third, full_name="Lê Văn Tám")}


def new_case(world, received_at):
    procedure = world["procedure"]
    return intake.receive_case(procedure=procedure, unit=world["unit"], applicant={"name": "Trần Thị Hoa"},
                               submitted=[d["name"] for d in procedure.current_version.documents], sets=1,
                               delivery="desk", received_at=received_at)


def in_progress(world, received_at):
    case = new_case(world, received_at)
    services.transition(case, Action.ASSIGN, now=received_at, expected_version=case.version,
                        handler_id=world["handler"].id)
    return case


def consult(case, world, now, days=2, purpose="Xác minh nơi cư trú"):
    return legs.open_leg(case, unit_id=world["other"].id, purpose=purpose, due_days=days, now=now,
                         expected_version=case.version, actor=world["handler"])


# ---------------------------------------------------------------- services

def test_a_leg_is_due_in_working_days_from_the_moment_it_is_sent(world):
    case = in_progress(world, local(2027, 3, 4, 9, 0))
    leg = consult(case, world, local(2027, 3, 5, 14, 30), days=2)  # Friday afternoon
    assert leg.due_at.astimezone(VN) == datetime(2027, 3, 9, 14, 30, tzinfo=VN)  # Tuesday, same time
    event = case.events[-1]
    assert (event.action, event.unit_id, event.due_at, event.note) == ("consult", world["other"].id, leg.due_at,
                                                                       "Xác minh nơi cư trú")
    assert event.to_status == CaseStatus.IN_PROGRESS.value
    actions = db.session.scalars(select(AuditEvent.action).where(AuditEvent.object_id == str(case.id))).all()
    assert "case.consult" in actions


def test_legs_open_only_while_the_case_is_processed(world):
    case = new_case(world, local(2027, 3, 1, 9, 0))
    with pytest.raises(DomainError):
        consult(case, world, local(2027, 3, 1, 10, 0))
    assert case.legs == []


def test_bad_leg_requests_are_refused(world):
    case = in_progress(world, local(2027, 3, 1, 9, 0))
    now = local(2027, 3, 1, 10, 0)
    with pytest.raises(DomainError) as own:
        legs.open_leg(case, unit_id=world["unit"].id, purpose="x", due_days=2, now=now,
                      expected_version=case.version)
    assert own.value.field == "unit_id"
    with pytest.raises(DomainError) as days:
        legs.open_leg(case, unit_id=world["other"].id, purpose="x", due_days=0, now=now,
                      expected_version=case.version)
    assert days.value.field == "due_days"
    with pytest.raises(Conflict):
        legs.open_leg(case, unit_id=world["other"].id, purpose="x", due_days=2, now=now,
                      expected_version=case.version - 1)


def test_opening_a_leg_makes_stale_forms_conflict(world):
    case = in_progress(world, local(2027, 3, 1, 9, 0))
    seen = case.version
    consult(case, world, local(2027, 3, 1, 10, 0))
    assert case.version == seen + 1


def test_the_case_cannot_finish_while_a_leg_is_open(world):
    case = in_progress(world, local(2027, 3, 1, 9, 0))
    leg = consult(case, world, local(2027, 3, 1, 10, 0))
    with pytest.raises(DomainError, match="Phòng Tư pháp"):
        services.transition(case, Action.FINISH, now=local(2027, 3, 2, 9, 0), expected_version=case.version)
    assert case.status == CaseStatus.IN_PROGRESS
    legs.close_leg(leg, note="Đã xác minh, đúng nơi cư trú", now=local(2027, 3, 2, 8, 0), actor=world["consulted"])
    services.transition(case, Action.FINISH, now=local(2027, 3, 2, 9, 0), expected_version=case.version)
    assert case.status == CaseStatus.RESULT_READY
    assert [e.action for e in case.events][-3:] == ["consult", "consult_answer", "finish"]
    answer = case.events[-2]
    assert answer.unit_id == world["unit"].id and answer.actor_name == "Đặng Thị Thu Hà"


@pytest.mark.parametrize("action, words", [(Action.WITHDRAW, "withdrew"), (Action.REFUSE, "refused")])
def test_stopping_the_case_closes_its_open_legs(world, action, words):
    case = in_progress(world, local(2027, 3, 1, 9, 0))
    leg = consult(case, world, local(2027, 3, 1, 10, 0))
    services.transition(case, action, now=local(2027, 3, 8, 9, 0), expected_version=case.version,
                        note="Theo đề nghị của người nộp hồ sơ")
    assert leg.answered_at == local(2027, 3, 8, 9, 0)
    assert "Đóng" in leg.answer or words in leg.answer  # the note is stored in Vietnamese
    assert [e.action for e in case.events][-2:] == ["consult_closed", action.value]


def test_a_leg_is_answered_once_with_a_note(world):
    case = in_progress(world, local(2027, 3, 1, 9, 0))
    leg = consult(case, world, local(2027, 3, 1, 10, 0))
    with pytest.raises(DomainError):
        legs.close_leg(leg, note="  ", now=local(2027, 3, 2, 8, 0))
    legs.close_leg(leg, note="Đồng ý", now=local(2027, 3, 2, 8, 0))
    with pytest.raises(DomainError):
        legs.close_leg(leg, note="Lại", now=local(2027, 3, 2, 9, 0))
    assert leg.answer == "Đồng ý" and not leg.is_open


@pytest.mark.parametrize("answered, expected", [
    ((2027, 3, 2, 16, 0), Timing.EARLY), ((2027, 3, 3, 9, 0), Timing.ON_TIME),
    ((2027, 3, 3, 16, 0), Timing.ON_TIME),  # the due day at any hour (BLDS 2015 Điều 148 k6)
    ((2027, 3, 4, 8, 0), Timing.LATE)])
def test_an_answered_leg_is_early_on_time_or_late_against_its_own_deadline(world, answered, expected):
    case = in_progress(world, local(2027, 3, 1, 9, 0))
    leg = consult(case, world, local(2027, 3, 1, 10, 0), days=2)  # due Wednesday 3 March 10:00
    legs.close_leg(leg, note="Trả lời", now=local(*answered))
    cal = services.calendar_for([2027], language="vi")
    assert legs.leg_timing(leg, local(2027, 4, 1, 9, 0), cal) == expected


def test_an_open_leg_is_overdue_after_its_deadline(world):
    case = in_progress(world, local(2027, 3, 1, 9, 0))
    leg = consult(case, world, local(2027, 3, 1, 10, 0), days=2)
    cal = services.calendar_for([2027], language="vi")
    assert legs.leg_timing(leg, local(2027, 3, 3, 16, 0), cal) == Timing.DUE_SOON  # the due day is not over
    assert legs.leg_timing(leg, local(2027, 3, 4, 0, 1), cal) == Timing.OVERDUE
    assert legs.leg_timing(leg, local(2027, 2, 22, 9, 0), cal) == Timing.IN_TIME


def test_who_may_answer_a_leg():
    common = {"handling_unit_id": 1, "handler_id": 7, "leg_unit_id": 2}
    assert rules.may_answer_leg(roles={"handler"}, user_id=9, user_unit_id=2, **common)  # consulted unit
    assert rules.may_answer_leg(roles={"handler"}, user_id=7, user_unit_id=1, **common)  # the file's handler
    assert not rules.may_answer_leg(roles={"handler"}, user_id=8, user_unit_id=3, **common)
    assert not rules.may_consult(roles={"handler"}, user_id=9, user_unit_id=2, handling_unit_id=1, handler_id=7)


# ---------------------------------------------------------------- control slip

def test_legs_are_their_own_rows_on_the_control_slip():
    sent, due = datetime(2027, 3, 1, 10, 0), datetime(2027, 3, 3, 10, 0)
    events = [{"action": "receive", "at": datetime(2027, 3, 1, 9, 0), "unit": "UBND", "actor": "", "note": ""},
              {"action": "finish", "at": datetime(2027, 3, 4, 9, 0), "unit": "UBND", "actor": "", "note": ""}]
    legs = [{"unit": "Phòng Tư pháp", "purpose": "Xác minh", "sent_at": sent, "due_at": due,
             "answered_at": datetime(2027, 3, 4, 15, 0), "answer": "Đúng", "answered_by": "Hà"},
            {"unit": "Công an phường", "purpose": "Xác nhận", "sent_at": datetime(2027, 3, 1, 11, 0),
             "due_at": due, "answered_at": None, "answer": "", "answered_by": ""}]
    rows = documents.control_rows(events, datetime(2027, 3, 10, 9, 0), legs, date(2027, 3, 5))
    assert [r[0] for r in rows] == ["UBND", "Phòng Tư pháp", "Công an phường", "UBND"]
    assert rows[1][2] == "Quá hạn" and "Nhận lại: 15 giờ 00 phút" in rows[1][1] and "Trả lời: Đúng" in rows[1][3]
    assert rows[2][2] == "Quá hạn (chưa trả lời)"


# ---------------------------------------------------------------- views

def page(response) -> str:
    return html.unescape(response.get_data(as_text=True))


def sign_in(client, user):
    client.post("/auth/logout")
    login(client, user)
    client.get("/language/en")


def test_the_handler_consults_and_the_consulted_unit_answers_on_the_case_page(world, client):
    case = in_progress(world, FIXED_NOW)
    db.session.commit()
    sign_in(client, world["stranger"])
    assert client.get(f"/staff/cases/{case.id}").status_code == 403
    sign_in(client, world["handler"])
    body = page(client.get(f"/staff/cases/{case.id}"))
    assert "Consult another unit" in body and 'name="leg-unit_id"' in body
    response = client.post(f"/staff/cases/{case.id}/legs", data={
        "leg-version": str(case.version), "leg-unit_id": str(world["other"].id),
        "leg-purpose": "Xác minh nơi cư trú", "leg-due_days": "3"})
    assert response.status_code == 302
    leg = db.session.scalar(select(CaseLeg).where(CaseLeg.case_id == case.id))
    assert leg.unit_id == world["other"].id and leg.is_open

    sign_in(client, world["consulted"])
    body = page(client.get(f"/staff/cases/{case.id}"))
    assert "Phòng Tư pháp" in body and "Record the answer" in body and "In time" in body
    assert "Print the control slip" not in body and f'action="/staff/cases/{case.id}/steps/' not in body
    db.session.refresh(case)
    refused = client.post(f"/staff/cases/{case.id}/steps/finish", data={"finish-version": str(case.version)})
    assert refused.status_code == 403
    assert client.get(f"/staff/cases/{case.id}/print/control").status_code == 403
    empty = client.post(f"/staff/cases/{case.id}/legs/{leg.id}/answer", data={f"answer-{leg.id}-answer": ""})
    assert empty.status_code == 422
    done = client.post(f"/staff/cases/{case.id}/legs/{leg.id}/answer",
                       data={f"answer-{leg.id}-answer": "Đã xác minh"})
    assert done.status_code == 302
    db.session.refresh(leg)
    assert leg.answer == "Đã xác minh" and leg.answered_by_id == world["consulted"].id
    body = page(client.get(f"/staff/cases/{case.id}"))  # a closed leg keeps the page open to them
    assert "Answered" in body and "Record the answer" not in body


def test_finishing_with_an_open_leg_shows_the_reason(world, client):
    case = in_progress(world, FIXED_NOW)
    consult(case, world, FIXED_NOW)
    db.session.commit()
    sign_in(client, world["handler"])
    response = client.post(f"/staff/cases/{case.id}/steps/finish", data={"finish-version": str(case.version)})
    assert response.status_code == 422 and "consultation is open" in page(response)
    db.session.refresh(case)
    assert case.status == CaseStatus.IN_PROGRESS


def test_control_slip_prints_the_leg_rows(world, client):
    case = in_progress(world, local(2027, 3, 1, 9, 0))
    leg = consult(case, world, local(2027, 3, 1, 10, 0), days=2)
    legs.close_leg(leg, note="Đã xác minh", now=local(2027, 3, 2, 9, 0), actor=world["consulted"])
    db.session.commit()
    sign_in(client, world["handler"])
    body = page(client.get(f"/staff/cases/{case.id}/print/control"))
    row = re.search(r"<tr><td class=\"pre\">Phòng Tư pháp</td>.*?</tr>", body, re.S)
    assert row and "Trước hạn" in row.group(0) and "Trả lời: Đã xác minh" in row.group(0)


def test_the_consulted_unit_finds_its_waiting_cases_in_the_worklist(world, client):
    waiting = in_progress(world, FIXED_NOW)
    consult(waiting, world, FIXED_NOW)
    answered = in_progress(world, FIXED_NOW)
    legs.close_leg(consult(answered, world, FIXED_NOW), note="Xong",
                   now=FIXED_NOW)
    untouched = in_progress(world, FIXED_NOW)
    stopped = in_progress(world, FIXED_NOW)  # withdrawn while waiting: nothing left to answer
    consult(stopped, world, FIXED_NOW)
    services.transition(stopped, Action.WITHDRAW, now=FIXED_NOW, expected_version=stopped.version,
                        note="Công dân xin rút hồ sơ")
    db.session.commit()
    sign_in(client, world["consulted"])
    body = page(client.get("/staff/cases/?scope=consulted"))
    assert "Consultations waiting for my unit" in body
    assert waiting.code in body and answered.code not in body and untouched.code not in body
    assert stopped.code not in body
    sign_in(client, world["stranger"])
    assert waiting.code not in page(client.get("/staff/cases/?scope=consulted"))
