"""units: names valid over dates (a rename keeps the old name for the documents of its time).

Creates `unit_name` and records each unit's current name as valid from 2000-01-01 (portal.units.names.EARLIEST:
a unit's created_at is when it was typed into the portal, not when the office began), with no end.
A data migration written against the table, without importing the models.

Revision ID: 0026_h_unit_name_history
Revises: 0025_f_forms_2025
"""
from datetime import date

import sqlalchemy as sa
from alembic import op

revision = "0026_h_unit_name_history"
down_revision = "0025_f_forms_2025"
branch_labels = None
depends_on = None

EARLIEST = date(2000, 1, 1)


def upgrade():
    unit_name = op.create_table(
        "unit_name",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("unit_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("valid_from", sa.Date(), nullable=False),
        sa.Column("valid_to", sa.Date(), nullable=True),
        sa.CheckConstraint("valid_to IS NULL OR valid_to >= valid_from", name=op.f("ck_unit_name_valid_to_after_from")),
        sa.ForeignKeyConstraint(["unit_id"], ["unit.id"], name=op.f("fk_unit_name_unit_id_unit"), ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_unit_name")),
        sa.UniqueConstraint("unit_id", "valid_from", name=op.f("uq_unit_name_unit_id_valid_from")),
    )
    op.create_index(op.f("ix_unit_name_unit_id"), "unit_name", ["unit_id"], unique=False)
    units = sa.table("unit", sa.column("id", sa.Integer), sa.column("name", sa.String))
    rows = op.get_bind().execute(sa.select(units.c.id, units.c.name).order_by(units.c.id)).all()
    if rows:
        op.bulk_insert(unit_name, [{"unit_id": r.id, "name": r.name, "valid_from": EARLIEST, "valid_to": None}
                                   for r in rows])


def downgrade():
    op.drop_index(op.f("ix_unit_name_unit_id"), table_name="unit_name")
    op.drop_table("unit_name")
