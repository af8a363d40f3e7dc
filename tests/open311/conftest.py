"""Open311 fixtures: an issued API key, a valid POST, and feedback that went through to publication."""
from __future__ import annotations

import json

import pytest
from openapi_core import OpenAPI
from sqlalchemy import select

from portal.core.access import Role
from portal.core.clock import utcnow
from portal.core.db import db
from portal.feedback import services as feedback_services
from portal.feedback.vocabulary import Action
from portal.open311 import services
from portal.procedures.api import OPENAPI_PATH
from portal.units.models import Unit
from tests.factories import make_unit, make_user

BASE = "/open311/v2"
# The submitter of the fixtures: none of these may ever appear in a GET response.
NAME_LAST, NAME_FIRST = "Trần Thị", "Hoa"
FULL_NAME = f"{NAME_LAST} {NAME_FIRST}"
ADDRESS = "Số 12 đường Lê Duẩn, tổ 5, phường Nghĩa Trung"
PHONE, PHONE_SPACED, EMAIL = "0987654321", "0987 654 321", "hoa.tran@example.vn"
PERSONAL = (FULL_NAME, NAME_LAST, ADDRESS, PHONE, PHONE_SPACED, EMAIL)


def post_fields(key: str, **changes) -> dict:
    fields = {"api_key": key, "service_code": "obstruction", "lat": "11.9962", "long": "107.6950",
              "address_string": "Bộ phận Một cửa phường Nghĩa Trung",
              "description": "Chậm trả kết quả chứng thực bản sao\nTôi nộp hồ sơ ngày 2/11, đến nay quá hẹn "
                             "mà chưa nhận được kết quả.",
              "first_name": NAME_FIRST, "last_name": NAME_LAST, "phone": PHONE_SPACED, "email": EMAIL,
              "attribute[submitter_address]": ADDRESS}
    fields.update(changes)
    return {k: v for k, v in fields.items() if v is not None}


@pytest.fixture(scope="session")
def openapi():
    return OpenAPI.from_dict(json.loads(OPENAPI_PATH.read_text(encoding="utf-8")))


@pytest.fixture()
def api_key(app_ctx):
    row, plain = services.issue_key("Ứng dụng Gia Nghĩa trực tuyến", now=utcnow())
    db.session.commit()
    row.plain = plain
    return row


def publish(feedback, *, question: str, answer: str):
    """Take a feedback through intake, handling and approval to publication."""
    unit = db.session.scalars(select(Unit).where(Unit.code == "NGHIATRUNG")).first() or make_unit(
        code="NGHIATRUNG", name="UBND phường Nghĩa Trung")
    handler = make_user(Role.HANDLER, unit=unit, full_name="Lê Văn Bình")
    steps = [(Action.ACCEPT, {"unit_id": unit.id}), (Action.ASSIGN, {"unit_id": unit.id, "handler_id": handler.id}),
             (Action.DRAFT_ANSWER, {"answer": answer}), (Action.APPROVE_ANSWER, {}),
             (Action.PUBLISH, {"public_question": question, "public_answer": answer})]
    for action, extra in steps:
        feedback_services.transition(feedback, action, now=utcnow(), expected_version=feedback.version, **extra)
    db.session.commit()
    return feedback
