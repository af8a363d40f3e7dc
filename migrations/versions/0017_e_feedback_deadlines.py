"""feedback deadlines as the law sets them (DOMAIN.md §5): the statutory forward deadline of NĐ 20/2008
Điều 9 k1 d (5 working days from receipt; none before the decree's effective date 03/03/2008), when the
feedback was forwarded, and which practice schedule row (effective date, basis) was applied at receipt.

Existing rows: forward_due_at = the end (office close, 17:00 local) of the 5th working day after the day
of receipt, counted on the national calendar (holidays package) with the portal's own exceptions (table
workday_exception), the day of receipt not counted (Bộ luật Dân sự Điều 147); NULL when received before
03/03/2008. forwarded_at = the time of the feedback's "transfer" event. practice_from = 2008-03-03, the
only schedule row the portal had (its answer and step deadlines stay as stored). No model is imported.

Revision ID: 0017_e_feedback_deadlines
Revises: 0016_b_supplement_requests
"""
from datetime import date, datetime, time, timedelta, timezone
from zoneinfo import ZoneInfo

import sqlalchemy as sa
from alembic import op

revision = "0017_e_feedback_deadlines"
down_revision = "0016_b_supplement_requests"
branch_labels = None
depends_on = None

DECREE_IN_FORCE = date(2008, 3, 3)
FORWARD_DAYS = 5
TZ = ZoneInfo("Asia/Ho_Chi_Minh")
CLOSE = time(17, 0)


def _working_day_test(conn, years):
    import holidays

    national = holidays.country_holidays("VN", years=sorted(years))
    makeup = set(national.weekend_workdays)
    rows = conn.execute(sa.text("SELECT \"on\", kind FROM workday_exception")).fetchall()
    off = {_as_date(r[0]) for r in rows if r[1] == "day_off"}
    extra = {_as_date(r[0]) for r in rows if r[1] == "working_day"}

    def is_working(day: date) -> bool:
        if day in off:
            return False
        if day in extra or day in makeup:
            return True
        return day not in national and day.weekday() < 5
    return is_working


def _as_date(value) -> date:
    return value if isinstance(value, date) else date.fromisoformat(str(value)[:10])


def _as_utc(value) -> datetime:
    if isinstance(value, str):
        value = datetime.fromisoformat(value)
    return value.replace(tzinfo=timezone.utc) if value.tzinfo is None else value.astimezone(timezone.utc)


def upgrade():
    with op.batch_alter_table("feedback", schema=None, recreate="never") as batch_op:
        batch_op.add_column(sa.Column("forward_due_at", sa.DateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column("forwarded_at", sa.DateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column("practice_from", sa.Date(), nullable=True))
        batch_op.add_column(sa.Column("practice_basis", sa.String(200), nullable=True))
    conn = op.get_bind()
    sqlite = conn.dialect.name == "sqlite"
    rows = conn.execute(sa.text("SELECT id, received_at FROM feedback")).fetchall()
    if not rows:
        return
    local_days = {r[0]: _as_utc(r[1]).astimezone(TZ).date() for r in rows}
    years = {d.year for d in local_days.values()} | {d.year + 1 for d in local_days.values()}
    is_working = _working_day_test(conn, years)
    transfers = dict(conn.execute(sa.text(
        "SELECT feedback_id, MIN(at) FROM feedback_event WHERE action = 'transfer' GROUP BY feedback_id")).fetchall())
    update = sa.text("UPDATE feedback SET forward_due_at = :due, forwarded_at = :fwd, practice_from = :since "
                     "WHERE id = :id")
    for feedback_id, day in local_days.items():
        due = None
        if day >= DECREE_IN_FORCE:
            current, counted = day, 0
            while counted < FORWARD_DAYS:
                current += timedelta(days=1)
                counted += is_working(current)
            due = datetime.combine(current, CLOSE, tzinfo=TZ).astimezone(timezone.utc)
        forwarded = _as_utc(transfers[feedback_id]) if feedback_id in transfers else None
        values = {"id": feedback_id, "due": due, "fwd": forwarded, "since": date(2008, 3, 3) if due else None}
        if sqlite:
            values = {k: (v.replace(tzinfo=None) if isinstance(v, datetime) else v) for k, v in values.items()}
        conn.execute(update, values)


def downgrade():
    with op.batch_alter_table("feedback", schema=None, recreate="never") as batch_op:
        batch_op.drop_column("practice_basis")
        batch_op.drop_column("practice_from")
        batch_op.drop_column("forwarded_at")
        batch_op.drop_column("forward_due_at")
