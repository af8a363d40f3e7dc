"""case statistics on SQLite: indexes that let SQLite answer the statistics page without sorting

SQLite has no hash aggregate: a GROUP BY over a year of cases (~200k rows) sorts them in a temp
B-tree, which cost more than reading them. Indexes led by the grouping column let it skip-scan
(ANY(handling_unit_id) AND received_at/finished_at in range) and deliver the groups in order. The
open-at-a-moment query (stats.open_at, GROUP BY +key) becomes a MULTI-INDEX OR over two covering
searches of ix_case_file_open_cover. PostgreSQL needs none of them (0005: covering indexes, GiST).

Revision ID: 0007_case_stats_sqlite
Revises: 0006_case_legs
"""
from alembic import op

revision = "0007_case_stats_sqlite"
down_revision = "0006_case_legs"
branch_labels = None
depends_on = None

INDEXES = {
    "ix_case_file_open_cover": ["finished_at", "received_at", "handling_unit_id", "procedure_id", "due_at"],
    "ix_case_file_unit_received": ["handling_unit_id", "received_at"],
    "ix_case_file_unit_finished": ["handling_unit_id", "finished_at", "timing"],
    "ix_case_file_procedure_received": ["procedure_id", "received_at"],
    "ix_case_file_procedure_finished": ["procedure_id", "finished_at", "timing"],
}


def upgrade():
    if op.get_bind().dialect.name != "sqlite":
        return
    for name, columns in INDEXES.items():
        op.create_index(name, "case_file", columns)
    op.execute("ANALYZE")  # skip-scan needs sqlite_stat1 to know there are few units and procedures


def downgrade():
    if op.get_bind().dialect.name != "sqlite":
        return
    for name in INDEXES:
        op.drop_index(name, table_name="case_file")
