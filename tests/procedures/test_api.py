"""The public JSON API (/api/v1/procedures): search, filters, pagination, detail, history and errors.
Every real response is validated against portal/openapi.json, which must itself be a valid document."""
import json
from datetime import UTC, date, datetime
from urllib.parse import quote

import pytest
from openapi_core import OpenAPI
from openapi_core.contrib.werkzeug import WerkzeugOpenAPIRequest, WerkzeugOpenAPIResponse
from openapi_core.exceptions import OpenAPIError
from openapi_core.validation.response.exceptions import InvalidData, MissingRequiredHeader
from openapi_spec_validator import validate as validate_spec
from werkzeug.wrappers import Response

from portal.core.db import db
from portal.procedures import rules, services
from portal.procedures.api import OPENAPI_PATH
from portal.procedures.models import FormFile
from portal.units.models import UnitLevel
from tests.factories import amend_procedure, make_field, make_procedure, make_unit

BIRTH = "1.001193.000.00.00.H17"
API = "/api/v1/procedures"
# Detail keys standing for the stored components that are not shown under their own name.
RENAMED = {"field_id": "field", "unit_id": "unit", "fee_amount": "fee", "fee_description": "fee"}
# Competence by level: every active ward and commune of the fixture, in Vietnamese order.
WARDS = [{"code": "NGHIADUC", "name": "UBND phường Nghĩa Đức"}, {"code": "NGHIATAN", "name": "UBND phường Nghĩa Tân"}]


@pytest.fixture(scope="module")
def openapi():
    return OpenAPI.from_dict(json.loads(OPENAPI_PATH.read_text(encoding="utf-8")))


def call(client, openapi, url, status=200, **kwargs):
    """GET `url`, check its status and that the response is exactly what the document says."""
    response = client.get(url, **kwargs)
    assert response.status_code == status, response.get_data(as_text=True)
    assert response.mimetype == "application/json"
    openapi.validate_response(WerkzeugOpenAPIRequest(response.request), WerkzeugOpenAPIResponse(response))
    return response


def items(response) -> list[str]:
    return [item["name"] for item in response.get_json()["items"]]


@pytest.fixture()
def catalogue(app_ctx):
    """Three commune procedures of the civil-status field (every ward handles them: two active wards, one
    inactive), one town procedure of a named office."""
    ward = make_unit(code="NGHIATAN", name="UBND phường Nghĩa Tân", level=UnitLevel.COMMUNE)
    make_unit(code="NGHIADUC", name="UBND phường Nghĩa Đức", level=UnitLevel.COMMUNE)
    closed = make_unit(code="CU", name="UBND xã Cũ", level=UnitLevel.COMMUNE)
    closed.is_active = False
    db.session.commit()
    town = make_unit(code="TUPHAP", name="Phòng Tư pháp")
    civil, proof = make_field(), make_field("CT", "Chứng thực")
    make_procedure("1.000656.000.00.00.H17", ward, civil, name="Thủ tục đăng ký lại khai sinh")
    birth = make_procedure(BIRTH, ward, civil)
    make_procedure("1.001022.000.00.00.H17", ward, civil, name="Thủ tục đăng ký khai tử", online_level="full")
    make_procedure("2.000815.000.00.00.H17", town, proof, name="Thủ tục chứng thực bản sao từ bản chính",
                   level="town", online_level="none", processing_days=2)
    return birth


# ---------------------------------------------------------------- the document

def test_the_document_is_valid_openapi_served_as_is_and_covers_every_api_route(client, app_ctx):
    document = json.loads(OPENAPI_PATH.read_text(encoding="utf-8"))
    validate_spec(document)  # raises on an invalid OpenAPI document
    served = client.get("/api/v1/openapi.json")
    assert served.status_code == 200 and served.mimetype == "application/json"
    assert served.get_json() == document
    routes = {rule.rule.replace("<", "{").replace(">", "}") for rule in app_ctx.url_map.iter_rules()
              if rule.rule.startswith(("/api/", "/open311/"))}
    assert routes and routes <= set(document["paths"]), routes - set(document["paths"])


@pytest.mark.parametrize("break_it", [
    lambda body: body["items"][0].pop("status"),
    lambda body: body["items"][0].update(processing_days="0"),
    lambda body: body["items"][0].update(changed_at="hôm qua"),
    lambda body: body["items"][0]["field"].pop("code"),
    lambda body: body["items"][0].update(level="province"),
    lambda body: body["items"][0].update(unexpected=True),
    lambda body: body.pop("pages"),
], ids=["missing", "mistyped", "bad-date-time", "nested-missing", "outside-enum", "undocumented", "page-field"])
def test_the_validation_is_not_vacuous(client, openapi, catalogue, break_it):
    real = call(client, openapi, API)
    body = real.get_json()
    break_it(body)
    broken = Response(json.dumps(body), status=200, mimetype="application/json",
                      headers={"Cache-Control": real.headers["Cache-Control"]})
    with pytest.raises(InvalidData):
        openapi.validate_response(WerkzeugOpenAPIRequest(real.request), WerkzeugOpenAPIResponse(broken))


def test_the_cache_header_is_part_of_the_contract(client, openapi, catalogue):
    real = call(client, openapi, f"{API}/{BIRTH}")
    uncached = Response(real.get_data(), status=200, mimetype="application/json")
    with pytest.raises(MissingRequiredHeader):
        openapi.validate_response(WerkzeugOpenAPIRequest(real.request), WerkzeugOpenAPIResponse(uncached))


# ---------------------------------------------------------------- list and search

def test_search_without_diacritics_puts_the_best_match_first(client, openapi, catalogue):
    response = call(client, openapi, f"{API}?q=dang+ky+khai+sinh")
    assert items(response) == ["Thủ tục đăng ký khai sinh", "Thủ tục đăng ký lại khai sinh"]
    assert response.headers["Cache-Control"] == "public, max-age=60"
    first = response.get_json()["items"][0]
    assert first == {
        "code": BIRTH, "name": "Thủ tục đăng ký khai sinh", "field": {"code": "HT", "name": "Hộ tịch"},
        "level": "commune", "unit": None, "competent_units": WARDS, "processing_days": 0,
        "online_level": "partial", "status": "active", "url": f"http://localhost/thu-tuc/{BIRTH}",
        "changed_at": "2019-03-04T02:00:00Z"}
    assert items(call(client, openapi, f"{API}?q=CHUNG+THUC")) == ["Thủ tục chứng thực bản sao từ bản chính"]
    assert call(client, openapi, f"{API}?q=khai+sinh+nuoc+ngoai").get_json()["total"] == 0


def test_list_without_query_is_alphabetical_and_anonymous(client, openapi, catalogue):
    response = call(client, openapi, API)
    assert items(response) == ["Thủ tục chứng thực bản sao từ bản chính", "Thủ tục đăng ký khai sinh",
                               "Thủ tục đăng ký khai tử", "Thủ tục đăng ký lại khai sinh"]
    assert "Set-Cookie" not in response.headers  # cacheable by any proxy: no session is opened


@pytest.mark.parametrize("query, expected", [
    ("field=CT", ["Thủ tục chứng thực bản sao từ bản chính"]),
    ("field=ht&q=khai+sinh", ["Thủ tục đăng ký khai sinh", "Thủ tục đăng ký lại khai sinh"]),
    ("level=town", ["Thủ tục chứng thực bản sao từ bản chính"]),
    ("level=commune&online=full", ["Thủ tục đăng ký khai tử"]),
    ("unit=NGHIATAN&online=none", []),
    ("unit=NGHIADUC", ["Thủ tục đăng ký khai sinh", "Thủ tục đăng ký khai tử", "Thủ tục đăng ký lại khai sinh"]),
    ("unit=CU", []),
    ("unit=TUPHAP", ["Thủ tục chứng thực bản sao từ bản chính"]),
    ("field=CT&level=commune", []),
])
def test_filters(client, openapi, catalogue, query, expected):
    assert items(call(client, openapi, f"{API}?{query}")) == expected


def test_pagination_bounds(client, openapi, catalogue):
    first = call(client, openapi, f"{API}?per_page=3").get_json()
    assert (len(first["items"]), first["page"], first["per_page"], first["total"], first["pages"]) == (3, 1, 3, 4, 2)
    second = call(client, openapi, f"{API}?per_page=3&page=2").get_json()
    assert [i["name"] for i in second["items"]] == ["Thủ tục đăng ký lại khai sinh"]
    past = call(client, openapi, f"{API}?per_page=3&page=9").get_json()
    assert (past["items"], past["page"], past["total"], past["pages"]) == ([], 9, 4, 2)
    assert call(client, openapi, f"{API}?per_page=100").get_json()["per_page"] == 100
    assert call(client, openapi, API).get_json()["per_page"] == 20
    empty = call(client, openapi, f"{API}?q=khong+co+thu+tuc+nay").get_json()
    assert (empty["items"], empty["total"], empty["pages"]) == ([], 0, 1)


@pytest.mark.parametrize("query, param, documented", [
    ("page=0", "page", True), ("page=-1", "page", True), ("page=abc", "page", True), ("page=1.5", "page", True),
    ("page=99999999999999999999", "page", True),
    ("per_page=0", "per_page", True), ("per_page=101", "per_page", True), ("per_page=x", "per_page", True),
    ("level=province", "level", True), ("online=yes", "online", True),
    ("include_abolished=maybe", "include_abolished", True), ("q=" + "a" * 201, "q", True),
    ("field=ZZ", "field", False), ("unit=NOPE", "unit", False),
])
def test_invalid_parameters_are_a_json_400(client, openapi, catalogue, query, param, documented):
    response = call(client, openapi, f"{API}?{query}", status=400)
    body = response.get_json()
    assert body["error"] and param in body["detail"]
    if documented:  # the document states the same constraint the server enforces
        with pytest.raises(OpenAPIError):
            openapi.validate_request(WerkzeugOpenAPIRequest(response.request))


def test_valid_parameters_are_valid_requests_for_the_document(client, openapi, catalogue):
    response = call(client, openapi, f"{API}?q=khai+sinh&field=HT&level=commune&unit=NGHIATAN&online=partial"
                                     "&include_abolished=true&page=1&per_page=100")
    openapi.validate_request(WerkzeugOpenAPIRequest(response.request))
    assert items(response) == ["Thủ tục đăng ký khai sinh", "Thủ tục đăng ký lại khai sinh"]


# ---------------------------------------------------------------- detail

def test_detail_has_every_published_component(client, openapi, catalogue):
    response = call(client, openapi, f"{API}/{BIRTH.lower()}")
    assert response.headers["Cache-Control"] == "public, max-age=60"
    body = response.get_json()
    assert {RENAMED.get(name, name) for name in rules.CONTENT_FIELDS} <= set(body)
    assert body["code"] == BIRTH and body["name"] == "Thủ tục đăng ký khai sinh"
    assert body["field"] == {"code": "HT", "name": "Hộ tịch"}
    assert body["unit"] is None and body["competent_units"] == WARDS
    assert (body["level"], body["online_level"], body["old_online_level"]) == ("commune", "partial", 3)
    assert body["channels"] == ["in_person", "online"]
    assert body["documents"] == [{"name": "Tờ khai đăng ký khai sinh theo mẫu", "kind": "original", "count": 1},
                                 {"name": "Giấy chứng sinh", "kind": "original", "count": 1}]
    assert body["forms"] == [{"name": "Tờ khai đăng ký khai sinh", "url": None}]
    assert body["fee"] == {"amount": None, "description": "Miễn lệ phí đăng ký khai sinh đúng hạn"}
    assert body["steps"].startswith("Bước 1: Người yêu cầu nộp hồ sơ") and "\nBước 2:" in body["steps"]
    assert (body["sets"], body["processing_days"], body["processing_note"]) == (1, 0, "Ngay trong ngày tiếp nhận hồ sơ")
    assert (body["applicants"], body["result"], body["conditions"]) == (
        "Cá nhân", "Giấy khai sinh (bản chính)", "Không")
    assert body["legal_basis"].startswith("Luật Hộ tịch năm 2014")
    assert (body["status"], body["version"], body["changed_at"]) == ("active", 1, "2019-03-04T02:00:00Z")
    assert body["url"] == f"http://localhost/thu-tuc/{BIRTH}"
    assert body["decision"] == {"number": "1425/QĐ-UBND", "date": "2019-03-01", "change_type": "new",
                                "changed_components": []}
    assert body["versions"] == [{"number": 1, "published_at": "2019-03-04T02:00:00Z", "decision_number": "1425/QĐ-UBND",
                                 "decision_date": "2019-03-01", "change_type": "new",
                                 "url": f"http://localhost/thu-tuc/{BIRTH}/phien-ban/1"}]


def test_attached_forms_have_a_download_address(client, openapi, catalogue):
    stored = FormFile(procedure_id=catalogue.id, original_name="to-khai-khai-sinh.pdf", sha256="0" * 64,
                      content_type="application/pdf", size=1024)
    db.session.add(stored)
    db.session.flush()
    amend_procedure(catalogue, fee_amount=8000,
                    forms=[{"name": "Tờ khai đăng ký khai sinh", "form_file_id": stored.id}, {"name": "Giấy ủy quyền"}])
    body = call(client, openapi, f"{API}/{BIRTH}").get_json()
    filename = quote("Tờ khai đăng ký khai sinh")
    assert body["forms"] == [{"name": "Tờ khai đăng ký khai sinh",
                              "url": f"http://localhost/thu-tuc/bieu-mau/{stored.id}/{filename}"},
                             {"name": "Giấy ủy quyền", "url": None}]
    assert body["fee"]["amount"] == 8000


def test_an_amendment_adds_a_version_and_changes_the_status(client, openapi, catalogue):
    amend_procedure(catalogue, processing_days=3, processing_note="03 ngày làm việc")
    body = call(client, openapi, f"{API}/{BIRTH}").get_json()
    assert (body["status"], body["version"], body["processing_days"]) == ("amended", 2, 3)
    assert body["decision"] == {"number": "2150/QĐ-UBND", "date": "2020-06-10", "change_type": "amended",
                                "changed_components": ["processing_days", "processing_note"]}
    assert [(v["number"], v["change_type"], v["decision_number"], v["published_at"]) for v in body["versions"]] == [
        (1, "new", "1425/QĐ-UBND", "2019-03-04T02:00:00Z"), (2, "amended", "2150/QĐ-UBND", "2020-06-12T02:00:00Z")]
    assert body["versions"][1]["url"] == f"http://localhost/thu-tuc/{BIRTH}/phien-ban/2"
    summary = call(client, openapi, f"{API}?q=dang+ky+khai+sinh").get_json()["items"][0]
    assert (summary["status"], summary["processing_days"]) == ("amended", 3)
    assert summary["changed_at"] == "2020-06-12T02:00:00Z"


def test_abolished_procedures_are_returned_as_abolished(client, openapi, catalogue):
    services.abolish(catalogue, decision_number="3001/QĐ-UBND", decision_date=date(2023, 1, 5),
                     now=datetime(2023, 1, 9, 1, 0, tzinfo=UTC))
    db.session.commit()
    body = call(client, openapi, f"{API}/{BIRTH}").get_json()
    assert (body["status"], body["version"], body["decision"]["change_type"]) == ("abolished", 2, "abolished")
    assert [v["change_type"] for v in body["versions"]] == ["new", "abolished"]
    assert "Thủ tục đăng ký khai sinh" not in items(call(client, openapi, f"{API}?q=khai+sinh"))
    listed = call(client, openapi, f"{API}?q=dang+ky+khai+sinh&include_abolished=true").get_json()["items"]
    assert (listed[0]["code"], listed[0]["status"]) == (BIRTH, "abolished")


@pytest.mark.parametrize("code", ["2.999999.000.00.00.H17", "DRAFT-1"])
def test_unknown_or_unpublished_code_is_a_json_404(client, openapi, catalogue, code):
    make_procedure("DRAFT-1", published=False, name="Thủ tục chưa công bố")
    response = call(client, openapi, f"{API}/{code}", status=404)
    assert code in response.get_json()["detail"]
    assert "Thủ tục chưa công bố" not in items(call(client, openapi, f"{API}?q=chua+cong+bo"))


# ---------------------------------------------------------------- rate limit

def test_the_api_is_rate_limited_per_address(limited_app, openapi):
    client = limited_app.test_client()
    assert [client.get(API).status_code for _ in range(2)] == [200, 200]
    refused = call(client, openapi, API, status=429)
    assert refused.get_json()["error"]
    assert call(client, openapi, API, environ_base={"REMOTE_ADDR": "203.113.1.9"}).status_code == 200


def test_competence_by_level_in_the_detail(client, openapi, catalogue):
    """A town-level procedure names its unit, the only competent one; a commune-level one names none and lists
    every active ward and commune (not the inactive one)."""
    town = call(client, openapi, f"{API}/2.000815.000.00.00.H17").get_json()
    assert town["unit"] == {"code": "TUPHAP", "name": "Phòng Tư pháp"}
    assert town["competent_units"] == [town["unit"]]
    summaries = {i["code"]: i for i in call(client, openapi, f"{API}?per_page=100").get_json()["items"]}
    assert summaries["2.000815.000.00.00.H17"]["competent_units"] == [town["unit"]]
    assert all(summaries[code]["competent_units"] == WARDS for code in summaries if code != "2.000815.000.00.00.H17")
