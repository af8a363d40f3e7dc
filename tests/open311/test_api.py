"""The GeoReport v2 endpoints in JSON and XML: field names as the spec, errors in its format, submission
through the feedback service, and no personal data in what anyone can read. Every JSON response is
validated against portal/openapi.json."""
from __future__ import annotations

import re
from datetime import timedelta
from xml.etree import ElementTree as ET

import pytest
from openapi_core.contrib.werkzeug import WerkzeugOpenAPIRequest, WerkzeugOpenAPIResponse
from openapi_core.validation.response.exceptions import InvalidData
from sqlalchemy import func, select
from werkzeug.test import EnvironBuilder
from werkzeug.wrappers import Request, Response

from portal.core.audit import AuditEvent
from portal.core.clock import utcnow
from portal.core.db import db
from portal.feedback import submission as feedback_submission
from portal.feedback.models import Feedback
from portal.feedback.vocabulary import Category
from portal.notify.models import OutboxMessage
from tests.open311.conftest import ADDRESS, BASE, EMAIL, FULL_NAME, PERSONAL, PHONE, post_fields, publish

SERVICE_FIELDS = {"service_code", "service_name", "description", "metadata", "type", "keywords", "group"}
REQUEST_FIELDS = {"service_request_id", "status", "status_notes", "service_name", "service_code", "description",
                  "agency_responsible", "service_notice", "requested_datetime", "updated_datetime",
                  "expected_datetime", "address", "address_id", "zipcode", "lat", "long", "media_url",
                  "extended_attributes"}
TRACKING = re.compile(r"^PA-\d{4}-\d{6}$")


def call(client, openapi, url, status=200, method="get", **kwargs):
    """One request; JSON bodies must be exactly what the OpenAPI document says, XML must parse."""
    response = getattr(client, method)(url, **kwargs)
    assert response.status_code == status, response.get_data(as_text=True)
    if url.split("?")[0].endswith(".xml"):
        assert response.mimetype == "text/xml" and response.data.startswith(b'<?xml version="1.0" encoding="UTF-8"?>')
        return ET.fromstring(response.data)
    assert response.mimetype == "application/json"
    request = response.request
    if method == "post":  # the test client consumed the body: rebuild the request that was sent
        request = Request(EnvironBuilder(path=url, method="POST", data=kwargs.get("data")).get_environ())
    openapi.validate_response(WerkzeugOpenAPIRequest(request), WerkzeugOpenAPIResponse(response))
    return response.get_json()


def created(client, openapi, key, **changes):
    body = call(client, openapi, f"{BASE}/requests.json", method="post", data=post_fields(key, **changes))
    return body[0]["service_request_id"]


def published(client, openapi, key, question="Thời gian chứng thực bản sao tại phường Nghĩa Trung quá dài.",
              answer="UBND phường Nghĩa Trung đã bố trí thêm cán bộ chứng thực từ ngày 10/11.", **changes):
    """A request sent with the submitter's consent to publish, answered and published: GET shows only these."""
    code = created(client, openapi, key, **{"attribute[publish_allowed]": "true", **changes})
    publish(db.session.scalars(select(Feedback).where(Feedback.tracking_code == code)).one(), question=question,
            answer=answer)
    return code


def count(model=Feedback) -> int:
    return db.session.scalar(select(func.count()).select_from(model))


# ---------------------------------------------------------------- discovery and services

def test_discovery_in_json_and_xml(client, openapi):
    body = call(client, openapi, f"{BASE}/discovery.json")
    endpoint = body["endpoints"][0]
    assert endpoint["specification"] == "http://wiki.open311.org/GeoReport_v2" and endpoint["type"] == "production"
    assert endpoint["url"].endswith("/open311/v2") and set(endpoint["formats"]) == {"application/json", "text/xml"}
    assert "Gia Nghĩa" in body["contact"]
    root = call(client, openapi, f"{BASE}/discovery.xml")
    assert root.tag == "discovery" and root.findtext("changeset") == body["changeset"]
    assert [f.text for f in root.findall("endpoints/endpoint/formats/format")] == endpoint["formats"]


def test_one_service_per_category_in_vietnamese_by_default_english_on_request(client, openapi):
    services = call(client, openapi, f"{BASE}/services.json")
    assert [s["service_code"] for s in services] == [c.value for c in Category]
    assert all(set(s) == SERVICE_FIELDS and s["type"] == "realtime" and s["metadata"] is True for s in services)
    by_code = {s["service_code"]: s for s in services}
    assert not by_code["solution"]["service_name"].isascii()  # Vietnamese, with its diacritics
    english = {s["service_code"]: s for s in call(client, openapi, f"{BASE}/services.json?locale=en")}
    assert english["solution"]["service_name"] == "A proposed solution" != by_code["solution"]["service_name"]
    assert english["illegal"]["service_name"] == "A regulation is against the law"
    header = call(client, openapi, f"{BASE}/services.json", headers={"Accept-Language": "en-US,en;q=0.9"})
    assert header[0]["service_name"] == english["obstruction"]["service_name"] != by_code["obstruction"]["service_name"]
    root = call(client, openapi, f"{BASE}/services.xml")
    assert root.tag == "services" and len(root.findall("service")) == len(Category)
    first = root.find("service")
    assert {child.tag for child in first} == SERVICE_FIELDS and first.findtext("metadata") == "true"
    assert first.findtext("service_name") == by_code["obstruction"]["service_name"]


def test_service_definition_lists_the_attributes_and_an_unknown_service_is_404(client, openapi):
    body = call(client, openapi, f"{BASE}/services/initiative.json")
    assert body["service_code"] == "initiative"
    attributes = {a["code"]: a for a in body["attributes"]}
    assert attributes["submitter_address"]["required"] is True
    assert [v["key"] for v in attributes["kind"]["values"]] == ["phan_anh", "kien_nghi"]
    root = call(client, openapi, f"{BASE}/services/initiative.xml")
    assert root.tag == "service_definition"
    assert [a.findtext("code") for a in root.findall("attributes/attribute")] == list(attributes)
    assert root.find("attributes/attribute/required").text == "true"
    error = call(client, openapi, f"{BASE}/services/pothole.json", status=404)
    assert error[0]["code"] == 404 and error[0]["description"]
    root = call(client, openapi, f"{BASE}/services/pothole.xml", status=404)
    assert root.tag == "errors" and root.findtext("error/code") == "404" and root.findtext("error/description")


def test_an_unknown_format_is_404(client):
    response = client.get(f"{BASE}/services.yaml")
    assert response.status_code == 404 and response.get_json()[0]["code"] == 404


# ---------------------------------------------------------------- POST requests

def test_post_creates_the_feedback_through_the_portal_and_returns_no_secret(client, openapi, api_key):
    body = call(client, openapi, f"{BASE}/requests.json", method="post", data=post_fields(api_key.plain))
    code = body[0]["service_request_id"]
    assert TRACKING.match(code) and body[0]["service_notice"] and body[0]["account_id"] is None
    feedback = db.session.scalars(select(Feedback)).one()
    mail = db.session.scalars(select(OutboxMessage).where(OutboxMessage.recipient == EMAIL)).one()
    access = re.search(r": ([A-Z0-9]{8})\.", mail.body).group(1)  # the submitter gets it, as from the web form
    assert feedback_submission.public_lookup(code, access) is not None
    assert feedback.tracking_code == code and access not in str(body)
    assert (feedback.submitter_name, feedback.submitter_address) == (FULL_NAME, ADDRESS)
    assert (feedback.submitter_phone, feedback.submitter_email) == (PHONE, EMAIL)
    assert feedback.title == "Chậm trả kết quả chứng thực bản sao" and "quá hẹn" in feedback.content
    assert feedback.category == Category.OBSTRUCTION and feedback.kind == "phan_anh"
    assert (feedback.latitude, feedback.longitude) == (11.9962, 107.695) and "Nghĩa Trung" in feedback.place
    assert feedback.consent_version == "open311" and feedback.publish_allowed is False
    assert feedback.channel == "web" and feedback.submitter_kind == "individual"
    event = db.session.scalars(select(AuditEvent).where(AuditEvent.action == "open311.submit")).one()
    assert event.after["partner"] == api_key.name and event.after["api_key_id"] == api_key.id
    assert api_key.prefix in event.summary and code in event.summary
    db.session.refresh(api_key)
    assert api_key.last_used_at is not None


def test_post_in_xml_with_attributes_and_address_only(client, openapi, api_key):
    fields = post_fields(api_key.plain, service_code="solution", lat=None, long=None, **{
        "attribute[publish_allowed]": "true", "media_url": "https://anh.example.vn/so-do-1.jpg"})
    root = call(client, openapi, f"{BASE}/requests.xml", method="post", data=fields)
    assert root.tag == "service_requests" and TRACKING.match(root.findtext("request/service_request_id"))
    feedback = db.session.scalars(select(Feedback)).one()
    assert feedback.kind == "kien_nghi" and feedback.publish_allowed is True and feedback.latitude is None
    assert "https://anh.example.vn/so-do-1.jpg" in feedback.content


@pytest.mark.parametrize("change, field", [
    ({"lat": "mười một"}, "lat"),
    ({"long": None}, "lat"),
    ({"lat": "91"}, "lat"),
    ({"lat": None, "long": None, "address_string": None}, "address_string"),
    ({"description": "   "}, "description"),
    ({"service_code": "pothole"}, "service_code"),
    ({"attribute[submitter_address]": None}, "attribute[submitter_address]"),
    ({"first_name": None, "last_name": None}, "first_name"),
    ({"phone": None, "email": None}, "phone"),
    ({"email": "khong-phai-email"}, "email"),
    ({"attribute[publish_allowed]": "có"}, "attribute[publish_allowed]"),
    ({"media_url": "javascript:alert(1)"}, "media_url"),
])
def test_bad_input_is_400_with_a_message_and_nothing_stored(client, openapi, api_key, change, field):
    body = call(client, openapi, f"{BASE}/requests.json", status=400, method="post",
                data=post_fields(api_key.plain, **change))
    assert body[0]["code"] == 400 and field in body[0]["description"]
    assert count() == 0 and count(OutboxMessage) == 0


def test_messages_are_vietnamese_by_default_and_english_on_request(client, openapi, api_key):
    vi = call(client, openapi, f"{BASE}/requests.json", status=400, method="post",
              data=post_fields(api_key.plain, first_name=None, last_name=None))
    en = call(client, openapi, f"{BASE}/requests.json", status=400, method="post",
              data=post_fields(api_key.plain, first_name=None, last_name=None, locale="en"))
    assert "họ và tên" in vi[0]["description"].lower() and "anonymous" in en[0]["description"]
    root = call(client, openapi, f"{BASE}/requests.xml", status=400, method="post",
                data=post_fields(api_key.plain, description=""))
    assert root.tag == "errors" and root.findtext("error/code") == "400" and "description" in root.findtext(
        "error/description")


@pytest.mark.parametrize("key", [None, "", "khoa-sai-0123456789"])
def test_missing_or_wrong_api_key_is_403(client, openapi, api_key, key):
    body = call(client, openapi, f"{BASE}/requests.json", status=403, method="post", data=post_fields(key))
    assert body[0]["code"] == 403 and "api_key" in body[0]["description"]
    root = call(client, openapi, f"{BASE}/requests.xml", status=403, method="post", data=post_fields(key))
    assert root.findtext("error/code") == "403"
    assert count() == 0


def test_a_revoked_key_is_403(client, openapi, api_key):
    from portal.open311.services import revoke_key

    revoke_key(api_key, now=utcnow())
    db.session.commit()
    call(client, openapi, f"{BASE}/requests.json", status=403, method="post", data=post_fields(api_key.plain))
    assert count() == 0


def test_post_needs_no_csrf_token(csrf_app, api_key, openapi):
    client = csrf_app.test_client()
    assert client.post(f"{BASE}/requests.json", data=post_fields(api_key.plain)).status_code == 200


# ---------------------------------------------------------------- GET requests

def test_list_and_filters_in_json_and_xml(client, openapi, api_key):
    first = published(client, openapi, api_key.plain)
    second = published(client, openapi, api_key.plain, service_code="illegal")
    created(client, openapi, api_key.plain)  # not published: never listed (test_public_only.py)
    listed = call(client, openapi, f"{BASE}/requests.json")
    assert [r["service_request_id"] for r in listed] == [second, first]
    assert all(set(r) == REQUEST_FIELDS for r in listed)
    assert listed[0]["status"] == "closed" and listed[0]["extended_attributes"] == {"detailed_status": "published"}
    assert listed[0]["agency_responsible"] and listed[0]["expected_datetime"] > listed[0]["requested_datetime"]
    only = call(client, openapi, f"{BASE}/requests.json?service_code=illegal")
    assert [r["service_request_id"] for r in only] == [second]
    assert call(client, openapi, f"{BASE}/requests.json?status=open") == []
    assert len(call(client, openapi, f"{BASE}/requests.json?status=closed")) == 2
    assert len(call(client, openapi, f"{BASE}/requests.json?status=open,closed")) == 2
    ids = call(client, openapi, f"{BASE}/requests.json?service_request_id={first},{second}&status=open")
    assert {r["service_request_id"] for r in ids} == {first, second}  # ids override the other filters
    old = (utcnow() - timedelta(days=120)).strftime("%Y-%m-%dT%H:%M:%SZ")
    older = (utcnow() - timedelta(days=100)).strftime("%Y-%m-%dT%H:%M:%SZ")
    assert call(client, openapi, f"{BASE}/requests.json?start_date={old}&end_date={older}") == []
    root = call(client, openapi, f"{BASE}/requests.xml?service_code=obstruction")
    assert root.tag == "service_requests" and [r.findtext("service_request_id") for r in root] == [first]
    assert {child.tag for child in root.find("request")} == REQUEST_FIELDS


@pytest.mark.parametrize("query, word", [
    ("start_date=hôm-qua", "start_date"),
    ("end_date=2026-11-02T09:00:00", "end_date"),  # no zone
    ("start_date=2026-01-01T00:00:00Z&end_date=2026-06-01T00:00:00Z", "90"),
    ("status=pending", "status"),
    ("service_code=pothole", "service_code"),
])
def test_bad_filters_are_400(client, openapi, query, word):
    body = call(client, openapi, f"{BASE}/requests.json?{query}", status=400)
    assert word in body[0]["description"]


def test_one_request_is_a_list_of_one_and_an_unknown_one_is_404(client, openapi, api_key):
    code = published(client, openapi, api_key.plain)
    body = call(client, openapi, f"{BASE}/requests/{code}.json")
    assert len(body) == 1 and body[0]["service_request_id"] == code
    root = call(client, openapi, f"{BASE}/requests/{code}.xml")
    assert root.tag == "service_requests" and root.findtext("request/service_request_id") == code
    assert call(client, openapi, f"{BASE}/requests/PA-2001-000001.json", status=404)[0]["code"] == 404
    assert call(client, openapi, f"{BASE}/requests/PA-2001-000001.xml", status=404).tag == "errors"


def test_no_personal_data_is_ever_read_back(client, openapi, api_key):
    """A title naming the submitter and their phone, and a published one: neither leaks the submitter."""
    leaky = created(client, openapi, api_key.plain, description=f"{FULL_NAME} ({PHONE}, {EMAIL}) phản ánh chậm trễ\n"
                                                                 f"Nhà tôi ở {ADDRESS}.")
    public = published(client, openapi, api_key.plain, service_code="unsuitable", address_string=f"Gần {ADDRESS}")
    texts = []
    for url, status in ((f"{BASE}/requests.json", 200), (f"{BASE}/requests/{leaky}.json", 404),
                        (f"{BASE}/requests/{public}.json", 200), (f"{BASE}/requests.xml", 200),
                        (f"{BASE}/requests/{leaky}.xml", 404)):
        response = client.get(url)
        assert response.status_code == status
        texts.append(response.get_data(as_text=True))
    for text in texts:
        for value in PERSONAL:
            assert value not in text
    by_id = {r["service_request_id"]: r for r in call(client, openapi, f"{BASE}/requests.json")}
    assert set(by_id) == {public}  # the leaky one is not published
    shown = by_id[public]
    assert shown["description"] == "Thời gian chứng thực bản sao tại phường Nghĩa Trung quá dài."
    assert shown["status"] == "closed" and shown["extended_attributes"]["detailed_status"] == "published"
    assert "bố trí thêm cán bộ" in shown["status_notes"] and shown["agency_responsible"] == "UBND phường Nghĩa Trung"
    assert shown["lat"] is None and shown["long"] is None and shown["address"] == ""  # the submitter's own place


@pytest.mark.parametrize("break_it", [
    lambda body: body[0].pop("status"),
    lambda body: body[0].update(status="pending"),
    lambda body: body[0].update(requested_datetime="hôm qua"),
    lambda body: body[0].update(submitter_name="Trần Thị Hoa"),
])
def test_the_document_catches_a_response_that_breaks_it(client, openapi, api_key, break_it):
    published(client, openapi, api_key.plain)
    response = client.get(f"{BASE}/requests.json")
    body = response.get_json()
    break_it(body)
    import json

    broken = Response(json.dumps(body), status=200, mimetype="application/json")
    with pytest.raises(InvalidData):
        openapi.validate_response(WerkzeugOpenAPIRequest(response.request), WerkzeugOpenAPIResponse(broken))
