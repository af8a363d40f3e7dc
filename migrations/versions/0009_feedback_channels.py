"""feedback channels: the published address, hotline, e-mail, office hours and rules for PAKN

One settings row (id = 1, enforced by a check). No data is seeded here: until an admin saves, the
portal shows defaults built from the app config (COMMITTEE_ADDRESS, COMMITTEE_PHONE).

Revision ID: 0009_feedback_channels
Revises: 0008_feedback
"""
import sqlalchemy as sa
from alembic import op

revision = "0009_feedback_channels"
down_revision = "0008_feedback"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "feedback_channels",
        sa.Column("id", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("address", sa.String(length=300), nullable=False),
        sa.Column("hotline", sa.String(length=40), nullable=False),
        sa.Column("email", sa.String(length=200), nullable=False),
        sa.Column("office_hours", sa.Text(), nullable=False),
        sa.Column("rules", sa.Text(), nullable=False),
        sa.Column("deadlines", sa.Text(), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_by_id", sa.Integer(), nullable=True),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.CheckConstraint("id = 1", name=op.f("ck_feedback_channels_single_row")),
        sa.ForeignKeyConstraint(["updated_by_id"], ["staff_user.id"],
                                name=op.f("fk_feedback_channels_updated_by_id_staff_user"), ondelete="SET NULL"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_feedback_channels")),
    )


def downgrade():
    op.drop_table("feedback_channels")
