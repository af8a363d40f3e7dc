"""The receipt register number (TT 01/2018 Điều 10): 01, 02, … per register book — the receiving desk's
book of a year — restarting on 1 January, never the database id; no gap and no duplicate under
concurrent intake; the receipt (Mẫu 01) and the register (Mẫu 06/07) print the same number."""
from __future__ import annotations

import html
import re
import threading

from flask import current_app

from portal.cases import intake
from portal.core.access import Role
from portal.core.db import db, write_intent
from tests.cases.test_intake import desk, local, receive  # noqa: F401 (the fixture is used)
from tests.factories import login, make_procedure, make_unit, make_user


def test_numbers_run_per_desk_and_year_and_restart_on_1_january(desk):
    unit, procedure = desk
    other = make_unit(code="000.15.26.H17", name="UBND phường Nghĩa Trung")
    first = receive(desk, local(2027, 3, 1, 9, 0))
    second = receive(desk, local(2027, 3, 1, 9, 30))
    elsewhere = intake.receive_case(procedure=procedure, unit=other, applicant={"name": "Lê Văn Tám"},
                                    submitted=[d["name"] for d in procedure.current_version.documents], sets=1,
                                    delivery="desk", received_at=local(2027, 3, 1, 10, 0))
    third = receive(desk, local(2027, 12, 31, 16, 0))
    # 31/12/2027 23:30 in Việt Nam is still 2027 (16:30 UTC); 1/1/2028 00:10 is the new book.
    late_evening = receive(desk, local(2027, 12, 31, 23, 30))
    new_year = receive(desk, local(2028, 1, 1, 0, 10))
    next_one = receive(desk, local(2028, 1, 3, 8, 0))
    got = [(c.register_year, c.register_number) for c in (first, second, third, late_evening, new_year, next_one)]
    assert got == [(2027, 1), (2027, 2), (2027, 3), (2027, 4), (2028, 1), (2028, 2)]
    assert (elsewhere.register_year, elsewhere.register_number) == (2027, 1)  # another desk keeps its own book


def test_a_rolled_back_intake_leaves_no_gap(desk):
    receive(desk, local(2027, 3, 1, 9, 0))
    db.session.commit()
    receive(desk, local(2027, 3, 1, 9, 5))
    db.session.rollback()  # e.g. the printer jammed and the officer cancelled
    again = receive(desk, local(2027, 3, 1, 9, 10))
    assert again.register_number == 2


def _numbered_intake(app, unit_id, procedure_id, at, numbers, errors):
    """One intake in its own session and transaction (as a request would), keeping its book number."""
    from portal.procedures.models import Procedure
    from portal.units.models import Unit

    with app.app_context(), write_intent():
        try:
            unit, procedure = db.session.get(Unit, unit_id), db.session.get(Procedure, procedure_id)
            case = intake.receive_case(procedure=procedure, unit=unit, applicant={"name": "Nguyễn Văn Bình"},
                                       submitted=[d["name"] for d in procedure.current_version.documents],
                                       sets=1, delivery="desk", received_at=at)
            db.session.commit()
            numbers.append((case.register_year, case.register_number))
        except Exception as err:  # noqa: BLE001 - asserted below
            errors.append(repr(err))
            db.session.rollback()
        finally:
            db.session.remove()


def test_parallel_intakes_on_different_days_share_one_book(desk):
    """Different days do not share the daily counter's row: only the book's counter orders them."""
    unit, procedure = desk
    db.session.commit()
    numbers, errors = [], []
    days = [local(2027, 3, d, 9, 0) for d in (1, 2, 3, 4, 5, 8, 9, 10, 11, 12)]
    threads = [threading.Thread(target=_numbered_intake, args=(current_app._get_current_object(), unit.id,
                                                               procedure.id, at, numbers, errors)) for at in days * 2]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    numbers = sorted(n for year, n in numbers if year == 2027)
    assert numbers == list(range(1, 21))  # no gap, no duplicate


def test_receipt_and_register_print_the_same_number(app_ctx, client):
    unit = make_unit(code="000.00.12.H17", name="Văn phòng HĐND và UBND thị xã")
    procedure = make_procedure(unit=unit, processing_days=3)
    officer = make_user(Role.DESK_OFFICER, unit=unit, full_name="Lê Hoàng Nam")
    submitted = [d["name"] for d in procedure.current_version.documents]
    cases = [intake.receive_case(procedure=procedure, unit=unit, applicant={"name": f"Người nộp {n}"},
                                 submitted=submitted, sets=1, delivery="desk", received_at=local(2027, 3, 1, 9, n))
             for n in range(1, 4)]
    db.session.commit()
    login(client, officer)
    receipt = html.unescape(client.get(f"/staff/cases/{cases[2].id}/print/receipt").get_data(as_text=True))
    assert re.search(r"Quyển số: 2027, Số thứ tự: 03\b", receipt)
    # The register from the second case on: its rows keep the book's numbers, not 1, 2 from the period.
    register = html.unescape(client.get(f"/staff/cases/register?unit={unit.id}&from=2027-03-01&to=2027-03-01")
                             .get_data(as_text=True))
    rows = re.findall(r"<tr><td class=\"pre\">(\d+)</td><td class=\"pre\">([^<]+)</td>", register)
    assert rows == [("01", cases[0].code), ("02", cases[1].code), ("03", cases[2].code)]
    assert all(str(c.id) != n for c, (n, _code) in zip(cases, rows, strict=False) if c.id > 3)
