"""Late cases split by their apology, on a small hand-made set counted by hand and by plain SQL
(NĐ 61/2018 Điều 19 k9, Điều 21; TT 01/2018 Điều 13 chỉ số 1: an apology never makes a case on time)."""
from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import bindparam, text

from portal.cases import intake, services, stats
from portal.cases.rules import Action, ApologyKind, Timing
from portal.core import stats as kernel
from portal.core.access import Role
from portal.core.db import UTCDateTime, db
from portal.satisfaction import tt01
from tests.factories import make_procedure, make_unit, make_user

VN = ZoneInfo("Asia/Ho_Chi_Minh")
MARCH = kernel.range_period(datetime(2027, 3, 1).date(), datetime(2027, 3, 31).date())
AFTER = datetime(2027, 6, 1, tzinfo=UTC)


def local(*args) -> datetime:
    return datetime(*args, tzinfo=VN).astimezone(UTC)


@pytest.fixture()
def world(app_ctx):
    unit = make_unit(code="000.14.26.H17", name="UBND phường Nghĩa Tân")
    procedure = make_procedure(unit=unit, processing_days=3)
    head, handler = make_user(Role.UNIT_HEAD, unit=unit), make_user(Role.HANDLER, unit=unit)
    docs = [d["name"] for d in procedure.current_version.documents]

    def case(day):  # received Monday 1 .. Friday 5 March 2027 at 09:00; legal due 3 working days later
        c = intake.receive_case(procedure=procedure, unit=unit, applicant={"name": "Trần Thị Hoa"}, submitted=docs,
                                sets=1, delivery="desk", received_at=local(2027, 3, day, 9, 0))
        services.transition(c, Action.ASSIGN, now=c.received_at + timedelta(minutes=30), expected_version=c.version,
                            handler_id=handler.id)
        return c

    def apologise(c, at, **kw):
        return services.issue_apology(c, reason="Chờ xác minh", new_due_at=kw.pop("new_due", c.due_at + timedelta(days=7)),
                                      now=at, expected_version=c.version, actor=head, **kw)

    def finish(c, at):
        services.transition(c, Action.FINISH, now=at, expected_version=c.version)

    cases = {}
    cases["apologised"] = c = case(1)  # due Thu 4 March
    apologise(c, local(2027, 3, 2, 10, 0))
    finish(c, local(2027, 3, 9, 9, 0))  # after the first promise, before the new date
    cases["late_apology"] = c = case(1)
    apologise(c, local(2027, 3, 4, 10, 0))  # on the due day: after the window
    finish(c, local(2027, 3, 8, 9, 0))
    cases["after_finish"] = c = case(1)
    finish(c, local(2027, 3, 5, 9, 0))
    apologise(c, local(2027, 3, 5, 11, 0), new_due=None)
    cases["none"] = c = case(2)  # due Fri 5 March
    finish(c, local(2027, 3, 10, 9, 0))
    cases["on_the_due_day"] = c = case(2)
    finish(c, local(2027, 3, 5, 16, 59))  # on time: the whole due day (BLDS 2015 Điều 148 k6)
    cases["lost_file_open"] = c = case(3)  # due Mon 8 March, still open at the end of March
    apologise(c, local(2027, 3, 4, 10, 0), lost_file=True, new_due=local(2027, 4, 20, 9, 0))
    cases["open_apologised"] = c = case(3)
    apologise(c, local(2027, 3, 4, 10, 0), new_due=local(2027, 4, 20, 9, 0))
    cases["open_in_time"] = c = case(5)
    c.original_due_at = c.due_at = local(2027, 4, 2, 9, 0)  # e.g. a longer procedure
    db.session.commit()
    return cases


def test_the_split_agrees_with_a_count_by_hand_and_by_plain_sql(world):
    assert world["apologised"].timing == Timing.LATE and world["apologised"].apology.kind == ApologyKind.IN_TIME
    assert world["late_apology"].apology.kind == ApologyKind.LATE
    assert world["after_finish"].apology.kind == ApologyKind.LATE
    assert world["on_the_due_day"].timing == Timing.ON_TIME
    total = stats.case_statistics(MARCH, now=AFTER).total
    # by hand: finished late = apologised, late_apology, after_finish, none; open overdue at 31 March 24:00 =
    # lost_file_open, open_apologised (their legal due, 8 March, not the apology's 20 April).
    assert (total.late, total.open_overdue, total.open_in_time, total.on_time) == (4, 2, 1, 1)
    assert (total.late_with_apology, total.late_with_late_apology, total.late_without_apology) == (2, 3, 1)
    sql = text("""
        SELECT SUM(CASE WHEN a.kind = 'in_time' THEN 1 ELSE 0 END),
               SUM(CASE WHEN a.kind IN ('late', 'lost_file') THEN 1 ELSE 0 END),
               SUM(CASE WHEN a.id IS NULL THEN 1 ELSE 0 END), COUNT(*)
        FROM case_file c LEFT JOIN case_apology a ON a.case_id = c.id
        WHERE c.timing = 'late' OR (c.finished_at IS NULL AND c.original_due_at < :end_of_march)""").bindparams(
        bindparam("end_of_march", type_=UTCDateTime()))
    row = db.session.execute(sql, {"end_of_march": local(2027, 4, 1, 0, 0)}).one()
    assert tuple(row) == (total.late_with_apology, total.late_with_late_apology, total.late_without_apology,
                          total.late_cases)
    assert total.late_apologised == 5  # the plan's "late cases with an apology": 5 ÷ 6


def test_indicator_1_of_a_rating_takes_the_legal_timing(world):
    """TT 01/2018 Điều 13 chỉ số 1 reads the case's timing: late with an apology scores 0, as late."""
    assert tt01.points_time(world["apologised"].timing.value) == 0
    assert tt01.points_time(world["on_the_due_day"].timing.value) == 1


def test_the_case_page_says_how_a_late_case_was_apologised_for(world, client):
    from tests.factories import login

    login(client, make_user(Role.MANAGER))
    client.get("/language/en")
    for key, label in (("apologised", "Late — apologised"), ("after_finish", "Late — late apology"),
                       ("none", "Late — no apology"), ("on_the_due_day", "On time")):
        html = client.get(f"/staff/cases/{world[key].id}").get_data(as_text=True)
        assert f'data-timing="{world[key].timing.value}">{label}</span>' in html, key
