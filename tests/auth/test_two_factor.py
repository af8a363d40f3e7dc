"""The staff second factor (issue 13 point 3): enrolment with a confirmed first code and recovery codes shown once,
a sign-in that starts no session before its code, codes accepted once, recovery codes spent, code guessing
throttled, the production requirement for administrators and managers, and the administrators' reset."""
from __future__ import annotations

import re
from datetime import timedelta

import pyotp
import time_machine
from argon2 import PasswordHasher
from sqlalchemy import func, select

from portal.auth import two_factor
from portal.auth.models import RecoveryCode, StaffSession
from portal.config import Config, ProductionConfig, TestConfig
from portal.core.access import Role
from portal.core.db import db
from tests.auth.helpers import events, field_error, reload
from tests.conftest import FIXED_NOW
from tests.factories import PASSWORD, make_user

SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"
ATTACKER, OTHER = "203.0.113.66", "192.0.2.44"
WRONG_CODE = "Wrong code, or too many attempts. Try again later."


def _code(moment=FIXED_NOW, secret=SECRET) -> str:
    return pyotp.TOTP(secret).at(moment)


def _wrong(moment=FIXED_NOW) -> str:
    right = {pyotp.TOTP(SECRET).at(moment + timedelta(seconds=30 * offset)) for offset in (-1, 0, 1)}
    return next(c for c in ("123456", "654321", "111111", "222222") if c not in right)


def _with_totp(*roles: Role, codes: bool = False):
    user = make_user(*roles)
    user.totp_secret, user.totp_enabled_at = SECRET, FIXED_NOW - timedelta(days=30)
    shown = two_factor._new_recovery_codes(user, FIXED_NOW) if codes else []
    db.session.commit()
    return user, shown


def _from(address):
    """Requests from `address`; by default the test client's own (the session protection ends a session that
    changes address)."""
    return {"environ_base": {"REMOTE_ADDR": address}} if address else {}


def _password(client, user, address=None):
    return client.post("/auth/login", data={"email": user.email, "password": PASSWORD, "next": "/staff/users/"},
                       **_from(address))


def _second(client, code, address=None):
    return client.post("/auth/login/code", data={"code": code}, **_from(address))


def _sessions(user) -> int:
    db.session.expire_all()
    return db.session.scalar(select(func.count()).select_from(StaffSession).where(StaffSession.user_id == user.id))


def _signed_in(client, address=None) -> bool:
    return client.get("/staff/", **_from(address)).status_code == 200


# --- Enrolment ---------------------------------------------------------------------------------------------------

def test_enrolment_needs_a_right_code_and_shows_hashed_recovery_codes_once(client, fixed_clock):
    client.set_cookie("lang", "en")
    user = make_user(Role.HANDLER)
    _password(client, user)
    page = client.get("/auth/two-factor/")
    html = page.get_data(as_text=True)
    secret = reload(user).totp_secret
    assert page.status_code == 200 and page.headers["Cache-Control"] == "no-store"
    assert secret and reload(user).totp_enabled_at is None  # kept on the server while pending, not switched on
    assert " ".join(secret[i:i + 4] for i in range(0, len(secret), 4)) in html and "<svg" in html
    assert "<script" not in html.split("<main", 1)[1] and secret not in "".join(re.findall(r'(?:action|href)="([^"]*)"', html))
    client.get("/auth/two-factor/")
    assert reload(user).totp_secret == secret  # a reload shows the same secret

    refused = client.post("/auth/two-factor/enable", data={"code": _wrong(fixed_clock)})
    assert refused.status_code == 422 and not reload(user).has_second_factor
    assert "not right" in field_error(refused.get_data(as_text=True), "code")

    shown = client.post("/auth/two-factor/enable", data={"code": _code(fixed_clock, secret)})
    codes = re.findall(r"<li>([A-Z2-9]{5}-[A-Z2-9]{5})</li>", shown.get_data(as_text=True))
    assert shown.status_code == 200 and shown.headers["Cache-Control"] == "no-store" and len(set(codes)) == 10
    user = reload(user)
    assert user.has_second_factor and user.totp_enabled_at >= FIXED_NOW and user.totp_last_step is not None
    rows = list(db.session.scalars(select(RecoveryCode).where(RecoveryCode.user_id == user.id)))
    assert len(rows) == 10 and all(r.code_hash.startswith("$argon2id$") and r.used_at is None for r in rows)
    assert not any(code.replace("-", "") in r.code_hash or code in r.code_hash for code in codes for r in rows)
    assert sum(_matches(r.code_hash, c) for r in rows for c in codes) == 10  # each code has its own hash
    assert [e.actor_id for e in events("auth.two_factor_on")] == [user.id]

    again = client.get("/auth/two-factor/").get_data(as_text=True)
    assert not any(code in again for code in codes) and "Two-step sign-in is on" in again
    assert "autofocus" not in again  # only the enrolment and the sign-in's code field take the focus
    assert client.post("/auth/two-factor/enable", data={"code": _code(fixed_clock, secret)}).status_code == 422


def _matches(code_hash: str, code: str) -> bool:
    try:
        return PasswordHasher().verify(code_hash, code.replace("-", ""))
    except Exception:
        return False


def test_new_recovery_codes_replace_the_old_and_switching_off_needs_the_password_or_a_code(client, fixed_clock):
    client.set_cookie("lang", "en")
    user, old = _with_totp(Role.HANDLER, codes=True)
    _password(client, user)
    _second(client, _code(fixed_clock - timedelta(seconds=30)))
    assert client.post("/auth/two-factor/recovery-codes", data={"code": _wrong(fixed_clock)}).status_code == 422
    fresh = client.post("/auth/two-factor/recovery-codes", data={"code": _code(fixed_clock)})
    new = re.findall(r"<li>([A-Z2-9]{5}-[A-Z2-9]{5})</li>", fresh.get_data(as_text=True))
    assert fresh.status_code == 200 and len(new) == 10 and not set(new) & set(old)
    hashes = list(db.session.scalars(select(RecoveryCode.code_hash).where(RecoveryCode.user_id == user.id)))
    assert len(hashes) == 10 and not any(_matches(h, c) for h in hashes for c in old)
    assert len(events("auth.recovery_codes")) == 1

    wrong = client.post("/auth/two-factor/off", data={"secret": "not-the-password-1"})
    assert wrong.status_code == 422 and reload(user).has_second_factor
    assert client.post("/auth/two-factor/off", data={"secret": PASSWORD}).status_code == 302
    user = reload(user)
    assert not user.has_second_factor and user.totp_secret is None and not hashes_of(user)
    assert len(events("auth.two_factor_off")) == 1


def hashes_of(user):
    return list(db.session.scalars(select(RecoveryCode).where(RecoveryCode.user_id == user.id)))


# --- The sign-in's second step -------------------------------------------------------------------------------

def test_the_password_alone_starts_no_session(client, fixed_clock):
    user, _ = _with_totp(Role.HANDLER)
    first = _password(client, user)
    assert first.status_code == 302 and first.headers["Location"].endswith("/auth/login/code")
    assert _sessions(user) == 0 and not _signed_in(client)
    assert client.get("/staff/users/").status_code == 302
    assert events("auth.login") == [] and reload(user).last_login_at is None
    with client.session_transaction() as cookie:
        assert "_user_id" not in cookie and cookie["second_step"]["user"] == user.id

    done = _second(client, _code(fixed_clock))
    assert done.status_code == 302 and done.headers["Location"] == "/staff/users/"
    assert _sessions(user) == 1 and _signed_in(client)
    with client.session_transaction() as cookie:
        assert "second_step" not in cookie  # cleared: the signed-in session is a fresh one
    assert [e.summary for e in events("auth.login")] == [f"{user.email} (code)"]


def test_the_second_step_belongs_to_the_browser_that_gave_the_password(client, fixed_clock):
    user, _ = _with_totp(Role.HANDLER)
    _password(client, user)
    other = client.application.test_client()
    assert other.get("/auth/login/code").headers["Location"].endswith("/auth/login")
    assert _second(other, _code(fixed_clock)).status_code == 302 and _sessions(user) == 0


def test_a_code_is_accepted_once(client, fixed_clock):
    client.set_cookie("lang", "en")
    user, _ = _with_totp(Role.HANDLER)
    code = _code(fixed_clock)
    _password(client, user)
    assert _second(client, code).status_code == 302
    client.post("/auth/logout")
    _password(client, user)
    replay = _second(client, code)
    assert replay.status_code == 422 and field_error(replay.get_data(as_text=True), "code") == WRONG_CODE
    earlier = _second(client, _code(fixed_clock - timedelta(seconds=30)))  # older than the accepted one
    assert earlier.status_code == 422 and _sessions(user) == 0 and len(events("auth.login")) == 1


def test_a_recovery_code_works_once_and_the_officer_is_told_how_many_remain(client, fixed_clock):
    client.set_cookie("lang", "en")
    user, codes = _with_totp(Role.HANDLER, codes=True)
    _password(client, user)
    used = _second(client, codes[3].lower().replace("-", " "))  # typed loosely
    assert used.status_code == 302
    assert "Recovery codes left: 9." in client.get("/staff/users/").get_data(as_text=True)
    assert len([r for r in hashes_of(user) if r.used_at is not None]) == 1
    assert events("auth.login")[0].summary.endswith("(recovery)")
    client.post("/auth/logout")
    _password(client, user)
    assert _second(client, codes[3]).status_code == 422 and _sessions(user) == 0


def test_guessing_codes_is_throttled_and_a_new_password_does_not_reset_it(client, app_ctx):
    client.set_cookie("lang", "en")
    user, _ = _with_totp(Role.HANDLER)
    with time_machine.travel(FIXED_NOW, tick=False) as traveller:
        _password(client, user, ATTACKER)
        for _ in range(app_ctx.config["LOGIN_MAX_FAILURES"]):
            assert _second(client, _wrong(), ATTACKER).status_code == 422
        _password(client, user, ATTACKER)  # the password again: the code's count stays
        refused = _second(client, _code(), ATTACKER)
        assert refused.status_code == 422 and field_error(refused.get_data(as_text=True), "code") == WRONG_CODE
        assert _sessions(user) == 0
        traveller.shift(timedelta(seconds=61))  # the first window (1 minute) is over
        assert _second(client, _code(FIXED_NOW + timedelta(seconds=61)), ATTACKER).status_code == 302
    assert _sessions(user) == 1


def test_guessing_codes_from_many_addresses_is_stopped_for_the_account(client, app_ctx, monkeypatch):
    """Only someone holding the password reaches the code: past the account's ceiling, every address waits."""
    monkeypatch.setitem(app_ctx.config, "LOGIN_ACCOUNT_MAX_FAILURES", 3)
    user, _ = _with_totp(Role.HANDLER)
    with time_machine.travel(FIXED_NOW, tick=False):
        for address in ("203.0.113.1", "203.0.113.2", "203.0.113.3"):
            browser = client.application.test_client()
            _password(browser, user, address)
            _second(browser, _wrong(), address)
        _password(client, user, OTHER)
        assert _second(client, _code(), OTHER).status_code == 422 and _sessions(user) == 0


def test_the_second_step_expires(client):
    client.set_cookie("lang", "en")
    user, _ = _with_totp(Role.HANDLER)
    with time_machine.travel(FIXED_NOW, tick=False) as traveller:
        _password(client, user)
        traveller.shift(timedelta(minutes=5, seconds=1))
        late = _second(client, _code(FIXED_NOW + timedelta(minutes=5)))
        assert late.status_code == 302 and late.headers["Location"].endswith("/auth/login")
        assert _sessions(user) == 0 and not _signed_in(client)
        with client.session_transaction() as cookie:
            assert "second_step" not in cookie
        assert "not entered in time" in client.get("/auth/login").get_data(as_text=True)


def test_an_account_without_a_second_factor_signs_in_with_its_password_alone(client, fixed_clock):
    user = make_user(Role.HANDLER)
    user.totp_secret = SECRET  # an enrolment begun and not confirmed is not a second factor
    db.session.commit()
    assert _password(client, user).headers["Location"] == "/staff/users/" and _sessions(user) == 1


# --- Required for administrators and managers in production --------------------------------------------------

def test_production_requires_it_of_administrators_and_managers_only():
    assert ProductionConfig.TOTP_REQUIRED_ROLES == ("admin", "manager")
    assert Config.TOTP_REQUIRED_ROLES == TestConfig.TOTP_REQUIRED_ROLES == ()


def _staff_pages(app):
    """Every GET page without URL arguments that is not public."""
    for rule in app.url_map.iter_rules():
        view = app.view_functions[rule.endpoint]
        if "GET" in rule.methods and not rule.arguments and getattr(view, "access_rule", None) != "public":
            yield rule.rule


def test_a_required_role_without_a_second_factor_reaches_only_the_enrolment_page(client, app_ctx, monkeypatch,
                                                                                  fixed_clock):
    monkeypatch.setitem(app_ctx.config, "TOTP_REQUIRED_ROLES", ("admin", "manager"))
    client.set_cookie("lang", "en")
    admin = make_user(Role.ADMIN)
    assert _password(client, admin).status_code == 302 and _sessions(admin) == 1
    pages = [p for p in _staff_pages(app_ctx) if p != "/auth/two-factor/"]
    assert "/staff/" in pages and "/staff/users/" in pages and "/auth/password" in pages
    for page in pages:
        response = client.get(page)
        assert response.status_code == 302 and response.headers["Location"] == "/auth/two-factor/", page
    fragment = client.get("/staff/users/", headers={"HX-Request": "true"})
    assert fragment.status_code == 204 and fragment.headers["HX-Redirect"] == "/auth/two-factor/"
    assert client.post("/staff/users/new", data={}).status_code == 302
    enrol = client.get("/auth/two-factor/")
    assert enrol.status_code == 200 and "Your role requires two-step sign-in" in enrol.get_data(as_text=True)
    secret = reload(admin).totp_secret
    assert client.post("/auth/two-factor/enable", data={"code": _code(fixed_clock, secret)}).status_code == 200
    assert client.get("/staff/users/").status_code == 200

    manager, desk = make_user(Role.MANAGER), make_user(Role.DESK_OFFICER)
    for user, reachable in ((manager, False), (desk, True)):
        browser = client.application.test_client()
        _password(browser, user)
        assert (browser.get("/staff/").status_code == 200) is reachable


# --- The administrators' reset -------------------------------------------------------------------------------

def test_an_administrator_resets_a_lost_phone_ends_the_sessions_and_is_audited(client, fixed_clock):
    client.set_cookie("lang", "en")
    officer, _ = _with_totp(Role.HANDLER, codes=True)
    phone = client.application.test_client()
    _password(phone, officer)
    _second(phone, _code(fixed_clock))
    assert _signed_in(phone) and _sessions(officer) == 1
    admin = make_user(Role.ADMIN)
    _password(client, admin)
    edit = client.get(f"/staff/users/{officer.id}").get_data(as_text=True)
    assert "Reset two-step sign-in" in edit

    unconfirmed = client.post(f"/staff/users/{officer.id}/reset-two-factor", data={})
    assert unconfirmed.status_code == 302 and reload(officer).has_second_factor

    done = client.post(f"/staff/users/{officer.id}/reset-two-factor", data={"confirm": "y"})
    assert done.status_code == 302
    officer = reload(officer)
    assert not officer.has_second_factor and officer.totp_secret is None and hashes_of(officer) == []
    assert _sessions(officer) == 0 and not _signed_in(phone)
    [event] = events("user.reset_two_factor")
    assert event.actor_id == admin.id and event.object_id == str(officer.id)


def test_an_administrator_cannot_reset_their_own_second_factor_without_a_code(client, fixed_clock):
    admin, _ = _with_totp(Role.ADMIN)
    _password(client, admin)
    _second(client, _code(fixed_clock))
    assert "reset-two-factor" not in client.get(f"/staff/users/{admin.id}").get_data(as_text=True)
    client.post(f"/staff/users/{admin.id}/reset-two-factor", data={"confirm": "y"})
    assert reload(admin).has_second_factor and events("user.reset_two_factor") == [] and _sessions(admin) == 1


def test_the_operator_resets_the_last_administrators_second_factor_on_the_server(app_ctx, fixed_clock):
    admin, _ = _with_totp(Role.ADMIN, codes=True)
    result = app_ctx.test_cli_runner().invoke(args=["reset-two-factor", "--email", admin.email.upper()])
    assert result.exit_code == 0, result.output
    assert not reload(admin).has_second_factor and hashes_of(admin) == []
    [event] = events("user.reset_two_factor")
    assert event.actor_id is None and event.actor_name == "system"
    unknown = app_ctx.test_cli_runner().invoke(args=["reset-two-factor", "--email", "nobody@gianghia.gov.vn"])
    assert unknown.exit_code == 1 and "No account" in unknown.output
