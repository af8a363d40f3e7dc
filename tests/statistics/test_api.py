"""Open data /api/v1/statistics/{cases,feedback,satisfaction}: every real response is validated against
portal/openapi.json, and every figure equals a count made with plain SQL (no portal code) and by hand
(tests/statistics/world.py)."""
from __future__ import annotations

import csv
import io
import json
from datetime import UTC, datetime

import pytest
import time_machine
from openapi_core import Config, OpenAPI
from openapi_core.contrib.werkzeug import WerkzeugOpenAPIRequest, WerkzeugOpenAPIResponse
from openapi_core.validation.response.exceptions import InvalidData
from werkzeug.wrappers import Response

from portal.procedures.api import OPENAPI_PATH
from tests.printed import printed_percent
from tests.statistics import world as w
from tests.statistics.plain_sql import sql_cases, sql_feedback, sql_satisfaction

API = "/api/v1/statistics"


@pytest.fixture(scope="module")
def openapi():
    # CSV bodies are text (UTF-8) validated as the document's string schema.
    config = Config(extra_media_type_deserializers={"text/csv": lambda body: body.decode("utf-8")})
    return OpenAPI.from_dict(json.loads(OPENAPI_PATH.read_text(encoding="utf-8")), config=config)


@pytest.fixture()
def world(app_ctx):
    with time_machine.travel(w.NOW, tick=False):
        built = w.build()
    return built


@pytest.fixture()
def at_now():
    with time_machine.travel(w.NOW, tick=False):
        yield


def call(client, openapi, url, status=200):
    response = client.get(url)
    assert response.status_code == status, response.get_data(as_text=True)
    openapi.validate_response(WerkzeugOpenAPIRequest(response.request), WerkzeugOpenAPIResponse(response))
    return response


def _rate(numerator: int, denominator: int) -> dict:
    return {"numerator": numerator, "denominator": denominator}


def _parts(rate: dict) -> dict:
    return {"numerator": rate["numerator"], "denominator": rate["denominator"]}


# ---------------------------------------------------------------- the figures

def test_cases_equal_plain_sql_and_hand_counts(client, openapi, world, at_now):
    body = call(client, openapi, f"{API}/cases?year={w.YEAR}").get_json()
    assert body["period"] == {"year": w.YEAR, "quarter": None, "start": "2025-01-01", "end": "2025-12-31",
                              "as_of": "2025-12-31T17:00:00Z"}
    by_unit = {row["unit"]["code"]: row for row in body["units"]}
    for code, hand in ((w.UNIT_A, w.CASES_A), (w.UNIT_B, w.CASES_B)):
        sql = sql_cases(code)
        row = by_unit[code]
        assert {k: row[k] for k in hand} == {k: sql[k] for k in hand} == hand, code
        assert _parts(row["on_time_rate"]) == _rate(sql["early"] + sql["on_time"], sql["finished"])
        assert _parts(row["on_time_rate_766"]) == _rate(sql["good_766"], sql["finished"] + sql["open_late_766"])
    a = by_unit[w.UNIT_A]
    assert (a["on_time_rate"]["numerator"], a["on_time_rate"]["denominator"]) == w.RATES_A["on_time_rate"]
    assert (a["on_time_rate_766"]["numerator"], a["on_time_rate_766"]["denominator"]) == w.RATES_A["on_time_rate_766"]
    assert a["on_time_rate_766"]["value"] == pytest.approx(4 / 11)
    assert a["on_time_rate_766"]["low"] < 4 / 11 < a["on_time_rate_766"]["high"]
    total = body["total"]
    assert total["received"] == 14 and total["late_without_apology"] == 3 and body["unit"] is None
    assert _parts(total["on_time_rate"]) == _rate(6, 10)


def test_feedback_equal_plain_sql_and_hand_counts(client, openapi, world, at_now):
    body = call(client, openapi, f"{API}/feedback?year={w.YEAR}&unit={w.UNIT_A}").get_json()
    assert body["unit"] == {"code": w.UNIT_A, "name": "Phòng Tư pháp"} and len(body["units"]) == 1
    sql, row = sql_feedback(w.UNIT_A), body["units"][0]
    assert {k: row[k] for k in w.FEEDBACK_A} == {k: sql[k] for k in w.FEEDBACK_A} == w.FEEDBACK_A
    scope = sql["handled"] + sql["open_overdue"]
    assert _parts(row["on_time_rate_766"]) == _rate(sql["on_time"], scope)
    assert _parts(row["satisfaction_766"]) == _rate(sql["handled"] - sql["late_or_not_satisfied"], scope)
    assert _parts(row["satisfaction_766"]) == _rate(*w.FEEDBACK_RATES_A["satisfaction_766"])
    assert body["total"] == {k: v for k, v in row.items() if k != "unit"}


def test_satisfaction_equal_plain_sql(client, openapi, world, at_now):
    body = call(client, openapi, f"{API}/satisfaction?year={w.YEAR}").get_json()
    by_unit = {row["unit"]["code"]: row for row in body["units"]}
    for code in (w.UNIT_A, w.UNIT_B):
        sql, row = sql_satisfaction(code), by_unit[code]
        assert (row["ratings"], row["satisfied"]) == (sql["ratings"], sql["satisfied"])
        assert _parts(row["rate"]) == _rate(sql["satisfied"], sql["ratings"])
        assert _parts(row["response_rate"]) == _rate(sql["ratings"], sql["returned"])
    assert (body["total"]["ratings"], body["total"]["satisfied"]) == (4, 3)
    assert _parts(body["total"]["response_rate"]) == _rate(4, 10)
    assert body["period"]["as_of"] is None


def test_a_quarter_and_a_year_still_running(client, openapi, world):
    with time_machine.travel(w.NOW, tick=False):
        q4 = call(client, openapi, f"{API}/cases?year={w.YEAR}&quarter=4&unit={w.UNIT_A}").get_json()
    assert (q4["period"]["start"], q4["period"]["end"], q4["period"]["quarter"]) == ("2025-10-01", "2025-12-31", 4)
    assert q4["total"]["received"] == 4 and q4["total"]["finished"] == 0 and q4["total"]["open_overdue"] == 2
    # While the year runs, open cases are counted at the moment of the answer (as_of = now).
    mid = datetime(w.YEAR, 12, 15, 3, 0, tzinfo=UTC)
    with time_machine.travel(mid, tick=False):
        running = call(client, openapi, f"{API}/cases?year={w.YEAR}&unit={w.UNIT_A}").get_json()
    assert running["period"]["as_of"] == "2025-12-15T03:00:00Z"
    assert running["total"]["open_overdue"] == 2 and running["total"]["open_in_time"] == 0  # the 22/23 Dec ones not yet


def test_csv_has_the_same_figures(client, openapi, world, at_now):
    as_json = call(client, openapi, f"{API}/cases?year={w.YEAR}").get_json()
    response = call(client, openapi, f"{API}/cases?year={w.YEAR}&format=csv")
    assert response.mimetype == "text/csv" and "attachment" in response.headers["Content-Disposition"]
    lines = list(csv.DictReader(io.StringIO(response.get_data(as_text=True))))
    assert [line["unit_code"] for line in lines] == [r["unit"]["code"] for r in as_json["units"]] + [""]
    total = lines[-1]
    assert int(total["received"]) == as_json["total"]["received"]
    for part in ("numerator", "denominator"):
        assert int(total[f"on_time_rate_766_{part}"]) == as_json["total"]["on_time_rate_766"][part]
    assert float(total["on_time_rate_766_value"]) == pytest.approx(as_json["total"]["on_time_rate_766"]["value"])
    fb = list(csv.DictReader(io.StringIO(call(client, openapi, f"{API}/feedback?year={w.YEAR}&format=csv")
                                         .get_data(as_text=True))))
    assert set(fb[0]) >= {"handled", "satisfaction_766_low", "satisfaction_766_high"}


def test_no_personal_data(client, openapi, world, at_now):
    for kind in ("cases", "feedback", "satisfaction"):
        for fmt in ("json", "csv"):
            page = call(client, openapi, f"{API}/{kind}?year={w.YEAR}&format={fmt}").get_data(as_text=True)
            for personal in ("Nguyễn Văn Thành", "Trần Thị Hoa", "0905123456", "PA-2501", "Tổ 2", w.UNIT_A + "-25"):
                assert personal not in page, (kind, fmt, personal)


def test_cases_channel_shares_equal_plain_sql(client, openapi, world, at_now):
    """QĐ 766 groups 3 and 4 in the open data (cases.indicators.online_share, digitisation_share), JSON and CSV."""
    from sqlalchemy import select

    from portal.cases.models import Case
    from portal.core.db import db
    from tests.statistics.plain_sql import sql_channel_shares

    pattern = [("online", None), ("online", None), ("desk", True), ("desk", False), ("post", True), ("desk", None)]
    for case, (channel, digitised) in zip(db.session.scalars(select(Case).order_by(Case.id)), pattern, strict=False):
        case.channel, case.digitised_at_intake = channel, digitised
    db.session.commit()
    counted = sql_channel_shares(w.YEAR)
    total = call(client, openapi, f"{API}/cases?year={w.YEAR}").get_json()["total"]
    assert _parts(total["online_share"]) == _rate(counted["online"], counted["channel_known"]) == _rate(2, 6)
    assert _parts(total["digitisation_share"]) == _rate(counted["digitised"], counted["paper_known"]) == _rate(2, 3)
    text = call(client, openapi, f"{API}/cases?year={w.YEAR}&format=csv").get_data(as_text=True)
    last = list(csv.DictReader(io.StringIO(text)))[-1]
    assert (last["online_share_numerator"], last["online_share_denominator"]) == ("2", "6")


# ---------------------------------------------------------------- parameters, contract, limits

@pytest.mark.parametrize("query, field", [("", "year"), ("year=1999", "year"), ("year=2027", "year"),
                                          ("year=abc", "year"), ("year=2025&quarter=5", "quarter"),
                                          ("year=2025&unit=NOPE", "unit"), ("year=2025&format=xml", "format"),
                                          ("year=2025&units=today", "units")])
def test_bad_parameters_are_a_json_400(client, openapi, world, at_now, query, field):
    body = call(client, openapi, f"{API}/cases?{query}", status=400).get_json()
    assert field in body["detail"]


@pytest.mark.parametrize("break_it", [
    lambda body: body["total"].pop("late_with_late_apology"),
    lambda body: body["total"]["on_time_rate"].pop("low"),
    lambda body: body["total"].update(received=-1),
    lambda body: body["units"][0].update(applicant="Nguyễn Văn Thành"),
], ids=["missing", "rate-missing-part", "negative", "undocumented"])
def test_the_validation_is_not_vacuous(client, openapi, world, at_now, break_it):
    real = call(client, openapi, f"{API}/cases?year={w.YEAR}")
    body = real.get_json()
    break_it(body)
    broken = Response(json.dumps(body), status=200, mimetype="application/json",
                      headers={"Cache-Control": real.headers["Cache-Control"]})
    with pytest.raises(InvalidData):
        openapi.validate_response(WerkzeugOpenAPIRequest(real.request), WerkzeugOpenAPIResponse(broken))


def test_the_statistics_are_rate_limited_per_address(limited_app, openapi, at_now):
    client = limited_app.test_client()
    url = f"{API}/satisfaction?year={w.YEAR}"
    assert [client.get(url).status_code for _ in range(2)] == [200, 200]
    refused = call(client, openapi, url, status=429)
    assert refused.get_json()["error"]
    assert client.get(url, environ_base={"REMOTE_ADDR": "203.113.1.9"}).status_code == 200


def test_the_pages_show_the_api_figures(client, openapi, world, at_now):
    """The public statistics page and the API count the same cases (one code path)."""
    body = call(client, openapi, f"{API}/cases?year={w.YEAR}").get_json()
    page = client.get(f"/ho-so/thong-ke?year={w.YEAR}").get_data(as_text=True)
    total_row = page.split('class="total"')[1].split("</tr>")[0]
    assert f'data-key="received">{body["total"]["received"]}<' in total_row
    assert printed_percent(body["total"]["on_time_rate_766"]["value"]) in total_row
