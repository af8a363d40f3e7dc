"""Issue 16 point 8: the Open311 contract says what the server enforces. jurisdiction_id (optional, another one
is 404), every error — routing 404 and 405 included — as the spec's error list in the URL's format, answers to a
POST never publicly cached, the request body's required fields in the OpenAPI document, and the public developer
page."""
from __future__ import annotations

from xml.etree import ElementTree as ET

import pytest
from openapi_core.contrib.werkzeug import WerkzeugOpenAPIRequest
from werkzeug.test import EnvironBuilder
from werkzeug.wrappers import Request

from portal.feedback.models import Feedback
from tests.open311.conftest import BASE, post_fields
from tests.open311.test_api import call, count

OURS = "dichvucong.gianghia.gov.vn"


@pytest.fixture()
def jurisdiction(app, monkeypatch):
    monkeypatch.setitem(app.config, "OPEN311_JURISDICTION_ID", OURS)
    return OURS


def xml_error(response) -> tuple[str, str]:
    assert response.mimetype == "text/xml", response.data
    root = ET.fromstring(response.data)
    assert root.tag == "errors"
    return root.findtext("error/code"), root.findtext("error/description")


# ---------------------------------------------------------------- jurisdiction_id

def test_jurisdiction_id_absent_or_ours_is_served_and_another_is_404(client, openapi, jurisdiction):
    assert call(client, openapi, f"{BASE}/services.json")
    assert call(client, openapi, f"{BASE}/services.json?jurisdiction_id={OURS.upper()}")
    body = call(client, openapi, f"{BASE}/services.json?jurisdiction_id=hanoi.gov.vn", status=404)
    assert body[0]["code"] == 404 and "jurisdiction_id" in body[0]["description"] and OURS in body[0]["description"]
    code, description = xml_error(client.get(f"{BASE}/requests.xml?jurisdiction_id=hanoi.gov.vn"))
    assert code == "404" and OURS in description


def test_a_post_for_another_jurisdiction_is_404_and_stores_nothing(client, openapi, api_key, jurisdiction):
    body = call(client, openapi, f"{BASE}/requests.json", status=404, method="post",
                data=post_fields(api_key.plain, jurisdiction_id="hanoi.gov.vn"))
    assert body[0]["code"] == 404 and count(Feedback) == 0
    call(client, openapi, f"{BASE}/requests.json", method="post", data=post_fields(api_key.plain, jurisdiction_id=OURS))
    assert count(Feedback) == 1


def test_the_default_jurisdiction_is_the_public_host(client, app, monkeypatch):
    monkeypatch.setitem(app.config, "PUBLIC_BASE_URL", "https://pakn.gianghia.gov.vn")
    assert client.get(f"{BASE}/services.json?jurisdiction_id=pakn.gianghia.gov.vn").status_code == 200
    assert client.get(f"{BASE}/services.json?jurisdiction_id=localhost").status_code == 404


# ---------------------------------------------------------------- every error in the requested format

@pytest.mark.parametrize("path", ["/khong-co.json", "/requests/PA-2611-000001/khac.json", "/services"])
def test_an_unknown_address_is_the_json_error_list(client, path):
    response = client.get(BASE + path)
    assert response.status_code == 404 and response.mimetype == "application/json"
    assert response.get_json()[0]["code"] == 404 and response.get_json()[0]["description"]
    assert response.headers["Cache-Control"] == "no-store"


def test_an_unknown_address_ending_in_xml_is_the_xml_error_list(client):
    response = client.get(f"{BASE}/khong-co.xml")
    assert response.status_code == 404 and xml_error(response)[0] == "404"


@pytest.mark.parametrize("method, path", [("put", "/requests.json"), ("delete", "/requests/PA-2611-000001.json"),
                                          ("post", "/services.json")])
def test_a_wrong_method_is_405_as_the_json_error_list_with_allow(client, method, path):
    response = getattr(client, method)(BASE + path)
    assert response.status_code == 405 and response.mimetype == "application/json"
    assert response.get_json() == [{"code": 405, "description": response.get_json()[0]["description"]}]
    assert "GET" in response.headers["Allow"] and "GET" in response.get_json()[0]["description"]


def test_a_wrong_method_on_xml_is_the_xml_error_list_in_english_on_request(client):
    response = client.post(f"{BASE}/services.xml?locale=en")
    assert response.status_code == 405 and xml_error(response)[0] == "405"
    assert "not allowed" in xml_error(response)[1]


def test_html_pages_keep_the_html_error_page(client):
    response = client.get("/khong-co-trang-nay")
    assert response.status_code == 404 and response.mimetype == "text/html"


# ---------------------------------------------------------------- caching

def test_a_post_answer_is_never_cached_and_reads_are(client, openapi, api_key):
    response = client.post(f"{BASE}/requests.json", data=post_fields(api_key.plain))
    assert response.status_code == 200 and response.headers["Cache-Control"] == "no-store"
    read = client.get(f"{BASE}/services.json")
    assert read.headers["Cache-Control"] == "public, max-age=60" and "Accept-Language" in read.headers["Vary"]
    assert client.post(f"{BASE}/requests.json", data=post_fields("sai")).headers["Cache-Control"] == "no-store"


# ---------------------------------------------------------------- the document's required fields

def _body_refused_by_the_document(openapi, data) -> bool:
    request = Request(EnvironBuilder(path=f"{BASE}/requests.json", method="POST", data=data).get_environ())
    try:
        openapi.validate_request(WerkzeugOpenAPIRequest(request))
    except Exception:  # noqa: BLE001 - any validation error means the document refuses the body
        return True
    return False


@pytest.mark.parametrize("change", [
    {"lat": None, "long": None, "address_string": None},
    {"long": None, "address_string": None},
    {"first_name": None, "last_name": None},
    {"phone": None, "email": None},
    {"attribute[submitter_address]": None},
    {"description": None},
    {"service_code": None},
    {"api_key": None},
])
def test_the_document_requires_what_the_server_requires(client, openapi, api_key, change):
    fields = post_fields(api_key.plain, **change)
    assert _body_refused_by_the_document(openapi, fields)
    assert client.post(f"{BASE}/requests.json", data=fields).status_code in (400, 403)


@pytest.mark.parametrize("change", [{}, {"lat": None, "long": None}, {"address_string": None}, {"first_name": None},
                                    {"phone": None}, {"email": None}])
def test_the_document_accepts_what_the_server_accepts(client, openapi, api_key, change):
    fields = post_fields(api_key.plain, **change)
    assert not _body_refused_by_the_document(openapi, fields)
    assert client.post(f"{BASE}/requests.json", data=fields).status_code == 200


# ---------------------------------------------------------------- the developer page

@pytest.mark.parametrize("lang, words", [("vi", "Cách nhận khóa API"), ("en", "How to get an API key")])
def test_the_developer_page_is_public_and_linked_from_the_footer(client, jurisdiction, lang, words):
    client.get(f"/language/{lang}")
    home = client.get("/").get_data(as_text=True)
    footer = home[home.index('<footer'):]
    assert 'href="/du-lieu-mo/open311"' in footer
    page = client.get("/du-lieu-mo/open311")
    html = page.get_data(as_text=True)
    assert page.status_code == 200 and words in html
    assert OURS in html and "/api/v1/openapi.json" in html and "/open311/v2/discovery.json" in html
    for limit in ("120 per minute", "60 per minute", "30 per minute"):
        assert limit in html
