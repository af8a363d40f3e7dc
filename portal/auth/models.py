"""Staff accounts and their roles."""
from __future__ import annotations

from portal.core.access import Role
from portal.core.clock import utcnow
from portal.core.db import UTCDateTime, db


class StaffUser(db.Model):
    __tablename__ = "staff_user"

    id = db.Column(db.Integer, primary_key=True)
    email = db.Column(db.String(200), nullable=False, unique=True)
    full_name = db.Column(db.String(200), nullable=False)
    unit_id = db.Column(db.Integer, db.ForeignKey("unit.id", ondelete="RESTRICT"), index=True)
    password_hash = db.Column(db.String(255), nullable=False)
    is_active_account = db.Column(db.Boolean, nullable=False, default=True)
    # Bumped to end every session of the account (password change, admin reset, deactivation); sign-out ends
    # one session by deleting its StaffSession row.
    session_version = db.Column(db.Integer, nullable=False, default=1)
    last_login_at = db.Column(UTCDateTime())
    created_at = db.Column(UTCDateTime(), nullable=False, default=utcnow)
    # Edit version of the admin-editable fields, bumped by services.update_user only, so a sign-in
    # (which writes last_login_at) does not make an administrator's open form stale.
    version = db.Column(db.Integer, nullable=False, default=1)
    # Second factor (TOTP, RFC 6238; issue 13 point 3): the base32 secret, the moment it was switched on, and the
    # last time step accepted (a code is accepted once). A secret without `totp_enabled_at` is one being enrolled:
    # kept here, server side, until the officer confirms a first code (portal.auth.two_factor).
    totp_secret = db.Column(db.String(64))
    totp_enabled_at = db.Column(UTCDateTime())
    totp_last_step = db.Column(db.BigInteger)

    unit = db.relationship("Unit")
    roles = db.relationship("UserRole", cascade="all, delete-orphan", lazy="selectin")

    AUDITED = ("email", "full_name", "unit_id", "is_active_account", "role_list")

    # Flask-Login protocol
    is_authenticated = True
    is_anonymous = False

    @property
    def is_active(self) -> bool:
        return bool(self.is_active_account)

    # The server-side session this object was signed in or loaded with (set by the auth services, not stored).
    session_token = None  # str, or None before a sign-in

    def get_id(self) -> str:
        return f"{self.id}:{self.session_version}:{self.session_token or ''}"

    @property
    def has_second_factor(self) -> bool:
        return self.totp_enabled_at is not None and bool(self.totp_secret)

    @property
    def role_set(self) -> frozenset[Role]:
        return frozenset(Role(r.role) for r in self.roles)

    @property
    def role_list(self) -> list[str]:
        return sorted(r.role for r in self.roles)

    def has_role(self, *roles: Role) -> bool:
        return Role.ADMIN in self.role_set or bool(self.role_set & set(roles))

    def __repr__(self) -> str:
        return f"<StaffUser {self.email}>"


class UserRole(db.Model):
    __tablename__ = "user_role"

    id = db.Column(db.Integer, primary_key=True)
    user_id = db.Column(db.Integer, db.ForeignKey("staff_user.id", ondelete="CASCADE"), nullable=False)
    role = db.Column(db.String(20), nullable=False)

    __table_args__ = (
        db.UniqueConstraint("user_id", "role"),
        db.CheckConstraint(
            "role IN ('admin', 'manager', 'unit_head', 'handler', 'desk_officer')", name="role_known"
        ),
    )


class StaffSession(db.Model):
    """One signed-in browser. The cookie carries its token; signing out deletes the row, so a copy of the
    cookie kept from before is refused (issue 13 point 4). Password change, reset and deactivation delete every
    row of the account."""

    __tablename__ = "staff_session"

    token = db.Column(db.String(64), primary_key=True)
    user_id = db.Column(db.Integer, db.ForeignKey("staff_user.id", ondelete="CASCADE"), nullable=False, index=True)
    created_at = db.Column(UTCDateTime(), nullable=False, default=utcnow)


class RecoveryCode(db.Model):
    """A one-time recovery code for an officer's second factor, stored as an argon2 hash; `used_at` is set when
    it is spent. A new set replaces the old one."""

    __tablename__ = "staff_recovery_code"

    id = db.Column(db.Integer, primary_key=True)
    user_id = db.Column(db.Integer, db.ForeignKey("staff_user.id", ondelete="CASCADE"), nullable=False, index=True)
    code_hash = db.Column(db.String(255), nullable=False)
    used_at = db.Column(UTCDateTime())
    created_at = db.Column(UTCDateTime(), nullable=False, default=utcnow)


class LoginFailureCount(db.Model):
    """Failed sign-ins of one account (the e-mail as typed, lower-cased: unknown e-mails are counted alike) from
    one client address, or from every address (address '*'). Read and written by portal.auth.services through
    the pure rules.LoginThrottle."""

    __tablename__ = "login_failure_count"

    id = db.Column(db.Integer, primary_key=True)
    account = db.Column(db.String(200), nullable=False)
    address = db.Column(db.String(64), nullable=False)
    failures = db.Column(db.Integer, nullable=False, default=0)
    until = db.Column(UTCDateTime())
    last_failure_at = db.Column(UTCDateTime(), index=True)

    __table_args__ = (db.UniqueConstraint("account", "address"),)
