"""The dashboard page through the client: who may see it, unit heads kept to their unit, the htmx
partial, the server-side chart with its table, and exports that hold exactly the ratings counted."""
from __future__ import annotations

import csv
import io
import re
from html import unescape

import openpyxl
import pytest

from portal.core import stats as kernel
from portal.core.access import Role
from portal.satisfaction import selection, stats
from portal.satisfaction.views import dashboard as dashboard_view
from tests.factories import login, make_user
from tests.printed import printed_percent
from tests.satisfaction.test_stats import YEAR, world  # noqa: F401

URL = "/staff/satisfaction/"


def text_of(response) -> str:
    return re.sub(r"\s+", " ", unescape(re.sub(r"<[^>]+>", " ", response.get_data(as_text=True))))


@pytest.fixture()
def manager(world, client):  # noqa: F811
    user = make_user(Role.MANAGER, unit=world["units"][0], full_name="Lê Thị Hồng Nhung")
    login(client, user)
    return user


def test_manager_sees_the_figures_of_the_year(world, client, manager):  # noqa: F811
    response = client.get(f"{URL}?year={YEAR}")
    assert response.status_code == 200
    page = text_of(response)
    report = stats.report(kernel.year_period(YEAR))
    share = printed_percent(report.total.rate.value)
    assert share in page
    assert "UBND xã Đắk Nia" in page and "Đăng ký kết hôn" in page and "Hoàng Văn Đức" in page
    html = response.get_data(as_text=True)
    assert "<svg" in html and "<script" not in html.split("</head>")[1]  # chart drawn on the server
    assert html.count('<th scope="row">') >= 12  # the trend's table holds the twelve months
    assert "css/dashboard" in html


def test_small_groups_show_the_flag_instead_of_a_share(world, client, manager):  # noqa: F811
    response = client.get(f"{URL}?year={YEAR}&unit={world['units'][2].id}")
    page = text_of(response)
    report = stats.report(kernel.year_period(YEAR), selection.Filters(unit_id=world["units"][2].id))
    assert report.total.rate.too_few
    assert "chưa đủ số phiếu" in page.lower() or "too few ratings" in page.lower()


def test_htmx_gets_the_partial(world, client, manager):  # noqa: F811
    response = client.get(f"{URL}?year={YEAR}&quarter=2", headers={"HX-Request": "true"})
    html = response.get_data(as_text=True)
    assert response.status_code == 200 and "HX-Request" in response.headers.get("Vary", "")
    assert "<html" not in html and "<form" not in html and "<svg" in html


@pytest.mark.parametrize("role", [Role.HANDLER, Role.DESK_OFFICER])
def test_other_staff_are_refused(world, client, role):  # noqa: F811
    login(client, make_user(role, unit=world["units"][0]))
    assert client.get(URL).status_code == 403
    assert client.get(f"{URL}ratings.csv").status_code == 403


def test_anonymous_is_sent_to_login(client, app_ctx):
    response = client.get(URL)
    assert response.status_code in (302, 401) and "/auth/login" in response.headers.get("Location", "/auth/login")


def test_unit_head_sees_only_their_unit(world, client):  # noqa: F811
    mine, other = world["units"][1], world["units"][0]
    login(client, make_user(Role.UNIT_HEAD, unit=mine, full_name="Nguyễn Thị Mai"))
    page = text_of(client.get(f"{URL}?year={YEAR}&unit={other.id}"))
    report = stats.report(kernel.year_period(YEAR), selection.Filters(unit_id=mine.id))
    assert "UBND phường Nghĩa Tân" in page and "UBND phường Nghĩa Đức" not in page.replace(
        "Hoàng Văn Đức", "")  # the other unit's name appears nowhere
    rows = list(csv.reader(io.StringIO(client.get(f"{URL}ratings.csv?year={YEAR}&unit={other.id}", buffered=True)
                                       .get_data(as_text=True).lstrip("\ufeff"))))
    assert len(rows) - 1 == report.total.n
    assert {r[1] for r in rows[1:]} == {"UBND phường Nghĩa Tân"}


def test_csv_export_holds_the_counted_ratings_anonymised(world, client, manager):  # noqa: F811
    response = client.get(f"{URL}ratings.csv?year={YEAR}&channel=tablet", buffered=True)  # a streamed body
    assert response.status_code == 200 and "attachment" in response.headers["Content-Disposition"]
    body = response.get_data(as_text=True)
    rows = list(csv.reader(io.StringIO(body.lstrip("\ufeff"))))
    report = stats.report(kernel.year_period(YEAR), selection.Filters(channel="tablet"))
    assert len(rows) - 1 == report.total.n
    assert sum(int(r[5]) for r in rows[1:]) == report.total.rate.numerator
    assert sum(int(r[-1]) for r in rows[1:]) == report.total.sums.officer_sum  # the file's 1+2+3+4+7
    assert "Nguyễn Văn Thành" not in body and world["cases"][0].code not in body  # no applicant, no case code


def test_xlsx_export_equals_the_figures_and_is_bounded(world, client, manager, monkeypatch):  # noqa: F811
    response = client.get(f"{URL}ratings.xlsx?year={YEAR}&quarter=3")
    sheet = openpyxl.load_workbook(io.BytesIO(response.data)).active
    rows = list(sheet.iter_rows(min_row=3, values_only=True))
    report = stats.report(kernel.quarter_period(YEAR, 3))
    assert len(rows) == report.total.n
    assert sum(r[5] for r in rows) == report.total.rate.numerator
    assert sum(r[-1] for r in rows) == report.total.sums.officer_sum
    assert sum(r[6] for r in rows) == report.total.sums.s1 and sum(r[11] for r in rows) == report.total.sums.s7
    monkeypatch.setattr(dashboard_view, "XLSX_MAX_ROWS", 10)
    refused = client.get(f"{URL}ratings.xlsx?year={YEAR}")
    assert refused.status_code == 302
    assert "CSV" in text_of(client.get(refused.headers["Location"]))
