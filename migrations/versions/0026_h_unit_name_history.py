"""units: names valid over dates (a rename keeps the old name for the documents of its time).
(Placeholder in the issue 15 chain; filled by the organisation-history change.)

Revision ID: 0026_h_unit_name_history
Revises: 0025_f_forms_2025
"""
import sqlalchemy as sa  # noqa: F401
from alembic import op  # noqa: F401

revision = "0026_h_unit_name_history"
down_revision = "0025_f_forms_2025"
branch_labels = None
depends_on = None


def upgrade():
    pass


def downgrade():
    pass
