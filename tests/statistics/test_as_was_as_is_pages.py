"""The "as was" / "as is" toggle on the pages (issue 15 point 2): the select in each filter form, the
predecessors each unit includes, ceased units kept in the units list with their last day, exports and the
open-data API following the toggle; and the manager overview's default period (point 6) at the fixed clock."""
from __future__ import annotations

from datetime import date
from html import unescape
from io import BytesIO

import openpyxl
import pytest
import time_machine

from portal.core.access import Role
from portal.plan.overview import parse_overview_period
from tests.conftest import FIXED_NOW
from tests.factories import login, make_user
from tests.statistics import reorganised as r, world as w

INCLUDES = "UBND phường Nam Gia Nghĩa includes:"
UNTIL = "(until 30/06/2025)"


@pytest.fixture()
def units(app_ctx):
    with time_machine.travel(w.NOW, tick=False):
        built = r.build()
    return built


@pytest.fixture()
def manager(units, client):
    with time_machine.travel(w.NOW, tick=True):
        login(client, make_user(Role.MANAGER, email="lanh.dao@gianghia.example"))
        client.get("/language/en")
        yield client


def _html(client, url, **kw) -> str:
    response = client.get(url, **kw)
    assert response.status_code == 200, url
    return unescape(response.get_data(as_text=True))


@pytest.mark.parametrize("url", ["/staff/cases/statistics?year=2025", "/staff/feedback/statistics?year=2025",
                                 "/staff/satisfaction/?year=2025", "/staff/plan/overview?start=2025-01-01&end=2025-12-31"])
def test_each_page_has_the_toggle_and_lists_ceased_units_with_their_last_day(manager, url):
    html = _html(manager, url)
    assert 'name="units"' in html and "Units as they are now (predecessors included)" in html
    assert f">{r.NAMES['tan']} {UNTIL}</option>" in html  # a ceased unit can still be chosen (as it was)
    assert f">{r.NAMES['nam']}</option>" in html
    assert INCLUDES not in html
    manager.get("/language/vi")
    vi = _html(manager, url + "&units=as_is")
    assert 'value="as_is" selected>Đơn vị hiện nay (gồm cả các đơn vị tiền thân)</option>' in vi
    assert f">{r.NAMES['tan']} (đến 30/06/2025)</option>" in vi
    # the predecessors are named beside rows by unit; the overview has none until a unit is chosen
    assert ("UBND phường Nam Gia Nghĩa bao gồm:" in vi) is ("overview" not in url)
    manager.get("/language/en")


def test_case_page_and_xlsx_as_is(manager, units):
    html = _html(manager, "/staff/cases/statistics?year=2025&units=as_is")
    note = html.split(INCLUDES)[1].split("</li>")[0]
    assert f"{r.NAMES['phu']} {UNTIL}, {r.NAMES['tan']} {UNTIL}, {r.NAMES['rmoan']} {UNTIL}" in " ".join(note.split())
    assert f"<th scope=\"row\">{r.NAMES['tan']}" not in html and f"<th scope=\"row\">{r.NAMES['nam']}" in html
    sheet = openpyxl.load_workbook(BytesIO(manager.get("/staff/cases/statistics.xlsx?year=2025&units=as_is").data)).active
    rows = {row[1]: row[2] for row in sheet.iter_rows(min_row=4, values_only=True) if row[1]}
    assert rows[r.NAMES["nam"]] == 8 and r.NAMES["tan"] not in rows
    assert "predecessors included" in str(sheet.cell(3, 2).value)
    was = openpyxl.load_workbook(BytesIO(manager.get("/staff/cases/statistics.xlsx?year=2025").data)).active
    rows = {row[1]: row[2] for row in was.iter_rows(min_row=4, values_only=True) if row[1]}
    assert rows[r.NAMES["nam"]] == 3 and rows[r.NAMES["tan"]] == 1
    # the filter by the successor, as is, includes its predecessors
    html = _html(manager, f"/staff/cases/statistics?year=2025&unit={units['nam'].id}&units=as_is")
    assert 'class="total"' in html and 'data-key="received">8<' in html.split('class="total"')[1]


def test_feedback_and_satisfaction_pages_and_the_ratings_export_as_is(manager, units):
    html = _html(manager, "/staff/feedback/statistics?year=2025&units=as_is")
    assert INCLUDES in html
    sheet = openpyxl.load_workbook(BytesIO(manager.get("/staff/feedback/statistics.xlsx?year=2025&units=as_is").data)).active
    rows = {row[1]: row[2] for row in sheet.iter_rows(min_row=4, values_only=True) if row[1]}
    assert rows[r.NAMES["nam"]] == 4 and r.NAMES["phu"] not in rows
    assert INCLUDES in _html(manager, "/staff/satisfaction/?year=2025&units=as_is")
    csv_as_is = manager.get("/staff/satisfaction/ratings.csv?year=2025&units=as_is", buffered=True).get_data(as_text=True)
    csv_as_was = manager.get("/staff/satisfaction/ratings.csv?year=2025", buffered=True).get_data(as_text=True)
    assert csv_as_is.count(r.NAMES["nam"]) == 5 and r.NAMES["tan"] not in csv_as_is
    assert csv_as_was.count(r.NAMES["nam"]) == 2 and csv_as_was.count(r.NAMES["tan"]) == 1


def test_the_open_data_api_follows_units(client, units):
    with time_machine.travel(w.NOW, tick=False):
        was = client.get("/api/v1/statistics/cases?year=2025").get_json()
        now = client.get("/api/v1/statistics/cases?year=2025&units=as_is").get_json()
        one = client.get(f"/api/v1/statistics/cases?year=2025&unit={r.CODES['nam']}&units=as_is").get_json()
        bad = client.get("/api/v1/statistics/cases?year=2025&units=today")
        ratings = client.get("/api/v1/statistics/satisfaction?year=2025&units=as_is").get_json()
    assert (was["units_mode"], now["units_mode"]) == ("as_was", "as_is")
    assert {u["unit"]["code"]: u["received"] for u in was["units"]} == {r.CODES[k]: n for k, n in r.CASES_AS_WAS.items()}
    assert {u["unit"]["code"]: u["received"] for u in now["units"]} == {r.CODES["nam"]: 8, r.CODES["tp"]: 2}
    assert now["total"] == was["total"] and one["total"]["received"] == 8
    assert bad.status_code == 400 and "units" in bad.get_json()["detail"]
    assert {u["unit"]["code"]: u["ratings"] for u in ratings["units"]} == {r.CODES["nam"]: 5, r.CODES["tp"]: 1}


def test_the_overview_default_period_is_the_last_twelve_months_to_today(app_ctx, client, fixed_clock):
    today = date(2027, 3, 10)  # FIXED_NOW in Vietnam
    assert FIXED_NOW.date() == today
    assert parse_overview_period({}, today) == (date(2026, 3, 11), today)
    assert parse_overview_period({}, date(2028, 2, 29)) == (date(2027, 3, 1), date(2028, 2, 29))
    assert parse_overview_period({"start": "2025-01-01", "end": "2025-12-31"}, today) == (date(2025, 1, 1),
                                                                                           date(2025, 12, 31))
    login(client, make_user(Role.MANAGER))
    client.get("/language/en")
    html = _html(client, "/staff/plan/overview")
    assert "Default: the last twelve months, to today." in html
    assert 'name="start" type="date" value="2026-03-11"' in html and 'name="end" type="date" value="2027-03-10"' in html


def test_the_overview_of_the_successor_as_is_names_its_predecessors(manager, units):
    url = f"/staff/plan/overview?start=2025-01-01&end=2025-12-31&unit={units['nam'].id}"
    assert INCLUDES in _html(manager, url + "&units=as_is") and INCLUDES not in _html(manager, url)


def test_the_public_case_statistics_follow_units(client, units):
    with time_machine.travel(w.NOW, tick=True):
        client.get("/language/en")
        as_is = _html(client, "/ho-so/thong-ke?year=2025&units=as_is")
        as_was = _html(client, "/ho-so/thong-ke?year=2025")
    assert INCLUDES in as_is and f'<th scope="row">{r.NAMES["tan"]}' not in as_is
    assert INCLUDES not in as_was and f'<th scope="row">{r.NAMES["tan"]}' in as_was
