"""The unit head's "Assign a handler" list starts on the case's current handler (issue 16 point 6): a
reassignment begins from who holds the file now, and a head who only adds a note does not move it by accident."""
from __future__ import annotations

import lxml.html
import pytest

from portal.cases.models import Case
from portal.cases.rules import Action
from portal.core.access import Role
from portal.core.db import db
from tests.cases.test_desk_views import new_case, office, post_step, sign_in  # noqa: F401 (office: a fixture)
from tests.factories import make_user

pytestmark = pytest.mark.usefixtures("fixed_clock")


def assign_select(client, case):
    page = lxml.html.fromstring(client.get(f"/staff/cases/{case.id}").get_data(as_text=True))
    (select,) = page.xpath("//select[@name='assign-handler_id']")
    return select


def test_the_assign_list_starts_on_the_current_handler(client, office):  # noqa: F811
    # A third name sorted between the head and the handler: the current handler is neither first nor last.
    lan = make_user(Role.HANDLER, unit=office.unit, full_name="Vũ Thị Lan")
    case = new_case(office)
    sign_in(client, office.desk)
    assert post_step(client, case, Action.TRANSFER).status_code == 302
    sign_in(client, office.head)
    db.session.expire_all()
    assert post_step(client, db.session.get(Case, case.id), Action.ASSIGN, handler_id=str(lan.id)).status_code == 302

    select = assign_select(client, db.session.get(Case, case.id))
    options = select.xpath("option")
    assert [o.text for o in options] == ["Phạm Quốc Bảo", "Vũ Thị Lan", "Y Sơn Niê"]
    assert [o.get("value") for o in options if o.get("selected") is not None] == [str(lan.id)]


def test_an_unassigned_case_selects_nobody_in_particular(client, office):  # noqa: F811
    case = new_case(office)
    sign_in(client, office.desk)
    assert post_step(client, case, Action.TRANSFER).status_code == 302
    sign_in(client, office.head)
    db.session.expire_all()
    select = assign_select(client, db.session.get(Case, case.id))
    assert select.xpath("option[@selected]") == []
