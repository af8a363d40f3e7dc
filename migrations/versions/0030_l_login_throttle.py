"""Login throttling per (account, address) and server-side staff sessions (issue 13 points 3 and 4).

Creates `login_failure_count` (failed sign-ins of an e-mail from one client address, or from every address,
with the time until which that pair is refused) and `staff_session` (one row per signed-in browser: signing out
deletes it, so a copied cookie is refused afterwards). Drops `staff_user.failed_logins` and
`staff_user.locked_until`: the account-wide lock let anyone lock every officer out.

Sessions signed in before this migration carry no session token and end: everyone signs in again once.

Revision ID: 0030_l_login_throttle
Revises: 0028_j_organisation_profile
"""
import sqlalchemy as sa
from alembic import op

revision = "0030_l_login_throttle"
down_revision = "0028_j_organisation_profile"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "login_failure_count",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("account", sa.String(length=200), nullable=False),
        sa.Column("address", sa.String(length=64), nullable=False),
        sa.Column("failures", sa.Integer(), nullable=False),
        sa.Column("until", sa.DateTime(timezone=True), nullable=True),
        sa.Column("last_failure_at", sa.DateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_login_failure_count")),
        sa.UniqueConstraint("account", "address", name=op.f("uq_login_failure_count_account_address")),
    )
    op.create_index(op.f("ix_login_failure_count_last_failure_at"), "login_failure_count", ["last_failure_at"])
    op.create_table(
        "staff_session",
        sa.Column("token", sa.String(length=64), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["user_id"], ["staff_user.id"], name=op.f("fk_staff_session_user_id_staff_user"),
                                ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("token", name=op.f("pk_staff_session")),
    )
    op.create_index(op.f("ix_staff_session_user_id"), "staff_session", ["user_id"])
    with op.batch_alter_table("staff_user") as batch:
        batch.drop_column("locked_until")
        batch.drop_column("failed_logins")


def downgrade():
    with op.batch_alter_table("staff_user") as batch:
        batch.add_column(sa.Column("failed_logins", sa.Integer(), nullable=False, server_default="0"))
        batch.add_column(sa.Column("locked_until", sa.DateTime(timezone=True), nullable=True))
    op.drop_index(op.f("ix_staff_session_user_id"), table_name="staff_session")
    op.drop_table("staff_session")
    op.drop_index(op.f("ix_login_failure_count_last_failure_at"), table_name="login_failure_count")
    op.drop_table("login_failure_count")
