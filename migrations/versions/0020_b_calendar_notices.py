"""cases: decisions on calendar notices (an extra day off or make-up working day entered after cases were
received): applied to the open cases it moves, or the printed dates kept (DOMAIN.md §4).

Revision ID: 0020_b_calendar_notices
Revises: 0019_b_register_number
"""
import sqlalchemy as sa
from alembic import op

revision = "0020_b_calendar_notices"
down_revision = "0019_b_register_number"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "case_calendar_notice",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("exception_id", sa.Integer(), nullable=False),
        sa.Column("on", sa.Date(), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("reason", sa.String(length=300), nullable=False),
        sa.Column("decision", sa.String(length=10), nullable=False),
        sa.Column("moves", sa.JSON(), nullable=False),
        sa.Column("decided_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("decided_by_id", sa.Integer(), nullable=True),
        sa.Column("decided_by_name", sa.String(length=200), nullable=False),
        sa.CheckConstraint("decision IN ('apply', 'keep')", name=op.f("ck_case_calendar_notice_decision_known")),
        sa.ForeignKeyConstraint(["decided_by_id"], ["staff_user.id"],
                                name=op.f("fk_case_calendar_notice_decided_by_id_staff_user"), ondelete="SET NULL"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_case_calendar_notice")),
    )
    # No foreign key to workday_exception: the record outlives the exception's removal (DOMAIN.md §4).
    op.create_index("ix_case_calendar_notice_exception_id", "case_calendar_notice", ["exception_id"])


def downgrade():
    op.drop_index("ix_case_calendar_notice_exception_id", table_name="case_calendar_notice")
    op.drop_table("case_calendar_notice")
