"""cases: case codes per TT 03/2025 Điều 13 and TT 04/2025 — a configured code format per unit and the national
(dichvucong.gov.vn) code a case received on the national portal keeps. (Filled in below.)

Revision ID: 0022_a_case_code_format
Revises: 0021_c_tt01_scoring
"""
import sqlalchemy as sa  # noqa: F401
from alembic import op  # noqa: F401

revision = "0022_a_case_code_format"
down_revision = "0021_c_tt01_scoring"
branch_labels = None
depends_on = None


def upgrade():
    pass


def downgrade():
    pass
