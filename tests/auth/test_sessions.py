"""Sessions end on the server (issue 13 point 4): a copy of the session cookie taken while signed in is refused
after sign-out, after a password change and after an administrator deactivates the account. Sign-out ends
that browser's session only; a password change or a deactivation ends every session of the account."""
from __future__ import annotations

from urllib.parse import urlsplit

from sqlalchemy import select

from portal.core.access import Role
from portal.core.db import db
from tests.auth.helpers import reload
from tests.factories import PASSWORD, login, make_user

NEW_PASSWORD = "Mat-khau-moi-tot-2026"


def _browser(client, user=None):
    other = client.application.test_client()
    if user is not None:
        assert login(other, user).status_code == 302
    return other


def _copy(client) -> str:
    return client.get_cookie("session").value


def _replay(client, cookie: str):
    """The copied cookie sent from another browser (a stolen copy, or the back-up of this one)."""
    thief = client.application.test_client()
    thief.set_cookie("session", cookie)
    return thief.get("/staff/")


def _session_owners() -> list[int]:
    """The user of every server-side session row (imported here: the table is new with issue 13)."""
    from portal.auth.models import StaffSession

    return list(db.session.scalars(select(StaffSession.user_id)))


def _refused(response) -> bool:
    return response.status_code == 302 and urlsplit(response.headers["Location"]).path == "/auth/login"


def test_a_copied_cookie_is_refused_after_sign_out(client):
    user = make_user(Role.HANDLER)
    assert login(client, user).status_code == 302
    cookie = _copy(client)
    assert _replay(client, cookie).status_code == 200  # the copy works while the session lasts

    assert client.post("/auth/logout").status_code == 302
    assert _refused(_replay(client, cookie))
    assert _session_owners() == []


def test_sign_out_ends_this_browsers_session_only(client):
    user = make_user(Role.HANDLER)
    here, elsewhere = _browser(client, user), _browser(client, user)
    here.post("/auth/logout")
    assert _refused(here.get("/staff/"))
    assert elsewhere.get("/staff/").status_code == 200


def test_a_copied_cookie_is_refused_after_a_password_change(client):
    user = make_user(Role.HANDLER)
    here = _browser(client, user)
    cookie = _copy(here)
    response = here.post("/auth/password", data={"current_password": PASSWORD, "password": NEW_PASSWORD,
                                                "confirm": NEW_PASSWORD})
    assert response.status_code == 302
    assert here.get("/staff/").status_code == 200  # this browser goes on with a new session
    assert _refused(_replay(client, cookie))
    assert _session_owners() == [user.id]  # only this browser's new session


def test_a_copied_cookie_is_refused_after_deactivation_and_stays_refused_after_reactivation(client):
    admin, user = make_user(Role.ADMIN), make_user(Role.HANDLER)
    as_admin = _browser(client, admin)
    cookie = _copy(_browser(client, user))

    data = {"full_name": user.full_name, "email": user.email, "unit_id": str(user.unit_id), "roles": ["handler"],
            "version": str(user.version)}
    assert as_admin.post(f"/staff/users/{user.id}", data=data).status_code == 302  # is_active unticked
    assert reload(user).is_active_account is False
    assert _refused(_replay(client, cookie))

    data.update(is_active="y", version=str(reload(user).version))
    assert as_admin.post(f"/staff/users/{user.id}", data=data).status_code == 302
    assert reload(user).is_active_account is True
    assert _refused(_replay(client, cookie))


def test_rows_of_sessions_older_than_their_cookie_are_forgotten_at_the_next_sign_in(client, fixed_clock):
    from datetime import timedelta

    from portal.auth import services

    user = make_user(Role.HANDLER)
    lifetime = client.application.config["PERMANENT_SESSION_LIFETIME"]
    services.start_session(user, fixed_clock - lifetime - timedelta(minutes=1))  # an old, never signed-out one
    services.start_session(user, fixed_clock - lifetime + timedelta(minutes=1))  # still within its cookie's life
    db.session.commit()
    assert login(client, user).status_code == 302
    assert _session_owners() == [user.id, user.id]
