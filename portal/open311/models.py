"""API keys of the partner applications that submit feedback through Open311."""
from __future__ import annotations

from portal.core.clock import utcnow
from portal.core.db import UTCDateTime, db


class ApiKey(db.Model):
    """The key itself is shown once at issue; only its SHA-256 is stored (a 256-bit random key needs no
    slow hash: nothing can be guessed), with a short prefix so administrators can tell keys apart."""

    __tablename__ = "open311_api_key"

    id = db.Column(db.Integer, primary_key=True)
    name = db.Column(db.String(200), nullable=False)  # the partner
    key_hash = db.Column(db.String(64), nullable=False, unique=True)
    prefix = db.Column(db.String(12), nullable=False)
    created_at = db.Column(UTCDateTime(), nullable=False, default=utcnow)
    created_by_id = db.Column(db.Integer, db.ForeignKey("staff_user.id", ondelete="SET NULL"))
    revoked_at = db.Column(UTCDateTime())
    last_used_at = db.Column(UTCDateTime())

    created_by = db.relationship("StaffUser")

    AUDITED = ("name", "prefix", "revoked_at")

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None
