"""Login throttling without a lock for attackers to use (issue 13 point 3): failures count per (account,
client address) with growing delays, and per account across addresses only against addresses that failed
before; the owner, with the right password from another address, always gets in. Unknown e-mails, throttled
and wrong passwords answer alike."""
from __future__ import annotations

from datetime import timedelta

import time_machine

from portal.auth import services
from portal.core.access import Role
from tests.auth.helpers import events, form_alert
from tests.factories import PASSWORD, make_user

WRONG = "wrong-password-123"
ATTACKER, OWNER, OTHER = "203.0.113.66", "198.51.100.7", "192.0.2.44"


def _login(client, email, password, address):
    client.post("/auth/logout")
    return client.post("/auth/login", data={"email": email, "password": password},
                       environ_base={"REMOTE_ADDR": address})


def _signed_in(client, address) -> bool:
    """From the same address: the session protection ("strong") ends a session that changes address."""
    return client.get("/staff/", environ_base={"REMOTE_ADDR": address}).status_code == 200


def test_the_owner_signs_in_from_another_address_while_an_attacker_hammers(client, app_ctx, fixed_clock):
    user = make_user(Role.HANDLER)
    for _ in range(3 * app_ctx.config["LOGIN_MAX_FAILURES"]):
        assert _login(client, user.email, WRONG, ATTACKER).status_code == 422
    owner = client.application.test_client()
    assert _login(owner, user.email, PASSWORD, OWNER).status_code == 302
    assert _signed_in(owner, OWNER)
    assert [e.actor_id for e in events("auth.login")] == [user.id]


def test_the_attackers_pair_is_refused_even_with_the_right_password_for_a_growing_window(client, app_ctx):
    """After LOGIN_MAX_FAILURES failures the pair waits 1 minute, then 2 after one more failure, and so on.
    Decision: during its window the pair is refused unheard, right password or not (else the window would
    not slow guessing at all); the same account from another address is not."""
    user = make_user(Role.HANDLER)
    with time_machine.travel("2027-03-10 02:00:00+00:00", tick=False) as traveller:
        for _ in range(app_ctx.config["LOGIN_MAX_FAILURES"]):
            _login(client, user.email, WRONG, ATTACKER)
        assert _login(client, user.email, PASSWORD, ATTACKER).status_code == 422
        assert not _signed_in(client, ATTACKER)
        other = client.application.test_client()
        assert _login(other, user.email, PASSWORD, OTHER).status_code == 302

        traveller.shift(timedelta(seconds=59))
        assert _login(client, user.email, PASSWORD, ATTACKER).status_code == 422
        traveller.shift(timedelta(seconds=2))  # the first window (1 minute) is over
        assert _login(client, user.email, WRONG, ATTACKER).status_code == 422  # one more failure: 2 minutes
        traveller.shift(timedelta(seconds=100))
        assert _login(client, user.email, PASSWORD, ATTACKER).status_code == 422
        traveller.shift(timedelta(seconds=21))
        assert _login(client, user.email, PASSWORD, ATTACKER).status_code == 302
        assert _signed_in(client, ATTACKER)


def test_the_account_ceiling_slows_addresses_that_failed_before_but_never_a_new_one(client, app_ctx,
                                                                                  monkeypatch, fixed_clock):
    monkeypatch.setitem(app_ctx.config, "LOGIN_ACCOUNT_MAX_FAILURES", 3)
    user = make_user(Role.HANDLER)
    addresses = ["203.0.113.1", "203.0.113.2", "203.0.113.3"]
    for address in addresses:  # one failure each: no pair is throttled, the account's ceiling is reached
        _login(client, user.email, WRONG, address)
    assert _login(client, user.email, PASSWORD, addresses[0]).status_code == 422
    assert not _signed_in(client, addresses[0])
    assert _login(client, user.email, PASSWORD, OWNER).status_code == 302
    assert _signed_in(client, OWNER)


def test_unknown_throttled_and_wrong_password_answer_alike(client, app_ctx, fixed_clock):
    client.set_cookie("lang", "en")
    user = make_user(Role.HANDLER)
    unknown = _login(client, "nobody@gianghia.gov.vn", PASSWORD, OTHER)
    wrong = _login(client, user.email, WRONG, OWNER)
    for _ in range(app_ctx.config["LOGIN_MAX_FAILURES"]):
        _login(client, user.email, WRONG, ATTACKER)
    throttled = _login(client, user.email, PASSWORD, ATTACKER)
    assert unknown.status_code == wrong.status_code == throttled.status_code == 422
    messages = {form_alert(r.get_data(as_text=True)) for r in (unknown, wrong, throttled)}
    assert messages == {"Wrong e-mail or password, or too many attempts. Try again later."}


def test_unknown_email_is_throttled_like_a_known_one(client, app_ctx, fixed_clock, monkeypatch):
    """Otherwise the throttle itself would tell which e-mails have accounts."""
    calls = []
    monkeypatch.setattr(services, "throttled", lambda email, address, now: calls.append(email) or False)
    _login(client, "nobody@gianghia.gov.vn", WRONG, ATTACKER)
    assert calls == ["nobody@gianghia.gov.vn"]
    monkeypatch.undo()
    for _ in range(app_ctx.config["LOGIN_MAX_FAILURES"]):
        _login(client, "nobody@gianghia.gov.vn", WRONG, ATTACKER)
    assert services.throttled("nobody@gianghia.gov.vn", ATTACKER, fixed_clock + timedelta(seconds=30))
    assert not services.throttled("nobody@gianghia.gov.vn", OTHER, fixed_clock + timedelta(seconds=30))


def _spy_verify(monkeypatch):
    calls = []
    real = services._verify

    def spy(stored_hash, password):
        calls.append(stored_hash)
        return real(stored_hash, password)

    monkeypatch.setattr(services, "_verify", spy)
    return calls


def test_unknown_and_throttled_attempts_verify_a_dummy_hash(client, app_ctx, monkeypatch, fixed_clock):
    """No timers: every path checks one argon2 hash, a dummy one when there is no account to check."""
    user = make_user(Role.HANDLER)
    calls = _spy_verify(monkeypatch)
    _login(client, "nobody@gianghia.gov.vn", PASSWORD, OTHER)
    assert calls == [services._dummy_hash()]

    calls.clear()
    _login(client, user.email, WRONG, OWNER)
    assert calls == [user.password_hash]

    for _ in range(app_ctx.config["LOGIN_MAX_FAILURES"]):
        _login(client, user.email, WRONG, ATTACKER)
    calls.clear()
    _login(client, user.email, PASSWORD, ATTACKER)
    assert calls == [services._dummy_hash()]


def test_guesses_of_the_current_password_are_throttled_like_sign_ins(client, app_ctx, fixed_clock):
    client.set_cookie("lang", "en")
    user = make_user(Role.HANDLER)
    assert _login(client, user.email, PASSWORD, ATTACKER).status_code == 302
    new = "Mat-khau-moi-tot-2026"

    def change(current):
        return client.post("/auth/password", data={"current_password": current, "password": new, "confirm": new},
                           environ_base={"REMOTE_ADDR": ATTACKER})

    for _ in range(app_ctx.config["LOGIN_MAX_FAILURES"]):
        assert change("not-my-password-1").status_code == 422
    refused = change(PASSWORD)
    assert refused.status_code == 422
    assert "too many attempts" in refused.get_data(as_text=True)
    assert events("user.change_password") == []
    # The same throttle as the sign-in: this address is refused there too; another address is not.
    assert _login(client, user.email, PASSWORD, ATTACKER).status_code == 422
    assert _login(client, user.email, PASSWORD, OWNER).status_code == 302
