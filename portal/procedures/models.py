"""Administrative procedures (thủ tục hành chính) and their published versions (DOMAIN.md §2).

A procedure is an identity (its code); every change is a new version. Drafts are edited by staff
and published by a manager with the publishing decision; a published version is never changed
again. The procedure row caches the current version's searchable fields for fast listing.
"""
from __future__ import annotations

from enum import StrEnum

from sqlalchemy import text as sa_text

from portal.core.clock import utcnow
from portal.core.db import UTCDateTime, db, string_enum
from portal.procedures import search_index
from portal.procedures.rules import ChangeType, OnlineLevel, PublicStatus, VersionState  # noqa: F401  (re-exported)


class Level(StrEnum):
    TOWN = "town"
    COMMUNE = "commune"


class ProcedureField(db.Model):
    """Lĩnh vực: the sector a procedure belongs to."""

    __tablename__ = "procedure_field"

    id = db.Column(db.Integer, primary_key=True)
    code = db.Column(db.String(20), nullable=False, unique=True)
    name = db.Column(db.String(200), nullable=False)


class Procedure(db.Model):
    __tablename__ = "procedure"

    id = db.Column(db.Integer, primary_key=True)
    code = db.Column(db.String(60), nullable=False, unique=True)
    created_at = db.Column(UTCDateTime(), nullable=False, default=utcnow)
    # Cached from the current published version (set by services.publish_version only).
    current_version_id = db.Column(db.Integer, db.ForeignKey("procedure_version.id", use_alter=True,
                                                             name="fk_procedure_current_version_id_procedure_version"))
    status = db.Column(string_enum(PublicStatus, "procedure_status", 20), nullable=False, default=PublicStatus.UNPUBLISHED,
                       index=True)
    name = db.Column(db.String(500), nullable=False, default="")
    search_text = db.Column(db.Text, nullable=False, default="")  # folded name, code and field
    sort_name = db.Column(db.String(800), nullable=False, default="", index=True)  # core.text.sort_string
    field_id = db.Column(db.Integer, db.ForeignKey("procedure_field.id", ondelete="RESTRICT"), index=True)
    level = db.Column(string_enum(Level, "procedure_level", 20), index=True)
    unit_id = db.Column(db.Integer, db.ForeignKey("unit.id", ondelete="RESTRICT"), index=True)  # town level only
    online_level = db.Column(string_enum(OnlineLevel, "online_level", 20), index=True)
    processing_days = db.Column(db.Integer)
    changed_at = db.Column(UTCDateTime(), index=True)  # last publication

    field = db.relationship("ProcedureField")
    unit = db.relationship("Unit")
    current_version = db.relationship("ProcedureVersion", foreign_keys=[current_version_id], post_update=True)
    versions = db.relationship("ProcedureVersion", foreign_keys="ProcedureVersion.procedure_id",
                               order_by="ProcedureVersion.number", back_populates="procedure")

    __table_args__ = (
        # Full-text search on PostgreSQL (search_index.py; SQLite has its FTS5 table instead).
        db.Index("ix_procedure_search_tsv", sa_text(search_index.PROCEDURES.pg_document),
                 postgresql_using="gin").ddl_if(dialect="postgresql"),
    )


search_index.PROCEDURES.attach(Procedure.__table__)


class ProcedureVersion(db.Model):
    __tablename__ = "procedure_version"

    id = db.Column(db.Integer, primary_key=True)
    procedure_id = db.Column(db.Integer, db.ForeignKey("procedure.id", ondelete="CASCADE"), nullable=False)
    number = db.Column(db.Integer, nullable=False)
    state = db.Column(string_enum(VersionState, "version_state", 20), nullable=False, default=VersionState.DRAFT)

    name = db.Column(db.String(500), nullable=False)
    field_id = db.Column(db.Integer, db.ForeignKey("procedure_field.id", ondelete="RESTRICT"), nullable=False)
    # Competence (cấp thực hiện, cơ quan thực hiện): a town-level procedure names its handling unit; a
    # commune-level one names none, every active ward and commune handles it for its own area (competence.py).
    level = db.Column(string_enum(Level, "procedure_level", 20), nullable=False)
    unit_id = db.Column(db.Integer, db.ForeignKey("unit.id", ondelete="RESTRICT"))
    steps = db.Column(db.Text, nullable=False, default="")
    channels = db.Column(db.JSON, nullable=False, default=list)  # ["in_person", "post", "online"]
    documents = db.Column(db.JSON, nullable=False, default=list)  # [{name, kind, count, form_file_id}]
    sets = db.Column(db.Integer, nullable=False, default=1)
    processing_days = db.Column(db.Integer, nullable=False)
    # A same-day procedure received strictly after 15:00:00 is due the next working day (Luật Hộ tịch 2014
    # Điều 5 k3, NĐ 23/2015 Điều 7). None: the legal default (workdays.rules.next_day_after_15h).
    next_day_after_15h = db.Column(db.Boolean)
    processing_note = db.Column(db.Text, nullable=False, default="")
    applicants = db.Column(db.Text, nullable=False, default="")
    result = db.Column(db.Text, nullable=False, default="")
    fee_amount = db.Column(db.BigInteger)  # VND; None = no fee
    fee_description = db.Column(db.Text, nullable=False, default="")
    conditions = db.Column(db.Text, nullable=False, default="")
    legal_basis = db.Column(db.Text, nullable=False, default="")
    online_level = db.Column(string_enum(OnlineLevel, "online_level", 20), nullable=False, default=OnlineLevel.NONE)
    old_online_level = db.Column(db.Integer)  # mức độ 1–4 (NĐ 43/2011), kept for history
    forms = db.Column(db.JSON, nullable=False, default=list)  # [{name, form_file_id}]

    decision_number = db.Column(db.String(60))
    decision_date = db.Column(db.Date)
    change_type = db.Column(string_enum(ChangeType, "change_type", 20))
    changed_components = db.Column(db.JSON, nullable=False, default=list)
    note = db.Column(db.Text, nullable=False, default="")

    created_at = db.Column(UTCDateTime(), nullable=False, default=utcnow)
    created_by_id = db.Column(db.Integer, db.ForeignKey("staff_user.id", ondelete="SET NULL"))
    published_at = db.Column(UTCDateTime())
    published_by_id = db.Column(db.Integer, db.ForeignKey("staff_user.id", ondelete="SET NULL"))
    edit_version = db.Column(db.Integer, nullable=False, default=1)

    procedure = db.relationship("Procedure", foreign_keys=[procedure_id], back_populates="versions")
    field = db.relationship("ProcedureField")
    unit = db.relationship("Unit")
    created_by = db.relationship("StaffUser", foreign_keys=[created_by_id])
    published_by = db.relationship("StaffUser", foreign_keys=[published_by_id])

    __table_args__ = (
        db.UniqueConstraint("procedure_id", "number"),
        db.CheckConstraint("processing_days >= 0", name="processing_days_not_negative"),
        db.CheckConstraint("sets >= 1", name="sets_positive"),
        db.CheckConstraint("fee_amount IS NULL OR fee_amount >= 0", name="fee_not_negative"),
        db.CheckConstraint("(level = 'commune' AND unit_id IS NULL) OR (level <> 'commune' AND unit_id IS NOT NULL)",
                           name="competence_by_level"),
    )
    __mapper_args__ = {"version_id_col": edit_version}


class FormFile(db.Model):
    """A downloadable form (mẫu đơn, tờ khai). Content-addressed files under instance/uploads."""

    __tablename__ = "procedure_form_file"

    id = db.Column(db.Integer, primary_key=True)
    procedure_id = db.Column(db.Integer, db.ForeignKey("procedure.id", ondelete="CASCADE"), nullable=False, index=True)
    original_name = db.Column(db.String(255), nullable=False)
    sha256 = db.Column(db.String(64), nullable=False)
    content_type = db.Column(db.String(120), nullable=False)
    size = db.Column(db.Integer, nullable=False)
    uploaded_at = db.Column(UTCDateTime(), nullable=False, default=utcnow)
    uploaded_by_id = db.Column(db.Integer, db.ForeignKey("staff_user.id", ondelete="SET NULL"))

    procedure = db.relationship("Procedure")
