"""procedures: competence by level (issue 15 point 5). (Filled in below.)

Revision ID: 0023_c_competence_by_level
Revises: 0022_a_case_code_format
"""
import sqlalchemy as sa  # noqa: F401
from alembic import op  # noqa: F401

revision = "0023_c_competence_by_level"
down_revision = "0022_a_case_code_format"
branch_labels = None
depends_on = None


def upgrade():
    pass


def downgrade():
    pass
