"""The dashboard, report and overview pages: roles, the filter form without htmx and the partial with it,
statuses as text, the DOCX download (audited) and the printable HTML report."""
from __future__ import annotations

from html import unescape
from io import BytesIO

import pytest
from docx import Document

from portal.core.access import Role
from portal.core.audit import AuditEvent
from portal.core.db import db
from tests.factories import login, make_user
from tests.plan.test_metrics import build_world


@pytest.fixture()
def world(app_ctx):
    return build_world()


def page(client, url, **kw):
    response = client.get(url, **kw)
    return response, unescape(response.get_data(as_text=True))


def test_roles(world, client):
    plan_id = world["plan"].id
    url = f"/staff/plan/{plan_id}/dashboard"
    assert client.get(url).status_code in (302, 401)
    login(client, make_user(Role.HANDLER))  # a handler outside Phòng Nội vụ
    assert client.get(url).status_code == 403
    assert client.get("/staff/plan/overview").status_code == 403
    client.post("/auth/logout")
    login(client, world["head"])
    assert client.get(url).status_code == 200
    assert client.get(f"/staff/plan/{plan_id}/report").status_code == 200
    assert client.get("/staff/plan/overview").status_code == 403  # managers only
    assert client.get("/staff/plan/999999/dashboard").status_code == 404


def test_dashboard_without_and_with_htmx(world, client):
    login(client, make_user(Role.MANAGER, unit=world["a"]))
    plan_id = world["plan"].id
    response, html = page(client, f"/staff/plan/{plan_id}/dashboard?quarter=2&unit={world['b'].id}")
    assert response.status_code == 200 and "<html" in html and "<form" in html
    assert 'data-activity="2.1.2"' in html and 'data-activity="2.1.1"' not in html  # the unit filter
    assert "<svg" in html and 'data-budget="total"' in html
    assert "Missed" in html or "Không đạt" in html  # status as text
    response, partial = page(client, f"/staff/plan/{plan_id}/dashboard?quarter=2", headers={"HX-Request": "true"})
    assert response.status_code == 200 and "<html" not in partial and 'data-result="MT.2"' in partial
    assert "HX-Request" in response.headers.get("Vary", "")


def test_report_docx_and_html(world, client):
    login(client, make_user(Role.MANAGER, unit=world["a"]))
    plan_id = world["plan"].id
    response = client.get(f"/staff/plan/{plan_id}/report?quarter=2&format=docx")
    assert response.status_code == 200 and "bao-cao-cchc-quy-2-2025.docx" in response.headers["Content-Disposition"]
    text = "\n".join(p.text for p in Document(BytesIO(response.data)).paragraphs)
    assert "Quý 2 năm 2025" in text
    assert db.session.query(AuditEvent).filter_by(action="plan.report_docx").count() == 1
    response, html = page(client, f"/staff/plan/{plan_id}/report?quarter=2")
    assert "BÁO CÁO KẾT QUẢ THỰC HIỆN KẾ HOẠCH CẢI CÁCH HÀNH CHÍNH" in html and "ỦY BAN NHÂN DÂN" in html
    assert "Đã rà soát 12/24 thủ tục." in html  # the latest comment as of the quarter's end


def test_overview(world, client):
    login(client, make_user(Role.MANAGER, unit=world["a"]))
    response, html = page(client, "/staff/plan/overview?start=2025-01-01&end=2025-12-31")
    assert response.status_code == 200
    for metric in ("cases_on_time", "satisfaction", "feedback_on_time", "feedback_satisfaction",
                   "procedures_published"):
        assert f'data-metric="{metric}"' in html
    assert "/staff/cases/statistics?from=2025-01-01&to=2025-12-31" in html
    assert "12/2025" in html  # the trend table
    response, partial = page(client, "/staff/plan/overview?start=2025-01-01&end=2025-12-31",
                             headers={"HX-Request": "true"})
    assert "<html" not in partial and 'data-metric="cases_on_time"' in partial
