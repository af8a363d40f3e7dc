"""Account commands and queries. Services flush and audit; the view commits."""
from __future__ import annotations

import functools
from datetime import UTC, datetime

from argon2 import PasswordHasher, profiles
from argon2.exceptions import InvalidHashError, VerificationError
from flask import current_app
from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select

from portal.auth.models import StaffUser, UserRole
from portal.auth.rules import Throttle, password_problems
from portal.core import audit
from portal.core.access import Role
from portal.core.db import db
from portal.core.errors import Conflict, DomainError
from portal.core.pagination import Page, paginate_list
from portal.core.text import fold, nfc, sort_key


@functools.cache
def _hasher_for(profile: str) -> tuple[PasswordHasher, str]:
    """The hasher (RFC 9106 low-memory profile in production) and a dummy hash made with it:
    verifying against the dummy keeps unknown e-mails as slow as wrong passwords."""
    hasher = PasswordHasher.from_parameters(getattr(profiles, profile))
    return hasher, hasher.hash("not-a-real-password-0")


def _hasher() -> PasswordHasher:
    return _hasher_for(current_app.config["ARGON2_PROFILE"])[0]

ROLE_LABELS = {
    Role.ADMIN: _l("Administrator"),
    Role.MANAGER: _l("Manager"),
    Role.UNIT_HEAD: _l("Unit head"),
    Role.HANDLER: _l("Handler"),
    Role.DESK_OFFICER: _l("Desk officer"),
}

PASSWORD_MESSAGES = {
    "too_short": _l("The password is too short."),
    "contains_email": _l("The password must not contain your e-mail name."),
    "too_simple": _l("The password is too simple."),
}


class LoginFailed(DomainError):
    status_code = 401


def _aware(moment: datetime | None) -> datetime | None:
    if moment is not None and moment.tzinfo is None:
        return moment.replace(tzinfo=UTC)
    return moment


def hash_password(password: str) -> str:
    return _hasher().hash(password)


def _throttle() -> Throttle:
    return Throttle(current_app.config["LOGIN_MAX_FAILURES"], current_app.config["LOGIN_LOCK_MINUTES"])


def check_new_password(password: str, user_email: str = "") -> None:
    problems = password_problems(password, current_app.config["PASSWORD_MIN_LENGTH"], user_email)
    if problems:
        raise DomainError(PASSWORD_MESSAGES[problems[0]], field="password")


def find_by_email(email: str) -> StaffUser | None:
    return db.session.scalar(select(StaffUser).where(func.lower(StaffUser.email) == email.strip().lower()))


def authenticate(email: str, password: str, now: datetime) -> StaffUser:
    """Return the account, or raise LoginFailed with one message for every kind of failure."""
    failed = LoginFailed(_l("Wrong e-mail or password, or the account is locked. Try again later."))
    user = find_by_email(email)
    if user is None:
        try:
            _hasher().verify(_hasher_for(current_app.config["ARGON2_PROFILE"])[1], password)
        except VerificationError:
            pass
        raise failed
    throttle = _throttle()
    if throttle.is_locked(_aware(user.locked_until), now):
        raise failed
    try:
        _hasher().verify(user.password_hash, password)
    except (VerificationError, InvalidHashError):
        user.failed_logins, user.locked_until = throttle.after_failure(user.failed_logins, now)
        if user.locked_until:
            audit.record("account.locked", "staff_user", user.id, summary=user.email, actor=user)
        db.session.flush()
        raise failed from None  # the same failure as an unknown address: nothing about the hash leaks
    if not user.is_active:
        raise failed
    if _hasher().check_needs_rehash(user.password_hash):
        user.password_hash = hash_password(password)
    user.failed_logins, user.locked_until, user.last_login_at = 0, None, now
    audit.record("auth.login", "staff_user", user.id, summary=user.email, actor=user)
    db.session.flush()
    return user


def load_session_user(session_id: str) -> StaffUser | None:
    """Flask-Login loader: the id carries the session version, so a bump ends old sessions."""
    try:
        user_id, version = (int(part) for part in session_id.split(":"))
    except ValueError:
        return None
    user = db.session.get(StaffUser, user_id)
    if user is None or user.session_version != version or not user.is_active:
        return None
    return user


def _set_roles(user: StaffUser, roles) -> None:
    wanted = {Role(r) for r in roles}
    user.roles = [r for r in user.roles if Role(r.role) in wanted]
    held = {Role(r.role) for r in user.roles}
    for role in sorted(wanted - held):
        user.roles.append(UserRole(role=role.value))


UNIT_FREE_ROLES = {Role.ADMIN, Role.MANAGER}


def _check_unit(unit_id, roles) -> None:
    """Unit heads, handlers and desk officers work in a unit; administrators and managers may not."""
    if not unit_id and {Role(r) for r in roles} - UNIT_FREE_ROLES:
        raise DomainError(_l("Choose the unit this person works in."), field="unit_id")


def create_user(*, email: str, full_name: str, unit_id: int | None, roles, password: str) -> StaffUser:
    email = email.strip().lower()
    _check_unit(unit_id, roles)
    if find_by_email(email):
        raise DomainError(_l("An account with this e-mail already exists."), field="email")
    check_new_password(password, email)
    user = StaffUser(email=email, full_name=nfc(full_name), unit_id=unit_id, password_hash=hash_password(password))
    _set_roles(user, roles)
    db.session.add(user)
    db.session.flush()
    audit.record("user.create", "staff_user", user.id, after=audit.snapshot(user, StaffUser.AUDITED), summary=email)
    return user


def update_user(user: StaffUser, *, expected_version: int, email: str, full_name: str, unit_id, roles,
                is_active: bool) -> StaffUser:
    if user.version != expected_version:
        raise Conflict(_l("This account was changed by someone else while you were editing. Your changes were not saved; review the current data and try again."))
    email = email.strip().lower()
    other = find_by_email(email)
    if other is not None and other.id != user.id:
        raise DomainError(_l("An account with this e-mail already exists."), field="email")
    _check_unit(unit_id, roles)
    keeps_admin = Role.ADMIN.value in {str(r) for r in roles} and is_active
    if Role.ADMIN in user.role_set and user.is_active_account and not keeps_admin and count_admins_active() <= 1:
        raise DomainError(_l("This is the last active administrator: give the role to someone else first."),
                          field="roles")
    before = audit.snapshot(user, StaffUser.AUDITED)
    user.version += 1
    user.email, user.full_name, user.unit_id = email, nfc(full_name), unit_id
    _set_roles(user, roles)
    if user.is_active_account and not is_active:
        user.session_version += 1  # a deactivated account loses its sessions at once
    user.is_active_account = is_active
    db.session.flush()
    audit.record("user.update", "staff_user", user.id, before=before, after=audit.snapshot(user, StaffUser.AUDITED),
                 summary=user.email)
    return user


def change_password(user: StaffUser, current_password: str, new_password: str) -> None:
    try:
        _hasher().verify(user.password_hash, current_password)
    except (VerificationError, InvalidHashError):
        raise DomainError(_l("The current password is wrong."), field="current_password") from None
    check_new_password(new_password, user.email)
    user.password_hash = hash_password(new_password)
    user.session_version += 1  # other sessions end; the view logs this one in again
    db.session.flush()
    audit.record("user.change_password", "staff_user", user.id, summary=user.email)


def reset_password(user: StaffUser, new_password: str) -> None:
    """Admin reset: sets a new password and ends every session of the account."""
    check_new_password(new_password, user.email)
    user.password_hash = hash_password(new_password)
    user.session_version += 1
    user.failed_logins, user.locked_until = 0, None
    db.session.flush()
    audit.record("user.reset_password", "staff_user", user.id, summary=user.email)


def list_users(page: int, per_page: int, unit_id: int | None = None, query: str = "") -> Page:
    """Staff list in Vietnamese order of names; staff lists are small enough to sort in Python."""
    stmt = select(StaffUser)
    if unit_id:
        stmt = stmt.where(StaffUser.unit_id == unit_id)
    users = list(db.session.scalars(stmt))
    if query:
        needle = fold(query)
        users = [u for u in users if needle in fold(u.full_name) or needle in u.email]
    users.sort(key=lambda u: sort_key(u.full_name))
    return paginate_list(users, page, per_page)


def count_admins_active() -> int:
    return db.session.scalar(
        select(func.count(StaffUser.id)).join(UserRole).where(UserRole.role == Role.ADMIN.value,
                                                             StaffUser.is_active_account.is_(True))
    )
