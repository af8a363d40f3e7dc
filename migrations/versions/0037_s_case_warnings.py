"""staff warnings (issue 18 point 1): `case_warning` (one row per kind, case, step and recipient: a warning is
recorded once, the morning digest that carried it) and `staff_warning_settings` (each officer's language, lead
days and switches), and an index on case_file (status, original_due_at) for the morning query.

Revision ID: 0037_s_case_warnings
Revises: 0036_r_case_forecast
"""
import sqlalchemy as sa
from alembic import op

revision = "0037_s_case_warnings"
down_revision = "0036_r_case_forecast"
branch_labels = None
depends_on = None

KINDS = ("handler_due", "head_apology", "leg_overdue", "manager_no_apology")


def upgrade():
    op.create_table(
        "case_warning",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("case_id", sa.Integer(), nullable=False),
        sa.Column("leg_id", sa.Integer(), nullable=True),
        sa.Column("kind", sa.Enum(*KINDS, name="case_warning_kind", native_enum=False, length=30), nullable=False),
        sa.Column("step", sa.String(length=30), nullable=False),
        sa.Column("recipient_id", sa.Integer(), nullable=False),
        sa.Column("for_day", sa.Date(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("outbox_message_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(["case_id"], ["case_file.id"], name="fk_case_warning_case_id_case_file",
                                ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["leg_id"], ["case_leg.id"], name="fk_case_warning_leg_id_case_leg",
                                ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["recipient_id"], ["staff_user.id"], name="fk_case_warning_recipient_id_staff_user",
                                ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["outbox_message_id"], ["outbox_message.id"],
                                name="fk_case_warning_outbox_message_id_outbox_message", ondelete="SET NULL"),
        sa.PrimaryKeyConstraint("id", name="pk_case_warning"),
        sa.UniqueConstraint("kind", "case_id", "step", "recipient_id",
                            name="uq_case_warning_kind_case_id_step_recipient_id"),
    )
    with op.batch_alter_table("case_warning", schema=None) as batch_op:
        batch_op.create_index("ix_case_warning_case_id", ["case_id"], unique=False)
        batch_op.create_index("ix_case_warning_leg_id", ["leg_id"], unique=False)
        batch_op.create_index("ix_case_warning_recipient_id", ["recipient_id"], unique=False)
        batch_op.create_index("ix_case_warning_for_day", ["for_day"], unique=False)
    op.create_table(
        "staff_warning_settings",
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("language", sa.String(length=5), nullable=False),
        sa.Column("handler_lead_days", sa.Integer(), nullable=False),
        sa.Column("handler_due", sa.Boolean(), nullable=False),
        sa.Column("head_apology", sa.Boolean(), nullable=False),
        sa.Column("leg_overdue", sa.Boolean(), nullable=False),
        sa.Column("manager_no_apology", sa.Boolean(), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint("language IN ('vi', 'en')", name="ck_staff_warning_settings_language_known"),
        sa.CheckConstraint("handler_lead_days BETWEEN 1 AND 5", name="ck_staff_warning_settings_lead_days_range"),
        sa.ForeignKeyConstraint(["user_id"], ["staff_user.id"], name="fk_staff_warning_settings_user_id_staff_user",
                                ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("user_id", name="pk_staff_warning_settings"),
    )
    with op.batch_alter_table("case_file", schema=None, recreate="never") as batch_op:
        batch_op.create_index("ix_case_file_status_original_due_at", ["status", "original_due_at"], unique=False)


def downgrade():
    with op.batch_alter_table("case_file", schema=None, recreate="never") as batch_op:
        batch_op.drop_index("ix_case_file_status_original_due_at")
    op.drop_table("staff_warning_settings")
    with op.batch_alter_table("case_warning", schema=None) as batch_op:
        batch_op.drop_index("ix_case_warning_for_day")
        batch_op.drop_index("ix_case_warning_recipient_id")
        batch_op.drop_index("ix_case_warning_leg_id")
        batch_op.drop_index("ix_case_warning_case_id")
    op.drop_table("case_warning")
