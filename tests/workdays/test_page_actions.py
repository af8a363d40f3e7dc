"""The calendar asks can() before it offers a change: adding or removing a local exception, and the open
cases it moves, are the admin-only endpoints' own access rule."""
from __future__ import annotations

from datetime import date

from portal.core.access import Role
from portal.core.db import db
from portal.workdays.models import ExceptionKind, WorkdayException
from tests.factories import login, make_user


def test_only_an_admin_is_offered_to_change_the_calendar(client, app_ctx):
    exception = WorkdayException(on=date(2026, 11, 3), kind=ExceptionKind.DAY_OFF, reason="QĐ 15/QĐ-UBND nghỉ bù")
    db.session.add(exception)
    db.session.commit()
    actions = ['action="/staff/calendar/exceptions"', f'action="/staff/calendar/exceptions/{exception.id}/delete"',
               f"/staff/cases/calendar-notices/{exception.id}"]
    for role, offered in [(Role.ADMIN, True), (Role.MANAGER, False), (Role.HANDLER, False)]:
        client.post("/auth/logout")
        login(client, make_user(role))
        response = client.get("/staff/calendar/?year=2026")
        assert response.status_code == 200
        html = response.get_data(as_text=True)
        assert "QĐ 15/QĐ-UBND nghỉ bù" in html
        assert [a in html for a in actions] == [offered] * 3, role
