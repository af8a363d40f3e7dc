"""The staff working-day calendar: any staff member reads it, administrators keep its exceptions."""
from __future__ import annotations

import re
from datetime import date

import holidays
from flask_babel import gettext
from sqlalchemy import func, select

from portal.core.access import Role
from portal.core.audit import AuditEvent
from portal.core.clock import today_local
from portal.core.db import db
from portal.workdays.models import WorkdayException
from portal.workdays.rules import ExceptionKind
from portal.workdays.services import calendar_for
from tests.factories import login, make_user

URL = "/staff/calendar/"
ADD = "/staff/calendar/exceptions"


def is_working(day: date) -> bool:
    db.session.expire_all()
    return calendar_for([day.year], language="vi").is_working_day(day)


def exception_count() -> int:
    return db.session.scalar(select(func.count(WorkdayException.id)))


def events(action: str) -> list[AuditEvent]:
    return list(db.session.scalars(select(AuditEvent).where(AuditEvent.action == action)))


def as_admin(client):
    admin = make_user(Role.ADMIN, full_name="Trần Minh Tuấn")
    login(client, admin)
    return admin


def year_heading(html: str) -> str:
    return re.search(r"<h1>(.*?)</h1>", html, re.S).group(1)


# --- reading -----------------------------------------------------------------------------------

def test_any_staff_member_sees_this_years_holidays(client):
    login(client, make_user(Role.HANDLER))
    response = client.get(URL)
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    year = today_local().year
    assert str(year) in year_heading(html)
    for name in holidays.country_holidays("VN", years=year, language="vi").values():
        assert name in html


def test_anonymous_visitors_are_sent_to_login(client):
    response = client.get(URL)
    assert response.status_code == 302
    assert "/auth/login" in response.headers["Location"]


def test_year_navigation_shows_tet_2027(client):
    login(client, make_user(Role.DESK_OFFICER))
    html = client.get(URL, query_string={"year": 2027}).get_data(as_text=True)
    assert "2027" in year_heading(html)
    assert "Mùng năm Tết Nguyên Đán" in html and "Giao thừa Tết Nguyên Đán" in html
    assert "Ngày Văn hóa Việt Nam" in html
    assert f"{URL}?year=2026" in html and f"{URL}?year=2028" in html
    # Every holiday of the year (Tết 4–10 Feb among them) is one marked cell of the month grid.
    assert html.count('<td class="day holiday') == len(holidays.country_holidays("VN", years=2027)) == 15


def test_makeup_saturday_is_marked(client):
    login(client, make_user(Role.HANDLER))
    html_2024 = client.get(URL, query_string={"year": 2024}).get_data(as_text=True)
    html_2027 = client.get(URL, query_string={"year": 2027}).get_data(as_text=True)
    assert html_2024.count('<td class="day makeup') == 1  # Saturday 4 May 2024 was worked
    assert '<td class="day makeup' not in html_2027


def test_bad_year_argument_falls_back_without_crashing(client):
    login(client, make_user(Role.HANDLER))
    for bad in ("abc", "", "20x7", "1e3"):
        response = client.get(URL, query_string={"year": bad})
        assert response.status_code == 200, bad
        assert str(today_local().year) in year_heading(response.get_data(as_text=True))
    clamped = client.get(URL, query_string={"year": 99999})
    assert clamped.status_code == 200
    assert "2100" in year_heading(clamped.get_data(as_text=True))


def test_only_administrators_see_the_exception_form(client):
    login(client, make_user(Role.UNIT_HEAD))
    assert f'action="{ADD}"' not in client.get(URL).get_data(as_text=True)
    other = client.application.test_client()
    as_admin(other)
    assert f'action="{ADD}"' in other.get(URL).get_data(as_text=True)


# --- adding -------------------------------------------------------------------------------------

def test_admin_adds_a_day_off(client):
    admin = as_admin(client)
    monday = date(2027, 3, 1)
    assert is_working(monday)
    response = client.post(ADD, data={"on": "2027-03-01", "kind": "day_off", "reason": "QĐ 15/QĐ-UBND nghỉ bù"})
    assert response.status_code == 302
    row = db.session.scalar(select(WorkdayException))
    # Next: the open cases it would move, and the decision (cases.calendar_notice; DOMAIN.md §4).
    assert response.headers["Location"].endswith(f"/staff/cases/calendar-notices/{row.id}")
    assert not is_working(monday)
    row = db.session.scalar(select(WorkdayException))
    assert (row.on, row.kind, row.reason, row.created_by_id) == (monday, ExceptionKind.DAY_OFF,
                                                                 "QĐ 15/QĐ-UBND nghỉ bù", admin.id)
    (event,) = events("workday_exception.create")
    assert event.actor_id == admin.id and event.object_id == str(row.id)
    assert event.after == {"on": "2027-03-01", "kind": "day_off", "reason": "QĐ 15/QĐ-UBND nghỉ bù"}
    assert "QĐ 15/QĐ-UBND nghỉ bù" in client.get(response.headers["Location"]).get_data(as_text=True)
    page = client.get(URL, query_string={"year": 2027}).get_data(as_text=True)
    assert "QĐ 15/QĐ-UBND nghỉ bù" in page and page.count('<td class="day extra_off') == 1
    assert f'href="/staff/cases/calendar-notices/{row.id}"' in page


def test_admin_adds_a_working_day_on_a_national_holiday(client):
    as_admin(client)
    national_day = date(2027, 9, 3)
    assert not is_working(national_day)
    response = client.post(ADD, data={"on": "2027-09-03", "kind": "working_day", "reason": "Trực một cửa"})
    assert response.status_code == 302
    assert is_working(national_day)
    # Deadlines use the exception: Thursday 2 Sep (holiday) -> the next working day is Friday 3 Sep.
    cal = calendar_for([2027], language="vi")
    assert cal.add_working_days(date(2027, 9, 1), 1) == national_day


def test_duplicate_date_is_refused_next_to_the_field(client):
    admin = as_admin(client)
    client.post(ADD, data={"on": "2027-03-01", "kind": "day_off", "reason": "Lần đầu"})
    response = client.post(ADD, data={"on": "2027-03-01", "kind": "working_day", "reason": "Lần hai"})
    assert response.status_code == 422
    html = response.get_data(as_text=True)
    with client.application.test_request_context():
        expected = gettext("This date already has an exception; remove it first.")
    error = re.search(r'<p class="error" id="on-error">(.*?)</p>', html, re.S)
    assert error and error.group(1).strip() == expected
    assert re.search(r'<input[^>]*aria-describedby="on-error"[^>]*id="on"|<input[^>]*id="on"[^>]*aria-describedby="on-error"', html)
    assert exception_count() == 1
    assert db.session.scalar(select(WorkdayException.reason)) == "Lần đầu"
    assert len(events("workday_exception.create")) == 1
    assert admin.full_name in html  # the refusal is the calendar page again, not an error page
    assert 'action="/staff/calendar/exceptions"' in html


def test_missing_fields_are_refused(client):
    as_admin(client)
    response = client.post(ADD, data={"on": "not-a-date", "kind": "day_off", "reason": ""})
    assert response.status_code == 422
    html = response.get_data(as_text=True)
    assert 'id="on-error"' in html and 'id="reason-error"' in html
    assert exception_count() == 0


def test_unknown_kind_is_refused(client):
    as_admin(client)
    response = client.post(ADD, data={"on": "2027-03-01", "kind": "holiday", "reason": "x"})
    assert response.status_code == 422
    assert exception_count() == 0


def test_non_admin_cannot_add(client):
    for role in (Role.HANDLER, Role.MANAGER, Role.UNIT_HEAD):
        c = client.application.test_client()
        login(c, make_user(role))
        response = c.post(ADD, data={"on": "2027-03-01", "kind": "day_off", "reason": "Không được phép"})
        assert response.status_code == 403, role
    assert exception_count() == 0
    assert is_working(date(2027, 3, 1))


def test_anonymous_post_is_refused(client):
    response = client.post(ADD, data={"on": "2027-03-01", "kind": "day_off", "reason": "x"})
    assert response.status_code == 302 and "/auth/login" in response.headers["Location"]
    assert exception_count() == 0


# --- removing -----------------------------------------------------------------------------------

def add_via_form(client, on="2027-03-01", kind="day_off", reason="QĐ 15/QĐ-UBND") -> WorkdayException:
    assert client.post(ADD, data={"on": on, "kind": kind, "reason": reason}).status_code == 302
    return db.session.scalar(select(WorkdayException).where(WorkdayException.on == date.fromisoformat(on)))


def test_admin_removes_an_exception(client):
    admin = as_admin(client)
    row = add_via_form(client)
    row_id = row.id
    assert not is_working(date(2027, 3, 1))
    page = client.get(URL, query_string={"year": 2027}).get_data(as_text=True)
    assert f'action="/staff/calendar/exceptions/{row_id}/delete"' in page
    response = client.post(f"/staff/calendar/exceptions/{row_id}/delete")
    assert response.status_code == 302
    assert response.headers["Location"].endswith(f"{URL}?year=2027")
    assert exception_count() == 0
    assert is_working(date(2027, 3, 1))
    (event,) = events("workday_exception.delete")
    assert event.actor_id == admin.id and event.object_id == str(row_id)
    assert event.before["on"] == "2027-03-01" and event.after == {}


def test_non_admin_cannot_remove(client):
    as_admin(client)
    row_id = add_via_form(client).id
    other = client.application.test_client()
    login(other, make_user(Role.HANDLER))
    assert f"/exceptions/{row_id}/delete" not in other.get(URL, query_string={"year": 2027}).get_data(as_text=True)
    assert other.post(f"/staff/calendar/exceptions/{row_id}/delete").status_code == 403
    assert exception_count() == 1
    assert events("workday_exception.delete") == []


def test_removing_an_unknown_exception_is_404(client):
    as_admin(client)
    assert client.post("/staff/calendar/exceptions/999999/delete").status_code == 404

