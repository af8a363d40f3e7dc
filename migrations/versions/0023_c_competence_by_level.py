"""procedures: competence by level (issue 15 point 5). A commune-level procedure is handled by every ward and
commune for its own area, so it names no unit: procedure_version.unit_id becomes nullable, every commune-level
version (and the procedure row's cached unit) loses the one ward it named (the demo's 21 ward/commune procedures
all named phường Nghĩa Tân), and a check keeps the rule: a town-level version names its unit, a commune-level
one none. Cases keep their receiving and handling units as they were.

Downgrade: every commune-level version names a unit again — the commune-level unit with the smallest id (the
ward each one named before is not recorded; the old model could only say one ward).

Revision ID: 0023_c_competence_by_level
Revises: 0022_a_case_code_format
"""
import sqlalchemy as sa
from alembic import op

revision = "0023_c_competence_by_level"
down_revision = "0022_a_case_code_format"
branch_labels = None
depends_on = None

CHECK = "(level = 'commune' AND unit_id IS NULL) OR (level <> 'commune' AND unit_id IS NOT NULL)"


def upgrade():
    with op.batch_alter_table("procedure_version") as batch:
        batch.alter_column("unit_id", existing_type=sa.Integer(), nullable=True)
    op.execute("UPDATE procedure_version SET unit_id = NULL WHERE level = 'commune'")
    op.execute("UPDATE procedure SET unit_id = NULL WHERE level = 'commune'")
    with op.batch_alter_table("procedure_version") as batch:
        batch.create_check_constraint("competence_by_level", CHECK)


def downgrade():
    first = ("(SELECT MIN(id) FROM unit WHERE level = 'commune')")
    with op.batch_alter_table("procedure_version") as batch:
        batch.drop_constraint("competence_by_level", type_="check")
    op.execute(f"UPDATE procedure_version SET unit_id = COALESCE({first}, (SELECT MIN(id) FROM unit)) "
               "WHERE unit_id IS NULL")
    op.execute(f"UPDATE procedure SET unit_id = COALESCE({first}, (SELECT MIN(id) FROM unit)) "
               "WHERE unit_id IS NULL AND level = 'commune'")
    with op.batch_alter_table("procedure_version") as batch:
        batch.alter_column("unit_id", existing_type=sa.Integer(), nullable=False)
