"""Tracking pages through the client: the unit's list, the progress form (plain and htmx, 422/409/413 with the
input kept), evidence downloads, the result page and access by role."""
from __future__ import annotations

import io
import re
from html import unescape

import pytest
from sqlalchemy import func, select

from portal.core.access import Role
from portal.core.db import db
from portal.plan.models import ActivityUpdate, IndicatorReport, PlanActivity
from tests.factories import login, make_user
from tests.plan.test_tracking import PDF, activity, build_plan, result

HX = {"HX-Request": "true"}


@pytest.fixture()
def world(app_ctx, client, tmp_path, monkeypatch):
    monkeypatch.setitem(app_ctx.config, "UPLOAD_FOLDER", str(tmp_path))
    client.set_cookie("lang", "en")
    plan, noi_vu, tu_phap = build_plan()
    head = make_user(Role.UNIT_HEAD, unit=tu_phap, full_name="Đặng Văn Quang")
    return {"plan": plan, "noi_vu": noi_vu, "tu_phap": tu_phap, "head": head}


def url(act) -> str:
    return f"/staff/plan/activities/{act.id}"


def post_progress(client, act, headers=None, **fields):
    data = {"progress": "in_progress", "percent": "40", "comment": "", "version": str(act.version)}
    data.update(fields)
    return client.post(url(act), data=data, headers=headers or {}, content_type="multipart/form-data")


def text(response) -> str:
    return re.sub(r"\s+", " ", unescape(response.get_data(as_text=True)))


def test_my_activities_lists_the_units_activities_late_first(client, world):
    login(client, world["head"])
    page = text(client.get("/staff/plan/my"))
    assert page.index("1.2.1") < page.index("1.2.2")  # 1.2.1 ended in March: late (the clock says 2026-11)
    assert "2.5.2" not in page  # a collective lead is Phòng Nội vụ's to follow
    assert "Late" in page and "0% done" in page
    handler_nv = make_user(Role.HANDLER, unit=world["noi_vu"])
    client.post("/auth/logout")
    login(client, handler_nv)
    assert "2.5.2" in text(client.get("/staff/plan/my"))


def test_a_head_reports_progress_and_sees_it_in_the_history(client, world):
    act = activity(world["plan"], "1.2.2")
    login(client, world["head"])
    response = post_progress(client, act, comment="Đã dự thảo báo cáo gửi Sở Tư pháp",
                             evidence=(io.BytesIO(PDF), "Du thao bao cao.pdf"))
    assert response.status_code == 303
    page = text(client.get(url(act)))
    assert "Progress of activity 1.2.2 saved." in page
    assert "Đã dự thảo báo cáo gửi Sở Tư pháp" in page and "Đặng Văn Quang" in page and "40%" in page
    entry = db.session.scalars(select(ActivityUpdate)).one()
    download = client.get(f"/staff/plan/evidence/update/{entry.id}")
    assert download.status_code == 200 and download.data == PDF
    assert download.headers["Content-Disposition"].startswith("attachment")
    assert download.headers["X-Content-Type-Options"] == "nosniff"
    assert "no-store" in download.headers["Cache-Control"]
    assert f"/staff/plan/evidence/update/{entry.id}" in page


def test_htmx_gets_the_partial_with_the_new_history_row(client, world):
    act = activity(world["plan"], "1.2.2")
    login(client, world["head"])
    response = post_progress(client, act, headers=HX, progress="done", percent="", comment="Đã gửi báo cáo")
    body = text(response)
    assert response.status_code == 200 and "<html" not in body and "HX-Request" in response.headers["Vary"]
    assert "Progress history" in body and "Đã gửi báo cáo" in body and "100%" in body


def test_a_percent_of_120_comes_back_with_the_message_and_the_input_kept(client, world):
    act = activity(world["plan"], "1.2.2")
    login(client, world["head"])
    response = post_progress(client, act, percent="120", comment="Vượt tiến độ")
    body = response.get_data(as_text=True)
    assert response.status_code == 422
    assert 'id="percent-error"' in body and "120% is not possible" in unescape(body)
    assert 'value="120"' in body and "Vượt tiến độ</textarea>" in body
    assert db.session.scalar(select(func.count(ActivityUpdate.id))) == 0


def test_a_report_on_a_stale_form_is_a_409_showing_the_current_state_and_keeping_the_input(client, world):
    act = activity(world["plan"], "1.2.2")
    opened = act.version
    handler = make_user(Role.HANDLER, unit=world["tu_phap"], full_name="Lê Hoàng Nam")
    login(client, handler)
    assert post_progress(client, act, percent="60", comment="Báo cáo của đồng nghiệp").status_code == 303
    client.post("/auth/logout")
    login(client, world["head"])
    response = post_progress(client, act, percent="45", comment="Báo cáo của tôi", version=str(opened))
    body = text(response)
    assert response.status_code == 409
    assert "Someone else reported on this activity" in body
    assert "Báo cáo của đồng nghiệp" in body and "60% done" in body  # what is stored now
    assert "Báo cáo của tôi</textarea>" in body and 'value="45"' in body  # what the user typed
    new_version = db.session.get(PlanActivity, act.id).version
    assert f'name="version" type="hidden" value="{new_version}"' in body
    assert post_progress(client, act, percent="45", comment="Báo cáo của tôi", version=str(new_version)).status_code == 303


def test_evidence_over_the_configured_limit_is_refused_beside_the_field(client, world, monkeypatch):
    monkeypatch.setitem(client.application.config, "PLAN_EVIDENCE_MAX_BYTES", 64 * 1024)
    act = activity(world["plan"], "1.2.2")
    login(client, world["head"])
    big = PDF + b"0" * (64 * 1024)
    response = post_progress(client, act, comment="Kèm biên bản", evidence=(io.BytesIO(big), "bien-ban.pdf"))
    body = unescape(response.get_data(as_text=True))
    assert response.status_code == 422 and 'id="evidence-error"' in body and "larger than 0.0625 MB" in body
    assert "Kèm biên bản</textarea>" in body
    wrong = post_progress(client, act, evidence=(io.BytesIO(b"GIF89a\x01\x00"), "anh.pdf"))
    assert wrong.status_code == 422 and "not an accepted kind of file" in unescape(wrong.get_data(as_text=True))
    assert db.session.scalar(select(func.count(ActivityUpdate.id))) == 0


def test_a_30_mb_evidence_file_gets_413_with_the_message_beside_the_field(client, world):
    act = activity(world["plan"], "1.2.2")
    login(client, world["head"])
    big = PDF + b"0" * (30 * 1024 * 1024)
    response = post_progress(client, act, comment="Bản scan", evidence=(io.BytesIO(big), "scan.pdf"))
    body = unescape(response.get_data(as_text=True))
    assert response.status_code == 413
    assert 'id="evidence-error"' in body and "larger than the portal accepts (25 MB at most)" in body
    assert db.session.scalar(select(func.count(ActivityUpdate.id))) == 0
    hx = post_progress(client, act, headers=HX, evidence=(io.BytesIO(big), "scan.pdf"))
    assert hx.status_code == 422 and 'id="evidence-error"' in hx.get_data(as_text=True)


def test_access_by_role(client, world):
    act = activity(world["plan"], "1.2.2")
    stranger = make_user(Role.HANDLER)
    login(client, stranger)
    assert client.get(url(act)).status_code == 403
    assert post_progress(client, act).status_code == 403
    client.post("/auth/logout")
    other_head = make_user(Role.UNIT_HEAD)  # reads the plan, reports only for their unit
    login(client, other_head)
    page = client.get(url(act))
    assert page.status_code == 200 and "Save progress" not in page.get_data(as_text=True)
    assert post_progress(client, act).status_code == 403
    client.post("/auth/logout")
    desk = make_user(Role.DESK_OFFICER, unit=world["tu_phap"])
    login(client, desk)
    assert client.get(url(act)).status_code == 403 and client.get("/staff/plan/my").status_code == 403
    assert db.session.scalar(select(func.count(ActivityUpdate.id))) == 0


def test_evidence_download_is_refused_to_staff_who_may_not_see_the_plan(client, world):
    act = activity(world["plan"], "1.2.2")
    login(client, world["head"])
    post_progress(client, act, evidence=(io.BytesIO(PDF), "bien-ban.pdf"))
    entry_id = db.session.scalar(select(ActivityUpdate.id))
    client.post("/auth/logout")
    login(client, make_user(Role.HANDLER))
    assert client.get(f"/staff/plan/evidence/update/{entry_id}").status_code == 403
    client.post("/auth/logout")
    assert client.get(f"/staff/plan/evidence/update/{entry_id}").status_code == 302  # to the sign-in page


def test_the_result_page_reports_unbound_values_and_explains_bound_ones(client, world):
    login(client, world["head"])
    bound = text(client.get(f"/staff/plan/results/{result(world['plan'], '2.2').id}"))
    assert "Live figure" in bound and "Formula:" in bound and "Save the value" not in bound
    assert client.post(f"/staff/plan/results/{result(world['plan'], '2.2').id}",
                       data={"value": "100", "as_of": "2026-11-01"}).status_code == 403  # not Tư pháp's result
    client.post("/auth/logout")
    login(client, make_user(Role.MANAGER, unit=world["noi_vu"]))
    refused = client.post(f"/staff/plan/results/{result(world['plan'], '2.2').id}",
                          data={"value": "100", "as_of": "2026-11-01"})
    assert refused.status_code == 422 and "cannot be typed in" in text(refused)
    client.post("/auth/logout")
    login(client, world["head"])
    unbound = f"/staff/plan/results/{result(world['plan'], '1.2').id}"
    ok = client.post(unbound, data={"value": "85,5", "as_of": "2026-10-31", "comment": "Rà soát 10 tháng",
                                    "evidence": (io.BytesIO(PDF), "bao-cao.pdf")}, content_type="multipart/form-data")
    assert ok.status_code == 303
    page = text(client.get(unbound))
    assert "Rà soát 10 tháng" in page and "85.5 %" in page and "/staff/plan/evidence/report/" in page
    report = db.session.scalars(select(IndicatorReport)).one()
    assert client.get(f"/staff/plan/evidence/report/{report.id}").data == PDF
