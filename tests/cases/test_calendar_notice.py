"""A calendar notice entered after cases were received (DOMAIN.md §4): the page lists exactly the open
cases whose due day it moves (old → new, checked here against dates counted by hand), and the
administrator either applies it (both due dates move, an audit row per case, the applicant told through
the outbox) or keeps the printed dates; either decision is confirmed, attributable and recorded once."""
from __future__ import annotations

import re
from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import select

from portal.cases import calendar_notice, intake, services
from portal.cases.models import CalendarNotice, Case
from portal.cases.rules import Action
from portal.core.access import Role
from portal.core.audit import AuditEvent
from portal.core.clock import to_local
from portal.core.db import db
from portal.notify.models import OutboxMessage
from portal.workdays.models import WorkdayException
from portal.workdays.rules import ExceptionKind
from tests.factories import login, make_procedure, make_unit, make_user

VN = ZoneInfo("Asia/Ho_Chi_Minh")
FRIDAY = date(2027, 3, 5)  # the new extra day off


def local(*args) -> datetime:
    return datetime(*args, tzinfo=VN).astimezone(UTC)


def day(moment: datetime) -> date:
    return to_local(moment).date()


@pytest.fixture()
def world(app_ctx):
    """Cases with hand-set counting starts and due dates (March 2027 has no holiday), so the expected
    moves below are counted by hand, not by the code under test."""
    unit = make_unit(code="000.14.26.H17", name="UBND phường Nghĩa Tân")
    procedure = make_procedure(unit=unit, processing_days=5)
    admin = make_user(Role.ADMIN, full_name="Trần Minh Tuấn")
    docs = [d["name"] for d in procedure.current_version.documents]

    def case(name, counted_from, due, legal=None, email="hoa.tran@example.vn"):
        c = intake.receive_case(procedure=procedure, unit=unit, applicant={"name": name, "email": email},
                                submitted=docs, sets=1, delivery="desk", received_at=local(*counted_from))
        c.counting_from_at, c.due_at, c.original_due_at = local(*counted_from), local(*due), local(*(legal or due))
        return c

    cases = {
        # Mon 1 → Mon 8 (5 working days: 2, 3, 4, 5, 8); without Friday 5: 2, 3, 4, 8, 9 → Tue 9.
        "a": case("An", (2027, 3, 1, 9, 0), (2027, 3, 8, 9, 0)),
        # Wed 3 → Wed 10 (4, 5, 8, 9, 10); without Friday: 4, 8, 9, 10, 11 → Thu 11.
        "b": case("Bình", (2027, 3, 3, 14, 0), (2027, 3, 10, 14, 0)),
        # Mon 1 → Thu 4: before the notice, unchanged.
        "c": case("Cường", (2027, 3, 1, 8, 0), (2027, 3, 4, 8, 0)),
        # Mon 1 → Fri 5 itself (4 working days) → Mon 8.
        "e": case("Dũng", (2027, 3, 1, 10, 0), (2027, 3, 5, 10, 0)),
        # Apology: promised Fri 12 (9 working days after Mon 1) → Mon 15; legal Mon 8 → Tue 9.
        "f": case("Giang", (2027, 3, 1, 11, 0), (2027, 3, 12, 11, 0), legal=(2027, 3, 8, 11, 0), email=""),
        # Counted from Mon 8 (after the notice): unchanged.
        "g": case("Hà", (2027, 3, 8, 9, 0), (2027, 3, 15, 9, 0)),
        # Finished: not open, unchanged even though its due day is after Friday.
        "d": case("Đức", (2027, 3, 1, 9, 30), (2027, 3, 8, 9, 30)),
    }
    handler = make_user(Role.HANDLER, unit=unit)
    d = cases["d"]
    services.transition(d, Action.ASSIGN, now=local(2027, 3, 1, 10, 0), expected_version=d.version,
                        handler_id=handler.id)
    services.transition(d, Action.FINISH, now=local(2027, 3, 2, 10, 0), expected_version=d.version)
    exception = WorkdayException(on=FRIDAY, kind=ExceptionKind.DAY_OFF, reason="QĐ 15/QĐ-UBND nghỉ bù",
                                 created_by_id=admin.id)
    db.session.add(exception)
    db.session.commit()
    return {"cases": cases, "exception": exception, "admin": admin}


EXPECTED = {  # key: (promised old → new, legal old → new), counted by hand above
    "a": ((date(2027, 3, 8), date(2027, 3, 9)), (date(2027, 3, 8), date(2027, 3, 9))),
    "b": ((date(2027, 3, 10), date(2027, 3, 11)), (date(2027, 3, 10), date(2027, 3, 11))),
    "e": ((date(2027, 3, 5), date(2027, 3, 8)), (date(2027, 3, 5), date(2027, 3, 8))),
    "f": ((date(2027, 3, 12), date(2027, 3, 15)), (date(2027, 3, 8), date(2027, 3, 9))),
}


def test_the_notice_lists_exactly_the_cases_it_moves(world):
    found = calendar_notice.affected_cases(world["exception"])
    codes = {c.code: k for k, c in world["cases"].items()}
    got = {codes[a.case.code]: ((day(a.due.old), day(a.due.new)), (day(a.legal.old), day(a.legal.new)))
           for a in found}
    assert got == EXPECTED
    assert all(to_local(a.due.new).time() == to_local(a.due.old).time() for a in found)  # the hour is kept


def post(client, exception, **data):
    return client.post(f"/staff/cases/calendar-notices/{exception.id}", data=data)


def test_page_lists_them_and_a_decision_needs_confirming(world, client):
    login(client, world["admin"])
    page = client.get(f"/staff/cases/calendar-notices/{world['exception'].id}").get_data(as_text=True)
    listed = re.findall(r'<a class="mono" href="/staff/cases/\d+">([^<]+)</a>', page)
    assert sorted(listed) == sorted(world["cases"][k].code for k in EXPECTED)
    assert "QĐ 15/QĐ-UBND nghỉ bù" in page and "09/03/2027" in page
    response = post(client, world["exception"], decision="apply")  # not confirmed
    assert response.status_code == 422
    assert db.session.scalar(select(CalendarNotice)) is None
    db.session.expire_all()
    assert day(world["cases"]["a"].due_at) == date(2027, 3, 8)


def test_apply_moves_both_dates_audits_each_case_and_tells_the_applicants(world, client):
    login(client, world["admin"])
    response = post(client, world["exception"], decision="apply", confirm="y")
    assert response.status_code == 302
    db.session.expire_all()
    for key, case in world["cases"].items():
        promised, legal = EXPECTED.get(key, ((day(case.due_at),) * 2, (day(case.original_due_at),) * 2))
        assert (day(case.due_at), day(case.original_due_at)) == (promised[1], legal[1]), key
    moved = {world["cases"][k].id for k in EXPECTED}
    audits = list(db.session.scalars(select(AuditEvent).where(AuditEvent.action == "case.calendar_move")))
    assert {int(a.object_id) for a in audits} == moved and all(a.actor_id == world["admin"].id for a in audits)
    messages = list(db.session.scalars(select(OutboxMessage).where(OutboxMessage.dedupe_key.like("%:due_moved:%"))))
    # One e-mail each to the applicants who gave an address (case f gave none), in Vietnamese.
    assert sorted(m.dedupe_key.split(":")[1] for m in messages) == sorted(
        str(world["cases"][k].id) for k in ("a", "b", "e"))
    a = next(m for m in messages if m.dedupe_key.startswith(f"case:{world['cases']['a'].id}:"))
    assert "09/03/2027" in a.body and "QĐ 15/QĐ-UBND nghỉ bù" in a.body and "đã thay đổi" in a.subject
    notice = db.session.scalar(select(CalendarNotice))
    assert (notice.decision, notice.decided_by_id, notice.decided_by_name) == ("apply", world["admin"].id,
                                                                              "Trần Minh Tuấn")
    assert {m["case_id"] for m in notice.moves} == moved
    page = client.get(f"/staff/cases/calendar-notices/{world['exception'].id}").get_data(as_text=True)
    assert "Trần Minh Tuấn" in page and 'name="decision"' not in page  # recorded; no second decision
    assert post(client, world["exception"], decision="keep", confirm="y").status_code == 422


def test_keep_records_the_decision_and_moves_nothing(world, client):
    login(client, world["admin"])
    client.get("/language/en")
    response = post(client, world["exception"], decision="keep", confirm="y")
    assert response.status_code == 302
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "The printed dates were kept for 4 case(s)." in page and "Decision recorded" in page
    db.session.expire_all()
    assert day(world["cases"]["a"].due_at) == date(2027, 3, 8) == day(world["cases"]["a"].original_due_at)
    assert db.session.scalar(select(OutboxMessage).where(OutboxMessage.dedupe_key.like("%:due_moved:%"))) is None
    assert not list(db.session.scalars(select(AuditEvent).where(AuditEvent.action == "case.calendar_move")))
    (decision,) = db.session.scalars(select(AuditEvent).where(AuditEvent.action == "calendar_notice.keep"))
    assert decision.actor_id == world["admin"].id and len(decision.after["cases"]) == 4
    assert db.session.scalar(select(CalendarNotice)).decision == "keep"


def test_only_administrators_decide(world, client):
    login(client, make_user(Role.UNIT_HEAD, full_name="Phạm Quốc Bảo"))
    assert client.get(f"/staff/cases/calendar-notices/{world['exception'].id}").status_code == 403
    assert post(client, world["exception"], decision="apply", confirm="y").status_code == 403
    db.session.expire_all()
    assert db.session.scalar(select(CalendarNotice)) is None
    assert day(db.session.get(Case, world["cases"]["a"].id).due_at) == date(2027, 3, 8)


def test_the_record_outlives_the_exception(world, client):
    login(client, world["admin"])
    post(client, world["exception"], decision="apply", confirm="y")
    exception_id = world["exception"].id
    assert client.post(f"/staff/calendar/exceptions/{exception_id}/delete").status_code == 302
    db.session.expire_all()
    notice = db.session.scalar(select(CalendarNotice))
    assert (notice.exception_id, notice.on, notice.reason) == (exception_id, FRIDAY, "QĐ 15/QĐ-UBND nghỉ bù")
    assert day(world["cases"]["a"].due_at) == date(2027, 3, 9)  # moved dates stay moved
