"""Public case lookup: status and dates for whoever holds the receipt, nothing about the person, the same
answer (and the same SQL work) for a wrong access code as for an unknown case, and a rate limit."""
from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta
from html import unescape
from zoneinfo import ZoneInfo

import pytest
from flask_babel import force_locale
from sqlalchemy import event

from portal import create_app
from portal.cases import intake, services
from portal.cases.rules import Action, CaseStatus
from portal.cases.services import NOT_FOUND
from portal.cases.views.lookup import STATUS_LABELS, TIMING_LABELS
from portal.config import TestConfig
from portal.core.access import Role
from portal.core.db import db
from tests.factories import make_procedure, make_unit, make_user

VN = ZoneInfo("Asia/Ho_Chi_Minh")
APPLICANT = {"name": "Võ Thị Thu Hà", "phone": "0987654321", "id_number": "066198001234",
             "address": "Thôn 4, xã Đắk R'Moan", "email": "thuha@example.vn"}
HANDLER_NAME = "Ngô Văn Chuyên"


def local(*args) -> datetime:
    return datetime(*args, tzinfo=VN).astimezone(UTC)


@pytest.fixture()
def desk(app_ctx):
    unit = make_unit(code="000.14.26.H17", name="UBND phường Nghĩa Tân")
    procedure = make_procedure(unit=unit, processing_days=3, name="Đăng ký khai sinh")
    handler = make_user(Role.HANDLER, unit=unit, full_name=HANDLER_NAME)

    def new_case(day=1):
        submitted = [d["name"] for d in procedure.current_version.documents]
        case = intake.receive_case(procedure=procedure, unit=unit, applicant=APPLICANT, submitted=submitted, sets=1,
                                   delivery="desk", received_at=local(2027, 3, day, 9, 0))
        db.session.commit()
        return case

    new_case.handler = handler
    return new_case


def step(case, action, at, **kwargs):
    services.transition(case, action, now=at, expected_version=case.version, **kwargs)
    db.session.commit()


def look(client, code, access, **headers):
    response = client.post("/ho-so/tra-cuu", data={"code": code, "access": access}, headers=headers)
    return response, unescape(response.get_data(as_text=True))


def english(text) -> str:
    with force_locale("en"):
        return str(text)


def _to(case, status, handler):
    t = case.received_at
    paths = {
        CaseStatus.RECEIVED: [],
        CaseStatus.TRANSFERRED: [Action.TRANSFER],
        CaseStatus.IN_PROGRESS: [Action.ASSIGN],
        CaseStatus.SUPPLEMENT_REQUESTED: [Action.ASSIGN, Action.REQUEST_SUPPLEMENT],
        CaseStatus.RESULT_READY: [Action.ASSIGN, Action.FINISH],
        CaseStatus.RETURNED: [Action.ASSIGN, Action.FINISH, Action.RETURN],
        CaseStatus.REFUSED: [Action.ASSIGN, Action.REFUSE],
        CaseStatus.WITHDRAWN: [Action.WITHDRAW],
    }
    for n, action in enumerate(paths[status], start=1):
        step(case, action, t + timedelta(hours=n), handler_id=handler.id if action == Action.ASSIGN else None,
             note="Thiếu bản sao giấy tờ." if action in (Action.REQUEST_SUPPLEMENT, Action.REFUSE, Action.WITHDRAW)
             else "")


@pytest.mark.parametrize("status", list(CaseStatus))
def test_each_status_is_shown_with_dates_and_never_the_person(client, desk, status):
    case = desk()
    _to(case, status, desk.handler)
    client.set_cookie("lang", "en")
    response, html = look(client, case.code, case.issued_access_code)
    assert response.status_code == 200
    assert response.headers["Cache-Control"] == "no-store"
    assert "X-Portal-Page-Cache" not in response.headers  # never micro-cached
    assert english(STATUS_LABELS[status]) in html
    assert "Đăng ký khai sinh" in html and case.code in html
    assert "4 Mar 2027" in html  # due date: three working days after Monday 1 March
    if status == CaseStatus.RETURNED:
        assert "Result returned" in html and english(TIMING_LABELS[case.timing]) in html
    for secret in [*APPLICANT.values(), HANDLER_NAME]:
        assert secret not in html, secret
    typed = re.search(r'<input id="access"[^>]*>', html).group(0)
    assert "value=" not in typed  # never typed back into the lookup form


def test_apology_shows_both_dates(client, desk):
    case = desk()
    services.issue_apology(case, reason="Chờ xác minh", new_due_at=local(2027, 3, 10, 16, 0), now=local(2027, 3, 2, 9, 0),
                           expected_version=case.version)
    db.session.commit()
    client.set_cookie("lang", "en")
    _response, html = look(client, case.code, case.issued_access_code)
    assert "Original due date" in html and "Rescheduled due date" in html
    assert "4 Mar 2027" in html and "10 Mar 2027" in html
    assert "Chờ xác minh" not in html  # the reason is for the paper slip, not the web


def test_typed_codes_are_normalised(client, desk):
    case = desk()
    typed = "  " + case.code.lower().replace("-", " - ") + " "
    response, html = look(client, typed, case.issued_access_code.lower())
    assert response.status_code == 200 and case.code in html and "alert-error" not in html


def test_qr_link_prefills_the_code_and_asks_for_the_access_code(client, desk):
    case = desk()
    response = client.get(f"/ho-so/tra-cuu?code={case.code}")
    html = response.get_data(as_text=True)
    assert response.status_code == 200 and f'value="{case.code}"' in html and "alert-error" not in html
    assert 'name="access"' in html and "Đăng ký khai sinh" not in html


def test_wrong_access_code_and_unknown_case_look_the_same(client, desk, app_ctx):
    case = desk()
    wrong = "A" * 8 if case.issued_access_code != "A" * 8 else "B" * 8
    attempts = [(case.code, wrong), ("000.14.26.H17-270301-0099", case.issued_access_code)]
    counts = []

    def count(*_args):
        counts[-1] += 1

    event.listen(db.engine, "before_cursor_execute", count)
    try:
        answers = []
        for code, access in attempts:
            counts.append(0)
            response, html = look(client, code, access)
            answers.append((response.status_code, html.replace(code, "CODE").replace(access, "ACCESS")))
    finally:
        event.remove(db.engine, "before_cursor_execute", count)
    assert answers[0] == answers[1]
    assert answers[0][0] == 422 and str(NOT_FOUND) in answers[0][1]
    assert counts[0] == counts[1] >= 1


def test_htmx_gets_only_the_result(client, desk):
    case = desk()
    _response, html = look(client, case.code, case.issued_access_code, **{"HX-Request": "true"})
    assert "<html" not in html and case.code in html
    response, html = look(client, "khong-phai-ma", "ABCDEFGH", **{"HX-Request": "true"})
    assert response.status_code == 422 and "alert-error" in html


@pytest.fixture()
def limited_app(app_ctx):
    fresh = create_app(TestConfig, SQLALCHEMY_DATABASE_URI=app_ctx.config["SQLALCHEMY_DATABASE_URI"],
                       RATELIMIT_ENABLED=True, CASE_LOOKUP_RATE_LIMIT="3 per minute")
    yield fresh
    with fresh.app_context():
        db.session.remove()
        db.engine.dispose()


def test_too_many_lookups_are_refused(limited_app, client, desk):
    case = desk()
    browser = limited_app.test_client()
    assert browser.get("/ho-so/tra-cuu").status_code == 200  # the empty form is not an attempt
    codes = [browser.post("/ho-so/tra-cuu", data={"code": case.code, "access": "ZZZZZZZZ"}).status_code
             for _ in range(4)]
    assert codes == [422, 422, 422, 429]
    right = browser.post("/ho-so/tra-cuu", data={"code": case.code, "access": case.issued_access_code})
    assert right.status_code == 429  # the limit holds for the right code too: no guessing around it
    assert browser.get("/ho-so/tra-cuu").status_code == 200
    old_link = browser.get("/ho-so/tra-cuu", query_string={"code": case.code, "access": case.issued_access_code})
    assert old_link.status_code == 303  # a GET is never an attempt: it does not read the access code
