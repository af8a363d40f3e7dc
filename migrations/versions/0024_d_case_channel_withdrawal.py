"""cases: the channel a file came in by and whether its paper file was digitised at intake (issue 15 point 3),
and every case's form set set to the regime of its receipt date.

- case_file.channel (desk | post | online = the national public service portal; NĐ 61/2018 Điều 16) and
  case_file.digitised_at_intake (NĐ 118/2025 Điều 17 k1 c, per DOMAIN.md §7a). Existing rows keep NULL in
  both: the portal never asked, and a desk officer also registered files that came by post or online, so
  "desk / not digitised" would be a guess. NULL = unknown; the 766 shares leave unknown cases out.
- case_file.regime: until now the configured CASE_FORM_REGIME chose it at intake; a case keeps the regime of
  its local receipt date (cases.rules.regime_of: NĐ 61/2018 + TT 01/2018 before 1 Jul 2025, NĐ 118/2025 +
  TT 03/2025 from 1 Jul 2025 00:00 Asia/Ho_Chi_Minh = 30 Jun 2025 17:00 UTC). Downgrade leaves it as set.
- Withdrawal and reopening are steps in the trail (case_event) and the audit log: no column.

Revision ID: 0024_d_case_channel_withdrawal
Revises: 0023_c_competence_by_level
"""
from datetime import UTC, datetime

import sqlalchemy as sa
from alembic import op

revision = "0024_d_case_channel_withdrawal"
down_revision = "0023_c_competence_by_level"
branch_labels = None
depends_on = None

ND118_FROM_UTC = datetime(2025, 6, 30, 17, 0, tzinfo=UTC)  # 1 Jul 2025 00:00 in Vietnam (UTC+7)


def upgrade():
    with op.batch_alter_table("case_file") as batch:
        batch.add_column(sa.Column("channel", sa.Enum("desk", "post", "online", name="case_channel",
                                                      native_enum=False, length=10), nullable=True))
        batch.add_column(sa.Column("digitised_at_intake", sa.Boolean(), nullable=True))
        # The statistics count receipts by channel from the index alone (cases/stats.py), as before.
        batch.drop_index("ix_case_file_received_cover")
        batch.create_index("ix_case_file_received_cover", ["received_at", "handling_unit_id", "procedure_id",
                                                           "channel", "digitised_at_intake"])
        batch.create_check_constraint(op.f("ck_case_file_channel_known"),
                                      "channel IS NULL OR channel IN ('desk', 'post', 'online')")
    bind = op.get_bind()
    boundary = ND118_FROM_UTC if bind.dialect.name == "postgresql" else ND118_FROM_UTC.replace(tzinfo=None)
    case_file = sa.table("case_file", sa.column("regime", sa.String()), sa.column("received_at", sa.DateTime()))
    bind.execute(case_file.update().values(regime=sa.case((case_file.c.received_at < sa.bindparam("b", boundary),
                                                           "2018"), else_="2025")))


def downgrade():
    with op.batch_alter_table("case_file") as batch:
        batch.drop_index("ix_case_file_received_cover")
        batch.create_index("ix_case_file_received_cover", ["received_at", "handling_unit_id", "procedure_id"])
        batch.drop_constraint(op.f("ck_case_file_channel_known"), type_="check")
        batch.drop_column("digitised_at_intake")
        batch.drop_column("channel")
