"""Issue 18 acceptance: the unit head receives the morning warning on the last day an apology is in time (NĐ 61/2018
Điều 19 k9), opens the pre-filled Mẫu 04 from the e-mail's link, edits and signs it; the citizen is told; the next
working morning, past the legal due day, the case is late but apologised, no manager is warned about it, and the
manager overview's "late cases without an apology" does not move (its late cases grow by this one, apologised).

The server runs in this process, so time-machine moves its clock (fixed_clock: Wednesday 10 March 2027, 09:00)."""
from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from playwright.sync_api import expect
from sqlalchemy import select, update

from portal.core.db import db
from tests.conftest import FIXED_NOW
from tests.e2e.scenes import assigned_town_office_case
from tests.e2e.test_desk_journey import sign_in

pytestmark = pytest.mark.e2e
WEDNESDAY_0700 = datetime(2027, 3, 10, 0, 0, tzinfo=UTC)
FRIDAY_0700 = datetime(2027, 3, 12, 0, 0, tzinfo=UTC)


def _case_due_tomorrow(live_server):
    """A town-office case received on Monday 1 March and assigned, whose legal due is Thursday 11 March 2027: today,
    Wednesday, is its last apology day."""
    from portal.cases.models import Case

    with live_server.app.app_context():
        case = assigned_town_office_case(received_at=datetime(2027, 3, 1, 2, 0, tzinfo=UTC),
                                         applicant={"name": "Nguyễn Văn Bình", "email": "binh.nguyen@example.vn"},
                                         nth=1)  # not the late-apology journey's procedure
        due = datetime(2027, 3, 11, 9, 0, tzinfo=UTC)  # Thu 11/3 16:00 in Vietnam
        db.session.execute(update(Case).where(Case.id == case.id).values(original_due_at=due, due_at=due))
        db.session.commit()
        return case.id, case.code


def _run_and_digest(live_server, now, recipient_login):
    from portal.alerts.morning import run_warnings
    from portal.notify.models import OutboxMessage

    with live_server.app.app_context():
        run_warnings(now)
        return db.session.scalars(select(OutboxMessage).where(
            OutboxMessage.recipient.like(f"{recipient_login}@%"), OutboxMessage.dedupe_key.like("alerts:digest:%"))
            .order_by(OutboxMessage.id.desc())).first()


def _overview_apologies(session, label: str, unit_id: int) -> tuple[int, int]:
    """The manager overview's "late cases without an apology" and its n (late cases) for the unit, 1–12 March."""
    session.goto(f"/staff/plan/overview?start=2027-03-01&end=2027-03-12&unit={unit_id}", label)
    card = session.page.locator('[data-metric="late_without_apology"]')
    return int(card.locator('[data-col="value"]').inner_text()), int(card.locator('[data-col="n"]').inner_text())


def _unit_of(live_server, case_id: int) -> int:
    from portal.cases.models import Case

    with live_server.app.app_context():
        return db.session.get(Case, case_id).handling_unit_id


def test_the_head_is_warned_signs_the_drafted_apology_and_the_case_stays_apologised(open_page, live_server,
                                                                                    fixed_clock):
    assert FIXED_NOW.date() == WEDNESDAY_0700.date()
    case_id, code = _case_due_tomorrow(live_server)
    unit_id = _unit_of(live_server, case_id)
    manager = open_page()
    manager.page.context.add_cookies([{"name": "lang", "value": "en", "url": live_server.base_url}])
    sign_in(manager, "lanhdao")
    without_before, late_before = _overview_apologies(manager, "overview before the warning", unit_id)
    digest = _run_and_digest(live_server, WEDNESDAY_0700, "truongphong.vp")
    assert digest is not None and code in digest.body
    link = re.search(rf"https?://[^/\s]+(/staff/cases/{case_id}\?draft=apology#apology)", digest.body)[1]

    head = open_page()
    head.page.context.add_cookies([{"name": "lang", "value": "en", "url": live_server.base_url}])
    sign_in(head, "truongphong.vp")
    page = head.page
    head.goto(link, "the pre-filled apology")
    form = page.locator("form", has=page.get_by_role("button", name="Issue the apology"))
    reason = form.locator("textarea")
    assert reason.input_value().strip()  # drafted, in Vietnamese, for the citizen's letter
    assert form.locator("input[type=date]").input_value() > "2027-03-11"  # a new date after the legal due
    reason.fill(reason.input_value() + "; đã đôn đốc chuyên viên hoàn thành trước ngày hẹn mới")
    form.get_by_role("button", name="Issue the apology").click()
    page.wait_for_url(re.compile(rf"/staff/cases/{case_id}$"))
    head.check("case after the signed apology")
    expect(page.locator("main")).to_contain_text("Apology issued in time")

    from portal.alerts.models import CaseWarning
    from portal.notify.models import OutboxMessage

    with live_server.app.app_context():
        told = db.session.scalars(select(OutboxMessage).where(
            OutboxMessage.dedupe_key == f"case:{case_id}:apology_issued:email")).one()
        assert told.recipient == "binh.nguyen@example.vn" and "xin lỗi" in told.body.lower()

    # Friday morning, past the legal due day: late, but apologised; no manager is warned about it.
    with time_machine.travel(FRIDAY_0700 + timedelta(hours=2), tick=True):
        _run_and_digest(live_server, FRIDAY_0700, "lanhdao")
        with live_server.app.app_context():
            kinds = set(db.session.scalars(select(CaseWarning.kind).where(CaseWarning.case_id == case_id)))
        assert "head_apology" in {k.value for k in kinds} and "manager_no_apology" not in {k.value for k in kinds}
        again = open_page()
        again.page.context.add_cookies([{"name": "lang", "value": "en", "url": live_server.base_url}])
        sign_in(again, "truongphong.vp")
        again.goto(f"/staff/cases/{case_id}", "case past its legal due, apologised")
        expect(again.page.locator(".proc-status [data-timing]")).to_have_text("Late — apologised")

        # The manager's overview, read again: one more late case, and it has its apology in time.
        boss = open_page()
        boss.page.context.add_cookies([{"name": "lang", "value": "en", "url": live_server.base_url}])
        sign_in(boss, "lanhdao")
        without_after, late_after = _overview_apologies(boss, "overview after the due day", unit_id)
        assert (without_after, late_after) == (without_before, late_before + 1)
