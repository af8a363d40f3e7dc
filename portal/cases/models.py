"""One-stop cases (hồ sơ một cửa), their trail, apologies and intake slips (DOMAIN.md §3)."""
from __future__ import annotations

from sqlalchemy import text as sa_text

from portal.cases.rules import ApologyKind, CaseStatus, IntakeChannel, Timing, citation
from portal.core.clock import utcnow
from portal.core.db import UTCDateTime, db, string_enum
from portal.core.trail import TrailEvent


class Case(db.Model):
    __tablename__ = "case_file"

    id = db.Column(db.Integer, primary_key=True)
    code = db.Column(db.String(60), nullable=False, unique=True)
    # "local": issued from the desk's daily counter; "national": the code dichvucong.gov.vn gave the file, kept
    # as its code (printed, looked up) without using the counter (intake.receive_case; migration 0022_a).
    code_origin = db.Column(db.String(10), nullable=False, default="local", server_default="local")
    # argon2id of the access code printed on the receipt (portal.core.access_codes); the plaintext is never stored
    access_code_hash = db.Column(db.String(255), nullable=False)
    issued_access_code = None  # the plaintext, on the instance only, in the request that issued it
    regime = db.Column(db.String(10), nullable=False, default="2018")  # form set: 2018 (TT 01) or 2025 (TT 03)
    unit_id = db.Column(db.Integer, db.ForeignKey("unit.id", ondelete="RESTRICT"), nullable=False)  # receiving desk
    handling_unit_id = db.Column(db.Integer, db.ForeignKey("unit.id", ondelete="RESTRICT"), nullable=False)
    procedure_id = db.Column(db.Integer, db.ForeignKey("procedure.id", ondelete="RESTRICT"), nullable=False)
    procedure_version_id = db.Column(db.Integer, db.ForeignKey("procedure_version.id", ondelete="RESTRICT"),
                                     nullable=False)

    applicant_kind = db.Column(db.String(20), nullable=False, default="individual")  # or organisation
    applicant_name = db.Column(db.String(200), nullable=False)
    applicant_id_number = db.Column(db.String(20), nullable=False, default="")
    applicant_phone = db.Column(db.String(20), nullable=False, default="")
    applicant_email = db.Column(db.String(200), nullable=False, default="")
    applicant_address = db.Column(db.String(300), nullable=False, default="")
    representative_name = db.Column(db.String(200), nullable=False, default="")
    # The representative's side of the TT 03/2025 Mẫu 01 (DOMAIN.md §3 receipt fields; no primary text held):
    # the representative's own ID number, and on what he or she acts for the applicant (the principal):
    # "authorisation" (giấy ủy quyền, its number and date) or "legal" (đại diện theo pháp luật). Empty when
    # the applicant files in person; required at intake once a representative is named (intake._check_applicant).
    representative_id_number = db.Column(db.String(20), nullable=False, default="")
    representative_basis = db.Column(db.String(20), nullable=False, default="")
    authorisation_number = db.Column(db.String(60), nullable=False, default="")
    authorisation_date = db.Column(db.Date)
    documents = db.Column(db.JSON, nullable=False, default=list)  # [{name, kind, count, submitted}]
    sets = db.Column(db.Integer, nullable=False, default=1)
    delivery = db.Column(db.String(10), nullable=False, default="desk")  # desk | post
    # How the file came in (NĐ 61/2018 Điều 16: desk | post | online = the national public service portal) and
    # whether its paper file was digitised at intake (NĐ 118/2025 Điều 17 k1 c, per DOMAIN.md §7a; None for an
    # online file). Both NULL on cases received before they were recorded (migration 0024_d): unknown, not
    # guessed, and left out of the 766 online and digitisation shares (cases.indicators).
    channel = db.Column(string_enum(IntakeChannel, "case_channel", 10))
    digitised_at_intake = db.Column(db.Boolean)

    processing_days = db.Column(db.Integer, nullable=False)
    received_at = db.Column(UTCDateTime(), nullable=False)
    counting_from_at = db.Column(UTCDateTime(), nullable=False)
    # THE legal due: the promise on the receipt, moved only by a supplement under the rule in force (NĐ 61
    # Điều 19 k4 restart or the 766 pause) or by a deliberate administrator move, never by an apology.
    # Timing, TT 01/2018 indicator 1, the control slip, the register and every statistic judge it.
    original_due_at = db.Column(UTCDateTime(), nullable=False)
    due_at = db.Column(UTCDateTime(), nullable=False)  # the return date promised now (an apology's new date)
    status = db.Column(string_enum(CaseStatus, "case_status", 30), nullable=False, default=CaseStatus.RECEIVED)
    handler_id = db.Column(db.Integer, db.ForeignKey("staff_user.id", ondelete="SET NULL"))
    supplement_requested_at = db.Column(UTCDateTime())
    supplement_received_at = db.Column(UTCDateTime())
    # Requests for supplements after acceptance (NĐ 61/2018 Điều 19 k4 allows one; QĐ 766 counts more than
    # one as late). Imported or legacy data may hold more.
    supplement_requests = db.Column(db.Integer, nullable=False, default=0, server_default="0")
    # Vào Sổ theo dõi hồ sơ (TT 01/2018 Điều 10): the book of the receiving desk for a year (printed
    # "Quyển số") and the running number in it from 01; the receipt and the register print the same.
    register_year = db.Column(db.Integer)
    register_number = db.Column(db.Integer)
    finished_at = db.Column(UTCDateTime())  # result ready, refused or withdrawn
    returned_at = db.Column(UTCDateTime())
    timing = db.Column(string_enum(Timing, "case_timing", 20))  # fixed when finished: early / on time / late
    received_by_id = db.Column(db.Integer, db.ForeignKey("staff_user.id", ondelete="SET NULL"))
    created_at = db.Column(UTCDateTime(), nullable=False, default=utcnow)
    version = db.Column(db.Integer, nullable=False, default=1)

    unit = db.relationship("Unit", foreign_keys=[unit_id])
    handling_unit = db.relationship("Unit", foreign_keys=[handling_unit_id])
    procedure = db.relationship("Procedure")
    procedure_version = db.relationship("ProcedureVersion")
    handler = db.relationship("StaffUser", foreign_keys=[handler_id])
    received_by = db.relationship("StaffUser", foreign_keys=[received_by_id])
    events = db.relationship("CaseEvent", order_by="CaseEvent.id", back_populates="case", cascade="all, delete-orphan")
    apology = db.relationship("Apology", uselist=False, back_populates="case", cascade="all, delete-orphan")
    legs = db.relationship("CaseLeg", order_by="CaseLeg.id", back_populates="case", cascade="all, delete-orphan")

    __mapper_args__ = {"version_id_col": version}
    __table_args__ = (
        db.Index("ix_case_file_handling_unit_status_due", "handling_unit_id", "status", "due_at"),
        db.Index("ix_case_file_handler_status", "handler_id", "status"),
        # Statistics read these two from the index alone (portal/cases/stats.py).
        db.Index("ix_case_file_received_cover", "received_at", "handling_unit_id", "procedure_id", "channel",
                 "digitised_at_intake"),
        db.Index("ix_case_file_finished_cover", "finished_at", "timing", "handling_unit_id", "procedure_id", "id"),
        # Cases open at a past moment: PostgreSQL answers with a GiST range index (stats.open_at).
        db.Index("ix_case_file_open_span", sa_text("tstzrange(received_at, finished_at, '(]')"),
                 postgresql_using="gist").ddl_if(dialect="postgresql"),
        # SQLite only (migration 0007): no hash aggregate, so let it skip-scan groups in order, and
        # answer cases open at a moment (stats.open_at, GROUP BY +key) from one covering index.
        db.Index("ix_case_file_open_cover", "finished_at", "received_at", "handling_unit_id", "procedure_id",
                 "original_due_at").ddl_if(dialect="sqlite"),
        db.Index("ix_case_file_unit_received", "handling_unit_id", "received_at").ddl_if(dialect="sqlite"),
        db.Index("ix_case_file_unit_finished", "handling_unit_id", "finished_at", "timing").ddl_if(dialect="sqlite"),
        db.Index("ix_case_file_procedure_received", "procedure_id", "received_at").ddl_if(dialect="sqlite"),
        db.Index("ix_case_file_procedure_finished", "procedure_id", "finished_at", "timing").ddl_if(dialect="sqlite"),
        db.CheckConstraint("processing_days >= 0", name="processing_days_not_negative"),
        db.CheckConstraint("sets >= 1", name="sets_positive"),
        db.CheckConstraint("code_origin IN ('local', 'national')", name="code_origin_known"),
        db.CheckConstraint("channel IS NULL OR channel IN ('desk', 'post', 'online')", name="channel_known"),
        db.CheckConstraint("finished_at IS NULL OR finished_at >= received_at", name="finished_after_received"),
        db.UniqueConstraint("unit_id", "register_year", "register_number", name="uq_case_file_register"),
    )

    def citation(self, topic: str) -> str:
        """The legal basis the case page cites for `topic` under the case's regime (rules.citation)."""
        return citation(self.regime, topic)


class CaseEvent(TrailEvent, db.Model):
    """One hand-over or decision: the trail is the control slip (Phiếu kiểm soát, Mẫu 05/06)."""

    __tablename__ = "case_event"

    case_id = db.Column(db.Integer, db.ForeignKey("case_file.id", ondelete="CASCADE"), nullable=False, index=True)
    unit_id = db.Column(db.Integer, db.ForeignKey("unit.id", ondelete="SET NULL"))  # where the file is after
    due_at = db.Column(UTCDateTime())  # the deadline of this leg, if any

    case = db.relationship("Case", back_populates="events")
    unit = db.relationship("Unit")


class CaseLeg(db.Model):
    """A consultation or inter-agency leg (liên thông): another unit answers by its own deadline."""

    __tablename__ = "case_leg"

    id = db.Column(db.Integer, primary_key=True)
    case_id = db.Column(db.Integer, db.ForeignKey("case_file.id", ondelete="CASCADE"), nullable=False, index=True)
    unit_id = db.Column(db.Integer, db.ForeignKey("unit.id", ondelete="RESTRICT"), nullable=False)  # consulted
    purpose = db.Column(db.Text, nullable=False)
    sent_at = db.Column(UTCDateTime(), nullable=False)
    due_at = db.Column(UTCDateTime(), nullable=False)
    answered_at = db.Column(UTCDateTime())
    answer = db.Column(db.Text, nullable=False, default="")
    sent_by_id = db.Column(db.Integer, db.ForeignKey("staff_user.id", ondelete="SET NULL"))
    answered_by_id = db.Column(db.Integer, db.ForeignKey("staff_user.id", ondelete="SET NULL"))

    case = db.relationship("Case", back_populates="legs")
    unit = db.relationship("Unit")
    sent_by = db.relationship("StaffUser", foreign_keys=[sent_by_id])
    answered_by = db.relationship("StaffUser", foreign_keys=[answered_by_id])

    __table_args__ = (
        db.Index("ix_case_leg_unit_answered", "unit_id", "answered_at"),  # a unit's open consultations
        db.CheckConstraint("due_at >= sent_at", name="due_after_sent"),
        db.CheckConstraint("answered_at IS NULL OR answered_at >= sent_at", name="answered_after_sent"),
    )

    @property
    def is_open(self) -> bool:
        return self.answered_at is None


class CaseCounter(db.Model):
    """Per-unit daily running number (TT 01/2018 Điều 19), allocated inside the intake transaction."""

    __tablename__ = "case_counter"

    unit_id = db.Column(db.Integer, db.ForeignKey("unit.id", ondelete="CASCADE"), primary_key=True)
    day = db.Column(db.Date, primary_key=True)
    last_number = db.Column(db.Integer, nullable=False)


class CaseRegisterCounter(db.Model):
    """Last register number per receiving unit and year (TT 01/2018 Điều 10), allocated inside the intake
    transaction like CaseCounter: no gap, no duplicate."""

    __tablename__ = "case_register_counter"

    unit_id = db.Column(db.Integer, db.ForeignKey("unit.id", ondelete="CASCADE"), primary_key=True)
    year = db.Column(db.Integer, primary_key=True)
    last_number = db.Column(db.Integer, nullable=False)


class Apology(db.Model):
    """Phiếu xin lỗi và hẹn lại ngày trả kết quả (Mẫu 04): once per case. It moves Case.due_at (the
    return promised now), never the legal due; `kind` says whether it came in time (rules.ApologyKind)."""

    __tablename__ = "case_apology"

    id = db.Column(db.Integer, primary_key=True)
    case_id = db.Column(db.Integer, db.ForeignKey("case_file.id", ondelete="CASCADE"), nullable=False, unique=True)
    issued_at = db.Column(UTCDateTime(), nullable=False, index=True)
    kind = db.Column(string_enum(ApologyKind, "apology_kind", 20), nullable=False, default=ApologyKind.IN_TIME,
                     server_default=ApologyKind.IN_TIME.value)
    reason = db.Column(db.Text, nullable=False)
    previous_due_at = db.Column(UTCDateTime(), nullable=False)
    new_due_at = db.Column(UTCDateTime(), nullable=False)
    signed_by_id = db.Column(db.Integer, db.ForeignKey("staff_user.id", ondelete="SET NULL"))

    case = db.relationship("Case", back_populates="apology")
    signed_by = db.relationship("StaffUser")


class IntakeSlip(db.Model):
    """An intake that did not register a case: supplement request (Mẫu 02) or refusal (Mẫu 03)."""

    __tablename__ = "intake_slip"

    id = db.Column(db.Integer, primary_key=True)
    kind = db.Column(db.String(20), nullable=False)  # supplement | refusal
    unit_id = db.Column(db.Integer, db.ForeignKey("unit.id", ondelete="RESTRICT"), nullable=False)
    procedure_id = db.Column(db.Integer, db.ForeignKey("procedure.id", ondelete="RESTRICT"), nullable=False)
    applicant_name = db.Column(db.String(200), nullable=False)
    applicant_phone = db.Column(db.String(20), nullable=False, default="")
    applicant_email = db.Column(db.String(200), nullable=False, default="")
    applicant_address = db.Column(db.String(300), nullable=False, default="")
    # The 2025 Mẫu 02/03 identify the applicant like the receipt (personal ID / organisation code, by kind);
    # empty on slips issued before migration 0028_j.
    applicant_id_number = db.Column(db.String(20), nullable=False, default="")
    applicant_kind = db.Column(db.String(20), nullable=False, default="individual")  # or organisation
    # As typed at the desk, printed beside the addressee on the 2025 Mẫu 02/03 (not checked here: a missing
    # authorisation may be the very thing the slip asks for). Empty on slips issued before migration 0025_f.
    representative_name = db.Column(db.String(200), nullable=False, default="")
    representative_id_number = db.Column(db.String(20), nullable=False, default="")
    representative_basis = db.Column(db.String(20), nullable=False, default="")
    authorisation_number = db.Column(db.String(60), nullable=False, default="")
    authorisation_date = db.Column(db.Date)
    items = db.Column(db.JSON, nullable=False, default=list)  # missing documents, or reasons
    note = db.Column(db.Text, nullable=False, default="")
    created_at = db.Column(UTCDateTime(), nullable=False, default=utcnow)
    created_by_id = db.Column(db.Integer, db.ForeignKey("staff_user.id", ondelete="SET NULL"))

    unit = db.relationship("Unit")
    procedure = db.relationship("Procedure")
    created_by = db.relationship("StaffUser")


class CalendarNotice(db.Model):
    """An administrator's decision on a calendar exception entered after cases were received (DOMAIN.md
    §4): apply it to the open cases it moves (due days moved, each audited, the applicant told) or keep
    the printed dates. The exception's date, kind and reason are copied: the record outlives its removal."""

    __tablename__ = "case_calendar_notice"

    id = db.Column(db.Integer, primary_key=True)
    # No foreign key: the exception may be removed later and this record must stay (workdays never
    # imports cases, so it cannot clear a reference); the date and kind tell a reused id apart.
    exception_id = db.Column(db.Integer, nullable=False, index=True)
    on = db.Column(db.Date, nullable=False)
    kind = db.Column(db.String(20), nullable=False)  # workdays.rules.ExceptionKind
    reason = db.Column(db.String(300), nullable=False)
    decision = db.Column(db.String(10), nullable=False)  # apply | keep
    moves = db.Column(db.JSON, nullable=False, default=list)  # [{case_id, code, due: [old, new], legal: [old, new]}]
    decided_at = db.Column(UTCDateTime(), nullable=False)
    decided_by_id = db.Column(db.Integer, db.ForeignKey("staff_user.id", ondelete="SET NULL"))
    decided_by_name = db.Column(db.String(200), nullable=False, default="")

    decided_by = db.relationship("StaffUser")

    __table_args__ = (db.CheckConstraint("decision IN ('apply', 'keep')", name="decision_known"),)
