"""case statistics indexes and the finished-after-received check: covering indexes for received/finished counts, a GiST range index for
cases open at a past moment (PostgreSQL only), and apologies by issue date

Revision ID: 0005_case_stat_indexes
Revises: 0004_outbox
"""
from alembic import op

revision = "0005_case_stat_indexes"
down_revision = "0004_outbox"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("case_file", schema=None) as batch_op:
        batch_op.drop_index("ix_case_file_received_at")
        batch_op.drop_index("ix_case_file_finished_at")
        batch_op.create_index("ix_case_file_received_cover", ["received_at", "handling_unit_id", "procedure_id"])
        batch_op.create_index("ix_case_file_finished_cover",
                              ["finished_at", "timing", "handling_unit_id", "procedure_id", "id"])
        # A case cannot finish before it was received (the range index below relies on it too).
        batch_op.create_check_constraint("finished_after_received", "finished_at IS NULL OR finished_at >= received_at")
    if op.get_bind().dialect.name == "postgresql":
        op.execute("CREATE INDEX ix_case_file_open_span ON case_file "
                   "USING gist (tstzrange(received_at, finished_at, '(]'))")
    with op.batch_alter_table("case_apology", schema=None) as batch_op:
        batch_op.create_index("ix_case_apology_issued_at", ["issued_at"])


def downgrade():
    with op.batch_alter_table("case_apology", schema=None) as batch_op:
        batch_op.drop_index("ix_case_apology_issued_at")
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP INDEX ix_case_file_open_span")
    with op.batch_alter_table("case_file", schema=None) as batch_op:
        batch_op.drop_constraint("finished_after_received", type_="check")
        batch_op.drop_index("ix_case_file_finished_cover")
        batch_op.drop_index("ix_case_file_received_cover")
        batch_op.create_index("ix_case_file_finished_at", ["finished_at"])
        batch_op.create_index("ix_case_file_received_at", ["received_at"])
