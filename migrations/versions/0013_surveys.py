"""surveys: SIPAS-style campaigns, their questions, one-use codes (hashed), distributions and anonymous
responses (no link from a response to its code, day only)

Revision ID: 0013_surveys
Revises: 0012_case_ratings
"""
import sqlalchemy as sa
from alembic import op

revision = "0013_surveys"
down_revision = "0012_case_ratings"
branch_labels = None
depends_on = None


def _enum(name, length, *values):
    return sa.Enum(*values, name=name, native_enum=False, length=length)


def upgrade():
    op.create_table(
        "survey_campaign",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("title", sa.String(length=300), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("period_start", sa.Date(), nullable=False),
        sa.Column("period_end", sa.Date(), nullable=False),
        sa.Column("status", _enum("survey_status", 10, "draft", "open", "closed"), nullable=False),
        sa.Column("created_by_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.CheckConstraint("period_end >= period_start", name=op.f("ck_survey_campaign_period_order")),
        sa.ForeignKeyConstraint(["created_by_id"], ["staff_user.id"],
                                name=op.f("fk_survey_campaign_created_by_id_staff_user"), ondelete="SET NULL"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_survey_campaign")),
    )
    with op.batch_alter_table("survey_campaign", schema=None) as batch_op:
        batch_op.create_index("ix_survey_campaign_status", ["status"], unique=False)

    op.create_table(
        "survey_campaign_procedure",
        sa.Column("campaign_id", sa.Integer(), nullable=False),
        sa.Column("procedure_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["campaign_id"], ["survey_campaign.id"],
                                name=op.f("fk_survey_campaign_procedure_campaign_id_survey_campaign"),
                                ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["procedure_id"], ["procedure.id"],
                                name=op.f("fk_survey_campaign_procedure_procedure_id_procedure"), ondelete="RESTRICT"),
        sa.PrimaryKeyConstraint("campaign_id", "procedure_id", name=op.f("pk_survey_campaign_procedure")),
    )

    op.create_table(
        "survey_question",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("campaign_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("factor", _enum("survey_factor", 20, "access", "procedure", "civil_servants", "result",
                                  "feedback_handling"), nullable=True),
        sa.Column("aspect", _enum("survey_aspect", 15, "assessment", "satisfaction", "expectation"), nullable=True),
        sa.Column("kind", _enum("survey_question_type", 10, "single", "multiple", "scale5", "number", "text"),
                  nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("options", sa.JSON(), nullable=False),
        sa.Column("required", sa.Boolean(), nullable=False),
        sa.Column("condition", sa.JSON(), nullable=True),
        sa.ForeignKeyConstraint(["campaign_id"], ["survey_campaign.id"],
                                name=op.f("fk_survey_question_campaign_id_survey_campaign"), ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_survey_question")),
    )
    with op.batch_alter_table("survey_question", schema=None) as batch_op:
        batch_op.create_index("ix_survey_question_campaign_position", ["campaign_id", "position"], unique=False)

    op.create_table(
        "survey_distribution",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("campaign_id", sa.Integer(), nullable=False),
        sa.Column("kind", _enum("survey_distribution_kind", 10, "printed", "sample"), nullable=False),
        sa.Column("label", sa.String(length=120), nullable=False),
        sa.Column("requested", sa.Integer(), nullable=False),
        sa.Column("seed", sa.Integer(), nullable=True),
        sa.Column("eligible", sa.Integer(), nullable=False),
        sa.Column("tokens", sa.Integer(), nullable=False),
        sa.Column("queued", sa.Integer(), nullable=False),
        sa.Column("created_by_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint("requested > 0", name=op.f("ck_survey_distribution_requested_positive")),
        sa.ForeignKeyConstraint(["campaign_id"], ["survey_campaign.id"],
                                name=op.f("fk_survey_distribution_campaign_id_survey_campaign"), ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["created_by_id"], ["staff_user.id"],
                                name=op.f("fk_survey_distribution_created_by_id_staff_user"), ondelete="SET NULL"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_survey_distribution")),
    )
    with op.batch_alter_table("survey_distribution", schema=None) as batch_op:
        batch_op.create_index("ix_survey_distribution_campaign_id", ["campaign_id"], unique=False)

    op.create_table(
        "survey_token",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("campaign_id", sa.Integer(), nullable=False),
        sa.Column("distribution_id", sa.Integer(), nullable=False),
        sa.Column("token_hash", sa.String(length=64), nullable=False),
        sa.Column("used_on", sa.Date(), nullable=True),
        sa.ForeignKeyConstraint(["campaign_id"], ["survey_campaign.id"],
                                name=op.f("fk_survey_token_campaign_id_survey_campaign"), ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["distribution_id"], ["survey_distribution.id"],
                                name=op.f("fk_survey_token_distribution_id_survey_distribution"), ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_survey_token")),
        sa.UniqueConstraint("token_hash", name=op.f("uq_survey_token_token_hash")),
    )
    with op.batch_alter_table("survey_token", schema=None) as batch_op:
        batch_op.create_index("ix_survey_token_campaign_id", ["campaign_id"], unique=False)
        batch_op.create_index("ix_survey_token_distribution_id", ["distribution_id"], unique=False)

    op.create_table(
        "survey_response",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("campaign_id", sa.Integer(), nullable=False),
        sa.Column("submitted_on", sa.Date(), nullable=False),
        sa.ForeignKeyConstraint(["campaign_id"], ["survey_campaign.id"],
                                name=op.f("fk_survey_response_campaign_id_survey_campaign"), ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_survey_response")),
    )
    with op.batch_alter_table("survey_response", schema=None) as batch_op:
        batch_op.create_index("ix_survey_response_campaign_id", ["campaign_id", "id"], unique=False)

    op.create_table(
        "survey_answer",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("response_id", sa.Integer(), nullable=False),
        sa.Column("question_id", sa.Integer(), nullable=False),
        sa.Column("value", sa.Text(), nullable=False),
        sa.Column("number", sa.Float(), nullable=True),
        sa.ForeignKeyConstraint(["question_id"], ["survey_question.id"],
                                name=op.f("fk_survey_answer_question_id_survey_question"), ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["response_id"], ["survey_response.id"],
                                name=op.f("fk_survey_answer_response_id_survey_response"), ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_survey_answer")),
    )
    with op.batch_alter_table("survey_answer", schema=None) as batch_op:
        batch_op.create_index("ix_survey_answer_question_id", ["question_id"], unique=False)
        batch_op.create_index("ix_survey_answer_response_id", ["response_id"], unique=False)


def downgrade():
    with op.batch_alter_table("survey_answer", schema=None) as batch_op:
        batch_op.drop_index("ix_survey_answer_response_id")
        batch_op.drop_index("ix_survey_answer_question_id")
    op.drop_table("survey_answer")
    with op.batch_alter_table("survey_response", schema=None) as batch_op:
        batch_op.drop_index("ix_survey_response_campaign_id")
    op.drop_table("survey_response")
    with op.batch_alter_table("survey_token", schema=None) as batch_op:
        batch_op.drop_index("ix_survey_token_distribution_id")
        batch_op.drop_index("ix_survey_token_campaign_id")
    op.drop_table("survey_token")
    with op.batch_alter_table("survey_distribution", schema=None) as batch_op:
        batch_op.drop_index("ix_survey_distribution_campaign_id")
    op.drop_table("survey_distribution")
    with op.batch_alter_table("survey_question", schema=None) as batch_op:
        batch_op.drop_index("ix_survey_question_campaign_position")
    op.drop_table("survey_question")
    op.drop_table("survey_campaign_procedure")
    with op.batch_alter_table("survey_campaign", schema=None) as batch_op:
        batch_op.drop_index("ix_survey_campaign_status")
    op.drop_table("survey_campaign")
