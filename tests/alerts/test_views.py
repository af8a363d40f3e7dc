"""The staff pages: "My warnings" (each officer's own, audited, errors beside their fields, both languages) and the
pre-filled Mẫu 04 that the head's warning links to, signed through the existing apology endpoint."""
from __future__ import annotations

import html
import re
from datetime import UTC, datetime

from sqlalchemy import select, text

from portal.alerts import apology as drafts
from portal.alerts.models import StaffWarningSettings
from portal.cases.models import Apology
from portal.cases.rules import ApologyKind
from portal.core.audit import AuditEvent
from portal.core.db import db
from portal.notify.models import OutboxMessage
from tests.factories import login, page_as

SETTINGS = "/staff/alerts/settings"


def test_my_warnings_in_both_languages_linked_from_the_staff_bar(client, world, fixed_clock):
    page = page_as(client, world["handler"], SETTINGS)
    assert "<h1>Cảnh báo của tôi</h1>" in page and "ysonnie@gianghia.gov.vn" in page
    assert f'href="{SETTINGS}"' in page  # the staff bar's link, on every staff page
    assert "NĐ 61/2018 Điều 19 k9" in page  # why the head's warning cannot be switched off
    assert 'name="handler_due"' in page and 'name="head_apology"' not in page
    english = page_as(client, world["handler"], SETTINGS, lang="en")
    assert "<h1>My warnings</h1>" in english and "Always sent" in english


def test_a_change_is_saved_audited_and_only_for_oneself(client, world, fixed_clock):
    login(client, world["handler"])
    response = client.post(SETTINGS, data={"language": "en", "handler_lead_days": "3"})  # handler_due unticked
    assert response.status_code == 302
    row = db.session.get(StaffWarningSettings, world["handler"].id)
    assert (row.language, row.handler_lead_days, row.handler_due, row.head_apology) == ("en", 3, False, True)
    event = db.session.scalars(select(AuditEvent).where(AuditEvent.action == "warning_settings.update")).one()
    assert event.actor_id == world["handler"].id and event.object_id == str(world["handler"].id)
    assert event.before == {} and event.after["handler_lead_days"] == 3 and event.after["handler_due"] is False
    assert db.session.get(StaffWarningSettings, world["head"].id) is None  # nobody else's row


def test_a_refused_value_is_shown_beside_its_field_with_what_was_typed(client, world, fixed_clock):
    login(client, world["handler"])
    response = client.post(SETTINGS, data={"language": "en", "handler_lead_days": "9", "handler_due": "y"})
    page = response.get_data(as_text=True)
    assert response.status_code == 422
    assert 'id="handler_lead_days-error"' in page and 'aria-invalid="true"' in page
    assert re.search(r'<input[^>]*checked[^>]*value="en"|<input[^>]*value="en"[^>]*checked', page)
    assert db.session.scalar(select(StaffWarningSettings)) is None


def test_the_settings_form_needs_its_csrf_token(csrf_app, world):
    client = csrf_app.test_client()
    csrf_app.config["WTF_CSRF_ENABLED"] = False
    login(client, world["handler"])
    csrf_app.config["WTF_CSRF_ENABLED"] = True
    assert client.post(SETTINGS, data={"language": "en", "handler_lead_days": "3"}).status_code == 400
    assert db.session.scalar(select(StaffWarningSettings)) is None


def _form_values(page: str) -> dict:
    reason = html.unescape(re.search(r'<textarea[^>]*name="apology-reason"[^>]*>(.*?)</textarea>', page, re.S)[1])
    return {"apology-version": re.search(r'name="apology-version"[^>]*value="(\d+)"', page)[1],
            "apology-reason": reason.strip(),
            "apology-new_due_on": re.search(r'name="apology-new_due_on"[^>]*value="([\d-]+)"', page)[1],
            "apology-new_due_time": re.search(r'name="apology-new_due_time"[^>]*value="([\d:]+)"', page)[1]}


def test_the_prefilled_apology_is_signed_through_the_case_endpoint_and_the_citizen_is_told(client, scene,
                                                                                         fixed_clock):
    a = scene["a"]
    page = page_as(client, scene["head"], f"/staff/cases/{a.id}?draft=apology")
    assert f'action="/staff/cases/{a.id}/apology"' in page
    values = _form_values(page)
    # Drafted from the history: the consultation open since Tue 2/3 — 6 working days to Wed 10/3 (3, 4, 5, 8, 9, 10)
    assert ("đang chờ ý kiến phối hợp của Phòng Tài nguyên và Môi trường (gửi ngày 02/03/2027, đã 6 ngày làm việc, "
            "hạn trả lời 05/03/2027)") in values["apology-reason"]
    # No forecast: 3 working days after the later of the due day (Fri 12/3) and the open leg's (Fri 5/3): Wed 17/3
    assert values["apology-new_due_on"] == "2027-03-17" and values["apology-new_due_time"] == "17:00"
    values["apology-reason"] += "; đã đôn đốc Phòng Tài nguyên và Môi trường"  # the head edits before signing
    response = client.post(f"/staff/cases/{a.id}/apology", data=values)
    assert response.status_code == 302 and response.headers["Location"].endswith(f"/staff/cases/{a.id}")
    apology = db.session.scalars(select(Apology).where(Apology.case_id == a.id)).one()
    assert apology.kind == ApologyKind.IN_TIME  # Wed 10/3, before the last day Thu 11/3 (NĐ 61/2018 Điều 19 k9)
    assert apology.reason.endswith("đã đôn đốc Phòng Tài nguyên và Môi trường")
    assert apology.new_due_at == datetime(2027, 3, 17, 10, 0, tzinfo=UTC)
    told = db.session.scalars(select(OutboxMessage).where(OutboxMessage.dedupe_key == f"case:{a.id}:apology_issued:email")).one()
    assert told.recipient == "hoa.tran@example.vn"
    again = page_as(client, scene["head"], f"/staff/cases/{a.id}?draft=apology")
    assert 'name="apology-reason"' not in again  # once per case


def test_only_the_head_of_the_handling_unit_gets_the_draft(client, scene, fixed_clock):
    """Mẫu 04 is signed by the head of the handling unit (cases.rules.may_apologise): another unit's head and the
    handler may see the case, never the drafted apology form."""
    url = f"/staff/cases/{scene['a'].id}?draft=apology"
    for user in (scene["desk_head"], scene["handler"]):  # another unit's head; the handler
        client.post("/auth/logout")
        login(client, user)
        response = client.get(url)
        assert response.status_code in (200, 403)
        assert 'name="apology-reason"' not in response.get_data(as_text=True)
    client.post("/auth/logout")
    assert client.get(url).status_code == 302  # to the sign-in page


def test_the_forecasts_date_is_proposed_when_there_is_one(client, scene, fixed_clock, monkeypatch):
    likely = datetime(2027, 3, 19, 9, 30, tzinfo=UTC)  # 16:30 local
    monkeypatch.setattr(drafts, "forecast_new_due", lambda case, now: likely)
    values = _form_values(page_as(client, scene["head"], f"/staff/cases/{scene['b'].id}?draft=apology"))
    assert (values["apology-new_due_on"], values["apology-new_due_time"]) == ("2027-03-19", "16:30")
    assert db.session.scalar(text("SELECT count(*) FROM case_apology")) == 0  # the page only proposes
