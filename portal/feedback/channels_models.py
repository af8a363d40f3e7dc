"""Where and how phản ánh, kiến nghị are received: one settings row that admins edit (seed, Kết quả 2.3)."""
from __future__ import annotations

from portal.core.clock import utcnow
from portal.core.db import UTCDateTime, db

SINGLE_ROW_ID = 1


class FeedbackChannels(db.Model):
    """The published channels. Exactly one row (id = 1): two first saves racing each other cannot
    both insert, so the loser sees a conflict instead of a second, silently ignored, copy."""

    __tablename__ = "feedback_channels"

    id = db.Column(db.Integer, primary_key=True, autoincrement=False, default=SINGLE_ROW_ID)
    address = db.Column(db.String(300), nullable=False)
    hotline = db.Column(db.String(40), nullable=False)
    email = db.Column(db.String(200), nullable=False)
    office_hours = db.Column(db.Text, nullable=False)
    rules = db.Column(db.Text, nullable=False)
    deadlines = db.Column(db.Text, nullable=False)
    updated_at = db.Column(UTCDateTime(), nullable=False, default=utcnow)
    updated_by_id = db.Column(db.Integer, db.ForeignKey("staff_user.id", ondelete="SET NULL"))
    version = db.Column(db.Integer, nullable=False, default=1)

    updated_by = db.relationship("StaffUser")

    __table_args__ = (db.CheckConstraint(f"id = {SINGLE_ROW_ID}", name="single_row"),)
    __mapper_args__ = {"version_id_col": version}

    AUDITED = ("address", "hotline", "email", "office_hours", "rules", "deadlines")

    def __repr__(self) -> str:
        return f"<FeedbackChannels v{self.version}>"
