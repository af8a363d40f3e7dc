"""Account commands and queries. Services flush and audit; the view commits."""
from __future__ import annotations

import functools
import secrets
from datetime import UTC, datetime, timedelta

from argon2 import PasswordHasher, profiles
from argon2.exceptions import InvalidHashError, VerificationError
from flask import current_app
from flask_babel import lazy_gettext as _l
from sqlalchemy import delete, func, select
from sqlalchemy.exc import IntegrityError

from portal.auth.models import LoginFailureCount, StaffSession, StaffUser, UserRole
from portal.auth.rules import Count, LoginThrottle, password_problems
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


def _dummy_hash() -> str:
    return _hasher_for(current_app.config["ARGON2_PROFILE"])[1]


def _verify(stored_hash: str, password: str) -> bool:
    """argon2 verification; the one place a password is checked (tests spy on it)."""
    try:
        return _hasher().verify(stored_hash, password)
    except (VerificationError, InvalidHashError):
        return False


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
    "common": _l("This password is among the first that attackers try. Choose another."),
    "place_name": _l("A place's name with a year or a few digits is among the first passwords attackers try. "
                     "Choose another."),
    "weak": _l("The password is too easy to guess. Use a longer one, e.g. several unrelated words."),
}

# Names the strength check tries first besides the person's own (the town, province and ward names are in
# rules.PLACE_NAMES): the committee's as configured.
_PLACE_SETTINGS = ("TOWN_NAME", "COMMITTEE_NAME")


class LoginFailed(DomainError):
    status_code = 401


def _aware(moment: datetime | None) -> datetime | None:
    if moment is not None and moment.tzinfo is None:
        return moment.replace(tzinfo=UTC)
    return moment


def hash_password(password: str) -> str:
    return _hasher().hash(password)


def _throttle() -> LoginThrottle:
    config = current_app.config
    return LoginThrottle(pair_free=config["LOGIN_MAX_FAILURES"],
                         account_free=config["LOGIN_ACCOUNT_MAX_FAILURES"],
                         max_delay=timedelta(minutes=config["LOGIN_MAX_DELAY_MINUTES"]))


def _places(unit_id: int | None = None) -> list[str]:
    places = [str(current_app.config[key]) for key in _PLACE_SETTINGS if current_app.config.get(key)]
    if unit_id:
        from portal.units.models import Unit

        unit = db.session.get(Unit, unit_id)
        if unit is not None:
            places.append(unit.name)
    return places


def check_new_password(password: str, user_email: str = "", full_name: str = "", unit_id: int | None = None,
                       check_strength: bool = True) -> None:
    """Refuse a weak new password (DomainError beside the password field). `check_strength=False` (length and
    variety still checked) only for the demo's and the tests' accounts, whose passwords are deliberately weak and
    published: never for accounts an administrator creates or passwords a person sets."""
    problems = password_problems(password, current_app.config["PASSWORD_MIN_LENGTH"], user_email, full_name,
                                 places=_places(unit_id) if check_strength else (), check_strength=check_strength)
    if problems:
        raise DomainError(PASSWORD_MESSAGES[problems[0]], field="password")


# --- Login throttle: counters per (account, address) and per account ----------------------------------------

ANY_ADDRESS = "*"


def _account_key(email: str) -> str:
    return (email or "").strip().lower()[:200]


def _counter(account: str, address: str) -> LoginFailureCount | None:
    return db.session.scalar(select(LoginFailureCount).where(LoginFailureCount.account == account,
                                                             LoginFailureCount.address == address))


def _count(row: LoginFailureCount | None) -> Count | None:
    return None if row is None else Count(row.failures, _aware(row.until), _aware(row.last_failure_at))


def failure_counts(account: str, address: str | None) -> tuple[Count | None, Count | None]:
    """The stored counters of `account` from `address` and from every address."""
    return _count(_counter(account, address or "")), _count(_counter(account, ANY_ADDRESS))


def throttled(email: str, address: str | None, now: datetime) -> bool:
    """Whether attempts at `email` from `address` are refused now, unheard."""
    return _throttle().refused(*failure_counts(_account_key(email), address), now)


def _store(account: str, address: str, count: Count) -> None:
    row = _counter(account, address)
    if row is None:
        row = LoginFailureCount(account=account, address=address)
        try:
            with db.session.begin_nested():
                db.session.add(row)
                row.failures, row.until, row.last_failure_at = count.failures, count.until, count.last_failure
        except IntegrityError:  # another request recorded this pair's first failure meanwhile
            row = _counter(account, address)
    row.failures, row.until, row.last_failure_at = count.failures, count.until, count.last_failure


def record_failure(email: str, address: str | None, now: datetime) -> None:
    """One more failed password for `email` from `address` (the pair's and the account's counters)."""
    record_failure_of(_account_key(email), address, now)


def record_failure_of(account: str, address: str | None, now: datetime) -> None:
    """One more failure counted against `account` (an e-mail key, or the second factor's key) from `address`."""
    address = address or ""
    pair, every = _throttle().after_failure(*failure_counts(account, address), now)
    _store(account, address, pair)
    _store(account, ANY_ADDRESS, every)
    # Counters quiet for a day are forgotten by the rules; delete them so guesses at made-up e-mails do not pile up.
    db.session.execute(delete(LoginFailureCount).where(
        LoginFailureCount.last_failure_at < now - _throttle().forget_after))
    db.session.flush()


def _forget_pair(email: str, address: str | None) -> None:
    """A right password from this address: its own counter starts again (the account's stays)."""
    forget_failures(_account_key(email), address)


def forget_failures(account: str, address: str | None = ANY_ADDRESS) -> None:
    """The pair's counter starts again; with no address given, every counter of `account`."""
    stmt = delete(LoginFailureCount).where(LoginFailureCount.account == account)
    if address != ANY_ADDRESS:
        stmt = stmt.where(LoginFailureCount.address == (address or ""))
    db.session.execute(stmt)


def find_by_email(email: str) -> StaffUser | None:
    return db.session.scalar(select(StaffUser).where(func.lower(StaffUser.email) == email.strip().lower()))


def authenticate(email: str, password: str, now: datetime, address: str | None = None) -> StaffUser:
    """Return the account, or raise LoginFailed with one message and status for every kind of failure: unknown
    e-mail, wrong password, inactive account, or attempts from this address throttled (rules.LoginThrottle). An
    account with a second factor is not signed in yet: the view asks for its code (portal.auth.two_factor).
    Every path verifies one argon2 hash (a dummy one when there is no account or the attempt is refused
    unheard), so they take about the same time. The view commits after a failure to keep the counts."""
    failed = LoginFailed(_l("Wrong e-mail or password, or too many attempts. Try again later."))
    user = find_by_email(email)
    if throttled(email, address, now):
        _verify(_dummy_hash(), password)
        raise failed
    if user is None:
        _verify(_dummy_hash(), password)
        record_failure(email, address, now)  # unknown e-mails are throttled alike: nothing tells them apart
        raise failed
    if not _verify(user.password_hash, password):
        record_failure(email, address, now)
        raise failed  # the same failure as an unknown address: nothing about the hash leaks
    if not user.is_active:
        raise failed
    if _hasher().check_needs_rehash(user.password_hash):
        user.password_hash = hash_password(password)
    _forget_pair(email, address)
    if not user.has_second_factor:  # else the sign-in completes at the second step (two_factor.verify_second_step)
        finish_login(user, now)
    db.session.flush()
    return user


def finish_login(user: StaffUser, now: datetime, how: str = "") -> None:
    user.last_login_at = now
    audit.record("auth.login", "staff_user", user.id, summary=f"{user.email} {how}".strip(), actor=user)


# --- Server-side sessions -------------------------------------------------------------------------------------

def start_session(user: StaffUser, now: datetime) -> StaffUser:
    """A new server-side session for a sign-in; Flask-Login then stores `user.get_id()`, which carries it."""
    token = secrets.token_urlsafe(32)
    # Sessions nobody signed out of end with their cookie (PERMANENT_SESSION_LIFETIME); forget their rows.
    db.session.execute(delete(StaffSession).where(
        StaffSession.user_id == user.id,
        StaffSession.created_at < now - current_app.config["PERMANENT_SESSION_LIFETIME"]))
    db.session.add(StaffSession(token=token, user_id=user.id, created_at=now))
    db.session.flush()
    user.session_token = token
    return user


def end_session(user: StaffUser) -> None:
    """Sign-out: this browser's session ends on the server, the account's other sessions go on."""
    if user.session_token:
        db.session.execute(delete(StaffSession).where(StaffSession.token == user.session_token))


def _end_all_sessions(user: StaffUser) -> None:
    user.session_version += 1
    db.session.execute(delete(StaffSession).where(StaffSession.user_id == user.id))


def load_session_user(session_id: str) -> StaffUser | None:
    """Flask-Login loader: the id carries the session version and the session's token; a signed-out token or a
    bumped version ends the session."""
    try:
        user_part, version_part, token = session_id.split(":")
        user_id, version = int(user_part), int(version_part)
    except ValueError:
        return None
    user = db.session.get(StaffUser, user_id)
    if user is None or user.session_version != version or not user.is_active or not token:
        return None
    if db.session.scalar(select(StaffSession.user_id).where(StaffSession.token == token)) != user.id:
        return None
    user.session_token = token
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


def create_user(*, email: str, full_name: str, unit_id: int | None, roles, password: str,
                check_strength: bool = True) -> StaffUser:
    """`check_strength=False`: only seed-demo and tests, whose passwords are deliberately weak and public."""
    email = email.strip().lower()
    _check_unit(unit_id, roles)
    if find_by_email(email):
        raise DomainError(_l("An account with this e-mail already exists."), field="email")
    check_new_password(password, email, full_name, unit_id, check_strength=check_strength)
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
        _end_all_sessions(user)  # a deactivated account loses its sessions at once
    user.is_active_account = is_active
    db.session.flush()
    audit.record("user.update", "staff_user", user.id, before=before, after=audit.snapshot(user, StaffUser.AUDITED),
                 summary=user.email)
    return user


class WrongCurrentPassword(DomainError):
    """Refused current password on the change-password page. `counts`: a guess that was heard (not refused
    unheard), which the view records with record_failure after the transaction's rollback."""

    def __init__(self, message, field: str | None = None, counts: bool = False):
        super().__init__(message, field)
        self.counts = counts


def change_password(user: StaffUser, current_password: str, new_password: str, now: datetime,
                    address: str | None = None) -> None:
    """Guesses of the current password count like sign-in failures of the account from this address."""
    message = _l("The current password is wrong, or too many attempts. Try again later.")
    if throttled(user.email, address, now):
        _verify(_dummy_hash(), current_password)
        raise WrongCurrentPassword(message, field="current_password")
    if not _verify(user.password_hash, current_password):
        raise WrongCurrentPassword(message, field="current_password", counts=True)
    check_new_password(new_password, user.email, user.full_name, user.unit_id)
    user.password_hash = hash_password(new_password)
    _end_all_sessions(user)  # other sessions end; the view signs this one in again
    db.session.flush()
    audit.record("user.change_password", "staff_user", user.id, summary=user.email)


def reset_password(user: StaffUser, new_password: str) -> None:
    """Admin reset: sets a new password and ends every session of the account."""
    check_new_password(new_password, user.email, user.full_name, user.unit_id)
    user.password_hash = hash_password(new_password)
    _end_all_sessions(user)
    db.session.execute(delete(LoginFailureCount).where(LoginFailureCount.account == _account_key(user.email)))
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
