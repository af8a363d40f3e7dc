"""cases: case codes per TT 03/2025 Điều 13 and TT 04/2025 (issue 15 point 4).

- unit.case_code_pattern: a unit's own code format (portal.units.case_codes, e.g. "{UNIT}-{YYMMDD}-{NNNN}" or
  TT 04/2025's "M40.123.01-{YYMMDD}-AA{NNNN}"); NULL = the format in force on the receipt date.
- case_file.code_origin: "local" (issued by the desk from its daily counter) or "national" (the code given by
  dichvucong.gov.vn, kept as the case's code; the local counter is not used). Existing cases are local.
Codes already issued are not touched.

Revision ID: 0022_a_case_code_format
Revises: 0021_c_tt01_scoring
"""
import sqlalchemy as sa
from alembic import op

revision = "0022_a_case_code_format"
down_revision = "0021_c_tt01_scoring"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("unit") as batch:
        batch.add_column(sa.Column("case_code_pattern", sa.String(length=80), nullable=True))
    with op.batch_alter_table("case_file") as batch:
        batch.add_column(sa.Column("code_origin", sa.String(length=10), nullable=False, server_default="local"))
        batch.create_check_constraint(op.f("ck_case_file_code_origin_known"), "code_origin IN ('local', 'national')")


def downgrade():
    with op.batch_alter_table("case_file") as batch:
        batch.drop_constraint(op.f("ck_case_file_code_origin_known"), type_="check")
        batch.drop_column("code_origin")
    with op.batch_alter_table("unit") as batch:
        batch.drop_column("case_code_pattern")
