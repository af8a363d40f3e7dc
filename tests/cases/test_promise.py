"""The promise printed on the receipt, through intake: the Civil Code's counting (BLDS 2015 Điều 147–148),
the 15:00 rule only for same-day hộ tịch and chứng thực procedures (Luật Hộ tịch 2014 Điều 5 k3, NĐ 23/2015
Điều 7) as a property of the procedure version, and the counting rule as dated data chosen by the receipt
date; a stored promise is never recomputed."""
from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest

from portal.cases import intake
from portal.core.db import db
from tests.factories import make_field, make_procedure, make_unit

VN = ZoneInfo("Asia/Ho_Chi_Minh")


def local(*args) -> datetime:
    return datetime(*args, tzinfo=VN).astimezone(UTC)


def receive(procedure, unit, at):
    submitted = [d["name"] for d in procedure.current_version.documents]
    return intake.receive_case(procedure=procedure, unit=unit, applicant={"name": "Trần Thị Hoa"},
                               submitted=submitted, sets=1, delivery="desk", received_at=at)


def due(case) -> str:
    return case.due_at.astimezone(VN).strftime("%Y-%m-%d %H:%M")


@pytest.fixture()
def unit(app_ctx):
    return make_unit(code="000.14.26.H17", name="UBND phường Nghĩa Tân")


@pytest.mark.parametrize(("field", "received", "expected"), [
    ("HT", (2027, 3, 1, 15, 0, 0), "2027-03-01 17:00"),  # hộ tịch at 15:00:00 exactly: the same day
    ("HT", (2027, 3, 1, 15, 0, 1), "2027-03-02 17:00"),  # strictly after 15:00: the next working day
    ("CT", (2027, 3, 5, 15, 30), "2027-03-08 17:00"),  # chứng thực, Friday after 15:00: Monday
    ("DD", (2027, 3, 1, 16, 30), "2027-03-01 17:00"),  # another field: no 15:00 rule
])
def test_same_day_procedures_follow_the_15h_rule_of_their_field(unit, field, received, expected):
    procedure = make_procedure(unit=unit, field=make_field(field, f"Lĩnh vực {field}"), processing_days=0)
    case = receive(procedure, unit, local(*received))
    assert due(case) == expected and case.original_due_at == case.due_at


def test_a_ten_day_procedure_has_one_due_day_for_morning_and_late_afternoon(unit):
    procedure = make_procedure(unit=unit, processing_days=10)
    morning, evening = receive(procedure, unit, local(2027, 3, 1, 8, 0)), receive(procedure, unit, local(2027, 3, 1, 16, 30))
    assert (due(morning), due(evening)) == ("2027-03-15 08:00", "2027-03-15 16:30")


def test_staff_may_set_the_15h_rule_on_a_procedure_version(unit):
    procedure = make_procedure(unit=unit, field=make_field("HT", "Hộ tịch"), processing_days=0)
    procedure.current_version.next_day_after_15h = False  # e.g. a procedure the law gives a limit of its own
    db.session.commit()
    assert due(receive(procedure, unit, local(2027, 3, 1, 16, 0))) == "2027-03-01 17:00"


def test_the_counting_rule_is_chosen_by_the_receipt_date_and_stored_promises_stay(unit, app_ctx):
    procedure = make_procedure(unit=unit, processing_days=10)
    saved = app_ctx.config["CASE_COUNTING_RULES"]
    app_ctx.config["CASE_COUNTING_RULES"] = (("2018-06-21", "global_cutoff"), ("2027-03-02", "civil_code"))
    try:
        before = receive(procedure, unit, local(2027, 3, 1, 16, 30))  # printed under the old cut-off
        after = receive(procedure, unit, local(2027, 3, 2, 16, 30))
        db.session.commit()
        assert (due(before), due(after)) == ("2027-03-16 07:30", "2027-03-16 16:30")
    finally:
        app_ctx.config["CASE_COUNTING_RULES"] = saved
    db.session.expire_all()
    assert due(before) == "2027-03-16 07:30"  # the receipt's date is kept, never recomputed
