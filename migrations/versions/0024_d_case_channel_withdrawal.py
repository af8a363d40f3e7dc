"""cases: channel, digitisation at intake, withdrawal and reopening (issue 15 point 3). (Filled in below.)

Revision ID: 0024_d_case_channel_withdrawal
Revises: 0023_c_competence_by_level
"""
import sqlalchemy as sa  # noqa: F401
from alembic import op  # noqa: F401

revision = "0024_d_case_channel_withdrawal"
down_revision = "0023_c_competence_by_level"
branch_labels = None
depends_on = None


def upgrade():
    pass


def downgrade():
    pass
