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

    # TT 01/2018 per-file points at rating time (Điều 14 k1: 1, 2, 3, 4, 6, 7; 6 as the electronic
    # publication only, 0/1 — tt01.electronic_publication). 5, 8 and 9 are scored per agency (Điều 14 k2,
    # scores.py): NULL here (ratings stored before migration 0018_c kept their old per-case values until
    # it cleared them).
    i1 = db.Column(db.SmallInteger, nullable=False)
    i2 = db.Column(db.SmallInteger, nullable=False)
    i3 = db.Column(db.SmallInteger, nullable=False)
    i4 = db.Column(db.SmallInteger, nullable=False)
    i5 = db.Column(db.SmallInteger)
    i6 = db.Column(db.SmallInteger, nullable=False)
    i7 = db.Column(db.SmallInteger, nullable=False)
    i8 = db.Column(db.SmallInteger)
    i9 = db.Column(db.SmallInteger)
    officer_score = db.Column(db.SmallInteger, nullable=False)  # this file's 1+2+3+4+7, max 10
    agency_score = db.Column(db.SmallInteger)  # no longer per file (NULL): see scores.py

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
        db.CheckConstraint("agencies BETWEEN 0 AND 2", name="agencies_range"),  # rules.Agencies
        db.CheckConstraint("officer_score BETWEEN 0 AND 10", name="officer_score_range"),
    )


class AgencyFact(db.Model):
    """What the portal cannot know about a unit for TT 01/2018 indicators 5, 6, 8 and 9, recorded by an
    administrator for a year (quarter 0) or one quarter of it. NULL: not recorded — the indicator that needs
    it is then not scored (Điều 15 k4 b), never given points by default."""
    __tablename__ = "tt01_agency_fact"

    id = db.Column(db.Integer, primary_key=True)
    unit_id = db.Column(db.Integer, db.ForeignKey("unit.id", ondelete="CASCADE"), nullable=False)
    year = db.Column(db.SmallInteger, nullable=False)
    quarter = db.Column(db.SmallInteger, nullable=False, default=0)  # 0: the whole year
    # Indicator 5 (Điều 13 k5): share of the listed procedures the desk receives, appraises and approves or
    # submits itself; whether 100% of the procedures not exempt (NĐ 61 Điều 14 k5 a–b) are received and
    # returned at the desk.
    desk_decided_pct = db.Column(db.Numeric(4, 1))
    desk_all_received = db.Column(db.Boolean)
    # Indicator 6 (Điều 13 k6): the procedures posted at the desk (niêm yết) accurately, fully and in time.
    posted = db.Column(db.Boolean)
    # Indicator 8 (Điều 13 k8): a protracted phản ánh, kiến nghị (kéo dài) in the period.
    protracted_feedback = db.Column(db.Boolean)
    # Indicator 9 (Điều 13 k9): files received online ÷ all files, in %; an online file left unsolved or late.
    online_files_pct = db.Column(db.Numeric(4, 1))
    online_late = db.Column(db.Boolean)
    note = db.Column(db.Text, nullable=False, default="")
    recorded_by_id = db.Column(db.Integer, db.ForeignKey("staff_user.id", ondelete="SET NULL"))
    recorded_at = db.Column(UTCDateTime(), nullable=False, default=utcnow)
    version = db.Column(db.Integer, nullable=False, default=1)

    unit = db.relationship("Unit")
    recorded_by = db.relationship("StaffUser")

    __table_args__ = (
        db.UniqueConstraint("unit_id", "year", "quarter", name="uq_tt01_agency_fact_period"),
        db.CheckConstraint("quarter BETWEEN 0 AND 4", name="tt01_fact_quarter_range"),
        db.CheckConstraint("desk_decided_pct IS NULL OR desk_decided_pct BETWEEN 0 AND 100",
                           name="tt01_fact_desk_pct_range"),
        db.CheckConstraint("online_files_pct IS NULL OR online_files_pct BETWEEN 0 AND 100",
                           name="tt01_fact_online_pct_range"),
    )

    FIELDS = ("desk_decided_pct", "desk_all_received", "posted", "protracted_feedback", "online_files_pct",
              "online_late")
