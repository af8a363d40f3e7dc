"""Access codes stored hashed (issue 13 point 11).

`case.access_code` and `feedback.access_code` (plaintext) become `access_code_hash` (argon2id, parameters in
portal.core.access_codes, the one place they are defined; it imports no model). Existing codes are hashed row by
row in batches, so the codes on receipts already handed out keep working; then the plaintext column is dropped.

Downgrade cannot recover the codes: it adds `access_code` back with a fresh random code for every row and drops
the hashes. Every receipt and e-mail handed out before then stops opening its lookup; the desk reprints the
receipt (the old application prints the stored code) to give the citizen the new one.

Revision ID: 0032_n_access_code_hash
Revises: 0031_m_totp
"""
import sqlalchemy as sa
from alembic import op

from portal.core.access_codes import hash_code, new_code

revision = "0032_n_access_code_hash"
down_revision = "0031_m_totp"
branch_labels = None
depends_on = None

TABLES = ("case_file", "feedback")
BATCH = 500


def _rewrite(table_name: str, source: str, target: str, value) -> None:
    """target = value(source) for every row, `BATCH` rows at a time (ordered by id, so no row twice)."""
    bind = op.get_bind()
    table = sa.table(table_name, sa.column("id", sa.Integer), sa.column(source, sa.String),
                     sa.column(target, sa.String))
    last = 0
    while True:
        rows = bind.execute(sa.select(table.c.id, table.c[source]).where(table.c.id > last)
                            .order_by(table.c.id).limit(BATCH)).all()
        if not rows:
            return
        for row_id, old in rows:
            bind.execute(table.update().where(table.c.id == row_id).values({target: value(old)}))
        last = rows[-1][0]


def upgrade():
    for name in TABLES:
        with op.batch_alter_table(name) as batch:
            batch.add_column(sa.Column("access_code_hash", sa.String(length=255), nullable=True))
        _rewrite(name, "access_code", "access_code_hash", hash_code)
        with op.batch_alter_table(name) as batch:
            batch.alter_column("access_code_hash", existing_type=sa.String(length=255), nullable=False)
            batch.drop_column("access_code")


def downgrade():
    for name in TABLES:
        with op.batch_alter_table(name) as batch:
            batch.add_column(sa.Column("access_code", sa.String(length=16), nullable=True))
        _rewrite(name, "access_code_hash", "access_code", lambda _old: new_code())
        with op.batch_alter_table(name) as batch:
            batch.alter_column("access_code", existing_type=sa.String(length=16), nullable=False)
            batch.drop_column("access_code_hash")
