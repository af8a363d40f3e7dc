"""Local exceptions to the national working-day calendar, entered by an administrator."""
from portal.core.clock import utcnow
from portal.core.db import UTCDateTime, db, string_enum
from portal.workdays.rules import ExceptionKind


class WorkdayException(db.Model):
    __tablename__ = "workday_exception"

    id = db.Column(db.Integer, primary_key=True)
    on = db.Column(db.Date, nullable=False, unique=True)
    kind = db.Column(string_enum(ExceptionKind, "exception_kind", 20), nullable=False)
    reason = db.Column(db.String(300), nullable=False)
    created_by_id = db.Column(db.Integer, db.ForeignKey("staff_user.id", ondelete="SET NULL"))
    created_at = db.Column(UTCDateTime(), nullable=False, default=utcnow)

    created_by = db.relationship("StaffUser")

    AUDITED = ("on", "kind", "reason")
