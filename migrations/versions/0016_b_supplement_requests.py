"""cases: how many times supplements were asked for after acceptance (NĐ 61/2018 Điều 19 k4: once, within
3 working days of receipt; QĐ 766: more than one request counts the case as late).

Existing cases are counted from their trail (one "request_supplement" event per request), so imported
or legacy data with two or more requests keeps them. No model is imported.

Revision ID: 0016_b_supplement_requests
Revises: 0015_plan
"""
import sqlalchemy as sa
from alembic import op

revision = "0016_b_supplement_requests"
down_revision = "0015_plan"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("case_file") as batch:
        batch.add_column(sa.Column("supplement_requests", sa.Integer(), nullable=False, server_default="0"))
    op.execute(
        "UPDATE case_file SET supplement_requests = (SELECT COUNT(*) FROM case_event "
        "WHERE case_event.case_id = case_file.id AND case_event.action = 'request_supplement')"
    )


def downgrade():
    with op.batch_alter_table("case_file") as batch:
        batch.drop_column("supplement_requests")
