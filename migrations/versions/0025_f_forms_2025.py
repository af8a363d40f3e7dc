"""cases: the fields of the TT 03/2025 forms (the representative, the principal and the authorisation).

- case_file.representative_id_number: the representative's số định danh cá nhân (the applicant's own ID
  number, or an organisation's mã số doanh nghiệp, stays in applicant_id_number; the applicant is the
  principal: người được đại diện / tổ chức).
- case_file.representative_basis ('' | 'authorisation' | 'legal'), authorisation_number, authorisation_date:
  the giấy ủy quyền (number, date) or "đại diện theo pháp luật".
- intake_slip: the same five representative columns, as typed at the desk (printed on the 2025 Mẫu 02/03).
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


TEXT_COLUMNS = {"case_file": (("representative_id_number", 20), ("representative_basis", 20),
                              ("authorisation_number", 60)),
                "intake_slip": (("representative_name", 200), ("representative_id_number", 20),
                                ("representative_basis", 20), ("authorisation_number", 60))}


def upgrade():
    for table, columns in TEXT_COLUMNS.items():
        with op.batch_alter_table(table) as batch:
            for name, length in columns:
                batch.add_column(sa.Column(name, sa.String(length), nullable=False, server_default=""))
            batch.add_column(sa.Column("authorisation_date", sa.Date(), nullable=True))
        # The empty default filled the existing rows; like the other text columns, the model gives it (no server
        # default).
        with op.batch_alter_table(table) as batch:
            for name, _length in columns:
                batch.alter_column(name, server_default=None)


def downgrade():
    for table, columns in TEXT_COLUMNS.items():
        with op.batch_alter_table(table) as batch:
            batch.drop_column("authorisation_date")
            for name, _length in reversed(columns):
                batch.drop_column(name)
