"""Worklists per role: the right cases, in due-date order, filtered and paged in SQL; page and htmx fragment."""
from __future__ import annotations

import re
from datetime import timedelta

import pytest

from portal.cases import intake, queries, services
from portal.cases.models import Case
from portal.cases.rules import Action, CaseStatus, Timing
from portal.core.access import Role
from portal.core.clock import to_local
from portal.core.db import db
from portal.workdays.services import calendar_for
from tests.cases.test_desk_views import english, new_case, office, sign_in  # noqa: F401  (fixture)
from tests.conftest import FIXED_NOW
from tests.factories import make_unit, make_user

# Pages that read the clock (worklists, overdue and due-soon) are tested at a fixed working-day morning.
pytestmark = pytest.mark.usefixtures("fixed_clock")


def due_in(office, delta: timedelta, **kwargs) -> Case:
    case = new_case(office, **kwargs)
    case.due_at = case.original_due_at = FIXED_NOW + delta  # the legal due, as a receipt printed it
    db.session.commit()
    return case


def assign(case: Case, handler) -> Case:
    services.transition(case, Action.ASSIGN, now=FIXED_NOW, expected_version=case.version, handler_id=handler.id)
    db.session.commit()
    return case


def codes_in(html: str) -> list[str]:
    return re.findall(r'<a class="mono" href="/staff/cases/\d+">([^<]+)</a>', html)


def test_handler_sees_own_open_cases_by_due_date_with_colour_and_text(client, office):
    later = assign(due_in(office, timedelta(days=20)), office.handler)
    overdue = assign(due_in(office, timedelta(days=-1)), office.handler)
    soon = assign(due_in(office, timedelta(hours=2)), office.handler)
    assign(due_in(office, timedelta(days=3)), office.head)  # someone else's
    finished = assign(due_in(office, timedelta(days=4)), office.handler)
    services.transition(finished, Action.FINISH, now=FIXED_NOW, expected_version=finished.version)
    db.session.commit()
    english(client, office.handler)
    html = client.get("/staff/cases/").get_data(as_text=True)
    assert codes_in(html) == [overdue.code, soon.code, later.code]
    assert '<span class="badge badge-danger">Overdue</span>' in html
    assert '<span class="badge badge-warn">Due soon</span>' in html
    assert '<span class="badge badge-ok">In time</span>' in html


def test_desk_sees_todays_intake_and_results_ready(client, office):
    today = new_case(office, name="Nguyễn Thị Mai")
    old = new_case(office, received_at=FIXED_NOW - timedelta(days=3), name="Lê Hoàng Nam")
    ready = assign(old, office.handler)
    services.transition(ready, Action.FINISH, now=FIXED_NOW, expected_version=ready.version)
    db.session.commit()
    sign_in(client, office.desk)
    received = client.get("/staff/cases/").get_data(as_text=True)
    assert codes_in(received) == [today.code]
    assert codes_in(client.get("/staff/cases/?scope=ready").get_data(as_text=True)) == [ready.code]
    sign_in(client, make_user(Role.DESK_OFFICER, unit=make_unit(code="000.02.26.H17")))  # another unit's desk sees none of them
    assert codes_in(client.get("/staff/cases/").get_data(as_text=True)) == []


def test_unit_head_sees_the_unit_the_unassigned_and_those_needing_an_apology(client, office):
    unassigned = due_in(office, timedelta(days=10))
    overdue = assign(due_in(office, timedelta(days=-2)), office.handler)
    apologised = assign(due_in(office, timedelta(days=30)), office.handler)
    services.issue_apology(apologised, reason="Chờ xác minh", new_due_at=apologised.due_at + timedelta(days=5),
                           now=FIXED_NOW, expected_version=apologised.version)
    apologised.due_at = FIXED_NOW - timedelta(hours=1)  # late again, but the one apology is used
    db.session.commit()
    sign_in(client, office.head)
    assert codes_in(client.get("/staff/cases/").get_data(as_text=True)) == [overdue.code, apologised.code, unassigned.code]
    assert codes_in(client.get("/staff/cases/?scope=unassigned").get_data(as_text=True)) == [unassigned.code]
    assert codes_in(client.get("/staff/cases/?scope=apology").get_data(as_text=True)) == [overdue.code]
    # the same answer as the service the dashboard uses
    now = FIXED_NOW
    assert [c.id for c in services.needing_apology(office.unit.id, to_local(now), calendar_for([now.year], "vi"))] == [overdue.id]


def test_a_scope_of_another_role_falls_back_to_ones_own(client, office):
    mine = assign(due_in(office, timedelta(days=5)), office.handler)
    sign_in(client, office.handler)
    assert codes_in(client.get("/staff/cases/?scope=all").get_data(as_text=True)) == [mine.code]


def test_managers_see_every_unit_and_filter_by_one(client, office):
    here = due_in(office, timedelta(days=5))
    other_unit = make_unit(code="000.11.26.H17", name="UBND phường Nghĩa Đức")
    from tests.factories import make_procedure

    procedure = make_procedure(code="1.000656.000.00.00.H17", unit=other_unit, processing_days=3)
    there = intake.receive_case(procedure=procedure, unit=other_unit, applicant={"name": "Đỗ Minh Khoa"},
                                submitted=[d["name"] for d in procedure.current_version.documents], sets=1,
                                delivery="post", received_at=FIXED_NOW)
    db.session.commit()
    sign_in(client, make_user(Role.MANAGER, unit=make_unit(code="000.02.26.H17")))
    assert set(codes_in(client.get("/staff/cases/").get_data(as_text=True))) == {here.code, there.code}
    filtered = client.get(f"/staff/cases/?unit={other_unit.id}").get_data(as_text=True)
    assert codes_in(filtered) == [there.code]


def test_search_by_code_name_and_phone(client, office):
    hoa = due_in(office, timedelta(days=5), name="Trần Thị Hoa", phone="0905111222")
    due_in(office, timedelta(days=6), name="Lê Hoàng Nam", phone="0912333444")
    sign_in(client, office.head)
    for q in (hoa.code.lower(), "thị hoa", "0905 111", hoa.code[-4:]):
        html = client.get("/staff/cases/", query_string={"q": q}).get_data(as_text=True)
        assert codes_in(html) == [hoa.code], q


def test_status_and_timing_filters(client, office):
    overdue = assign(due_in(office, timedelta(days=-1)), office.handler)
    waiting = assign(due_in(office, timedelta(days=8)), office.handler)
    services.transition(waiting, Action.REQUEST_SUPPLEMENT, now=FIXED_NOW, expected_version=waiting.version,
                        note="Bổ sung bản sao giấy khai sinh.")
    db.session.commit()
    sign_in(client, office.head)
    assert codes_in(client.get("/staff/cases/?timing=overdue").get_data(as_text=True)) == [overdue.code]
    assert codes_in(client.get("/staff/cases/?timing=in_time").get_data(as_text=True)) == [waiting.code]
    html = client.get("/staff/cases/?status=supplement_requested").get_data(as_text=True)
    assert codes_in(html) == [waiting.code]
    assert codes_in(client.get("/staff/cases/?status=bogus&timing=bogus").get_data(as_text=True)) == [overdue.code, waiting.code]


def test_fragment_for_htmx_and_whole_page_otherwise(client, office):
    case = due_in(office, timedelta(days=5))
    sign_in(client, office.head)
    fragment = client.get("/staff/cases/?q=" + case.code, headers={"HX-Request": "true"})
    page = client.get("/staff/cases/?q=" + case.code)
    assert "<html" not in fragment.get_data(as_text=True) and "<html" in page.get_data(as_text=True)
    assert codes_in(fragment.get_data(as_text=True)) == codes_in(page.get_data(as_text=True)) == [case.code]
    assert "HX-Request" in fragment.headers["Vary"] and "HX-Request" in page.headers["Vary"]


def test_pages_are_cut_in_the_database_in_due_date_order(client, office):
    cases = [assign(due_in(office, timedelta(days=d)), office.handler) for d in (9, 3, 7, 1, 5)]
    by_due = [c.code for c in sorted(cases, key=lambda c: c.due_at)]
    now = FIXED_NOW
    cal = calendar_for([now.year], "vi")
    pages = [queries.worklist(office.handler, queries.CaseFilters("mine"), now=now, cal=cal, page=n, per_page=2)
             for n in (1, 2, 3)]
    assert [p.total for p in pages] == [5, 5, 5] and pages[0].pages == 3
    assert [c.code for p in pages for c in p.items] == by_due


def test_the_sql_due_soon_window_matches_the_timing_badge(office):
    now = FIXED_NOW
    cal = calendar_for([now.year - 1, now.year], "vi")
    limit = queries.due_soon_limit(now, cal)
    for moment in (limit - timedelta(minutes=1), limit, now - timedelta(minutes=1), now + timedelta(days=40)):
        case = Case(due_at=moment, original_due_at=moment, status=CaseStatus.IN_PROGRESS)
        timing = services.timing_of(case, to_local(now), cal)
        assert (timing in (Timing.DUE_SOON, Timing.OVERDUE)) == (moment < limit), moment


def test_worklists_need_a_case_role(client, office):
    sign_in(client, make_user(Role.ADMIN))
    assert client.get("/staff/cases/").status_code == 200
    sign_in(client, make_user(Role.HANDLER, unit=office.unit))
    assert client.get("/staff/cases/?scope=unit").status_code == 200
