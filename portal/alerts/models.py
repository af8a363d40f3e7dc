"""Warnings sent to staff (one row per case, step and recipient) and each officer's own warning settings."""
from __future__ import annotations

from portal.alerts.rules import WarningKind
from portal.cases.models import Case
from portal.core.clock import utcnow
from portal.core.db import UTCDateTime, db, string_enum


class CaseWarning(db.Model):
    """One warning, recorded once per kind, case, step and recipient (the unique constraint: two morning runs at
    the same moment insert it once, INSERT … ON CONFLICT DO NOTHING in services.run_warnings). `step` is
    rules.step_key: "leg:<id>" for a consultation, "due:<ISO day>" for the legal due day the warning speaks of
    (a plain string, because a unique constraint over a NULL leg_id does not hold on either engine)."""

    __tablename__ = "case_warning"

    id = db.Column(db.Integer, primary_key=True)
    case_id = db.Column(db.Integer, db.ForeignKey("case_file.id", ondelete="CASCADE"), nullable=False, index=True)
    leg_id = db.Column(db.Integer, db.ForeignKey("case_leg.id", ondelete="CASCADE"), index=True)
    kind = db.Column(string_enum(WarningKind, "case_warning_kind", 30), nullable=False)
    step = db.Column(db.String(30), nullable=False)
    recipient_id = db.Column(db.Integer, db.ForeignKey("staff_user.id", ondelete="CASCADE"), nullable=False,
                             index=True)
    for_day = db.Column(db.Date, nullable=False, index=True)  # the local day the warning was due (sent)
    created_at = db.Column(UTCDateTime(), nullable=False, default=utcnow)
    # The digest that carried it (a message deleted from the outbox leaves the warning recorded).
    outbox_message_id = db.Column(db.Integer, db.ForeignKey("outbox_message.id", ondelete="SET NULL"))

    case = db.relationship(Case)
    leg = db.relationship("CaseLeg")
    recipient = db.relationship("StaffUser")

    __table_args__ = (
        db.UniqueConstraint("kind", "case_id", "step", "recipient_id"),
    )


# The morning query looks for open cases by their legal due day (services.due_candidates): status first, then the
# day. Declared here, beside the query that needs it, on the cases' table (migration 0037_s).
db.Index("ix_case_file_status_original_due_at", Case.status, Case.original_due_at)


class StaffWarningSettings(db.Model):
    """An officer's own choices (the "My warnings" page). No row: the defaults (Vietnamese, the configured lead,
    every warning on). Only rules.OPTIONAL kinds can be switched off; the others' columns stay true."""

    __tablename__ = "staff_warning_settings"

    user_id = db.Column(db.Integer, db.ForeignKey("staff_user.id", ondelete="CASCADE"), primary_key=True)
    language = db.Column(db.String(5), nullable=False, default="vi")
    handler_lead_days = db.Column(db.Integer, nullable=False, default=2)
    handler_due = db.Column(db.Boolean, nullable=False, default=True)
    head_apology = db.Column(db.Boolean, nullable=False, default=True)
    leg_overdue = db.Column(db.Boolean, nullable=False, default=True)
    manager_no_apology = db.Column(db.Boolean, nullable=False, default=True)
    updated_at = db.Column(UTCDateTime(), nullable=False, default=utcnow)

    AUDITED = ("language", "handler_lead_days", "handler_due", "head_apology", "leg_overdue", "manager_no_apology")

    __table_args__ = (
        db.CheckConstraint("language IN ('vi', 'en')", name="language_known"),
        db.CheckConstraint("handler_lead_days BETWEEN 1 AND 5", name="lead_days_range"),
    )

    def receives(self, kind: WarningKind) -> bool:
        return bool(getattr(self, WarningKind(kind).value))
