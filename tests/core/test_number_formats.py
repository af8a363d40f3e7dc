"""Numbers follow the page's language everywhere (issue 16 point 7): English 1,234.5, Vietnamese 1.234,5 —
the template filters every page uses, the satisfaction table's fast formatters and a page itself."""
from __future__ import annotations

from flask import render_template_string
from flask_babel import force_locale

from portal.satisfaction.views.dashboard import number_formatters

TEMPLATE = "{{ 1234.5|number }} | {{ 0.12345|percent }} | {{ 1234567|filesize }} | {{ 98.76|percent_points }}"


def test_template_filters_use_the_locale(app_ctx):
    with app_ctx.test_request_context():
        with force_locale("en"):
            assert render_template_string(TEMPLATE) == "1,234.5 | 12.3 % | 1.2 MB | 98.7 %"
            fast = number_formatters()
            assert (fast["num"](1234567), fast["dec"](1234.5)) == ("1,234,567", "1,234.5")
        with force_locale("vi"):
            assert render_template_string(TEMPLATE) == "1.234,5 | 12,3 % | 1,2 MB | 98,7 %"
            fast = number_formatters()
            assert (fast["num"](1234567), fast["dec"](1234.5)) == ("1.234.567", "1.234,5")


def test_a_page_shows_the_fee_in_the_visitors_number_format(client):
    from tests.factories import make_procedure

    procedure = make_procedure(fee_amount=1234500)
    vietnamese = client.get(f"/thu-tuc/{procedure.code}").get_data(as_text=True)
    assert "1.234.500" in vietnamese and "1,234,500" not in vietnamese
    client.get("/language/en")
    english = client.get(f"/thu-tuc/{procedure.code}").get_data(as_text=True)
    assert "1,234,500" in english and "1.234.500" not in english
