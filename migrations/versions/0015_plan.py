"""plan: the annual reform plan (kế hoạch CCHC) — plan → field → result → activity, progress updates and
indicator reports kept as history. Totals are computed, never stored.

Revision ID: 0015_plan
Revises: 0014_rating_rollup
"""
import sqlalchemy as sa
from alembic import op

revision = "0015_plan"
down_revision = "0014_rating_rollup"
branch_labels = None
depends_on = None

PROGRESS = ("not_started", "in_progress", "done", "cancelled")


def _enum(name, length, *values):
    return sa.Enum(*values, name=name, native_enum=False, length=length)


def upgrade():
    op.create_table(
        "plan",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("title", sa.String(length=300), nullable=False),
        sa.Column("unit_id", sa.Integer(), nullable=True),
        sa.Column("decision_number", sa.String(length=60), nullable=False),
        sa.Column("decision_date", sa.Date(), nullable=True),
        sa.Column("status", _enum("plan_status", 10, "draft", "in_force"), nullable=False),
        sa.Column("stated_grand_total", sa.BigInteger(), nullable=True),
        sa.Column("notes", sa.Text(), nullable=False),
        sa.Column("copied_from_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["unit_id"], ["unit.id"], name=op.f("fk_plan_unit_id_unit"), ondelete="RESTRICT"),
        sa.ForeignKeyConstraint(["copied_from_id"], ["plan.id"], name=op.f("fk_plan_copied_from_id_plan"),
                                ondelete="SET NULL"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_plan")),
        sa.UniqueConstraint("year", "unit_id", "title", name="uq_plan_year_unit_title"),
    )

    op.create_table(
        "plan_field",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("plan_id", sa.Integer(), nullable=False),
        sa.Column("code", sa.String(length=10), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("title", sa.String(length=300), nullable=False),
        sa.Column("goals", sa.Text(), nullable=False),
        sa.Column("stated_total", sa.BigInteger(), nullable=True),
        sa.Column("source_note", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(["plan_id"], ["plan.id"], name=op.f("fk_plan_field_plan_id_plan"), ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_plan_field")),
        sa.UniqueConstraint("plan_id", "code", name="uq_plan_field_code"),
    )
    with op.batch_alter_table("plan_field", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_plan_field_plan_id"), ["plan_id"], unique=False)

    op.create_table(
        "plan_result",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("field_id", sa.Integer(), nullable=False),
        sa.Column("code", sa.String(length=20), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("title", sa.Text(), nullable=False),
        sa.Column("indicator", sa.Text(), nullable=False),
        sa.Column("target_value", sa.Float(), nullable=True),
        sa.Column("target_unit", sa.String(length=30), nullable=False),
        sa.Column("direction", _enum("plan_direction", 2, ">=", ">", "<=", "<", "="), nullable=True),
        sa.Column("baseline", sa.Float(), nullable=True),
        sa.Column("metric", _enum("plan_metric", 30, "satisfaction", "cases_on_time", "late_with_apology",
                                  "procedures_published", "feedback_on_time", "feedback_satisfaction",
                                  "services_surveyed"), nullable=True),
        sa.Column("stated_total", sa.BigInteger(), nullable=True),
        sa.Column("source_note", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(["field_id"], ["plan_field.id"], name=op.f("fk_plan_result_field_id_plan_field"),
                                ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_plan_result")),
    )
    with op.batch_alter_table("plan_result", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_plan_result_field_id"), ["field_id"], unique=False)

    op.create_table(
        "plan_activity",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("result_id", sa.Integer(), nullable=False),
        sa.Column("code", sa.String(length=20), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("expected", sa.Text(), nullable=False),
        sa.Column("output", sa.Text(), nullable=False),
        sa.Column("budget", sa.BigInteger(), nullable=False),
        sa.Column("lead_unit_id", sa.Integer(), nullable=True),
        sa.Column("lead_text", sa.String(length=300), nullable=False),
        sa.Column("coordinating", sa.Text(), nullable=False),
        sa.Column("start_month", sa.SmallInteger(), nullable=True),
        sa.Column("end_month", sa.SmallInteger(), nullable=True),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("source_note", sa.Text(), nullable=False),
        sa.Column("progress", _enum("plan_progress", 12, *PROGRESS), nullable=False),
        sa.Column("percent", sa.SmallInteger(), nullable=False),
        sa.Column("progress_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("reminded_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.CheckConstraint("budget >= 0", name=op.f("ck_plan_activity_budget_not_negative")),
        sa.CheckConstraint("percent BETWEEN 0 AND 100", name=op.f("ck_plan_activity_percent_range")),
        sa.CheckConstraint("start_month IS NULL OR start_month BETWEEN 1 AND 12",
                           name=op.f("ck_plan_activity_start_month_range")),
        sa.CheckConstraint("end_month IS NULL OR end_month BETWEEN 1 AND 12",
                           name=op.f("ck_plan_activity_end_month_range")),
        sa.CheckConstraint("start_month IS NULL OR end_month IS NULL OR start_month <= end_month",
                           name=op.f("ck_plan_activity_months_ordered")),
        sa.ForeignKeyConstraint(["result_id"], ["plan_result.id"], name=op.f("fk_plan_activity_result_id_plan_result"),
                                ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["lead_unit_id"], ["unit.id"], name=op.f("fk_plan_activity_lead_unit_id_unit"),
                                ondelete="RESTRICT"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_plan_activity")),
    )
    with op.batch_alter_table("plan_activity", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_plan_activity_result_id"), ["result_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_plan_activity_lead_unit_id"), ["lead_unit_id"], unique=False)

    op.create_table(
        "plan_activity_update",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("activity_id", sa.Integer(), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("actor_id", sa.Integer(), nullable=True),
        sa.Column("actor_name", sa.String(length=200), nullable=False),
        sa.Column("progress", _enum("plan_progress", 12, *PROGRESS), nullable=False),
        sa.Column("percent", sa.SmallInteger(), nullable=False),
        sa.Column("comment", sa.Text(), nullable=False),
        sa.Column("evidence_name", sa.String(length=200), nullable=False),
        sa.Column("evidence_type", sa.String(length=100), nullable=False),
        sa.Column("evidence_size", sa.Integer(), nullable=True),
        sa.Column("evidence_sha256", sa.String(length=64), nullable=False),
        sa.Column("evidence_path", sa.String(length=200), nullable=False),
        sa.CheckConstraint("percent BETWEEN 0 AND 100", name=op.f("ck_plan_activity_update_percent_range")),
        sa.ForeignKeyConstraint(["activity_id"], ["plan_activity.id"],
                                name=op.f("fk_plan_activity_update_activity_id_plan_activity"), ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["actor_id"], ["staff_user.id"],
                                name=op.f("fk_plan_activity_update_actor_id_staff_user"), ondelete="SET NULL"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_plan_activity_update")),
    )
    with op.batch_alter_table("plan_activity_update", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_plan_activity_update_activity_id"), ["activity_id"], unique=False)

    op.create_table(
        "plan_indicator_report",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("result_id", sa.Integer(), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("actor_id", sa.Integer(), nullable=True),
        sa.Column("actor_name", sa.String(length=200), nullable=False),
        sa.Column("value", sa.Float(), nullable=False),
        sa.Column("as_of", sa.Date(), nullable=False),
        sa.Column("comment", sa.Text(), nullable=False),
        sa.Column("evidence_name", sa.String(length=200), nullable=False),
        sa.Column("evidence_type", sa.String(length=100), nullable=False),
        sa.Column("evidence_size", sa.Integer(), nullable=True),
        sa.Column("evidence_sha256", sa.String(length=64), nullable=False),
        sa.Column("evidence_path", sa.String(length=200), nullable=False),
        sa.ForeignKeyConstraint(["result_id"], ["plan_result.id"],
                                name=op.f("fk_plan_indicator_report_result_id_plan_result"), ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["actor_id"], ["staff_user.id"],
                                name=op.f("fk_plan_indicator_report_actor_id_staff_user"), ondelete="SET NULL"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_plan_indicator_report")),
    )
    with op.batch_alter_table("plan_indicator_report", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_plan_indicator_report_result_id"), ["result_id"], unique=False)


def downgrade():
    with op.batch_alter_table("plan_indicator_report", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_plan_indicator_report_result_id"))
    op.drop_table("plan_indicator_report")
    with op.batch_alter_table("plan_activity_update", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_plan_activity_update_activity_id"))
    op.drop_table("plan_activity_update")
    with op.batch_alter_table("plan_activity", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_plan_activity_lead_unit_id"))
        batch_op.drop_index(batch_op.f("ix_plan_activity_result_id"))
    op.drop_table("plan_activity")
    with op.batch_alter_table("plan_result", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_plan_result_field_id"))
    op.drop_table("plan_result")
    with op.batch_alter_table("plan_field", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_plan_field_plan_id"))
    op.drop_table("plan_field")
    op.drop_table("plan")
