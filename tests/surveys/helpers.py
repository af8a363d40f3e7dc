"""Builders for survey tests: a campaign on a published procedure, returned cases to sample, codes."""
from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from sqlalchemy import select

from portal.cases.models import Case
from portal.cases.rules import CaseStatus
from portal.core.access import Role
from portal.core.db import db
from portal.surveys import distribution, services
from portal.surveys.rules import QuestionType
from portal.units.models import Unit, UnitLevel
from tests.factories import known_access_hash, make_procedure, make_user

NOW = datetime(2026, 6, 1, 3, 0, tzinfo=UTC)
TODAY = date(2026, 6, 1)


def make_campaign(manager=None, *, template=True, questions=None, open_=True):
    manager = manager or make_user(Role.MANAGER)
    procedure = make_procedure()
    campaign = services.create_campaign(
        {"title": "Khảo sát mức độ hài lòng về đăng ký khai sinh năm 2026", "description": "Phiếu không ghi tên.",
         "period_start": date(2026, 1, 1), "period_end": date(2026, 10, 31), "procedure_ids": [procedure.id]},
        actor=manager, now=NOW, with_template=template)
    for spec in questions or []:
        services.add_question(campaign, spec, actor=manager)
    if open_:
        services.set_status(campaign, "open", version=None, actor=manager, now=NOW)
    db.session.commit()
    return campaign, manager, procedure


def conditional_questions() -> list[dict]:
    """Q1 scale (satisfaction, access); Q2 yes/no; Q3 shown only if Q2 = "Có"; Q4 free text."""
    return [
        {"text": "Ông/Bà hài lòng về nơi tiếp nhận hồ sơ ở mức nào?", "kind": QuestionType.SCALE5, "required": True,
         "factor": "access", "aspect": "satisfaction"},
        {"text": "Ông/Bà có phản ánh, kiến nghị không?", "kind": QuestionType.SINGLE, "options": ["Có", "Không"],
         "required": True},
    ]


def add_conditional(campaign, manager):
    gate = campaign.questions[-1]
    services.add_question(campaign, {"text": "Ông/Bà hài lòng về việc xử lý phản ánh ở mức nào?",
                                     "kind": QuestionType.SCALE5, "required": True, "factor": "feedback_handling",
                                     "aspect": "satisfaction",
                                     "condition": {"question_id": gate.id, "op": "equals", "value": "Có"}},
                          actor=manager)
    services.add_question(campaign, {"text": "Ý kiến khác", "kind": QuestionType.TEXT, "required": False},
                          actor=manager)


def small_campaign():
    campaign, manager, procedure = make_campaign(template=False, questions=conditional_questions(), open_=False)
    add_conditional(campaign, manager)
    services.set_status(campaign, "open", version=None, actor=manager, now=NOW)
    db.session.commit()
    return campaign, manager, procedure


def codes(campaign, manager, count=5) -> list[str]:
    issued = distribution.issue_printed_batch(campaign, "Một cửa tháng 6", count, actor=manager, now=NOW)
    db.session.commit()
    return issued


def make_returned_cases(procedure, count: int, *, start=datetime(2026, 2, 1, 3, 0, tzinfo=UTC)):
    version = procedure.current_version
    # A commune-level procedure names no unit (competence by level): the cases were received and handled by a ward.
    unit_id = procedure.unit_id or db.session.scalar(select(Unit.id).where(Unit.level == UnitLevel.COMMUNE))
    cases = []
    for n in range(count):
        at = start + timedelta(days=n)
        case = Case(code=f"000.00.14.H17-2602{n:02d}-{n + 1:04d}", access_code_hash=known_access_hash(), unit_id=unit_id,
                    handling_unit_id=unit_id, procedure_id=procedure.id, procedure_version_id=version.id,
                    applicant_name=f"Nguyễn Văn {n}", applicant_email=f"nguoidan{n}@example.vn" if n % 3 else "",
                    applicant_phone="0905123456" if n % 2 else "", processing_days=3, received_at=at,
                    counting_from_at=at, original_due_at=at + timedelta(days=3), due_at=at + timedelta(days=3),
                    status=CaseStatus.RETURNED, finished_at=at + timedelta(days=1), returned_at=at + timedelta(days=2))
        db.session.add(case)
        cases.append(case)
    db.session.commit()
    return cases
