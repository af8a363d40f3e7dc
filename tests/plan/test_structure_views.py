"""Plan pages: who may see and change what, import/export/copy through the pages, CSRF."""
from __future__ import annotations

import io

import openpyxl
import pytest
from sqlalchemy import func, select

from portal.core.access import Role
from portal.core.audit import AuditEvent
from portal.core.db import db
from portal.core.xlsx import XLSX_MIMETYPE
from portal.demo.seed import UNITS
from portal.plan import services, xlsx_export, xlsx_layout
from portal.plan.models import Plan
from portal.plan.rules import PlanStatus
from portal.units import services as units
from tests.factories import login, make_user


@pytest.fixture()
def plan(app_ctx):
    for code, name, level in UNITS:
        units.create_unit(code=code, name=name, level=level)
    plan = services.load_plan_json(services.PLAN_2019_JSON)
    db.session.commit()
    return plan


def unit(code):
    return units.get_by_code(code)


NOI_VU, TU_PHAP = "000.02.26.H17", "000.03.26.H17"


@pytest.mark.parametrize("roles,code,view,edit", [
    ((Role.MANAGER,), TU_PHAP, 200, True),
    ((Role.UNIT_HEAD,), TU_PHAP, 200, False),
    ((Role.UNIT_HEAD,), NOI_VU, 200, True),
    ((Role.HANDLER,), NOI_VU, 200, True),
    ((Role.HANDLER,), TU_PHAP, 403, False),
    ((Role.DESK_OFFICER,), NOI_VU, 403, False),
])
def test_roles(client, plan, roles, code, view, edit):
    login(client, make_user(*roles, unit=unit(code)))
    for url in ("/staff/plan/", f"/staff/plan/{plan.id}", f"/staff/plan/{plan.id}/export.xlsx",
                "/staff/plan/template.xlsx"):
        assert client.get(url).status_code == view, url
    assert client.get("/staff/plan/import").status_code == (200 if edit else 403)
    response = client.post(f"/staff/plan/{plan.id}/copy", data={"year": 2020, "confirm": "y"})
    assert response.status_code == (303 if edit else 403)


def test_anonymous_is_sent_to_login(client, plan):
    assert client.get("/staff/plan/").status_code in (302, 303)


def test_tree_shows_totals_disagreements_and_notes(client, plan):
    login(client, make_user(Role.MANAGER))
    client.set_cookie("lang", "en")
    html = client.get(f"/staff/plan/{plan.id}").get_data(as_text=True)
    assert "<strong>85,000,000 VND</strong>" in html
    # Each stated-line disagreement is listed and explained, and flagged beside its line.
    assert "Result 3.4: the document states 0 VND, the activities add up to 10,000,000 VND" in html
    assert "Field VIII: the document states 0 VND, the activities add up to 15,000,000 VND" in html
    assert "Whole plan: the document states 80,000,000 VND, the activities add up to 85,000,000 VND" in html
    result_34 = html[html.index('id="result-3.4"'):html.index('id="activity-3.4.1"')]
    assert "⚠ the document states 0 VND" in result_34
    assert html.count("⚠") == 5  # 3.4 beside its line; VIII beside its line and in the table; the plan's line
    assert "<details" in html and "OCR damage corrected" in html
    for code in ("1.2.1", "8.3.1", "MT.2"):
        assert code in html
    index = client.get("/staff/plan/").get_data(as_text=True)
    assert plan.title in index


def test_export_download_is_the_plan(client, plan):
    login(client, make_user(Role.UNIT_HEAD))
    response = client.get(f"/staff/plan/{plan.id}/export.xlsx")
    assert response.mimetype == XLSX_MIMETYPE
    ws = openpyxl.load_workbook(io.BytesIO(response.data))[xlsx_layout.SHEET_PLAN]
    assert sum(1 for r in ws.iter_rows(values_only=True) if str(r[0]).startswith("Hoạt động")) == 49


def test_import_through_the_page_and_its_errors(client, plan):
    client.set_cookie("lang", "en")  # messages are compared in English (the msgids)
    login(client, make_user(Role.MANAGER))
    data = xlsx_export.export_plan(plan)
    wb = openpyxl.load_workbook(io.BytesIO(data))
    ws = wb[xlsx_layout.SHEET_PLAN]
    bad_row = next(r for r in range(1, ws.max_row + 1) if ws.cell(r, 1).value == "Hoạt động 1.2.1")
    ws.cell(bad_row, 5).value = "mười triệu"
    bad = io.BytesIO()
    wb.save(bad)
    form = {"year": "2031", "title": "Kế hoạch CCHC năm 2031", "decision_number": "", "decision_date": ""}
    response = client.post("/staff/plan/import", data=dict(form, file=(io.BytesIO(bad.getvalue()), "kh.xlsx")),
                           content_type="multipart/form-data")
    html = response.get_data(as_text=True)
    assert response.status_code == 422
    assert f"<td class=\"nowrap\">{bad_row}</td><td>Kinh phí (VND)</td>" in html and "mười triệu" in html
    assert "choose the corrected file again" in html and 'value="Kế hoạch CCHC năm 2031"' in html
    assert db.session.scalar(select(func.count()).select_from(Plan)) == 1
    response = client.post("/staff/plan/import", data=dict(form, file=(io.BytesIO(data), "kh.xlsx")),
                           content_type="multipart/form-data")
    assert response.status_code == 303
    new = services.find_plan(year=2031)
    assert response.headers["Location"].endswith(f"/staff/plan/{new.id}")
    assert new.status == PlanStatus.DRAFT and len(services.activities(new)) == 49
    assert db.session.scalar(select(AuditEvent.object_id).where(AuditEvent.action == "plan.import")) == str(new.id)


def test_copy_needs_confirmation_then_creates_a_draft(client, plan):
    client.set_cookie("lang", "en")  # messages are compared in English (the msgids)
    login(client, make_user(Role.MANAGER))
    response = client.post(f"/staff/plan/{plan.id}/copy", data={"year": 2020})
    assert response.status_code == 422 and "Tick the box to confirm the copy." in response.get_data(as_text=True)
    assert db.session.scalar(select(func.count()).select_from(Plan)) == 1
    response = client.post(f"/staff/plan/{plan.id}/copy", data={"year": 2020, "confirm": "y"})
    new = services.find_plan(year=2020)
    assert response.status_code == 303 and new.status == PlanStatus.DRAFT and new.copied_from_id == plan.id
    again = client.post(f"/staff/plan/{plan.id}/copy", data={"year": 2020, "confirm": "y"})
    assert again.status_code == 422 and "already exists" in again.get_data(as_text=True)


def test_csrf_is_required(csrf_app, plan):
    client = csrf_app.test_client()
    user = make_user(Role.MANAGER)
    csrf_app.config["WTF_CSRF_ENABLED"] = False
    login(client, user)
    csrf_app.config["WTF_CSRF_ENABLED"] = True
    response = client.post(f"/staff/plan/{plan.id}/copy", data={"year": 2020, "confirm": "y"})
    assert response.status_code == 400
    assert db.session.scalar(select(func.count()).select_from(Plan)) == 1
