"""Survey campaigns (SIPAS style, DOMAIN.md §6 item 2).

Anonymity decisions:
- A token row stores only the SHA-256 of the code handed out, its batch and the local DAY it was used.
- A response has no link to its token: once submitted, nobody (not even with the outbox or the
  printed list) can tell which person gave which answers. It keeps the local day only (no time, no
  IP, no user agent).
- A sample draw keeps its parameters (size, seed, period, procedures) and counts, never the case ids
  nor which case got which token: the draw is reproducible from its seed, and the pairing lives only
  in the outbox message that carries the link (see services.send_sample).
"""
from __future__ import annotations

from portal.core.clock import utcnow
from portal.core.db import UTCDateTime, db, string_enum
from portal.surveys.rules import Aspect, CampaignStatus, DistributionKind, Factor, QuestionType

campaign_procedure = db.Table(
    "survey_campaign_procedure",
    db.Column("campaign_id", db.Integer, db.ForeignKey("survey_campaign.id", ondelete="CASCADE"), primary_key=True),
    db.Column("procedure_id", db.Integer, db.ForeignKey("procedure.id", ondelete="RESTRICT"), primary_key=True),
)


class Campaign(db.Model):
    __tablename__ = "survey_campaign"

    id = db.Column(db.Integer, primary_key=True)
    title = db.Column(db.String(300), nullable=False)
    description = db.Column(db.Text, nullable=False, default="")
    period_start = db.Column(db.Date, nullable=False)  # cases returned from this local day …
    period_end = db.Column(db.Date, nullable=False)  # … to this one (sample frame)
    status = db.Column(string_enum(CampaignStatus, "survey_status", 10), nullable=False, default=CampaignStatus.DRAFT)
    created_by_id = db.Column(db.Integer, db.ForeignKey("staff_user.id", ondelete="SET NULL"))
    created_at = db.Column(UTCDateTime(), nullable=False, default=utcnow)
    updated_at = db.Column(UTCDateTime(), nullable=False, default=utcnow)
    version = db.Column(db.Integer, nullable=False, default=1)

    procedures = db.relationship("Procedure", secondary=campaign_procedure, order_by="Procedure.sort_name")
    questions = db.relationship("Question", order_by="Question.position", back_populates="campaign",
                                cascade="all, delete-orphan")
    created_by = db.relationship("StaffUser")

    __mapper_args__ = {"version_id_col": version}
    __table_args__ = (
        db.CheckConstraint("period_end >= period_start", name="period_order"),
        db.Index("ix_survey_campaign_status", "status"),
    )


class Question(db.Model):
    __tablename__ = "survey_question"

    id = db.Column(db.Integer, primary_key=True)
    campaign_id = db.Column(db.Integer, db.ForeignKey("survey_campaign.id", ondelete="CASCADE"), nullable=False)
    position = db.Column(db.Integer, nullable=False)
    factor = db.Column(string_enum(Factor, "survey_factor", 20))  # None: the campaign's own question
    aspect = db.Column(string_enum(Aspect, "survey_aspect", 15))
    kind = db.Column(string_enum(QuestionType, "survey_question_type", 10), nullable=False)
    text = db.Column(db.Text, nullable=False)
    options = db.Column(db.JSON, nullable=False, default=list)  # choice types: the option texts
    required = db.Column(db.Boolean, nullable=False, default=True)
    condition = db.Column(db.JSON)  # {"question_id": earlier id, "op": "equals"|"includes", "value": "…"}

    campaign = db.relationship("Campaign", back_populates="questions")

    __table_args__ = (db.Index("ix_survey_question_campaign_position", "campaign_id", "position"),)


class Distribution(db.Model):
    """A printed batch of slips or a sample of returned cases sent the link."""
    __tablename__ = "survey_distribution"

    id = db.Column(db.Integer, primary_key=True)
    campaign_id = db.Column(db.Integer, db.ForeignKey("survey_campaign.id", ondelete="CASCADE"), nullable=False,
                            index=True)
    kind = db.Column(string_enum(DistributionKind, "survey_distribution_kind", 10), nullable=False)
    label = db.Column(db.String(120), nullable=False)
    requested = db.Column(db.Integer, nullable=False)  # slips asked for / sample target size
    seed = db.Column(db.Integer)  # sample only: the draw is random.Random(seed).sample
    eligible = db.Column(db.Integer, nullable=False, default=0)  # sample only: cases in the frame
    tokens = db.Column(db.Integer, nullable=False, default=0)  # one-use codes issued
    queued = db.Column(db.Integer, nullable=False, default=0)  # outbox messages queued
    created_by_id = db.Column(db.Integer, db.ForeignKey("staff_user.id", ondelete="SET NULL"))
    created_at = db.Column(UTCDateTime(), nullable=False, default=utcnow)

    __table_args__ = (db.CheckConstraint("requested > 0", name="requested_positive"),)


class Token(db.Model):
    __tablename__ = "survey_token"

    id = db.Column(db.Integer, primary_key=True)
    campaign_id = db.Column(db.Integer, db.ForeignKey("survey_campaign.id", ondelete="CASCADE"), nullable=False,
                            index=True)
    distribution_id = db.Column(db.Integer, db.ForeignKey("survey_distribution.id", ondelete="CASCADE"),
                                nullable=False, index=True)
    token_hash = db.Column(db.String(64), nullable=False, unique=True)  # sha256 hex of the code
    used_on = db.Column(db.Date)  # local day of use; no time, so it cannot be matched to a response


class Response(db.Model):
    __tablename__ = "survey_response"

    id = db.Column(db.Integer, primary_key=True)
    campaign_id = db.Column(db.Integer, db.ForeignKey("survey_campaign.id", ondelete="CASCADE"), nullable=False)
    submitted_on = db.Column(db.Date, nullable=False)  # local day only

    answers = db.relationship("Answer", cascade="all, delete-orphan", order_by="Answer.id")

    __table_args__ = (db.Index("ix_survey_response_campaign_id", "campaign_id", "id"),)


class Answer(db.Model):
    """One row per answered question; a multiple-choice answer has one row per chosen option."""
    __tablename__ = "survey_answer"

    id = db.Column(db.Integer, primary_key=True)
    response_id = db.Column(db.Integer, db.ForeignKey("survey_response.id", ondelete="CASCADE"), nullable=False)
    question_id = db.Column(db.Integer, db.ForeignKey("survey_question.id", ondelete="CASCADE"), nullable=False)
    value = db.Column(db.Text, nullable=False)  # option text, "1"–"5", the number as typed (normalised) or free text
    number = db.Column(db.Float)  # scale5 and number questions

    __table_args__ = (
        # No index on `value`: free texts may exceed PostgreSQL's b-tree row limit.
        db.Index("ix_survey_answer_question_id", "question_id"),
        db.Index("ix_survey_answer_response_id", "response_id"),
    )
