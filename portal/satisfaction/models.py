"""One rating per returned case (DOMAIN.md §6). Who/where/what is copied from the case when the rating
is stored, with the nine TT 01/2018 points, so statistics never join the cases table."""
from __future__ import annotations

from portal.core.clock import utcnow
from portal.core.db import UTCDateTime, db, string_enum
from portal.satisfaction.rules import Attitude, Channel, Level


class Rating(db.Model):
    __tablename__ = "case_rating"

    id = db.Column(db.Integer, primary_key=True)
    case_id = db.Column(db.Integer, db.ForeignKey("case_file.id", ondelete="CASCADE"), nullable=False, unique=True)
    channel = db.Column(string_enum(Channel, "rating_channel", 10), nullable=False)
    scale = db.Column(db.SmallInteger, nullable=False)  # 3 or 5 levels, as shown when rating
    level = db.Column(string_enum(Level, "rating_level", 20), nullable=False)
    satisfied = db.Column(db.Boolean, nullable=False)  # very satisfied or satisfied
    contacts = db.Column(db.SmallInteger, nullable=False)  # rules.Contacts
    agencies = db.Column(db.SmallInteger, nullable=False)  # rules.Agencies
    attitude = db.Column(string_enum(Attitude, "rating_attitude", 12), nullable=False)
    comment = db.Column(db.Text, nullable=False, default="")
    rated_at = db.Column(UTCDateTime(), nullable=False, default=utcnow)
    rated_on = db.Column(db.Date, nullable=False)  # local date, for periods
    entered_by_id = db.Column(db.Integer, db.ForeignKey("staff_user.id", ondelete="SET NULL"))  # paper / tablet

    # Copied from the case at rating time (statistics by unit, procedure, officer without joins).
    unit_id = db.Column(db.Integer, db.ForeignKey("unit.id", ondelete="RESTRICT"), nullable=False)  # handling unit
    procedure_id = db.Column(db.Integer, db.ForeignKey("procedure.id", ondelete="RESTRICT"), nullable=False)
    officer_id = db.Column(db.Integer, db.ForeignKey("staff_user.id", ondelete="SET NULL"))  # desk officer
    handler_id = db.Column(db.Integer, db.ForeignKey("staff_user.id", ondelete="SET NULL"))

    # TT 01/2018 points (0/1/2) at rating time, and their sums.
    i1 = db.Column(db.SmallInteger, nullable=False)
    i2 = db.Column(db.SmallInteger, nullable=False)
    i3 = db.Column(db.SmallInteger, nullable=False)
    i4 = db.Column(db.SmallInteger, nullable=False)
    i5 = db.Column(db.SmallInteger, nullable=False)
    i6 = db.Column(db.SmallInteger, nullable=False)
    i7 = db.Column(db.SmallInteger, nullable=False)
    i8 = db.Column(db.SmallInteger, nullable=False)
    i9 = db.Column(db.SmallInteger, nullable=False)
    officer_score = db.Column(db.SmallInteger, nullable=False)  # 1+2+3+4+7, max 10
    agency_score = db.Column(db.SmallInteger, nullable=False)  # all nine, max 18

    case = db.relationship("Case")
    entered_by = db.relationship("StaffUser", foreign_keys=[entered_by_id])
    officer = db.relationship("StaffUser", foreign_keys=[officer_id])

    __table_args__ = (
        db.Index("ix_case_rating_rated_on", "rated_on"),
        db.Index("ix_case_rating_unit_rated_on", "unit_id", "rated_on"),
        db.Index("ix_case_rating_procedure_rated_on", "procedure_id", "rated_on"),
        db.Index("ix_case_rating_officer_rated_on", "officer_id", "rated_on"),
        db.CheckConstraint("scale IN (3, 5)", name="scale_3_or_5"),
        db.CheckConstraint("contacts BETWEEN 0 AND 2", name="contacts_range"),
        db.CheckConstraint("agencies BETWEEN 1 AND 3", name="agencies_range"),
        db.CheckConstraint("officer_score BETWEEN 0 AND 10", name="officer_score_range"),
        db.CheckConstraint("agency_score BETWEEN 0 AND 18", name="agency_score_range"),
    )
