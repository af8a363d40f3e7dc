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
    # Bumped to end every session of the account (password change, admin reset).
    session_version = db.Column(db.Integer, nullable=False, default=1)
    failed_logins = db.Column(db.Integer, nullable=False, default=0)
    locked_until = db.Column(UTCDateTime())
    last_login_at = db.Column(UTCDateTime())
    created_at = db.Column(UTCDateTime(), nullable=False, default=utcnow)
    # Edit version of the admin-editable fields, bumped by services.update_user only, so a sign-in
    # (which writes last_login_at) does not make an administrator's open form stale.
    version = db.Column(db.Integer, nullable=False, default=1)

    unit = db.relationship("Unit")
    roles = db.relationship("UserRole", cascade="all, delete-orphan", lazy="selectin")

    AUDITED = ("email", "full_name", "unit_id", "is_active_account", "role_list")

    # Flask-Login protocol
    is_authenticated = True
    is_anonymous = False

    @property
    def is_active(self) -> bool:
        return bool(self.is_active_account)

    def get_id(self) -> str:
        return f"{self.id}:{self.session_version}"

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
