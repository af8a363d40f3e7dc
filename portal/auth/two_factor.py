"""The staff second factor (TOTP, RFC 6238; issue 13 point 3): enrolment, the sign-in's second step, recovery codes,
switching off and the administrators' reset. Services flush and audit; the view commits."""
from __future__ import annotations

import secrets
from datetime import datetime

import pyotp
from flask import current_app
from flask_babel import lazy_gettext as _l
from sqlalchemy import func, or_, select, update

from portal.auth import rules, services
from portal.auth.models import RecoveryCode, StaffUser
from portal.core import audit
from portal.core.db import db
from portal.core.errors import DomainError

# Failures of the second step are counted under this account key per address (LoginFailureCount). Upper case on
# purpose: services._account_key lower-cases every e-mail typed at the sign-in, so no typed e-mail shares them.
THROTTLE_KEY = "2FA:{id}"

WRONG_CODE = _l("Wrong code, or too many attempts. Try again later.")


class WrongCode(DomainError):
    """A refused code (or password). `counts`: a guess that was heard, which the view records with
    record_failure after the transaction's rollback (refusals unheard, while throttled, do not count)."""

    status_code = 422

    def __init__(self, message=WRONG_CODE, field: str | None = "code", counts: bool = False):
        super().__init__(message, field)
        self.counts = counts


def _key(user: StaffUser) -> str:
    return THROTTLE_KEY.format(id=user.id)


def is_required(user: StaffUser) -> bool:
    return rules.second_factor_required(user.role_list, current_app.config.get("TOTP_REQUIRED_ROLES") or ())


def must_enrol(user: StaffUser) -> bool:
    """Signed in only to the enrolment page: the account's role needs a second factor it does not have yet."""
    return is_required(user) and not user.has_second_factor


def throttled(user: StaffUser, address: str | None, now: datetime) -> bool:
    return services._throttle().code_refused(*services.failure_counts(_key(user), address), now)


def record_failure(user: StaffUser, address: str | None, now: datetime) -> None:
    services.record_failure_of(_key(user), address, now)


def unused_recovery_codes(user: StaffUser) -> int:
    return db.session.scalar(select(func.count(RecoveryCode.id)).where(RecoveryCode.user_id == user.id,
                                                                      RecoveryCode.used_at.is_(None)))


# --- Enrolment ---------------------------------------------------------------------------------------------------

def pending_secret(user: StaffUser) -> str:
    """The secret being enrolled, made on first need and kept on the account (never in a URL or the cookie) until a
    first code confirms it: a reload or a second tab shows the same one."""
    if user.has_second_factor:
        raise DomainError(_l("Two-step sign-in is already on."))
    if not user.totp_secret:
        user.totp_secret = pyotp.random_base32()  # 32 characters, 160 bits (RFC 4226's recommended length)
        db.session.flush()
    return user.totp_secret


def provisioning_uri(user: StaffUser, secret: str) -> str:
    return pyotp.TOTP(secret, digits=rules.TOTP_DIGITS).provisioning_uri(
        name=user.email, issuer_name=current_app.config["TOTP_ISSUER"])


def _new_recovery_codes(user: StaffUser, now: datetime) -> list[str]:
    """A new set replaces the old one; only argon2 hashes are stored, the codes are shown once."""
    db.session.execute(RecoveryCode.__table__.delete().where(RecoveryCode.user_id == user.id))
    codes = ["".join(secrets.choice(rules.RECOVERY_ALPHABET) for _ in range(rules.RECOVERY_CODE_LENGTH))
             for _ in range(rules.RECOVERY_CODE_COUNT)]
    db.session.add_all(RecoveryCode(user_id=user.id, code_hash=services.hash_password(code), created_at=now)
                       for code in codes)
    db.session.flush()
    return [rules.format_recovery_code(code) for code in codes]


def enable(user: StaffUser, code: str, now: datetime) -> list[str]:
    """Switch the second factor on with a first code from the app; returns the recovery codes, to show once."""
    if user.has_second_factor:
        raise DomainError(_l("Two-step sign-in is already on."))
    step = rules.accepted_step(user.totp_secret or "", rules.normalise_code(code), now, None) \
        if user.totp_secret else None
    if step is None:
        raise DomainError(_l("This code is not right. Check that the phone's clock is right and type the code "
                             "the app shows now."), field="code")
    user.totp_enabled_at, user.totp_last_step = now, step
    codes = _new_recovery_codes(user, now)
    audit.record("auth.two_factor_on", "staff_user", user.id, summary=user.email)
    return codes


# --- Codes: the sign-in's second step and confirmations ------------------------------------------------------

def _spend_recovery_code(user: StaffUser, code: str, now: datetime) -> bool:
    if len(code) != rules.RECOVERY_CODE_LENGTH:
        return False
    rows = db.session.scalars(select(RecoveryCode).where(RecoveryCode.user_id == user.id,
                                                         RecoveryCode.used_at.is_(None)).with_for_update())
    for row in rows:
        if services._verify(row.code_hash, code):
            row.used_at = now
            return True
    return False


def _take_step(user: StaffUser, step: int) -> bool:
    """Record `step` as the last accepted one unless an equal or later one was accepted meanwhile: one conditional
    UPDATE, so two requests racing with the same code cannot both pass."""
    result = db.session.execute(update(StaffUser).where(
        StaffUser.id == user.id, or_(StaffUser.totp_last_step.is_(None), StaffUser.totp_last_step < step),
    ).values(totp_last_step=step).execution_options(synchronize_session=False))
    if result.rowcount != 1:
        return False
    user.totp_last_step = step
    return True


def check_code(user: StaffUser, text: str, now: datetime, address: str | None, message=WRONG_CODE) -> str:
    """Accept a current TOTP code (once: totp_last_step) or spend a recovery code; returns "code" or "recovery".
    Raises WrongCode, with one message for every refusal, throttled per (account, address)."""
    if throttled(user, address, now):
        raise WrongCode(message)
    code = rules.normalise_code(text)
    if rules.is_totp_code(code):
        step = rules.accepted_step(user.totp_secret, code, now, user.totp_last_step)
        if step is None or not _take_step(user, step):
            raise WrongCode(message, counts=True)
        how = "code"
    elif _spend_recovery_code(user, code, now):
        how = "recovery"
    else:
        raise WrongCode(message, counts=True)
    services.forget_failures(_key(user), address)
    db.session.flush()
    return how


def pending_user(user_id, session_version, started_at: datetime | None, now: datetime) -> StaffUser | None:
    """The account a sign-in's second step is for, or None when that step has expired (rules.SECOND_STEP_LIFETIME)
    or the account changed meanwhile (password reset, deactivated, second factor reset)."""
    if not isinstance(user_id, int) or started_at is None or rules.second_step_expired(started_at, now):
        return None
    user = db.session.get(StaffUser, user_id)
    if user is None or not user.is_active or user.session_version != session_version or not user.has_second_factor:
        return None
    return user


def verify_second_step(user: StaffUser, text: str, now: datetime, address: str | None) -> int | None:
    """Complete a sign-in with a code; returns how many recovery codes are left when one was spent, else None."""
    how = check_code(user, text, now, address)
    services.finish_login(user, now, how=f"({how})")
    db.session.flush()
    return unused_recovery_codes(user) if how == "recovery" else None


def regenerate_recovery_codes(user: StaffUser, text: str, now: datetime, address: str | None) -> list[str]:
    if not user.has_second_factor:
        raise DomainError(_l("Two-step sign-in is off."))
    check_code(user, text, now, address)
    codes = _new_recovery_codes(user, now)
    audit.record("auth.recovery_codes", "staff_user", user.id, summary=user.email)
    return codes


def _switch_off(user: StaffUser) -> None:
    user.totp_secret = user.totp_enabled_at = user.totp_last_step = None
    db.session.execute(RecoveryCode.__table__.delete().where(RecoveryCode.user_id == user.id))
    services.forget_failures(_key(user))


def disable(user: StaffUser, text: str, now: datetime, address: str | None) -> None:
    """The officer's own switch-off, confirmed with the current password or a code (TOTP or recovery); guesses are
    throttled like codes."""
    if not user.has_second_factor:
        raise DomainError(_l("Two-step sign-in is off."))
    message = _l("Wrong password or code, or too many attempts. Try again later.")
    if throttled(user, address, now):
        raise WrongCode(message)
    if rules.is_totp_code(rules.normalise_code(text)) or not services._verify(user.password_hash, text):
        check_code(user, text, now, address, message)
    _switch_off(user)
    db.session.flush()
    audit.record("auth.two_factor_off", "staff_user", user.id, summary=user.email)


def reset(user: StaffUser, actor: StaffUser | None) -> None:
    """An administrator's reset for a lost phone: the second factor and its recovery codes go, every session of the
    account ends. Not for one's own account: that is `disable`, which asks for a code. `actor` None: the operator's
    `flask reset-two-factor` on the server (the last administrator's lost phone)."""
    if actor is not None and user.id == actor.id:
        raise DomainError(_l("You cannot reset your own two-step sign-in here: switch it off on your two-step "
                             "sign-in page, with a code."))
    if not user.has_second_factor and not user.totp_secret:
        raise DomainError(_l("This account does not use two-step sign-in."))
    _switch_off(user)
    services._end_all_sessions(user)
    db.session.flush()
    audit.record("user.reset_two_factor", "staff_user", user.id, summary=user.email, actor=actor)
