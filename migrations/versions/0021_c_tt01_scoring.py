"""satisfaction: TT 01/2018 scoring word for word (Điều 13–15) — the facts an administrator records per unit
and period (tt01_agency_fact), indicators 5, 8, 9 no longer stored per file, indicator 4 on the circular's
scale, and the stored per-file points of existing ratings brought to the circular.

Existing ratings, in SQL (no model imported):
- agencies (indicator 4, Điều 13 k4): answers given on paper or online keep their literal meaning — "only the
  one-stop desk" (1) stays 1 (the desk only → 1 point), "two" and "three or more" become 2 (more than one → 0);
  tablet ratings never asked the citizen: they are derived from the record as new ones are (no supplement
  request → 0, no agency to contact → 2 points; otherwise the desk only → 1 point);
- i6 becomes the per-file electronic publication (old 2 — published with every component — is 1, else 0);
- i7 (Điều 13 k7) becomes objective: 0 when the citizen answered "caused trouble or asked for money" or an
  accepted phản ánh about conduct names the case, else early 2 / on time 1 / late 0 from the case's timing;
- i5, i8, i9 and agency_score become NULL (per agency now); officer_score = i1+i2+i3+i4+i7;
- the monthly rollups are rebuilt from case_rating.
Indicator 2 now also counts the handling unit's own timing; `flask satisfaction rescore` recomputes every
stored per-file point from the case records with the portal's own code (also after case timings change).

Revision ID: 0021_c_tt01_scoring
Revises: 0020_b_calendar_notices
"""
import sqlalchemy as sa
from alembic import op

revision = "0021_c_tt01_scoring"
down_revision = "0020_b_calendar_notices"
branch_labels = None
depends_on = None

POINTS = [f"s{i}" for i in range(1, 10)]
CONDUCT = ("EXISTS (SELECT 1 FROM feedback f WHERE f.case_code = case_file.code AND f.merged_into_id IS NULL "
           "AND f.status NOT IN ('rejected', 'transferred') AND (f.subject = 'behaviour' OR f.category = 'obstruction'))")


def upgrade():
    op.create_table(
        "tt01_agency_fact",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("unit_id", sa.Integer(), nullable=False),
        sa.Column("year", sa.SmallInteger(), nullable=False),
        sa.Column("quarter", sa.SmallInteger(), nullable=False),
        sa.Column("desk_decided_pct", sa.Numeric(4, 1), nullable=True),
        sa.Column("desk_all_received", sa.Boolean(), nullable=True),
        sa.Column("posted", sa.Boolean(), nullable=True),
        sa.Column("protracted_feedback", sa.Boolean(), nullable=True),
        sa.Column("online_files_pct", sa.Numeric(4, 1), nullable=True),
        sa.Column("online_late", sa.Boolean(), nullable=True),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("recorded_by_id", sa.Integer(), nullable=True),
        sa.Column("recorded_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.CheckConstraint("quarter BETWEEN 0 AND 4", name=op.f("ck_tt01_agency_fact_tt01_fact_quarter_range")),
        sa.CheckConstraint("desk_decided_pct IS NULL OR desk_decided_pct BETWEEN 0 AND 100",
                           name=op.f("ck_tt01_agency_fact_tt01_fact_desk_pct_range")),
        sa.CheckConstraint("online_files_pct IS NULL OR online_files_pct BETWEEN 0 AND 100",
                           name=op.f("ck_tt01_agency_fact_tt01_fact_online_pct_range")),
        sa.ForeignKeyConstraint(["unit_id"], ["unit.id"], name=op.f("fk_tt01_agency_fact_unit_id_unit"),
                                ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["recorded_by_id"], ["staff_user.id"],
                                name=op.f("fk_tt01_agency_fact_recorded_by_id_staff_user"), ondelete="SET NULL"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_tt01_agency_fact")),
        sa.UniqueConstraint("unit_id", "year", "quarter", name="uq_tt01_agency_fact_period"),
    )

    with op.batch_alter_table("case_rating") as batch:
        batch.drop_constraint(op.f("ck_case_rating_agencies_range"), type_="check")
        batch.drop_constraint(op.f("ck_case_rating_agency_score_range"), type_="check")
        for name in ("i5", "i8", "i9", "agency_score"):
            batch.alter_column(name, existing_type=sa.SmallInteger(), nullable=True)

    op.execute("UPDATE case_rating SET agencies = CASE WHEN agencies >= 2 THEN 2 ELSE 1 END WHERE channel <> 'tablet'")
    op.execute("UPDATE case_rating SET agencies = CASE WHEN (SELECT supplement_requests FROM case_file "
               "WHERE case_file.id = case_rating.case_id) > 0 THEN 1 ELSE 0 END WHERE channel = 'tablet'")
    op.execute("UPDATE case_rating SET i4 = CASE agencies WHEN 0 THEN 2 WHEN 1 THEN 1 ELSE 0 END, "
               "i6 = CASE WHEN i6 = 2 THEN 1 ELSE 0 END, i5 = NULL, i8 = NULL, i9 = NULL, agency_score = NULL")
    op.execute(f"UPDATE case_rating SET i7 = (SELECT CASE WHEN case_rating.attitude = 'harassing' OR {CONDUCT} THEN 0 "
               "WHEN case_file.timing = 'early' THEN 2 WHEN case_file.timing = 'on_time' THEN 1 ELSE 0 END "
               "FROM case_file WHERE case_file.id = case_rating.case_id)")
    op.execute("UPDATE case_rating SET officer_score = i1 + i2 + i3 + i4 + i7")

    with op.batch_alter_table("case_rating") as batch:
        batch.create_check_constraint("agencies_range", "agencies BETWEEN 0 AND 2")
    _rebuild_rollups()


def _rebuild_rollups():
    if op.get_bind().dialect.name == "postgresql":
        month = "CAST(to_char(rated_on, 'YYYYMM') AS INTEGER)"
    else:
        month = "CAST(strftime('%Y%m', rated_on) AS INTEGER)"
    points = ", ".join(f"COALESCE(SUM(i{i}), 0)" for i in range(1, 10))
    satisfied = "SUM(CASE WHEN satisfied THEN 1 ELSE 0 END)"
    op.execute("DELETE FROM rating_month")
    op.execute("DELETE FROM rating_month_procedure")
    op.execute(
        "INSERT INTO rating_month (month, unit_id, officer_key, channel, n, satisfied, "
        f"{', '.join(POINTS)}, officer_sum, agency_sum) "
        f"SELECT {month}, unit_id, COALESCE(officer_id, 0), channel, COUNT(*), {satisfied}, {points}, "
        f"SUM(officer_score), COALESCE(SUM(agency_score), 0) FROM case_rating "
        f"GROUP BY {month}, unit_id, COALESCE(officer_id, 0), channel")
    op.execute(
        "INSERT INTO rating_month_procedure (month, unit_id, procedure_id, n, satisfied, officer_sum, agency_sum) "
        f"SELECT {month}, unit_id, procedure_id, COUNT(*), {satisfied}, SUM(officer_score), "
        f"COALESCE(SUM(agency_score), 0) FROM case_rating GROUP BY {month}, unit_id, procedure_id")


def downgrade():
    """Back to the old shape, lossy: the old per-file 5, 8, 9 cannot be recovered (0; agency_score =
    officer_score), and "no agency to contact" has no old answer (it becomes "only the one-stop desk")."""
    op.drop_table("tt01_agency_fact")
    with op.batch_alter_table("case_rating") as batch:
        batch.drop_constraint(op.f("ck_case_rating_agencies_range"), type_="check")
    op.execute("UPDATE case_rating SET agencies = CASE WHEN agencies = 2 THEN 2 ELSE 1 END, "
               "i6 = CASE WHEN i6 = 1 THEN 2 ELSE 0 END, "
               "i5 = COALESCE(i5, 0), i8 = COALESCE(i8, 0), i9 = COALESCE(i9, 0), "
               "agency_score = COALESCE(agency_score, officer_score)")
    with op.batch_alter_table("case_rating") as batch:
        for name in ("i5", "i8", "i9", "agency_score"):
            batch.alter_column(name, existing_type=sa.SmallInteger(), nullable=False)
        batch.create_check_constraint("agencies_range", "agencies BETWEEN 1 AND 3")
        batch.create_check_constraint("agency_score_range", "agency_score BETWEEN 0 AND 18")
    _rebuild_rollups()
