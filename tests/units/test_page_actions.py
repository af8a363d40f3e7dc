"""The unit pages ask can() before they offer an action: "New unit" and "Edit" are the admin-only pages' own
access rule, the breadcrumb to the list of units that page's (managers)."""
from __future__ import annotations

from portal.core.access import Role
from tests.factories import make_unit, make_user, page_as


def test_only_an_admin_is_offered_to_create_or_edit_units(client, app_ctx):
    unit = make_unit(code="000.14.26.H17", name="UBND phường Nghĩa Tân")
    admin, manager = make_user(Role.ADMIN), make_user(Role.MANAGER, unit=unit)
    as_admin, as_manager = html(client, admin, "/staff/units/"), html(client, manager, "/staff/units/")
    assert 'href="/staff/units/new"' in as_admin and f'href="/staff/units/{unit.id}/edit"' in as_admin
    assert 'href="/staff/units/new"' not in as_manager and "/edit" not in as_manager


def test_the_list_of_units_is_offered_to_those_who_may_open_it(client, app_ctx):
    unit = make_unit(code="000.14.26.H17", name="UBND phường Nghĩa Tân")
    link = 'href="/staff/units/"'
    assert link in html(client, make_user(Role.MANAGER, unit=unit), f"/staff/units/{unit.id}")
    assert link not in html(client, make_user(Role.HANDLER, unit=unit), f"/staff/units/{unit.id}")


def html(client, user, url: str) -> str:
    return page_as(client, user, url)
