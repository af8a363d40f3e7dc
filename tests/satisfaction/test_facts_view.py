"""The page where an administrator records the TT 01/2018 facts the portal cannot know (indicators 5, 6, 8,
9) per unit and period, audited; and the dashboard saying which facts were recorded by hand and which are
missing (then not scored, Điều 15 k4 b)."""
from __future__ import annotations

import re
from html import unescape

from sqlalchemy import select

from portal.core.access import Role
from portal.core.audit import AuditEvent
from portal.core.db import db
from portal.satisfaction.models import AgencyFact
from tests.factories import login, make_user
from tests.satisfaction.test_stats import YEAR, world  # noqa: F401

URL = "/staff/rating/tt01-facts"


def text_of(response) -> str:
    return re.sub(r"\s+", " ", unescape(re.sub(r"<[^>]+>", " ", response.get_data(as_text=True))))


def test_only_an_administrator_records_facts(world, client):  # noqa: F811
    login(client, make_user(Role.MANAGER, unit=world["units"][0]))
    assert client.get(URL).status_code == 403


def test_recording_facts_is_audited_and_shown_on_the_dashboard(world, client):  # noqa: F811
    unit = world["units"][0]
    admin = make_user(Role.ADMIN, Role.MANAGER, unit=unit, full_name="Phạm Quản Trị")
    login(client, admin)
    page = client.get(f"{URL}?year={YEAR}&quarter=0&unit={unit.id}")
    assert page.status_code == 200 and unit.name in text_of(page)
    bad = client.post(f"{URL}?year={YEAR}&quarter=0&unit={unit.id}",
                      data={"online_files_pct": "abc", "posted": "yes"})
    assert bad.status_code == 422 and db.session.scalar(select(AgencyFact.id)) is None
    saved = client.post(f"{URL}?year={YEAR}&quarter=0&unit={unit.id}",
                        data={"posted": "yes", "protracted_feedback": "no", "online_files_pct": "12",
                              "online_late": "no", "desk_decided_pct": "", "desk_all_received": "", "version": "",
                              "note": "Kiểm tra thực tế"})
    assert saved.status_code == 303
    fact = db.session.scalar(select(AgencyFact))
    assert (fact.unit_id, fact.year, fact.quarter, fact.posted, fact.desk_decided_pct) == (unit.id, YEAR, 0, True,
                                                                                           None)
    event = db.session.scalar(select(AuditEvent).where(AuditEvent.action == "tt01_fact.record"))
    assert event.actor_id == admin.id
    listing = text_of(client.get(f"{URL}?year={YEAR}"))
    assert "12.0 %" in listing or "12,0 %" in listing

    dashboard = text_of(client.get(f"/staff/satisfaction/?year={YEAR}&unit={unit.id}"))  # Vietnamese by default
    assert f"Số liệu nhập cho {YEAR}:" in dashboard
    assert "Thủ tục được niêm yết tại Bộ phận Một cửa chính xác, đầy đủ, kịp thời (chỉ số 6)" in dashboard
    # indicator 5 was not recorded: named as missing, not scored (Điều 15 k4 b); 12% online is scored (0).
    assert "Chưa nhập nên không chấm: Tỷ lệ thủ tục trong danh mục được Bộ phận Một cửa tiếp nhận" in dashboard
    client.set_cookie("lang", "en")
    english = text_of(client.get(f"/staff/satisfaction/?year={YEAR}&unit={unit.id}"))
    assert f"Record of {YEAR}:" in english and "Not recorded, so not scored:" in english
    assert "TT 01/2018 facts recorded by hand" in text_of(client.get(URL))
