"""Deny by default: every endpoint refuses anonymous users unless marked public, roles see only their
sections, and unit-scoped pages refuse another unit's staff."""
from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import pytest
from flask import Blueprint, url_for
from werkzeug.routing import AnyConverter, IntegerConverter

from portal import create_app
from portal.config import TestConfig
from portal.core.access import PUBLIC, Role, access_rule_of, public, roles_required, staff_required
from portal.core.db import db
from portal.units.models import UnitLevel
from tests.factories import login, make_unit, make_user

ALL_ROLES = [Role.ADMIN, Role.MANAGER, Role.UNIT_HEAD, Role.HANDLER, Role.DESK_OFFICER]


def _dummy_values(rule) -> dict:
    def dummy(conv):
        if isinstance(conv, IntegerConverter):
            return 1
        if isinstance(conv, AnyConverter):
            return sorted(conv.items)[0]
        return "x"
    return {name: dummy(conv) for name, conv in rule._converters.items()}


def _method(rule) -> str:
    return "GET" if "GET" in rule.methods else "POST"


def _protected_rules(app):
    for rule in app.url_map.iter_rules():
        if access_rule_of(rule.endpoint) != PUBLIC:
            yield rule


def _assert_sent_to_login(response, path: str) -> None:
    assert response.status_code == 302, f"{path} answered {response.status_code}"
    location = urlsplit(response.headers["Location"])
    assert location.path == "/auth/login", path
    assert parse_qs(location.query)["next"][0].split("?")[0] == path


def test_every_protected_endpoint_refuses_anonymous_users(client, app_ctx):
    checked = []
    for rule in _protected_rules(app_ctx):
        with app_ctx.test_request_context():
            path = url_for(rule.endpoint, **_dummy_values(rule))
        response = client.open(path, method=_method(rule))
        _assert_sent_to_login(response, path)
        checked.append(rule.endpoint)
    # The walk is not vacuous: the staff screens of every installed domain were reached.
    assert {"site.staff_home", "users.index", "users.reset_password", "auth.logout", "auth.change_password",
            "units.show", "units.edit", "audit.index", "workdays.calendar"} <= set(checked)


def test_staff_endpoints_are_never_public(app_ctx):
    public_endpoints = {r.endpoint for r in app_ctx.url_map.iter_rules() if access_rule_of(r.endpoint) == PUBLIC}
    assert {"static", "site.home", "auth.login", "site.healthz"} <= public_endpoints
    assert not any(e.startswith(("users.", "audit.", "units.", "workdays.")) for e in public_endpoints)
    assert "site.staff_home" not in public_endpoints


def test_public_pages_open_without_signing_in(client):
    for path in ("/", "/auth/login", "/healthz"):
        assert client.get(path).status_code == 200, path


@pytest.fixture()
def fresh_app(app_ctx):
    """A second app on the same database, so a test may add routes without touching the shared one."""
    fresh = create_app(TestConfig, SQLALCHEMY_DATABASE_URI=app_ctx.config["SQLALCHEMY_DATABASE_URI"])
    yield fresh
    with fresh.app_context():
        db.session.remove()
        db.engine.dispose()


def test_endpoint_without_a_declared_rule_is_refused_even_to_admins(fresh_app):
    forgotten = Blueprint("forgotten", __name__, url_prefix="/forgotten")

    @forgotten.route("/report")
    def report():  # no access decorator: must fail closed
        return "secret report"

    @forgotten.route("/open")
    @public
    def open_page():
        return "open page"

    @forgotten.route("/any-staff")
    @staff_required
    def any_staff():
        return "staff page"

    @forgotten.route("/managers")
    @roles_required(Role.MANAGER)
    def managers():
        return "managers page"

    fresh_app.register_blueprint(forgotten)
    admin = make_user(Role.ADMIN)
    handler = make_user(Role.HANDLER)

    anonymous = fresh_app.test_client()
    _assert_sent_to_login(anonymous.get("/forgotten/report"), "/forgotten/report")
    assert anonymous.get("/forgotten/open").get_data(as_text=True) == "open page"

    as_admin = fresh_app.test_client()
    login(as_admin, admin)
    refused = as_admin.get("/forgotten/report")
    assert refused.status_code == 403
    assert "secret report" not in refused.get_data(as_text=True)
    assert as_admin.get("/forgotten/managers").status_code == 200  # admins hold every role

    as_handler = fresh_app.test_client()
    login(as_handler, handler)
    assert as_handler.get("/forgotten/report").status_code == 403
    assert as_handler.get("/forgotten/any-staff").get_data(as_text=True) == "staff page"
    assert as_handler.get("/forgotten/managers").status_code == 403


NAV = {"units": 'href="/staff/units/"', "users": 'href="/staff/users/"', "audit": 'href="/staff/audit/"'}
EXPECTED_NAV = {
    Role.ADMIN: {"units", "users", "audit"},
    Role.MANAGER: {"units"},
    Role.UNIT_HEAD: set(),
    Role.HANDLER: set(),
    Role.DESK_OFFICER: set(),
}
LABELS = {"units": "Units", "users": "Staff accounts", "audit": "Audit log"}


@pytest.mark.parametrize("role", ALL_ROLES, ids=lambda r: r.value)
def test_each_role_sees_its_staff_navigation(client, role):
    user = make_user(role)
    login(client, user)
    client.set_cookie("lang", "en")
    page = client.get("/staff/")
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    shown = {key for key, href in NAV.items() if href in html}
    assert shown == EXPECTED_NAV[role]
    for key in EXPECTED_NAV[role]:
        assert f">{LABELS[key]}</a>" in html
    for key in set(NAV) - EXPECTED_NAV[role]:
        assert f">{LABELS[key]}</a>" not in html


@pytest.mark.parametrize("role", [Role.MANAGER, Role.UNIT_HEAD, Role.HANDLER, Role.DESK_OFFICER],
                         ids=lambda r: r.value)
@pytest.mark.parametrize("path", ["/staff/users/", "/staff/users/new", "/staff/audit/", "/staff/units/new"])
def test_admin_only_pages_refuse_other_roles(client, role, path):
    login(client, make_user(role))
    assert client.get(path).status_code == 403


@pytest.mark.parametrize("path", ["/staff/users/", "/staff/users/new", "/staff/audit/", "/staff/units/new"])
def test_admin_opens_admin_pages(client, path):
    login(client, make_user(Role.ADMIN))
    assert client.get(path).status_code == 200


def test_unit_list_is_for_managers_and_admins(client):
    for role, status in ((Role.HANDLER, 403), (Role.UNIT_HEAD, 403), (Role.MANAGER, 200), (Role.ADMIN, 200)):
        fresh = client.application.test_client()
        login(fresh, make_user(role))
        assert fresh.get("/staff/units/").status_code == status, role


@pytest.fixture()
def two_units(app_ctx):
    return make_unit(name="Phòng Tư pháp"), make_unit(name="UBND xã Đắk Nia", level=UnitLevel.COMMUNE)


@pytest.mark.parametrize("role", [Role.HANDLER, Role.UNIT_HEAD, Role.DESK_OFFICER], ids=lambda r: r.value)
def test_unit_staff_see_only_their_own_unit(client, two_units, role):
    unit_a, unit_b = two_units
    login(client, make_user(role, unit=unit_a))
    own = client.get(f"/staff/units/{unit_a.id}")
    assert own.status_code == 200
    assert "Phòng Tư pháp" in own.get_data(as_text=True)
    other = client.get(f"/staff/units/{unit_b.id}")
    assert other.status_code == 403
    assert "UBND xã Đắk Nia" not in other.get_data(as_text=True)


@pytest.mark.parametrize("role", [Role.MANAGER, Role.ADMIN], ids=lambda r: r.value)
def test_managers_and_admins_see_every_unit(client, two_units, role):
    unit_a, unit_b = two_units
    login(client, make_user(role, unit=unit_a if role is Role.MANAGER else None))
    for unit in (unit_a, unit_b):
        page = client.get(f"/staff/units/{unit.id}")
        assert page.status_code == 200
        assert unit.name in page.get_data(as_text=True)


def test_every_unit_scoped_endpoint_refuses_another_units_staff(client, two_units, app_ctx):
    unit_a, unit_b = two_units
    login(client, make_user(Role.HANDLER, unit=unit_a))
    scoped = [r for r in app_ctx.url_map.iter_rules()
              if getattr(app_ctx.view_functions[r.endpoint], "unit_scoped", False)]
    assert scoped, "no unit-scoped endpoint found"
    for rule in scoped:
        values = {**_dummy_values(rule), "unit_id": unit_b.id}
        with app_ctx.test_request_context():
            path = url_for(rule.endpoint, **values)
        assert client.open(path, method=_method(rule)).status_code == 403, path


def test_inactive_account_is_treated_as_signed_out(client):
    user = make_user(Role.ADMIN, active=False)
    response = login(client, user)
    assert response.status_code == 422
    _assert_sent_to_login(client.get("/staff/"), "/staff/")
