"""The catalogue pages ask can() before they offer a change: import, publication and abolition are the
managers' endpoints; a new draft is for an editor of the procedure's unit; an abolished procedure is offered
neither a change nor a second abolition, and the server refuses both."""
from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from portal.core.access import Role
from portal.core.db import db
from portal.core.errors import DomainError
from portal.procedures import services
from tests.factories import make_procedure, make_unit, make_user, page_as

ABOLISH = "/abolish"
START = "Start a change (new draft)"




@pytest.fixture()
def catalogue(app_ctx):
    unit = make_unit(code="000.14.26.H17", name="UBND phường Nghĩa Tân")
    other = make_unit(code="000.03.26.H17", name="Phòng Tư pháp")
    return {"procedure": make_procedure(unit=unit), "manager": make_user(Role.MANAGER, unit=other),
            "handler": make_user(Role.HANDLER, unit=unit), "outsider": make_user(Role.HANDLER, unit=other)}


def test_import_is_offered_to_managers_and_export_to_the_other_editors(client, catalogue):
    as_manager = html(client, catalogue["manager"], "/staff/procedures/")
    as_handler = html(client, catalogue["handler"], "/staff/procedures/")
    assert 'href="/staff/procedures/import"' in as_manager
    assert 'href="/staff/procedures/import"' not in as_handler and 'href="/staff/procedures/export.xlsx"' in as_handler


def test_changes_are_offered_to_those_who_may_make_them(client, catalogue):
    url = f"/staff/procedures/{catalogue['procedure'].id}"
    as_manager, as_handler = html(client, catalogue["manager"], url), html(client, catalogue["handler"], url)
    as_outsider = html(client, catalogue["outsider"], url)
    assert ABOLISH in as_manager and START in as_manager
    assert ABOLISH not in as_handler and START in as_handler  # own unit
    assert ABOLISH not in as_outsider and START not in as_outsider  # another unit's procedure


def test_an_abolished_procedure_offers_no_change_and_refuses_one(client, catalogue):
    procedure = catalogue["procedure"]
    services.abolish(procedure, decision_number="3001/QĐ-UBND", decision_date=date(2023, 1, 5),
                     now=datetime(2023, 1, 6, 2, 0, tzinfo=UTC))
    db.session.commit()
    url = f"/staff/procedures/{procedure.id}"
    as_manager = html(client, catalogue["manager"], url)
    assert ABOLISH not in as_manager and START not in as_manager
    assert client.get(f"{url}/draft").status_code == 403  # no new draft of an abolished procedure
    with pytest.raises(DomainError):
        services.abolish(procedure, decision_number="3002/QĐ-UBND", decision_date=date(2023, 2, 1),
                         now=datetime(2023, 2, 2, 2, 0, tzinfo=UTC))


def test_discarding_a_draft_is_offered_back_to_a_public_version_only(client, catalogue):
    published = catalogue["procedure"]
    services.open_draft(published, actor=catalogue["handler"])
    first = make_procedure(code="1.000894.000.00.00.H17", unit=published.unit, published=False)
    db.session.commit()
    discard = "/draft/discard"
    assert discard in html(client, catalogue["handler"], f"/staff/procedures/{published.id}")
    assert discard not in html(client, catalogue["outsider"], f"/staff/procedures/{published.id}")  # another unit
    assert discard not in html(client, catalogue["handler"], f"/staff/procedures/{first.id}")  # never published


def html(client, user, url: str) -> str:
    return page_as(client, user, url, lang="en")
