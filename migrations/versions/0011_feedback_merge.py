"""feedback merge and rejection reasons: feedback.rejection_code (a standard reason, rules.RejectionReason)
beside the free-text rejection_reason, and feedback.merged_into_id (the feedback it was merged into).

The new status "merged" needs no DDL: statuses are stored as VARCHAR(30) without a CHECK constraint
(string_enum, native_enum=False), and "merged" fits the length.

SQLite: no batch "move and copy" here. It would drop the old feedback table, and with foreign keys on
(portal.core.db turns them on for every connection, and they cannot be turned off inside the migration's
transaction) SQLite deletes the rows that reference it - the whole trail and the attachments - on the way.
Instead the column is added with ALTER TABLE ADD COLUMN, and the named table-level constraint is written
into the stored CREATE TABLE text, the procedure of https://sqlite.org/lang_altertable.html section 7
("writable_schema", then schema_version + 1): safe because the new column holds only NULLs. Downgrade
removes the constraint text the same way, then drops the column. PostgreSQL gets plain DDL.

Revision ID: 0011_feedback_merge
Revises: 0010_open311_api_keys
"""
import sqlalchemy as sa
from alembic import op

revision = "0011_feedback_merge"
down_revision = "0010_open311_api_keys"
branch_labels = None
depends_on = None

REASONS = ("complaint", "anonymous", "already_answered", "legal_question", "not_administrative",
           "outside_competence", "unclear", "offensive", "other")
FK = "fk_feedback_merged_into_id_feedback"


CONSTRAINT_SQL = f"CONSTRAINT {FK} FOREIGN KEY(merged_into_id) REFERENCES feedback (id) ON DELETE SET NULL"


def _sqlite_rewrite_feedback(change) -> None:
    """Replace the stored CREATE TABLE text of feedback by change(text) (SQLite only)."""
    conn = op.get_bind()
    sql = conn.exec_driver_sql("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = 'feedback'").scalar()
    version = conn.exec_driver_sql("PRAGMA schema_version").scalar()
    conn.exec_driver_sql("PRAGMA writable_schema = ON")
    conn.exec_driver_sql("UPDATE sqlite_master SET sql = ? WHERE type = 'table' AND name = 'feedback'",
                         (change(sql),))
    conn.exec_driver_sql(f"PRAGMA schema_version = {int(version) + 1}")
    conn.exec_driver_sql("PRAGMA writable_schema = OFF")
    assert conn.exec_driver_sql("PRAGMA integrity_check").scalar() == "ok"


def upgrade():
    sqlite = op.get_bind().dialect.name == "sqlite"
    with op.batch_alter_table("feedback", schema=None, recreate="never") as batch_op:
        batch_op.add_column(sa.Column("rejection_code", sa.Enum(*REASONS, name="feedback_rejection_code",
                                                                native_enum=False, length=30), nullable=True))
        batch_op.add_column(sa.Column("merged_into_id", sa.Integer(), nullable=True))
        if not sqlite:
            batch_op.create_foreign_key(FK, "feedback", ["merged_into_id"], ["id"], ondelete="SET NULL")
        batch_op.create_index("ix_feedback_merged_into_id", ["merged_into_id"], unique=False)
    if sqlite:
        _sqlite_rewrite_feedback(lambda sql: sql.rstrip().removesuffix(")").rstrip() + f", \n\t{CONSTRAINT_SQL}\n)")


def downgrade():
    sqlite = op.get_bind().dialect.name == "sqlite"
    if sqlite:
        _sqlite_rewrite_feedback(lambda sql: sql.replace(f", \n\t{CONSTRAINT_SQL}", ""))
    with op.batch_alter_table("feedback", schema=None, recreate="never") as batch_op:
        batch_op.drop_index("ix_feedback_merged_into_id")
        if not sqlite:
            batch_op.drop_constraint(FK, type_="foreignkey")
        batch_op.drop_column("merged_into_id")
        batch_op.drop_column("rejection_code")
