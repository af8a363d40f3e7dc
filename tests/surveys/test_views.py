"""Views through the client: managers only, the public form (errors beside fields, answers kept,
conditions applied), used and forged links, locking, slips, and results that agree with the exports."""
from __future__ import annotations

import csv
import io
import re

import pytest
from docx import Document
from openpyxl import load_workbook
from sqlalchemy import func, select

from portal.core.access import Role
from portal.core.audit import AuditEvent
from portal.core.db import db
from portal.surveys import results
from portal.surveys.models import Answer, Campaign, Response, Token
from portal.surveys.rules import CampaignStatus
from tests.factories import login, make_user
from tests.surveys.helpers import codes, small_campaign


def form_for(campaign, **by_position):
    data = {}
    for q in campaign.questions:
        value = by_position.get(f"p{q.position}")
        if value is not None:
            data[f"q{q.id}"] = value
    return data


@pytest.mark.parametrize("role", [Role.HANDLER, Role.DESK_OFFICER, Role.UNIT_HEAD])
def test_staff_pages_are_for_managers_only(client, role):
    campaign, _, _ = small_campaign()
    login(client, make_user(role))
    for url in ("/staff/surveys/", f"/staff/surveys/{campaign.id}", f"/staff/surveys/{campaign.id}/results",
                f"/staff/surveys/{campaign.id}/export.csv"):
        assert client.get(url).status_code == 403
    assert client.post(f"/staff/surveys/{campaign.id}/batches", data={"label": "x", "count": 3}).status_code == 403
    assert db.session.scalar(select(func.count()).select_from(Token)) == 0


def test_anonymous_is_sent_to_login(client):
    assert client.get("/staff/surveys/").status_code == 302


def test_manager_creates_campaign_with_template_ticked_by_default(client):
    from tests.factories import make_procedure

    manager = make_user(Role.MANAGER)
    procedure = make_procedure()
    login(client, manager)
    page = client.get("/staff/surveys/new").get_data(as_text=True)
    box = re.search(r'<input[^>]*name="use_template"[^>]*>', page).group(0)
    assert re.search(r"\bchecked\b", box)
    bad = client.post("/staff/surveys/new", data={"title": "Khảo sát 2026", "period_start": "2026-05-01",
                                                  "period_end": "2026-04-01", "procedure_ids": [procedure.id],
                                                  "use_template": "y"})
    assert bad.status_code == 422 and "Khảo sát 2026" in bad.get_data(as_text=True)
    ok = client.post("/staff/surveys/new", data={"title": "Khảo sát 2026", "period_start": "2026-01-01",
                                                 "period_end": "2026-10-31", "procedure_ids": [procedure.id],
                                                 "use_template": "y"})
    assert ok.status_code == 303
    campaign = db.session.scalar(select(Campaign))
    assert len(campaign.questions) == 18  # service used, 5 factors × 3 aspects, the feedback gate, comment
    assert db.session.scalar(select(AuditEvent.action).where(AuditEvent.object_type == "survey_campaign")) == "survey.create"


def test_public_form_errors_beside_fields_with_answers_kept(client):
    campaign, manager, _ = small_campaign()
    code = codes(campaign, manager, 1)[0]
    page = client.get(f"/khao-sat/{code}").get_data(as_text=True)
    assert "Answer only if" in page or "Chỉ trả lời" in page  # the no-JS note on the conditional question
    comment = "Cán bộ hướng dẫn tận tình"
    response = client.post(f"/khao-sat/{code}", data=form_for(campaign, p2="Có", p4=comment))
    html = response.get_data(as_text=True)
    assert response.status_code == 422
    q1, q3 = campaign.questions[0], campaign.questions[2]
    assert f'id="q{q1.id}-error"' in html and f'id="q{q3.id}-error"' in html  # the shown conditional is required
    assert re.search(r'value="Có" checked', html) and comment in html
    assert db.session.scalar(select(Token.used_on)) is None


def test_submit_then_link_says_used_and_hidden_answers_are_dropped(client):
    campaign, manager, _ = small_campaign()
    code = codes(campaign, manager, 1)[0]
    response = client.post(f"/khao-sat/{code}", data=form_for(campaign, p1="4", p2="Không", p3="1"),
                           headers={"User-Agent": "Mozilla/5.0 (Linux; Android 14)"},
                           environ_base={"REMOTE_ADDR": "203.0.113.9"})
    assert response.status_code == 303
    stored = list(db.session.scalars(select(Answer)))
    assert sorted(a.value for a in stored) == ["4", "Không"]  # question 3 was hidden: its answer dropped
    row = db.session.execute(select(Response.__table__)).one()._mapping
    assert set(row.keys()) == {"id", "campaign_id", "submitted_on"}
    assert "203.0.113.9" not in str(dict(row)) and "Android" not in str(dict(row))
    again = client.get(f"/khao-sat/{code}")
    assert again.status_code == 410 and 'data-reason="used"' in again.get_data(as_text=True)
    assert client.post(f"/khao-sat/{code}", data=form_for(campaign, p1="5", p2="Không")).status_code == 410
    forged = client.get("/khao-sat/" + "A" * 22)
    unknown = client.get("/khao-sat/abc")
    assert forged.status_code == unknown.status_code == 410
    assert 'data-reason="invalid"' in forged.get_data(as_text=True) and 'data-reason="invalid"' in unknown.get_data(as_text=True)


def test_editing_locked_questions_is_refused_with_a_clear_message(client):
    client.set_cookie("lang", "en")  # messages are compared in English (the msgids)
    campaign, manager, _ = small_campaign()
    code = codes(campaign, manager, 1)[0]
    client.post(f"/khao-sat/{code}", data=form_for(campaign, p1="4", p2="Không"))
    login(client, manager)
    q = campaign.questions[0]
    response = client.post(f"/staff/surveys/{campaign.id}/questions/{q.id}",
                           data={"text": "Đổi câu hỏi", "kind": "text", "factor": "", "aspect": "",
                                 "condition_question": "", "condition_op": "equals", "condition_value": ""})
    assert response.status_code == 422 and "locked" in response.get_data(as_text=True)
    shown = client.get(f"/staff/surveys/{campaign.id}/questions/{q.id}", follow_redirects=True).get_data(as_text=True)
    assert "Duplicate as new campaign" in shown
    db.session.expire_all()
    assert db.session.get(type(q), q.id).text != "Đổi câu hỏi"


def test_printed_slips_show_qr_and_codes_that_work(client):
    campaign, manager, _ = small_campaign()
    login(client, manager)
    page = client.post(f"/staff/surveys/{campaign.id}/batches", data={"label": "Một cửa tháng 6", "count": 4})
    html = page.get_data(as_text=True)
    assert page.status_code == 200 and html.count("<svg") >= 4
    shown = re.findall(r'<p class="code">([A-Za-z0-9_-]+)</p>', html)
    assert len(shown) == 4
    client.post("/auth/logout")
    assert client.get(f"/khao-sat/{shown[0]}").status_code == 200
    assert db.session.scalar(select(AuditEvent.action).where(AuditEvent.action == "survey.print_batch"))


def test_a_refused_or_invalid_batch_is_flashed_on_the_campaign_page_and_issues_nothing(client):
    campaign, manager, _ = small_campaign()
    login(client, manager)
    client.set_cookie("lang", "en")
    url = f"/staff/surveys/{campaign.id}/batches"
    invalid = client.post(url, data={"label": "", "count": 3})
    assert invalid.status_code == 303 and invalid.location.endswith(f"/staff/surveys/{campaign.id}#distribution")
    assert "Enter a label, for example the desk and month." in client.get(invalid.location).get_data(as_text=True)
    campaign.status = CampaignStatus.CLOSED  # a valid form the service refuses
    db.session.commit()
    refused = client.post(url, data={"label": "Một cửa", "count": 3})
    assert refused.status_code == 303
    assert "This campaign is closed; open it again before handing out codes." in \
        client.get(refused.location).get_data(as_text=True)
    db.session.rollback()
    assert db.session.scalar(select(func.count()).select_from(Token)) == 0


def test_results_and_exports_agree(client):
    campaign, manager, _ = small_campaign()
    issued = codes(campaign, manager, 8)
    plan = [("5", "Có", "4", "Rất tốt"), ("4", "Không", None, ""), ("2", "Có", "2", "Phải chờ lâu"),
            ("3", "Không", None, ""), ("5", "Có", "5", "")]
    for code, (p1, p2, p3, p4) in zip(issued, plan, strict=False):
        data = form_for(campaign, p1=p1, p2=p2, p3=p3, p4=p4)
        assert client.post(f"/khao-sat/{code}", data=data).status_code == 303
    computed = results.compute(campaign)
    access = {f.factor: f for f in computed.factors}
    assert (access["access"].rate.numerator, access["access"].rate.denominator) == (3, 5)  # 5, 4, 5 of five
    assert (access["feedback_handling"].rate.numerator, access["feedback_handling"].rate.denominator) == (2, 3)  # only the "Có" three
    assert computed.overall == pytest.approx((3 / 5 + 2 / 3) / 2)
    assert computed.response_rate.value == pytest.approx(5 / 8)
    login(client, manager)
    page = client.get(f"/staff/surveys/{campaign.id}/results").get_data(as_text=True)
    assert "60,0 %" in page and "66,7 %" in page and "n = 5" in page and "n = 3" in page
    rows = list(csv.reader(io.StringIO(client.get(f"/staff/surveys/{campaign.id}/export.csv").get_data(as_text=True)
                                       .lstrip("\ufeff"))))
    book = load_workbook(io.BytesIO(client.get(f"/staff/surveys/{campaign.id}/export.xlsx").data)).active
    xrows = [[("" if c is None else str(c)) for c in r] for r in book.iter_rows(values_only=True)]
    assert rows == xrows and len(rows) == 6
    assert [r[2] for r in rows[1:]] == [p[0] for p in plan]
    assert [r[4] for r in rows[1:]] == [p[2] or "" for p in plan]  # hidden question empty, not answered
    text = "\n".join(p.text for p in Document(io.BytesIO(client.get(f"/staff/surveys/{campaign.id}/export.docx").data)).paragraphs)
    doc = Document(io.BytesIO(client.get(f"/staff/surveys/{campaign.id}/export.docx").data))
    factor_rows = [[c.text for c in row.cells] for row in doc.tables[0].rows]
    assert ["5", "3", "60,0 %"] == factor_rows[1][1:4] and ["3", "2", "66,7 %"] == factor_rows[5][1:4]
    assert "số phiếu thu về: 5" in text and "62,5 %" in text and "Phải chờ lâu" in text and "Rất tốt" in text
    assert "Gia Nghĩa" in text
