"""Where the intake page puts the keyboard (issue 16 point 6), without JavaScript: one element has
`autofocus`, the one the desk officer needs next."""
from __future__ import annotations

import lxml.html
import pytest

from tests.cases.test_desk_views import DOCS, intake_data, office, sign_in  # noqa: F401 (office: a fixture)

pytestmark = pytest.mark.usefixtures("fixed_clock")


def focused(response) -> list[str]:
    """The name (a field) or value (a button) of every element with autofocus."""
    page = lxml.html.fromstring(response.get_data(as_text=True))
    return [e.get("value") if e.tag == "button" else e.get("name") for e in page.xpath("//*[@autofocus]")]


def test_the_search_box_then_tick_all_then_the_applicants_name(client, office):  # noqa: F811
    sign_in(client, office.desk)
    assert focused(client.get("/staff/cases/new")) == ["q"]
    assert focused(client.get(f"/staff/cases/new?procedure={office.procedure.code}")) == ["tick_all"]
    ticked = client.post("/staff/cases/new", data=intake_data(office.procedure, documents=[], action="tick_all"))
    assert focused(ticked) == ["applicant_name"]


def test_enter_in_a_text_box_shows_the_form_as_typed_with_accept_focused(client, office):  # noqa: F811
    sign_in(client, office.desk)
    kept = client.post("/staff/cases/new", data=intake_data(office.procedure, action="keep"))
    assert kept.status_code == 200 and "Nguyễn Văn Bình" in kept.get_data(as_text=True)
    assert focused(kept) == ["accept"]


@pytest.mark.parametrize(("changes", "field"), [
    ({"applicant_name": ""}, "applicant_name"),
    ({"applicant_phone": "12"}, "applicant_phone"),
    ({"documents": DOCS[:1]}, "tick_all"),  # a document missing: back to the checklist
])
def test_a_refused_form_focuses_the_first_field_refused(client, office, changes, field):  # noqa: F811
    sign_in(client, office.desk)
    refused = client.post("/staff/cases/new", data=intake_data(office.procedure, **changes))
    assert refused.status_code == 422
    assert focused(refused) == [field]
