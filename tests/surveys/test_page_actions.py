"""The campaign page asks can() before it offers a status change: the buttons are the campaign transition
table's moves (draft → open, open → closed, closed → open), which services.set_status enforces."""
from __future__ import annotations

from portal.core.db import db
from portal.surveys import services
from tests.factories import login
from tests.surveys.helpers import NOW, make_campaign

OPEN, CLOSE = "/status/open", "/status/closed"


def offered(client, manager, campaign) -> tuple[bool, bool]:
    client.post("/auth/logout")
    login(client, manager)
    response = client.get(f"/staff/surveys/{campaign.id}")
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    return OPEN in html, CLOSE in html


def test_the_status_buttons_are_the_moves_of_the_transition_table(client, app_ctx):
    campaign, manager, _procedure = make_campaign(open_=False)
    assert offered(client, manager, campaign) == (True, False)  # draft: open it, nothing to close
    services.set_status(campaign, "open", version=None, actor=manager, now=NOW)
    db.session.commit()
    assert offered(client, manager, campaign) == (False, True)
    services.set_status(campaign, "closed", version=None, actor=manager, now=NOW)
    db.session.commit()
    assert offered(client, manager, campaign) == (True, False)  # closed: may be opened again
