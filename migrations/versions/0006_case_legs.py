"""case legs: consultations and inter-agency legs (liên thông), each with its own deadline

Revision ID: 0006_case_legs
Revises: 0005_case_stat_indexes
"""
import sqlalchemy as sa
from alembic import op

revision = "0006_case_legs"
down_revision = "0005_case_stat_indexes"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "case_leg",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("case_id", sa.Integer(), nullable=False),
        sa.Column("unit_id", sa.Integer(), nullable=False),
        sa.Column("purpose", sa.Text(), nullable=False),
        sa.Column("sent_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("due_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("answered_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("answer", sa.Text(), nullable=False),
        sa.Column("sent_by_id", sa.Integer(), nullable=True),
        sa.Column("answered_by_id", sa.Integer(), nullable=True),
        sa.CheckConstraint("answered_at IS NULL OR answered_at >= sent_at", name=op.f("ck_case_leg_answered_after_sent")),
        sa.CheckConstraint("due_at >= sent_at", name=op.f("ck_case_leg_due_after_sent")),
        sa.ForeignKeyConstraint(["answered_by_id"], ["staff_user.id"], name=op.f("fk_case_leg_answered_by_id_staff_user"),
                                ondelete="SET NULL"),
        sa.ForeignKeyConstraint(["case_id"], ["case_file.id"], name=op.f("fk_case_leg_case_id_case_file"),
                                ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["sent_by_id"], ["staff_user.id"], name=op.f("fk_case_leg_sent_by_id_staff_user"),
                                ondelete="SET NULL"),
        sa.ForeignKeyConstraint(["unit_id"], ["unit.id"], name=op.f("fk_case_leg_unit_id_unit"), ondelete="RESTRICT"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_case_leg")),
    )
    with op.batch_alter_table("case_leg", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_case_leg_case_id"), ["case_id"], unique=False)
        batch_op.create_index("ix_case_leg_unit_answered", ["unit_id", "answered_at"], unique=False)


def downgrade():
    with op.batch_alter_table("case_leg", schema=None) as batch_op:
        batch_op.drop_index("ix_case_leg_unit_answered")
        batch_op.drop_index(batch_op.f("ix_case_leg_case_id"))
    op.drop_table("case_leg")
