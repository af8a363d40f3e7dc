"""Second factor for staff (TOTP) with one-time recovery codes (issue 13 point 3).

Adds `staff_user.totp_secret`, `totp_enabled_at` and `totp_last_step` (the last accepted time step, so a code
is accepted once) and the table `staff_recovery_code` (argon2 hashes of one-time codes).

Revision ID: 0031_m_totp
Revises: 0030_l_login_throttle
"""
import sqlalchemy as sa
from alembic import op

revision = "0031_m_totp"
down_revision = "0030_l_login_throttle"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("staff_user") as batch:
        batch.add_column(sa.Column("totp_secret", sa.String(length=64), nullable=True))
        batch.add_column(sa.Column("totp_enabled_at", sa.DateTime(timezone=True), nullable=True))
        batch.add_column(sa.Column("totp_last_step", sa.BigInteger(), nullable=True))
    op.create_table(
        "staff_recovery_code",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("code_hash", sa.String(length=255), nullable=False),
        sa.Column("used_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["user_id"], ["staff_user.id"], name=op.f("fk_staff_recovery_code_user_id_staff_user"),
                                ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_staff_recovery_code")),
    )
    op.create_index(op.f("ix_staff_recovery_code_user_id"), "staff_recovery_code", ["user_id"])


def downgrade():
    op.drop_index(op.f("ix_staff_recovery_code_user_id"), table_name="staff_recovery_code")
    op.drop_table("staff_recovery_code")
    with op.batch_alter_table("staff_user") as batch:
        batch.drop_column("totp_last_step")
        batch.drop_column("totp_enabled_at")
        batch.drop_column("totp_secret")
