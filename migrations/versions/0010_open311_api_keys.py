"""open311 api keys: the partners' keys for the Open311 GeoReport v2 endpoint (/open311/v2)

Only the SHA-256 of a key is stored, with its first characters to tell keys apart.

Revision ID: 0010_open311_api_keys
Revises: 0009_feedback_channels
"""
import sqlalchemy as sa
from alembic import op

revision = "0010_open311_api_keys"
down_revision = "0009_feedback_channels"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "open311_api_key",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("key_hash", sa.String(length=64), nullable=False),
        sa.Column("prefix", sa.String(length=12), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("created_by_id", sa.Integer(), nullable=True),
        sa.Column("revoked_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("last_used_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(["created_by_id"], ["staff_user.id"], name=op.f("fk_open311_api_key_created_by_id_staff_user"),
                                ondelete="SET NULL"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_open311_api_key")),
        sa.UniqueConstraint("key_hash", name=op.f("uq_open311_api_key_key_hash")),
    )


def downgrade():
    op.drop_table("open311_api_key")
