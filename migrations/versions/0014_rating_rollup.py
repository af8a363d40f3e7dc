"""rating rollups: monthly sums of per-case ratings (by unit, desk officer and channel; by unit and
procedure), and an index on case_file.returned_at for the response rate's denominator

PostgreSQL reads returned cases of a period from (returned_at, handling_unit_id, procedure_id);
SQLite skip-scans (handling_unit_id, returned_at, procedure_id) unit by unit (no hash aggregate).
The rollups are filled from existing ratings here, so an upgraded database starts consistent.

Revision ID: 0014_rating_rollup
Revises: 0013_surveys
"""
import sqlalchemy as sa
from alembic import op

revision = "0014_rating_rollup"
down_revision = "0013_surveys"
branch_labels = None
depends_on = None

POINTS = [f"s{i}" for i in range(1, 10)]


def _sum_columns(names):
    return [sa.Column(name, sa.Integer(), nullable=False) for name in names]


def upgrade():
    op.create_table(
        "rating_month",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("month", sa.Integer(), nullable=False),
        sa.Column("unit_id", sa.Integer(), nullable=False),
        sa.Column("officer_key", sa.Integer(), nullable=False),
        sa.Column("channel", sa.String(length=10), nullable=False),
        *_sum_columns(["n", "satisfied", *POINTS, "officer_sum", "agency_sum"]),
        sa.ForeignKeyConstraint(["unit_id"], ["unit.id"], name=op.f("fk_rating_month_unit_id_unit"),
                                ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_rating_month")),
        sa.UniqueConstraint("month", "unit_id", "officer_key", "channel", name="uq_rating_month_key"),
    )
    op.create_table(
        "rating_month_procedure",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("month", sa.Integer(), nullable=False),
        sa.Column("unit_id", sa.Integer(), nullable=False),
        sa.Column("procedure_id", sa.Integer(), nullable=False),
        *_sum_columns(["n", "satisfied", "officer_sum", "agency_sum"]),
        sa.ForeignKeyConstraint(["procedure_id"], ["procedure.id"],
                                name=op.f("fk_rating_month_procedure_procedure_id_procedure"), ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["unit_id"], ["unit.id"], name=op.f("fk_rating_month_procedure_unit_id_unit"),
                                ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_rating_month_procedure")),
        sa.UniqueConstraint("month", "unit_id", "procedure_id", name="uq_rating_month_procedure_key"),
    )
    dialect = op.get_bind().dialect.name
    if dialect == "postgresql":
        op.create_index("ix_case_file_returned_cover", "case_file", ["returned_at", "handling_unit_id", "procedure_id"])
        month = "CAST(to_char(rated_on, 'YYYYMM') AS INTEGER)"
    else:
        op.create_index("ix_case_file_unit_returned", "case_file", ["handling_unit_id", "returned_at", "procedure_id"])
        month = "CAST(strftime('%Y%m', rated_on) AS INTEGER)"
    points = ", ".join(f"SUM(i{i})" for i in range(1, 10))
    satisfied = "SUM(CASE WHEN satisfied THEN 1 ELSE 0 END)"
    op.execute(
        "INSERT INTO rating_month (month, unit_id, officer_key, channel, n, satisfied, "
        f"{', '.join(POINTS)}, officer_sum, agency_sum) "
        f"SELECT {month}, unit_id, COALESCE(officer_id, 0), channel, COUNT(*), {satisfied}, {points}, "
        f"SUM(officer_score), SUM(agency_score) FROM case_rating "
        f"GROUP BY {month}, unit_id, COALESCE(officer_id, 0), channel")
    op.execute(
        "INSERT INTO rating_month_procedure (month, unit_id, procedure_id, n, satisfied, officer_sum, agency_sum) "
        f"SELECT {month}, unit_id, procedure_id, COUNT(*), {satisfied}, SUM(officer_score), SUM(agency_score) "
        f"FROM case_rating GROUP BY {month}, unit_id, procedure_id")


def downgrade():
    if op.get_bind().dialect.name == "postgresql":
        op.drop_index("ix_case_file_returned_cover", table_name="case_file")
    else:
        op.drop_index("ix_case_file_unit_returned", table_name="case_file")
    op.drop_table("rating_month_procedure")
    op.drop_table("rating_month")
