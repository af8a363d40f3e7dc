"""Issue 15 point 1: the organisation profile of the document's date in the e-mail footer, the Open311 contact,
the plan report (issuer, place, recipients) and the public pages' header and footer; without a recorded profile
they print the configured organisation as before."""
from __future__ import annotations

from html import unescape
from io import BytesIO

import pytest
from docx import Document

from portal.core.access import Role
from portal.core.db import db
from portal.demo.organisation import record_2025_profile
from portal.notify import messages
from portal.plan import report_text
from portal.units.profiles import Profile
from tests.cases.test_printing import world  # noqa: F401
from tests.factories import login, make_user
from tests.plan.test_metrics import build_world
from tests.units.test_organisation import new_case

pytestmark = pytest.mark.usefixtures("fixed_clock")  # today: 10/03/2027
WARD = "Ủy ban nhân dân phường Nam Gia Nghĩa"


def _record():
    record_2025_profile()
    db.session.commit()


def test_the_email_is_signed_by_the_committee_in_office_today(world, app_ctx):  # noqa: F811
    case = new_case(world, received=(2019, 3, 4, 9, 0))
    body = messages.build("result_ready", case, at=case.received_at).email_body
    assert body.rstrip().endswith(app_ctx.config["COMMITTEE_NAME"])
    _record()
    body = messages.build("result_ready", case, at=case.received_at).email_body
    assert body.rstrip().endswith(WARD)


def test_the_open311_contact_is_todays_committee(app_ctx, client):
    assert app_ctx.config["COMMITTEE_NAME"] in client.get("/open311/v2/discovery.json").get_json()["contact"]
    _record()
    contact = client.get("/open311/v2/discovery.json").get_json()["contact"]
    assert WARD in contact and "tỉnh Lâm Đồng" in contact


def test_the_public_pages_name_todays_committee(app_ctx, client):
    assert app_ctx.config["COMMITTEE_NAME"] in client.get("/").get_data(as_text=True)
    _record()
    html = unescape(client.get("/").get_data(as_text=True))
    assert WARD in html and "02 Võ Văn Tần, phường Nam Gia Nghĩa, tỉnh Lâm Đồng" in html
    assert "Ủy ban nhân dân thị xã Gia Nghĩa" not in html


def test_the_plan_report_is_issued_by_the_committee_of_its_date(app_ctx, client):
    board = build_world()
    login(client, make_user(Role.MANAGER, unit=board["a"]))
    url = f"/staff/plan/{board['plan'].id}/report?quarter=2"
    html = unescape(client.get(url).get_data(as_text=True))
    assert "THỊ XÃ GIA NGHĨA" in html and "Gia Nghĩa, ngày 10 tháng 03 năm 2027" in html  # the configured town
    _record()
    html = unescape(client.get(url).get_data(as_text=True))
    assert "PHƯỜNG NAM GIA NGHĨA" in html and "Nam Gia Nghĩa, ngày 10 tháng 03 năm 2027" in html
    assert "THỊ XÃ GIA NGHĨA" not in html
    document = Document(BytesIO(client.get(url + "&format=docx").data))
    cells = "\n".join(c.text for t in document.tables for row in t.rows for c in row.cells)
    assert "PHƯỜNG NAM GIA NGHĨA" in cells and "Nam Gia Nghĩa, ngày 10 tháng 03 năm 2027" in cells
    assert "UBND tỉnh Lâm Đồng (Sở Nội vụ)" in cells and "Đắk Nông" not in cells


def test_the_report_issuer_splits_the_committees_name():
    assert report_text.issuer_of(Profile("Ủy ban nhân dân thị xã Gia Nghĩa")) == ("ỦY BAN NHÂN DÂN", "THỊ XÃ GIA NGHĨA")
    assert report_text.issuer_of(Profile("Trung tâm X", superior_name="UBND tỉnh Y")) == ("UBND TỈNH Y", "TRUNG TÂM X")


def test_a_survey_names_the_committee_of_its_period_and_its_docx_todays(app_ctx, client):
    from tests.surveys.helpers import make_campaign

    _record()
    campaign, manager, _procedure = make_campaign()  # period 2026: the ward of Lâm Đồng
    texts = [q.text for q in campaign.questions]
    assert any("UBND phường Nam Gia Nghĩa" in t for t in texts)
    assert not any("thị xã Gia Nghĩa" in t for t in texts)
    login(client, manager)
    document = Document(BytesIO(client.get(f"/staff/surveys/{campaign.id}/export.docx").data))
    text = "\n".join(p.text for p in document.paragraphs)
    assert WARD.upper() in text and "Nam Gia Nghĩa, ngày 10 tháng 03 năm 2027" in text
