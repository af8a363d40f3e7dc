"""Acceptance: a real Open311 client from PyPI against the running portal on a real port.

`georeport` 0.3.1 runs on Python 3.11 with current `requests` but only reads (services, service
definition, requests, one request; JSON and XML). `three` 0.8.0, the other client, is Python 2 code
(`from itertools import ifilter` fails on import) and cannot run here. The request is therefore created
with `requests` — the HTTP library georeport itself uses — as a partner app would send it (form-encoded
POST), then read back through georeport."""
from __future__ import annotations

import pytest
import requests
from georeport import GeoReport

from portal import create_app
from portal.config import TestConfig
from portal.core.clock import utcnow
from portal.core.db import db
from portal.feedback.models import Feedback
from portal.open311 import services
from tests.conftest import serve
from tests.open311.conftest import PERSONAL, post_fields, publish


@pytest.fixture()
def running_portal(app_ctx):
    """The app served by werkzeug on a free local port, over the test database."""
    served = create_app(TestConfig, SQLALCHEMY_DATABASE_URI=app_ctx.config["SQLALCHEMY_DATABASE_URI"])
    with serve(served, "open311-server") as base_url:
        yield f"{base_url}/open311/v2"


@pytest.mark.parametrize("output_format", ["json", "xml"])
def test_a_real_client_lists_services_creates_and_reads_a_request(running_portal, app_ctx, output_format):
    _row, plain = services.issue_key("Ứng dụng Gia Nghĩa trực tuyến", now=utcnow())
    db.session.commit()
    client = GeoReport(running_portal, api_key=plain, output_format=output_format)

    listed = client.get_service_list()
    assert [s["service_code"] for s in listed][:2] == ["obstruction", "unsuitable"] and len(listed) == 8
    definition = client.get_service_definition("obstruction")
    attributes = definition["attributes"] if output_format == "json" else definition["attributes"]["attribute"]
    assert attributes[0]["code"] == "submitter_address"

    sent = requests.post(f"{running_portal}/requests.{output_format}", timeout=10,
                         data=post_fields(client.api_key, **{"attribute[publish_allowed]": "true"}))
    assert sent.status_code == 200
    code = sent.json()[0]["service_request_id"] if output_format == "json" else \
        sent.text.split("<service_request_id>")[1].split("<")[0]
    db.session.expire_all()
    feedback = db.session.query(Feedback).filter_by(tracking_code=code).one()
    assert feedback.consent_version == "open311"
    with pytest.raises(requests.HTTPError) as unpublished:  # only a published answer is read back
        client.get_service_request(code)
    assert unpublished.value.response.status_code == 404
    publish(feedback, question="Trả kết quả chứng thực bản sao chậm so với giấy hẹn.",
            answer="Bộ phận một cửa đã trả kết quả và xin lỗi người dân.")

    one = client.get_service_request(code)
    assert one["service_request_id"] == code and one["status"] == "closed"
    assert one["service_code"] == "obstruction" and one["description"] == "Trả kết quả chứng thực bản sao chậm so với giấy hẹn."
    found = client.get_service_requests(service_code="obstruction", status="closed")
    found = [found] if isinstance(found, dict) else found  # xmltodict: one <request> is not a list
    assert [r["service_request_id"] for r in found] == [code]
    with pytest.raises(requests.HTTPError) as refused:
        client.get_service_definition("pothole")
    assert refused.value.response.status_code == 404
    for value in PERSONAL:
        assert value not in str(one) and value not in str(found)
