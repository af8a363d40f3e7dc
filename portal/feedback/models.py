"""Phản ánh, kiến nghị and their trail (DOMAIN.md §5)."""
from __future__ import annotations

from sqlalchemy import text as sa_text

from portal.core.clock import utcnow
from portal.core.db import UTCDateTime, db, string_enum
from portal.core.fulltext import Index
from portal.core.trail import TrailEvent
from portal.feedback.topics_models import FeedbackTopic  # noqa: F401  (Feedback.topic; registers the table)
from portal.feedback.vocabulary import (
    Category,
    Channel,
    FeedbackKind,
    FeedbackStatus,
    RejectionReason,
    Satisfaction,
    Subject,
    SubmitterKind,
)

# Full-text index of what is published of a feedback: the redacted question and the answer (public_search),
# never the citizen's own wording. Migration 0033 made it.
PUBLIC_ANSWERS = Index(table="feedback", source="public_search", columns=("body",), values=("{s}",))


class Feedback(db.Model):
    __tablename__ = "feedback"

    id = db.Column(db.Integer, primary_key=True)
    tracking_code = db.Column(db.String(20), nullable=False, unique=True)
    # argon2id of the access code shown once and e-mailed (portal.core.access_codes); the plaintext is never stored
    access_code_hash = db.Column(db.String(255), nullable=False)
    issued_access_code = None  # the plaintext, on the instance only, in the request that issued it
    submit_token = db.Column(db.String(64), unique=True)  # the form's hidden token: a double submit is one record
    kind = db.Column(string_enum(FeedbackKind, "feedback_kind", 20), nullable=False)
    category = db.Column(string_enum(Category, "feedback_category", 30), nullable=False)
    subject = db.Column(string_enum(Subject, "feedback_subject", 20))  # set by staff when classifying
    title = db.Column(db.String(200), nullable=False)
    content = db.Column(db.Text, nullable=False)
    procedure_code = db.Column(db.String(60), nullable=False, default="")
    case_code = db.Column(db.String(60), nullable=False, default="")
    place = db.Column(db.String(300), nullable=False, default="")
    latitude = db.Column(db.Float)
    longitude = db.Column(db.Float)

    submitter_kind = db.Column(string_enum(SubmitterKind, "feedback_submitter_kind", 20), nullable=False)
    submitter_name = db.Column(db.String(200), nullable=False)
    submitter_address = db.Column(db.String(300), nullable=False)
    submitter_phone = db.Column(db.String(20), nullable=False, default="")
    submitter_email = db.Column(db.String(200), nullable=False, default="")
    consent_given_at = db.Column(UTCDateTime(), nullable=False)  # the box is never pre-ticked
    consent_version = db.Column(db.String(20), nullable=False)  # which wording was shown
    publish_allowed = db.Column(db.Boolean, nullable=False, default=False)
    channel = db.Column(string_enum(Channel, "feedback_channel", 20), nullable=False, default=Channel.WEB)

    status = db.Column(string_enum(FeedbackStatus, "feedback_status", 30), nullable=False, default=FeedbackStatus.NEW)
    unit_id = db.Column(db.Integer, db.ForeignKey("unit.id", ondelete="RESTRICT"))
    handler_id = db.Column(db.Integer, db.ForeignKey("staff_user.id", ondelete="SET NULL"))
    received_at = db.Column(UTCDateTime(), nullable=False)
    # Deadlines, fixed when the step starts from the rules in force on the day of receipt (deadlines.deadline):
    # later schedule changes leave them alone. Each is the end of its last working day.
    step_due_at = db.Column(UTCDateTime())  # the current (or last) practice step's: reject, supplement, publish
    answer_due_at = db.Column(UTCDateTime(), nullable=False)  # practice: answer
    forward_due_at = db.Column(UTCDateTime())  # statutory, NĐ 20/2008 Điều 9 k1 d; NULL before 03/03/2008
    forwarded_at = db.Column(UTCDateTime())  # when it was transferred to the competent body
    practice_from = db.Column(db.Date)  # effective date of the practice schedule row applied at receipt
    practice_basis = db.Column(db.String(200))  # its basis (a provincial decision); empty = national practice
    answered_at = db.Column(UTCDateTime())
    published_at = db.Column(UTCDateTime())
    closed_at = db.Column(UTCDateTime())
    rejection_reason = db.Column(db.Text, nullable=False, default="")
    rejection_code = db.Column(string_enum(RejectionReason, "feedback_rejection_code", 30))  # vocabulary.RejectionReason
    merged_into_id = db.Column(db.Integer, db.ForeignKey("feedback.id", ondelete="SET NULL"), index=True)
    # the everyday topic the citizen picked (topics_models.FeedbackTopic): its category and proposed unit
    topic_id = db.Column(db.Integer, db.ForeignKey("feedback_topic.id", ondelete="SET NULL"), index=True)
    answer = db.Column(db.Text, nullable=False, default="")
    public_question = db.Column(db.Text, nullable=False, default="")  # redacted by staff before publishing
    public_answer = db.Column(db.Text, nullable=False, default="")
    public_search = db.Column(db.Text, nullable=False, default="")  # folded question + answer, for search
    satisfaction = db.Column(string_enum(Satisfaction, "feedback_satisfaction", 20))
    satisfaction_at = db.Column(UTCDateTime())
    created_at = db.Column(UTCDateTime(), nullable=False, default=utcnow)
    version = db.Column(db.Integer, nullable=False, default=1)

    unit = db.relationship("Unit")
    handler = db.relationship("StaffUser")
    merged_into = db.relationship("Feedback", remote_side=[id], foreign_keys=[merged_into_id])
    topic = db.relationship("FeedbackTopic")
    events = db.relationship("FeedbackEvent", order_by="FeedbackEvent.id", back_populates="feedback",
                             cascade="all, delete-orphan")
    attachments = db.relationship("FeedbackAttachment", order_by="FeedbackAttachment.id", back_populates="feedback",
                                  cascade="all, delete-orphan")

    __mapper_args__ = {"version_id_col": version}
    __table_args__ = (
        db.Index("ix_feedback_unit_status_due", "unit_id", "status", "answer_due_at"),
        db.Index("ix_feedback_status_received", "status", "received_at"),
        db.Index("ix_feedback_published", "published_at"),
        db.CheckConstraint("length(content) <= 10000", name="content_max_length"),
        db.CheckConstraint("submitter_phone <> '' OR submitter_email <> ''", name="phone_or_email"),
        db.CheckConstraint("published_at IS NULL OR published_at >= received_at", name="published_after_received"),
        # The published answers' search on PostgreSQL (core.fulltext; SQLite has its FTS5 table instead).
        db.Index("ix_feedback_search_tsv", sa_text(PUBLIC_ANSWERS.pg_document),
                 postgresql_using="gin").ddl_if(dialect="postgresql"),
    )


class FeedbackEvent(TrailEvent, db.Model):
    """One step of the trail: who, what, when, from -> to (columns from core.trail)."""

    __tablename__ = "feedback_event"

    feedback_id = db.Column(db.Integer, db.ForeignKey("feedback.id", ondelete="CASCADE"), nullable=False, index=True)

    feedback = db.relationship("Feedback", back_populates="events")


class FeedbackCounter(db.Model):
    """Running number per month of receipt, allocated inside the submitting transaction."""

    __tablename__ = "feedback_counter"

    month = db.Column(db.String(4), primary_key=True)  # YYMM
    last_number = db.Column(db.Integer, nullable=False)


class FeedbackAttachment(db.Model):
    """A checked file (portal/feedback/attachments.py): type from the content, images re-encoded."""

    __tablename__ = "feedback_attachment"

    id = db.Column(db.Integer, primary_key=True)
    feedback_id = db.Column(db.Integer, db.ForeignKey("feedback.id", ondelete="CASCADE"), nullable=False, index=True)
    name = db.Column(db.String(200), nullable=False)  # safe display name
    content_type = db.Column(db.String(100), nullable=False)
    size = db.Column(db.Integer, nullable=False)
    sha256 = db.Column(db.String(64), nullable=False)
    path = db.Column(db.String(200), nullable=False)  # relative, under the upload folder
    created_at = db.Column(UTCDateTime(), nullable=False, default=utcnow)

    feedback = db.relationship("Feedback", back_populates="attachments")


PUBLIC_ANSWERS.attach(Feedback.__table__)
