"""The 15:00 rule of a same-day procedure is set per version on the staff form (Luật Hộ tịch 2014 Điều 5 k3,
NĐ 23/2015 Điều 7): empty keeps the legal default; a new draft carries the published version's setting."""
from datetime import UTC, date, datetime

from portal.core.access import Role
from portal.procedures import services
from tests.factories import login, make_procedure, make_user
from tests.procedures.test_staff_views import form_data


def test_staff_set_the_15h_rule_and_a_new_draft_keeps_it(client):
    procedure = make_procedure(processing_days=0)
    login(client, make_user(Role.MANAGER))
    page = client.get(f"/staff/procedures/{procedure.id}/draft").get_data(as_text=True)
    assert 'name="next_day_after_15h"' in page
    draft = services.open_draft(procedure)
    data = form_data(procedure.unit, procedure.field, edit_version=str(draft.edit_version), processing_days="0",
                     next_day_after_15h="no")
    assert client.post(f"/staff/procedures/{procedure.id}/draft", data=data).status_code == 302
    assert draft.next_day_after_15h is False
    services.publish_version(draft, decision_number="9/QĐ-UBND", decision_date=date(2021, 1, 4), change_type="amended",
                             changed_components=None, now=datetime(2021, 1, 5, 2, 0, tzinfo=UTC))
    assert services.open_draft(procedure).next_day_after_15h is False
    page = client.get(f"/staff/procedures/{procedure.id}/draft").get_data(as_text=True)
    assert '<option selected value="no">' in page or '<option value="no" selected>' in page


def test_empty_keeps_the_legal_default(client):
    procedure = make_procedure(processing_days=0)
    login(client, make_user(Role.MANAGER))
    draft = services.open_draft(procedure)
    data = form_data(procedure.unit, procedure.field, edit_version=str(draft.edit_version), processing_days="0",
                     next_day_after_15h="")
    assert client.post(f"/staff/procedures/{procedure.id}/draft", data=data).status_code == 302
    assert draft.next_day_after_15h is None
