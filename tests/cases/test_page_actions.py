"""The case pages ask before they offer an action (core/permissions.py): the worklist's "Receive a case" is
the intake page's own access rule; the apology form asks for a new date only while the case is open, as
services.issue_apology decides (a finished case keeps its finish date)."""
from __future__ import annotations

from datetime import timedelta

import pytest

from portal.cases import intake, services
from portal.cases.rules import Action, Timing
from portal.core.access import Role
from portal.core.db import db
from tests.conftest import FIXED_NOW
from tests.factories import make_procedure, make_unit, make_user, page_as

pytestmark = pytest.mark.usefixtures("fixed_clock")




@pytest.fixture()
def office(app_ctx):
    unit = make_unit(code="000.14.26.H17", name="UBND phường Nghĩa Tân")
    return {"unit": unit, "procedure": make_procedure(unit=unit, processing_days=5),
            "desk": make_user(Role.DESK_OFFICER, unit=unit), "handler": make_user(Role.HANDLER, unit=unit),
            "head": make_user(Role.UNIT_HEAD, unit=unit)}


def received(office, at):
    case = intake.receive_case(procedure=office["procedure"], unit=office["unit"], applicant={"name": "Trần Thị Hoa"},
                               submitted=[d["name"] for d in office["procedure"].current_version.documents], sets=1,
                               delivery="desk", received_at=at)
    db.session.commit()
    return case


def test_only_the_desk_is_offered_to_receive_a_case(client, office):
    intake_link = 'href="/staff/cases/new"'
    assert intake_link in page(client, office["desk"], "/staff/cases/")
    assert intake_link not in page(client, office["handler"], "/staff/cases/")
    assert intake_link not in page(client, office["head"], "/staff/cases/")


def test_the_apology_asks_a_new_date_for_an_open_case_only(client, office):
    open_case = received(office, FIXED_NOW - timedelta(days=1))
    html = page(client, office["head"], f"/staff/cases/{open_case.id}")
    assert 'name="apology-reason"' in html and 'name="apology-new_due_on"' in html

    late = received(office, FIXED_NOW - timedelta(days=30))  # finished long after its 5 working days
    services.transition(late, Action.ASSIGN, now=late.received_at, expected_version=late.version,
                        handler_id=office["handler"].id)
    services.transition(late, Action.FINISH, now=FIXED_NOW - timedelta(hours=1), expected_version=late.version)
    db.session.commit()
    assert late.timing == Timing.LATE
    html = page(client, office["head"], f"/staff/cases/{late.id}")
    assert 'name="apology-reason"' in html  # a late apology is still possible
    assert 'name="apology-new_due_on"' not in html  # ... and its date is the finish date


def page(client, user, url: str) -> str:
    return page_as(client, user, url)
