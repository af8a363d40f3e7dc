"""The demo beside its year (portal/demo/cases_recent.py): the 2019 cases left open are finished in
Jan–Feb 2020 without changing the 2019 figures (read at the end of 2019), and recent cases up to an explicit
`now` at the 2025 ward centre (here six weeks of them; seed-demo loads twelve months) fill today's worklists
and the current year's figures. No test here depends on today's date: `now` is a fixed Wednesday morning.
The recent cases' desk, loaded once for its tests: tests/cases/test_demo_recent_desk.py. The whole live centre
(reorganisation, twelve months, feedback): tests/demo/test_live_centre.py."""
from __future__ import annotations

from collections import Counter
from datetime import datetime
from zoneinfo import ZoneInfo

from sqlalchemy import select

from portal.cases import rules, stats
from portal.cases.models import Case
from portal.cases.rules import CaseStatus
from portal.core.db import db
from portal.core.stats import year_period
from portal.demo.cases import load_cases
from portal.demo.cases_recent import close_year, load_recent_cases
from portal.demo.reorganisation import record_2025
from portal.demo.seed import load_demo

VN = ZoneInfo("Asia/Ho_Chi_Minh")
NOW = datetime(2027, 3, 10, 10, 0, tzinfo=VN)  # a Wednesday; the window holds Tết 2027 (6 February)
END_2019 = datetime(2019, 12, 31, 17, 0, tzinfo=VN)


def local(moment: datetime) -> datetime:
    return moment.astimezone(VN)


def snapshot(year: int) -> dict:
    """Every figure of the year's case statistics, per handling unit and in total (as the API serves them)."""
    report = stats.case_statistics(year_period(year), now=NOW)
    rows = [report.total, *report.rows]
    return {row.key: {**stats.figures(row), **{n: getattr(row, n) for n in stats.FIGURES_766}} for row in rows}


def test_leftovers_of_2019_are_finished_in_january_february_2020_and_2019_is_unchanged(app_ctx):
    load_demo(now=NOW)  # units, accounts, catalogue; under TESTING no cases and nothing closed
    assert load_cases(count=400) == "400 demo cases of 2019 loaded"
    leftover_ids = set(db.session.scalars(select(Case.id).where(
        Case.status.in_(sorted({*rules.OPEN, CaseStatus.RESULT_READY})))))
    before = snapshot(2019)
    assert leftover_ids and before[None]["open_in_time"] + before[None]["open_overdue"] >= 1  # not vacuous

    assert close_year().startswith(f"{len(leftover_ids)} demo cases of 2019 left open finished in Jan–Feb 2020")
    db.session.expire_all()
    assert snapshot(2019) == before  # the year is read at its end: received, finished in it, open at 31/12
    assert close_year() == "demo cases of 2019: none left open"  # loaded once

    for case in db.session.scalars(select(Case).where(Case.id.in_(leftover_ids))):
        assert case.status in (CaseStatus.RETURNED, CaseStatus.REFUSED, CaseStatus.WITHDRAWN), case.code
        later = [local(e.at) for e in case.events if e.at > END_2019]
        assert later and all(datetime(2020, 1, 2, tzinfo=VN) <= at < datetime(2020, 3, 1, tzinfo=VN) for at in later)
        assert [e.at for e in case.events] == sorted(e.at for e in case.events)
        if case.timing is not None:  # against the legal due, never an apology's date (TT 01/2018 Điều 13)
            assert case.timing == rules.finished_timing(local(case.finished_at), local(case.original_due_at))
    assert db.session.scalar(select(Case.id).where(Case.status.in_(sorted(rules.OPEN))).limit(1)) is None


def test_recent_cases_record_their_channel_and_digitisation_and_2019_ones_do_not(app_ctx):
    """The 766 shares (online filing, digitised at intake) read like a 2025-regime centre on the demo: every
    recent case says how it came in, paper files whether they were scanned; the 2019 town recorded neither."""
    load_demo(now=NOW)
    load_cases(count=60)
    record_2025()
    load_recent_cases(count=40, now=NOW, days=42)
    cases = list(db.session.scalars(select(Case)))
    old = [c for c in cases if local(c.received_at).year == 2019]
    recent = [c for c in cases if local(c.received_at).year >= 2026]
    assert old and recent
    assert all(c.channel is None and c.digitised_at_intake is None for c in old)
    channels = Counter(str(c.channel) for c in recent)
    assert set(channels) <= {"desk", "post", "online"} and channels["online"] and channels["desk"]
    assert all(c.digitised_at_intake is None for c in recent if str(c.channel) == "online")
    paper = [c.digitised_at_intake for c in recent if str(c.channel) != "online"]
    assert paper and None not in paper and True in paper
