"""Withdrawal (dừng giải quyết at the applicant's request; NĐ 118/2025 Điều 21 and TT 03/2025 Mẫu 05 per
DOMAIN.md §3 and §7a — no primary text in docs/law) through the case page: the reason is required, a
confirmation page says what will happen, the step is audited, the case is never shown as on time and is
undone only by a manager's audited reopening."""
from __future__ import annotations

import html

import pytest
from sqlalchemy import select

from portal.cases import services
from portal.cases.models import Case
from portal.cases.rules import Action, CaseStatus
from portal.core.access import Role
from portal.core.audit import AuditEvent
from portal.core.db import db
from tests.cases.test_desk_views import english, new_case, office, post_step, sign_in  # noqa: F401
from tests.conftest import FIXED_NOW
from tests.factories import make_user

pytestmark = pytest.mark.usefixtures("fixed_clock")
REASON = "Công dân xin rút hồ sơ để nộp lại sau"


def text(response) -> str:
    return html.unescape(response.get_data(as_text=True))


def audits(case, action):
    return list(db.session.scalars(select(AuditEvent).where(AuditEvent.action == action,
                                                             AuditEvent.object_id == str(case.id))))


def in_progress(office) -> Case:
    case = new_case(office)
    services.transition(case, Action.ASSIGN, now=FIXED_NOW, expected_version=case.version,
                        handler_id=office.handler.id)
    db.session.commit()
    return case


def test_the_reason_is_required_beside_its_field(client, office):
    case = new_case(office)
    english(client, office.desk)
    response = post_step(client, case, Action.WITHDRAW, note="   ")
    assert response.status_code == 422
    body = text(response)
    assert "Write the applicant's reason for withdrawing" in body and 'aria-invalid="true"' in body
    db.session.expire_all()
    assert case.status == CaseStatus.RECEIVED and not audits(case, "case.withdraw")


def test_a_confirmation_page_says_what_will_happen_and_back_keeps_the_reason(client, office):
    case = new_case(office)
    english(client, office.desk)
    response = post_step(client, case, Action.WITHDRAW, note=REASON)
    assert response.status_code == 200
    body = text(response)
    assert "What will happen" in body and "neither on time nor late" in body and REASON in body
    assert "notice of stopping (Mẫu 05, TT 03/2025)" in body  # received in 2027: the 2025 set
    assert 'name="withdraw-confirmed" value="1"' in body
    db.session.expire_all()
    assert case.status == CaseStatus.RECEIVED  # nothing changed before the confirmation
    back = post_step(client, case, Action.WITHDRAW, note=REASON, back="1")
    assert back.status_code == 200 and REASON in text(back) and "/steps/withdraw" in text(back)
    assert case.status == CaseStatus.RECEIVED


def test_confirmed_it_is_withdrawn_audited_and_never_on_time(client, office):
    case = in_progress(office)
    english(client, office.desk)
    response = post_step(client, case, Action.WITHDRAW, note=REASON, confirmed="1")
    assert response.status_code == 302
    db.session.expire_all()
    assert case.status == CaseStatus.WITHDRAWN and case.timing is None and case.finished_at is not None
    [entry] = audits(case, "case.withdraw")
    assert entry.after["reason"] == REASON and entry.after["status"] == "withdrawn"
    assert case.events[-1].note == REASON
    body = text(client.get(f"/staff/cases/{case.id}"))
    assert 'data-timing="not_judged"' in body and "Stopped: neither on time nor late" in body
    assert "badge-ok" not in body  # never a green "on time" badge
    assert "/print/withdrawal" in body
    assert "/steps/reopen" not in body  # a desk officer cannot undo it
    assert post_step(client, case, Action.REOPEN, note="Nhầm", confirmed="1").status_code == 403
    worklist = text(client.get("/staff/cases/?scope=today&q=" + case.code))
    assert case.code in worklist and "Stopped: neither on time nor late" in worklist


def test_a_manager_reopens_it_with_a_reason_back_to_where_it_was(client, office):
    case = in_progress(office)
    services.transition(case, Action.WITHDRAW, now=FIXED_NOW, expected_version=case.version, note=REASON)
    db.session.commit()
    manager = make_user(Role.MANAGER, unit=office.unit, full_name="Lê Văn Quản")
    english(client, manager)
    body = text(client.get(f"/staff/cases/{case.id}"))
    assert "/steps/reopen" in body and "Why the withdrawal is undone" in body
    assert post_step(client, case, Action.REOPEN, note="").status_code == 422
    confirm = text(post_step(client, case, Action.REOPEN, note="Ghi nhầm hồ sơ khác"))
    assert "Being processed" in confirm and "same legal due date" in confirm
    db.session.expire_all()
    assert case.status == CaseStatus.WITHDRAWN
    assert post_step(client, case, Action.REOPEN, note="Ghi nhầm hồ sơ khác", confirmed="1").status_code == 302
    db.session.expire_all()
    assert case.status == CaseStatus.IN_PROGRESS and case.finished_at is None and case.timing is None
    [entry] = audits(case, "case.reopen")
    assert entry.after["reason"] == "Ghi nhầm hồ sơ khác" and entry.before["status"] == "withdrawn"
    assert entry.actor_id == manager.id
    assert [e.action for e in case.events][-2:] == ["withdraw", "reopen"]


def test_a_withdrawn_case_is_neither_on_time_nor_late_in_the_figures(app_ctx, office):
    from portal.cases import stats
    from portal.core import stats as kernel

    case = in_progress(office)
    services.transition(case, Action.WITHDRAW, now=FIXED_NOW, expected_version=case.version, note=REASON)
    db.session.commit()
    total = stats.case_statistics(kernel.year_period(2027), now=FIXED_NOW).total
    assert total.received == 1 and total.finished == 0 and total.open_in_time + total.open_overdue == 0
    assert total.on_time_rate.denominator == 0 and total.on_time_rate_766.denominator == 0
