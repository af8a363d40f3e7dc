"""Issue 13 point 1: Open311 shows only what is public. A request is read back, in the list and on its own,
in JSON and in XML, only when its answer is published and its submitter allowed publication, and then only
with what the published answers page shows: the question and answer as staff redacted them. Whatever the
status, the submitter's own title, text, place, name, phone, e-mail and ID number and the name of the
official they accuse never appear; an id that is not public is answered exactly like an unknown one."""
from __future__ import annotations

from datetime import timedelta
from xml.etree import ElementTree as ET

import pytest

from portal.core.db import db
from portal.feedback import submission
from portal.feedback.vocabulary import FeedbackStatus
from tests.open311.conftest import BASE

OFFICIAL = "Nguyễn Văn Tùng"  # the official the submitter accuses, by name
ID_NUMBER = "079123456789"  # the submitter's citizen ID (CCCD) number
NAME, PHONE, EMAIL = "Trần Thị Hoa", "0987654321", "hoa.tran@example.vn"
ADDRESS = "Số 12 đường Lê Duẩn, tổ 5, phường Nghĩa Trung"
TITLE = f"Cán bộ {OFFICIAL} gây phiền hà khi chứng thực"
CONTENT = (f"Tôi là {NAME}, CCCD số {ID_NUMBER}, điện thoại {PHONE}, thư điện tử {EMAIL}. Ông {OFFICIAL} "
           "bắt tôi đi lại ba lần mới nhận hồ sơ chứng thực bản sao.")
PLACE = "Trước cổng nhà bà Hoa, ngõ 7 Lê Duẩn"
OWN_WORDING = (TITLE, CONTENT, PLACE, NAME, PHONE, "0987 654 321", EMAIL, ADDRESS, ID_NUMBER, OFFICIAL, "đi lại ba lần",
               "ngõ 7")
QUESTION = "Thời gian tiếp nhận hồ sơ chứng thực bản sao tại bộ phận một cửa phường còn kéo dài."
ANSWER = "UBND phường đã nhắc nhở công chức và niêm yết lại quy trình chứng thực từ ngày 10/3/2027."
UNKNOWN = "PA-2001-000001"
PUBLIC = "/phan-anh-kien-nghi/tra-loi"


def _feedback(status: FeedbackStatus, *, allowed: bool, published: bool, now):
    """A feedback in `status` with the submitter's choice and, when `published`, a redacted question and
    answer published an hour ago (a read-side test: the row is set as any history could leave it)."""
    feedback = submission.submit_feedback(
        {"kind": "phan_anh", "category": "obstruction", "title": TITLE, "content": CONTENT, "place": PLACE,
         "latitude": 11.9962, "longitude": 107.6950, "submitter_kind": "individual", "submitter_name": NAME,
         "submitter_address": ADDRESS, "submitter_phone": PHONE, "submitter_email": EMAIL, "consent": True,
         "publish_allowed": allowed, "procedure_code": "", "case_code": ""}, now=now - timedelta(days=3))
    feedback.status = status
    if published:
        feedback.public_question, feedback.public_answer = QUESTION, ANSWER
        feedback.published_at = feedback.answered_at = now - timedelta(hours=1)
    db.session.commit()
    return feedback.tracking_code


def _same_as_unknown(client, code: str, fmt: str) -> None:
    mine, unknown = client.get(f"{BASE}/requests/{code}.{fmt}"), client.get(f"{BASE}/requests/{UNKNOWN}.{fmt}")
    assert mine.status_code == unknown.status_code == 404
    assert mine.data == unknown.data
    for header in ("Content-Type", "Cache-Control", "Access-Control-Allow-Origin"):
        assert mine.headers.get(header) == unknown.headers.get(header), header


@pytest.mark.parametrize("published", [True, False], ids=["published", "unpublished"])
@pytest.mark.parametrize("allowed", [True, False], ids=["allowed", "refused"])
@pytest.mark.parametrize("status", list(FeedbackStatus), ids=[s.value for s in FeedbackStatus])
def test_a_request_is_read_back_only_when_published_and_allowed_and_only_its_published_fields(
        client, fixed_clock, status, allowed, published):
    code = _feedback(status, allowed=allowed, published=published, now=fixed_clock)
    responses = {url: client.get(url) for url in (
        f"{BASE}/requests.json", f"{BASE}/requests.xml", f"{BASE}/requests.json?service_request_id={code}",
        f"{BASE}/requests.xml?service_request_id={code}", f"{BASE}/requests.json?status=open,closed",
        f"{BASE}/requests/{code}.json", f"{BASE}/requests/{code}.xml", f"{BASE}/requests/{code}.json?locale=en")}
    for url, response in responses.items():  # never the submitter's wording, whatever is shown
        text = response.get_data(as_text=True)
        for value in OWN_WORDING:
            assert value not in text, (url, value)
    page = client.get(PUBLIC).get_data(as_text=True)  # the published answers page: the same predicate
    if not (published and allowed):
        for url in (f"{BASE}/requests.json", f"{BASE}/requests.json?service_request_id={code}",
                    f"{BASE}/requests.json?status=open,closed"):
            assert responses[url].status_code == 200 and responses[url].get_json() == [], url
        for url in (f"{BASE}/requests.xml", f"{BASE}/requests.xml?service_request_id={code}"):
            assert len(ET.fromstring(responses[url].data)) == 0, url
        _same_as_unknown(client, code, "json")
        _same_as_unknown(client, code, "xml")
        assert code not in page and QUESTION not in page
        return
    listed = responses[f"{BASE}/requests.json"].get_json()
    assert [r["service_request_id"] for r in listed] == [code]
    detail = responses[f"{BASE}/requests/{code}.json"].get_json()
    assert detail == listed == responses[f"{BASE}/requests.json?service_request_id={code}"].get_json()
    shown = detail[0]
    assert shown["description"] == QUESTION
    assert shown["status_notes"].endswith(f": {ANSWER}")
    assert shown["address"] == "" and shown["lat"] is None and shown["long"] is None  # the place is theirs
    assert shown["media_url"] == "" and shown["extended_attributes"] == {"detailed_status": status.value}
    assert ANSWER in responses[f"{BASE}/requests/{code}.json?locale=en"].get_json()[0]["status_notes"]
    for url in (f"{BASE}/requests.xml", f"{BASE}/requests/{code}.xml"):
        root = ET.fromstring(responses[url].data)
        assert [r.findtext("service_request_id") for r in root] == [code]
        item = root.find("request")
        assert item.findtext("description") == QUESTION and item.findtext("status_notes").endswith(ANSWER)
        assert item.findtext("address") == "" and item.findtext("lat") == "" and item.findtext("long") == ""
    assert code in page and QUESTION in page
