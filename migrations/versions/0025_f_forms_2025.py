"""cases: the fields of the TT 03/2025 forms (the representative, the principal and the authorisation).
(Placeholder in the issue 15 chain; filled by the 2025 forms change.)

Revision ID: 0025_f_forms_2025
Revises: 0024_d_case_channel_withdrawal
"""
import sqlalchemy as sa  # noqa: F401
from alembic import op  # noqa: F401

revision = "0025_f_forms_2025"
down_revision = "0024_d_case_channel_withdrawal"
branch_labels = None
depends_on = None


def upgrade():
    pass


def downgrade():
    pass
