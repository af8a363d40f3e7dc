"""cases: the receipt register number (số thứ tự in the Sổ theo dõi hồ sơ, TT 01/2018 Điều 10; Mẫu 01 and
Mẫu 06/07 print the same number) runs per register book — the receiving desk's book of a year — from
01, not the database id. Allocated at intake from case_register_counter like the daily case code.

Existing cases are numbered here in order of receipt (received_at, then id) per receiving unit and
local year; the counters continue from there. Plain SQL on lightweight tables, no model imported.

Revision ID: 0019_b_register_number
Revises: 0018_a_legal_due
"""
import os
from datetime import timezone
from zoneinfo import ZoneInfo

import sqlalchemy as sa
from alembic import op

revision = "0019_b_register_number"
down_revision = "0018_a_legal_due"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "case_register_counter",
        sa.Column("unit_id", sa.Integer(), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("last_number", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["unit_id"], ["unit.id"], name=op.f("fk_case_register_counter_unit_id_unit"),
                                ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("unit_id", "year", name=op.f("pk_case_register_counter")),
    )
    with op.batch_alter_table("case_file") as batch:
        batch.add_column(sa.Column("register_year", sa.Integer(), nullable=True))
        batch.add_column(sa.Column("register_number", sa.Integer(), nullable=True))
    _backfill()
    with op.batch_alter_table("case_file") as batch:
        batch.create_unique_constraint("uq_case_file_register", ["unit_id", "register_year", "register_number"])


def _backfill():
    """Number every existing case 1, 2, … per (receiving unit, local year of receipt)."""
    bind = op.get_bind()
    tz = ZoneInfo(os.environ.get("TIMEZONE", "Asia/Ho_Chi_Minh"))
    case_file = sa.table("case_file", sa.column("id", sa.Integer()), sa.column("unit_id", sa.Integer()),
                         sa.column("received_at", sa.DateTime()), sa.column("register_year", sa.Integer()),
                         sa.column("register_number", sa.Integer()))
    counter = sa.table("case_register_counter", sa.column("unit_id", sa.Integer()), sa.column("year", sa.Integer()),
                       sa.column("last_number", sa.Integer()))
    rows = bind.execute(sa.select(case_file.c.id, case_file.c.unit_id, case_file.c.received_at)
                        .order_by(case_file.c.received_at, case_file.c.id))
    last: dict[tuple[int, int], int] = {}
    updates = []
    for case_id, unit_id, received_at in rows:
        if received_at.tzinfo is None:  # SQLite keeps UTC without a zone
            received_at = received_at.replace(tzinfo=timezone.utc)
        key = (unit_id, received_at.astimezone(tz).year)
        last[key] = last.get(key, 0) + 1
        updates.append({"b_id": case_id, "b_year": key[1], "b_number": last[key]})
    if updates:
        bind.execute(case_file.update().where(case_file.c.id == sa.bindparam("b_id"))
                     .values(register_year=sa.bindparam("b_year"), register_number=sa.bindparam("b_number")),
                     updates)
        bind.execute(counter.insert(), [{"unit_id": u, "year": y, "last_number": n} for (u, y), n in last.items()])


def downgrade():
    with op.batch_alter_table("case_file") as batch:
        batch.drop_constraint("uq_case_file_register", type_="unique")
        batch.drop_column("register_number")
        batch.drop_column("register_year")
    op.drop_table("case_register_counter")
