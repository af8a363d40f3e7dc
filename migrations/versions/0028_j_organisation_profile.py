"""organisation profile over dates (issue 15 point 1), and the applicant's ID on the desk's intake slips.

Creates `organisation_profile`: the organisation's own name, issuer lines, place, address and phone, each row
valid from a day (unique) to a day (inclusive; NULL = in force). No row is recorded here: a migration cannot
read the app's configuration reliably, and a day no row covers prints the configured organisation
(COMMITTEE_NAME …, portal.units.organisation.profile_on), so an install without rows prints as before. The
administrator (/staff/organisation) or the demo (portal.demo.organisation) records the rows.

Adds `intake_slip.applicant_id_number` and `intake_slip.applicant_kind`: the 2025 Mẫu 02/03 identify the
applicant by personal ID / organisation code like the receipt (DOMAIN.md §3); empty / "individual" on slips
issued before this migration.

Revision ID: 0028_j_organisation_profile
Revises: 0027_i_reorganisation
"""
import sqlalchemy as sa
from alembic import op

revision = "0028_j_organisation_profile"
down_revision = "0027_i_reorganisation"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "organisation_profile",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("valid_from", sa.Date(), nullable=False),
        sa.Column("valid_to", sa.Date(), nullable=True),
        sa.Column("committee_name", sa.String(length=200), nullable=False),
        sa.Column("short_name", sa.String(length=200), nullable=False),
        sa.Column("issuer_line", sa.String(length=200), nullable=False),
        sa.Column("superior_name", sa.String(length=200), nullable=False),
        sa.Column("province", sa.String(length=100), nullable=False),
        sa.Column("place", sa.String(length=100), nullable=False),
        sa.Column("address", sa.String(length=300), nullable=False),
        sa.Column("phone", sa.String(length=40), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint("valid_to IS NULL OR valid_to >= valid_from",
                           name=op.f("ck_organisation_profile_valid_to_after_from")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_organisation_profile")),
        sa.UniqueConstraint("valid_from", name=op.f("uq_organisation_profile_valid_from")),
    )
    with op.batch_alter_table("intake_slip") as batch:
        batch.add_column(sa.Column("applicant_id_number", sa.String(length=20), nullable=False, server_default=""))
        batch.add_column(sa.Column("applicant_kind", sa.String(length=20), nullable=False,
                                   server_default="individual"))
    # The defaults filled the existing rows; like the other text columns, the model gives them (no server default).
    with op.batch_alter_table("intake_slip") as batch:
        batch.alter_column("applicant_id_number", server_default=None)
        batch.alter_column("applicant_kind", server_default=None)


def downgrade():
    with op.batch_alter_table("intake_slip") as batch:
        batch.drop_column("applicant_kind")
        batch.drop_column("applicant_id_number")
    op.drop_table("organisation_profile")
