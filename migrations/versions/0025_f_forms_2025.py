"""cases: the fields of the TT 03/2025 forms (the representative, the principal and the authorisation).

- case_file.representative_id_number: the representative's số định danh cá nhân (the applicant's own ID
  number, or an organisation's mã số doanh nghiệp, stays in applicant_id_number; the applicant is the
  principal: người được đại diện / tổ chức).
- case_file.representative_basis ('' | 'authorisation' | 'legal'), authorisation_number, authorisation_date:
  the giấy ủy quyền (number, date) or "đại diện theo pháp luật".
Existing rows: empty strings / NULL (nothing was asked). Fields per DOMAIN.md §3 "Receipt fields"; no primary
text of TT 03/2025 is held in docs/law.

Revision ID: 0025_f_forms_2025
Revises: 0024_d_case_channel_withdrawal
"""
import sqlalchemy as sa
from alembic import op

revision = "0025_f_forms_2025"
down_revision = "0024_d_case_channel_withdrawal"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("case_file") as batch:
        batch.add_column(sa.Column("representative_id_number", sa.String(20), nullable=False, server_default=""))
        batch.add_column(sa.Column("representative_basis", sa.String(20), nullable=False, server_default=""))
        batch.add_column(sa.Column("authorisation_number", sa.String(60), nullable=False, server_default=""))
        batch.add_column(sa.Column("authorisation_date", sa.Date(), nullable=True))
    # The empty default filled the existing rows; like the other text columns, the model gives it (no server default).
    with op.batch_alter_table("case_file") as batch:
        for name in ("representative_id_number", "representative_basis", "authorisation_number"):
            batch.alter_column(name, server_default=None)


def downgrade():
    with op.batch_alter_table("case_file") as batch:
        batch.drop_column("authorisation_date")
        batch.drop_column("authorisation_number")
        batch.drop_column("representative_basis")
        batch.drop_column("representative_id_number")
