"""Intake: codes without gaps under concurrency, due dates in working days, refusals of bad input."""
from __future__ import annotations

import threading
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest
from flask import current_app
from sqlalchemy import select

from portal.cases import intake, services
from portal.cases.models import Case
from portal.core.db import db, write_intent
from portal.core.errors import DomainError
from tests.factories import make_procedure, make_unit

VN = ZoneInfo("Asia/Ho_Chi_Minh")
APPLICANT = {"name": "Nguyễn Văn Bình", "id_number": "066091000123", "phone": "0905 123 456",
             "email": "binh.nguyen@example.vn", "address": "Tổ 3, phường Nghĩa Tân"}


def local(*args) -> datetime:
    return datetime(*args, tzinfo=VN).astimezone(UTC)


@pytest.fixture()
def desk(app_ctx):
    unit = make_unit(code="000.14.26.H17", name="UBND phường Nghĩa Tân")
    procedure = make_procedure(unit=unit, processing_days=5)
    return unit, procedure


def receive(desk, at, **changes):
    unit, procedure = desk
    submitted = [d["name"] for d in procedure.current_version.documents]
    return intake.receive_case(procedure=procedure, unit=unit, applicant={**APPLICANT, **changes.pop("applicant", {})},
                               submitted=changes.pop("submitted", submitted), sets=1, delivery="desk",
                               received_at=at, **changes)


def test_friday_afternoon_before_tet_2027_counts_as_the_civil_code_does(desk):
    case = receive(desk, local(2027, 1, 29, 16, 0))
    due = case.due_at.astimezone(VN)
    # BLDS 2015 Điều 147 k2: Friday 29 Jan is not counted, whatever the hour (no 15:00 rule for a 5-day
    # procedure): 1, 2, 3 Feb, then Tết (4–10 Feb), 11 and 12 Feb.
    assert (due.date().isoformat(), due.strftime("%H:%M")) == ("2027-02-12", "16:00")
    assert case.original_due_at == case.due_at and case.counting_from_at == case.received_at
    assert case.code == "000.14.26.H17-270129-0001"
    assert len(case.issued_access_code) == 8


def test_codes_restart_each_day_and_per_unit(desk):
    first = receive(desk, local(2027, 3, 1, 9, 0))
    second = receive(desk, local(2027, 3, 1, 10, 0))
    next_day = receive(desk, local(2027, 3, 2, 9, 0))
    assert [c.code[-11:] for c in (first, second, next_day)] == ["270301-0001", "270301-0002", "270302-0001"]


def test_accepting_with_a_missing_document_is_refused(desk):
    with pytest.raises(DomainError) as err:
        receive(desk, local(2027, 3, 1, 9, 0), submitted=["Giấy chứng sinh"])
    assert err.value.field == "documents" and "Tờ khai" in str(err.value.message)
    assert db.session.scalar(select(Case)) is None


@pytest.mark.parametrize("applicant, field", [({"phone": "12345"}, "applicant_phone"),
                                              ({"id_number": "06609100012"}, "applicant_id_number"),
                                              ({"name": "  "}, "applicant_name")])
def test_wrong_formats_are_refused_by_field(desk, applicant, field):
    with pytest.raises(DomainError) as err:
        receive(desk, local(2027, 3, 1, 9, 0), applicant=applicant)
    assert err.value.field == field


def test_public_lookup_needs_both_codes(desk):
    case = receive(desk, local(2027, 3, 1, 9, 0))
    db.session.commit()
    assert services.public_lookup(" 000.14.26.h17-270301-0001 ", case.issued_access_code.lower()) == case
    assert services.public_lookup(case.code, "WRONG123") is None
    assert services.public_lookup("000.14.26.H17-270301-0099", case.issued_access_code) is None


def _intake(app, unit_id, procedure_id, at, codes, errors):
    from portal.procedures.models import Procedure
    from portal.units.models import Unit

    with app.app_context(), write_intent():
        try:
            unit, procedure = db.session.get(Unit, unit_id), db.session.get(Procedure, procedure_id)
            submitted = [d["name"] for d in procedure.current_version.documents]
            case = intake.receive_case(procedure=procedure, unit=unit, applicant=APPLICANT, submitted=submitted,
                                       sets=1, delivery="desk", received_at=at)
            db.session.commit()
            codes.append(case.code)
        except Exception as err:  # noqa: BLE001 - asserted below
            errors.append(repr(err))
            db.session.rollback()
        finally:
            db.session.remove()


def test_fifty_parallel_intakes_get_numbers_1_to_50(desk):
    unit, procedure = desk
    db.session.commit()
    codes, errors = [], []
    threads = [threading.Thread(target=_intake, args=(current_app._get_current_object(), unit.id, procedure.id, local(2027, 3, 3, 9, 0),
                                                      codes, errors)) for _ in range(50)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert sorted(c[-4:] for c in codes) == [f"{n:04d}" for n in range(1, 51)]
