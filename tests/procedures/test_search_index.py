"""The search index follows the catalogue: an amendment, an abolition, `flask search reindex`."""
from __future__ import annotations

import re
from datetime import UTC, date, datetime

from sqlalchemy import text

from portal.core.db import db
from portal.procedures import queries, services
from tests.conftest import is_postgres
from tests.factories import amend_procedure, make_procedure


def found(query: str, **filters) -> list[str]:
    return [p.code for p in queries.search(query, **filters).items]


def test_an_amended_name_is_found_and_the_old_one_is_not(app_ctx):
    procedure = make_procedure(name="Thủ tục đăng ký khai sinh")
    assert found("khai sinh") == [procedure.code]
    amend_procedure(procedure, name="Thủ tục đăng ký giám hộ")
    assert found("khai sinh") == []
    assert found("dang ki giam ho") == [procedure.code]


def test_an_abolished_procedure_leaves_the_search_unless_asked_for(app_ctx):
    procedure = make_procedure(name="Thủ tục đăng ký kết hôn")
    services.abolish(procedure, decision_number="9/QĐ-UBND", decision_date=date(2021, 1, 4),
                     now=datetime(2021, 1, 5, 2, tzinfo=UTC))
    db.session.commit()
    assert found("ket hon") == []
    assert found("ket hon", include_abolished=True) == [procedure.code]


def test_a_draft_is_not_found(app_ctx):
    make_procedure(code="1.000894.000.00.00.H17", name="Thủ tục đăng ký kết hôn", published=False)
    assert found("ket hon") == []


def test_reindex_rebuilds_the_index(app, app_ctx):
    procedure = make_procedure(name="Cấp giấy phép xây dựng đối với nhà ở riêng lẻ")
    if not is_postgres(app):
        db.session.execute(text("DELETE FROM procedure_fts"))
        db.session.commit()
        assert found("GPXD") == []
    result = app.test_cli_runner().invoke(args=["search", "reindex"])
    assert result.exit_code == 0, result.output
    assert "search index rebuilt: 1 procedures, 0 feedback" in result.output
    assert found("GPXD") == [procedure.code]


def test_filters_still_apply_to_a_search(app_ctx):
    procedure = make_procedure(name="Thủ tục đăng ký khai sinh")
    assert found("khai sinh", level="commune") == [procedure.code]
    assert found("khai sinh", level="town") == []


def test_the_home_page_search_box_leads_to_the_catalogue_search(client):
    procedure = make_procedure(name="Cấp giấy phép xây dựng đối với nhà ở riêng lẻ")
    home = client.get("/").get_data(as_text=True)
    form = re.search(r'<form method="get" action="([^"]+)" role="search">(.*?)</form>', home, re.S)
    assert form and form.group(1) == "/thu-tuc/"
    assert '<label for="home-q">Tìm thủ tục hành chính</label>' in form.group(2)
    assert re.search(r'<input id="home-q" name="q" type="search"', form.group(2))
    results = client.get(form.group(1), query_string={"q": "GPXD"}).get_data(as_text=True)
    assert f"/thu-tuc/{procedure.code}" in results
