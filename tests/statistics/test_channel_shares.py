"""The QĐ 766 online and digitisation shares of cases (DOMAIN.md §7 groups 3 and 4; digitising paper files at
intake: NĐ 118/2025 Điều 17 k1 c per DOMAIN.md §7a; the channels: NĐ 61/2018 Điều 16) computed by
cases.stats/indicators and checked against a plain-SQL count (plain_sql.sql_channel_shares)."""
from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from portal.cases import intake, stats
from portal.cases.formulas import CASES
from portal.core import stats as kernel
from portal.core.db import db
from tests.factories import make_procedure, make_unit
from tests.statistics.plain_sql import sql_channel_shares

VN = ZoneInfo("Asia/Ho_Chi_Minh")
# (channel, digitised) of each case received in 2026; (None, None): received before the portal recorded it.
PATTERN = [("desk", True), ("desk", False), ("post", True), ("online", True), ("online", None), ("desk", True),
           (None, None), ("post", False), ("desk", None), ("online", False), ("desk", True), (None, None)]


def test_online_and_digitisation_shares_match_a_plain_sql_count(app_ctx):
    unit = make_unit(code="000.41.26.H17")
    procedure = make_procedure(unit=unit, processing_days=3)
    docs = [d["name"] for d in procedure.current_version.documents]
    for n, (channel, digitised) in enumerate(PATTERN):
        intake.receive_case(procedure=procedure, unit=unit, applicant={"name": f"Người nộp {n}"}, submitted=docs,
                            sets=1, delivery="desk", channel=channel, digitised=digitised,
                            received_at=datetime(2026, 3, 2 + n, 9, 0, tzinfo=VN).astimezone(UTC))
    # Received on 31 Dec 2025 at 23:30 local time (16:30 UTC): in 2025, not in the 2026 figures.
    intake.receive_case(procedure=procedure, unit=unit, applicant={"name": "Năm cũ"}, submitted=docs, sets=1,
                        delivery="desk", channel="online", received_at=datetime(2025, 12, 31, 23, 30, tzinfo=VN))
    db.session.commit()
    counted = sql_channel_shares(2026)
    total = stats.case_statistics(kernel.year_period(2026), now=datetime(2027, 1, 5, tzinfo=UTC)).total
    assert total.received == len(PATTERN)
    assert (total.online_share.numerator, total.online_share.denominator) == (counted["online"],
                                                                              counted["channel_known"]) == (3, 10)
    # an online file is electronic: its "digitised" is not asked (stored NULL), so (online, True) counts nowhere
    assert (total.digitisation_share.numerator, total.digitisation_share.denominator) == (
        counted["digitised"], counted["paper_known"]) == (4, 6)
    assert total.online_share.interval is not None and total.digitisation_share.value == 4 / 6
    assert {"online_share", "digitisation_share"} <= set(CASES)  # shown with their formula on the statistics page
