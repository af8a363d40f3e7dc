"""cases: lateness judged against the legal due; apology kinds; the per-procedure 15:00 rule.

- case_apology.kind: in_time (NĐ 61/2018 Điều 19 k9, ≥ 1 working day before the due date), late (after
  that window or for a case finished late) or lost_file (Điều 21 k2). Existing apologies were all
  accepted inside the window, so they are in_time.
- procedure_version.next_day_after_15h: NULL = the legal default (same-day hộ tịch / chứng thực
  procedures, Luật Hộ tịch 2014 Điều 5 k3, NĐ 23/2015 Điều 7); true/false when staff set it.
- case_file.original_due_at is THE legal due. A supplement used to move only due_at: cases supplemented
  without an apology take due_at as their legal due; with an apology issued after the supplement, the
  due in force before it (case_apology.previous_due_at). Receipts' printed dates are not recomputed.
- case_file.timing of finished cases is judged again by days against that legal due (BLDS 2015 Điều
  148: on the due day at any hour is on time; an apology never makes a case on time). Only rows that can
  change are read: late ones, apologised ones and supplemented ones.
- SQLite: the covering index of open cases carries original_due_at instead of due_at.

No model is imported.

Revision ID: 0018_a_legal_due
Revises: 0017_e_feedback_deadlines
"""
from datetime import timezone
from zoneinfo import ZoneInfo

import sqlalchemy as sa
from alembic import op

revision = "0018_a_legal_due"
down_revision = "0017_e_feedback_deadlines"
branch_labels = None
depends_on = None

COVER = ["finished_at", "received_at", "handling_unit_id", "procedure_id"]


def _tz():
    try:
        from flask import current_app, has_app_context

        if has_app_context():
            return ZoneInfo(current_app.config.get("TIMEZONE", "Asia/Ho_Chi_Minh"))
    except ImportError:  # pragma: no cover
        pass
    return ZoneInfo("Asia/Ho_Chi_Minh")


def _local_day(value, tz):
    if isinstance(value, str):  # SQLite without type information
        from datetime import datetime

        value = datetime.fromisoformat(value)
    if value.tzinfo is None:
        value = value.replace(tzinfo=timezone.utc)
    return value.astimezone(tz).date()


def upgrade():
    with op.batch_alter_table("case_apology") as batch:
        batch.add_column(sa.Column("kind", sa.Enum("in_time", "late", "lost_file", name="apology_kind", native_enum=False,
                                                   length=20), nullable=False, server_default="in_time"))
    with op.batch_alter_table("procedure_version") as batch:
        batch.add_column(sa.Column("next_day_after_15h", sa.Boolean(), nullable=True))

    bind = op.get_bind()
    bind.execute(sa.text(
        "UPDATE case_file SET original_due_at = due_at WHERE supplement_received_at IS NOT NULL "
        "AND NOT EXISTS (SELECT 1 FROM case_apology a WHERE a.case_id = case_file.id)"))
    bind.execute(sa.text(
        "UPDATE case_file SET original_due_at = (SELECT a.previous_due_at FROM case_apology a "
        "WHERE a.case_id = case_file.id) WHERE supplement_received_at IS NOT NULL AND EXISTS "
        "(SELECT 1 FROM case_apology a WHERE a.case_id = case_file.id AND a.issued_at >= case_file.supplement_received_at)"))

    tz = _tz()
    rows = bind.execute(sa.text(
        "SELECT id, finished_at, original_due_at, timing FROM case_file WHERE timing IS NOT NULL AND "
        "(timing = 'late' OR supplement_received_at IS NOT NULL OR "
        "EXISTS (SELECT 1 FROM case_apology a WHERE a.case_id = case_file.id))")).all()
    changes = []
    for id_, finished_at, due_at, timing in rows:
        done, due = _local_day(finished_at, tz), _local_day(due_at, tz)
        judged = "late" if done > due else "early" if done < due else "on_time"
        if judged != timing:
            changes.append({"id": id_, "timing": judged})
    if changes:
        bind.execute(sa.text("UPDATE case_file SET timing = :timing WHERE id = :id"), changes)

    if bind.dialect.name == "sqlite":
        op.drop_index("ix_case_file_open_cover", table_name="case_file")
        op.create_index("ix_case_file_open_cover", "case_file", [*COVER, "original_due_at"])


def downgrade():
    if op.get_bind().dialect.name == "sqlite":
        op.drop_index("ix_case_file_open_cover", table_name="case_file")
        op.create_index("ix_case_file_open_cover", "case_file", [*COVER, "due_at"])
    with op.batch_alter_table("procedure_version") as batch:
        batch.drop_column("next_day_after_15h")
    with op.batch_alter_table("case_apology") as batch:
        batch.drop_column("kind")
