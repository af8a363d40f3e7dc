"""A citizen answers a satisfaction survey on a phone with the one-use link from a printed slip: the
conditional question appears only after the answer it depends on, the answers are sent, and the same
link then says it has already been used. No console error (CSP refusals included) is allowed."""
from __future__ import annotations

from datetime import UTC, datetime

import pytest
from playwright.sync_api import expect
from sqlalchemy import func, select

from portal.auth.models import StaffUser
from portal.core.db import db
from portal.demo.constants import MAIL_DOMAIN
from portal.procedures.models import Procedure
from portal.surveys import distribution, services
from portal.surveys.models import Answer, Response

pytestmark = pytest.mark.e2e
NOW = datetime(2026, 6, 1, 3, 0, tzinfo=UTC)


def open_campaign(app) -> tuple[str, dict]:
    with app.app_context():
        manager = db.session.scalar(select(StaffUser).where(StaffUser.email == f"lanhdao@{MAIL_DOMAIN}"))
        procedure = db.session.scalar(select(Procedure).where(Procedure.name == "Thủ tục đăng ký khai sinh"))
        campaign = services.create_campaign(
            {"title": "Khảo sát nhanh về đăng ký khai sinh tại phường Nghĩa Tân", "description": "Phiếu không ghi tên.",
             "period_start": NOW.date(), "period_end": NOW.date(), "procedure_ids": [procedure.id]},
            actor=manager, now=NOW, with_template=False)
        services.add_question(campaign, {"text": "Ông/Bà hài lòng về thái độ của công chức ở mức nào?",
                                         "kind": "scale5", "required": True, "factor": "civil_servants",
                                         "aspect": "satisfaction"}, actor=manager)
        gate = services.add_question(campaign, {"text": "Ông/Bà có phải đi lại bổ sung hồ sơ không?", "kind": "single",
                                                "options": ["Có", "Không"], "required": True}, actor=manager)
        follow = services.add_question(campaign, {"text": "Ông/Bà đã phải đi lại bao nhiêu lần?", "kind": "number",
                                                  "required": True,
                                                  "condition": {"question_id": gate.id, "op": "equals", "value": "Có"}},
                                       actor=manager)
        services.set_status(campaign, "open", version=None, actor=manager, now=NOW)
        code = distribution.issue_printed_batch(campaign, "Một cửa phường Nghĩa Tân", 1, actor=manager, now=NOW)[0]
        ids = {"campaign": campaign.id, "scale": campaign.questions[0].id, "gate": gate.id, "follow": follow.id}
        db.session.commit()
    return code, ids


def test_citizen_answers_with_a_one_use_link_on_a_phone(live_server, phone):
    code, ids = open_campaign(live_server.app)
    errors: list[str] = []
    page = phone.page
    page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    page.on("pageerror", lambda exc: errors.append(str(exc)))

    phone.goto(live_server.url(f"/khao-sat/{code}"), "survey form")
    follow = page.locator(f"#question-{ids['follow']}")
    expect(follow).to_be_hidden()  # survey.js hides it until "Có" is chosen
    page.locator(f"input[name=q{ids['scale']}][value='4']").check()
    page.locator(f"input[name=q{ids['gate']}][value='Có']").check()
    expect(follow).to_be_visible()
    phone.check("conditional question shown")
    page.locator(f"input[name=q{ids['follow']}]").fill("2")
    with page.expect_navigation():
        page.get_by_role("button", name="Gửi câu trả lời").or_(page.locator("form.survey button[type=submit]")).first.click()
    expect(page.locator("h1")).to_be_visible()
    assert page.url.endswith("/khao-sat/cam-on")
    phone.check("thanks")

    with live_server.app.app_context():
        assert db.session.scalar(select(func.count()).select_from(Response)
                                 .where(Response.campaign_id == ids["campaign"])) == 1
        values = set(db.session.scalars(select(Answer.value).join(Response)
                                        .where(Response.campaign_id == ids["campaign"])))
        assert values == {"4", "Có", "2"}

    phone.goto(live_server.url(f"/khao-sat/{code}"), "link already used", expect_status=410)
    expect(page.locator("[data-reason=used]")).to_be_visible()
    # The used link answers 410 Gone on purpose; Chromium logs that status, nothing else may appear.
    assert [e for e in errors if "status of 410" not in e] == []
