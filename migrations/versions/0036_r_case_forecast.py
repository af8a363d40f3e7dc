"""breach forecast (issue 18 point 2): `forecast_model` (each fit with its backtest) and `case_forecast` (one
row per open case: p_late against the legal due day, likely finishing day, late bound, reasons, method).

Revision ID: 0036_r_case_forecast
Revises: 0035_q_search_trgm
"""
import sqlalchemy as sa
from alembic import op

revision = "0036_r_case_forecast"
down_revision = "0035_q_search_trgm"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "forecast_model",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("trained_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("trained_on_until", sa.Date(), nullable=False),
        sa.Column("method", sa.String(length=20), nullable=False),
        sa.Column("params", sa.JSON(), nullable=False),
        sa.Column("metrics", sa.JSON(), nullable=False),
        sa.Column("beats_naive", sa.Boolean(), nullable=False),
        sa.Column("n_cases", sa.Integer(), nullable=False),
        sa.CheckConstraint("method IN ('model', 'naive')", name="ck_forecast_model_method_known"),
        sa.PrimaryKeyConstraint("id", name="pk_forecast_model"),
    )
    op.create_table(
        "case_forecast",
        sa.Column("case_id", sa.Integer(), nullable=False),
        sa.Column("computed_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("p_late", sa.Float(), nullable=False),
        sa.Column("likely_finish_day", sa.Date(), nullable=False),
        sa.Column("late_bound_day", sa.Date(), nullable=False),
        sa.Column("reasons", sa.JSON(), nullable=False),
        sa.Column("method", sa.String(length=20), nullable=False),
        sa.Column("model_id", sa.Integer(), nullable=True),
        sa.CheckConstraint("p_late >= 0 AND p_late <= 1", name="ck_case_forecast_p_late_probability"),
        sa.CheckConstraint("method IN ('model', 'naive')", name="ck_case_forecast_method_known"),
        sa.ForeignKeyConstraint(["case_id"], ["case_file.id"], name="fk_case_forecast_case_id_case_file",
                                ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["model_id"], ["forecast_model.id"], name="fk_case_forecast_model_id_forecast_model",
                                ondelete="SET NULL"),
        sa.PrimaryKeyConstraint("case_id", name="pk_case_forecast"),
    )
    op.create_index("ix_case_forecast_p_late", "case_forecast", ["p_late"], unique=False)
    op.create_index("ix_case_forecast_model_id", "case_forecast", ["model_id"], unique=False)


def downgrade():
    op.drop_index("ix_case_forecast_model_id", table_name="case_forecast")
    op.drop_index("ix_case_forecast_p_late", table_name="case_forecast")
    op.drop_table("case_forecast")
    op.drop_table("forecast_model")
