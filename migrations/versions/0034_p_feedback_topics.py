"""feedback topics (issue 16 point 2): the everyday topics a citizen picks ('đèn đường hỏng', 'rác thải' …),
each with its NĐ 20/2008 category and handling unit, and feedback.topic_id (the topic picked, nullable).

SQLite: as in 0011, no batch "move and copy" of feedback (it would delete the trail through the foreign keys
and drop the search triggers of 0033): the column is added with ALTER TABLE ADD COLUMN and the named
foreign key written into the stored CREATE TABLE text.

Revision ID: 0034_p_feedback_topics
Revises: 0033_o_search
"""
import sqlalchemy as sa
from alembic import op

revision = "0034_p_feedback_topics"
down_revision = "0033_o_search"
branch_labels = None
depends_on = None

CATEGORIES = ("obstruction", "unsuitable", "inconsistent", "illegal", "treaty_conflict", "other", "solution",
              "initiative")
FK = "fk_feedback_topic_id_feedback_topic"
CONSTRAINT_SQL = f"CONSTRAINT {FK} FOREIGN KEY(topic_id) REFERENCES feedback_topic (id) ON DELETE SET NULL"


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
    op.create_table(
        "feedback_topic",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name_vi", sa.String(length=120), nullable=False),
        sa.Column("name_en", sa.String(length=120), nullable=False),
        sa.Column("category", sa.Enum(*CATEGORIES, name="feedback_topic_category", native_enum=False, length=30),
                  nullable=False),
        sa.Column("unit_id", sa.Integer(), nullable=True),
        sa.Column("is_active", sa.Boolean(), nullable=False),
        sa.Column("sort_order", sa.Integer(), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["unit_id"], ["unit.id"], name="fk_feedback_topic_unit_id_unit", ondelete="RESTRICT"),
        sa.PrimaryKeyConstraint("id", name="pk_feedback_topic"),
        sa.UniqueConstraint("name_vi", name="uq_feedback_topic_name_vi"),
    )
    with op.batch_alter_table("feedback", schema=None, recreate="never") as batch_op:
        batch_op.add_column(sa.Column("topic_id", sa.Integer(), nullable=True))
        if not sqlite:
            batch_op.create_foreign_key(FK, "feedback_topic", ["topic_id"], ["id"], ondelete="SET NULL")
        batch_op.create_index("ix_feedback_topic_id", ["topic_id"], unique=False)
    if sqlite:
        _sqlite_rewrite_feedback(lambda sql: sql.rstrip().removesuffix(")").rstrip() + f", \n\t{CONSTRAINT_SQL}\n)")


def downgrade():
    sqlite = op.get_bind().dialect.name == "sqlite"
    if sqlite:
        _sqlite_rewrite_feedback(lambda sql: sql.replace(f", \n\t{CONSTRAINT_SQL}", ""))
    with op.batch_alter_table("feedback", schema=None, recreate="never") as batch_op:
        batch_op.drop_index("ix_feedback_topic_id")
        if not sqlite:
            batch_op.drop_constraint(FK, type_="foreignkey")
        batch_op.drop_column("topic_id")
    op.drop_table("feedback_topic")
