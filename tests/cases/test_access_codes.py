"""Access codes of cases (issue 13 point 11): stored as an argon2id hash only, taken by POST only, printed on the
receipt issued at intake (or with a new code) and never on a reprint; a new code replaces the old one, audited."""
from __future__ import annotations

import re
from html import unescape

import argon2
import pytest
from flask_babel import force_locale
from sqlalchemy import select, text

from portal.cases.documents import ACCESS_WITHHELD
from portal.cases.models import Case
from portal.cases.views.lookup import TYPE_ACCESS
from portal.core import access_codes
from portal.core.access import Role
from portal.core.audit import AuditEvent
from portal.core.db import db
from tests.factories import login, make_procedure, make_unit, make_user

LOOKUP = "/ho-so/tra-cuu"
PRINTED = re.compile(r'class="mono access-code">([A-Z0-9]{8})<')


@pytest.fixture()
def desk(app_ctx, fixed_clock):
    unit = make_unit(code="000.00.12.H17", name="Văn phòng HĐND và UBND thị xã")
    procedure = make_procedure(unit=unit, processing_days=3, name="Đăng ký khai sinh")
    officer = make_user(Role.DESK_OFFICER, unit=unit, full_name="Lê Hoàng Nam")
    return {"unit": unit, "procedure": procedure, "officer": officer}


def accept(client, desk) -> Case:
    """The desk accepts a complete file through its form, as at the counter."""
    procedure = desk["procedure"]
    response = client.post("/staff/cases/new", data={
        "procedure": procedure.code, "documents": [d["name"] for d in procedure.current_version.documents],
        "applicant_name": "Nguyễn Văn Bình", "applicant_phone": "0905 123 456", "sets": "1", "delivery": "desk",
        "channel": "desk", "action": "accept"})
    assert response.status_code == 302
    return db.session.scalar(select(Case))


def receipt(client, case) -> str:
    response = client.get(f"/staff/cases/{case.id}/print/receipt")
    assert response.status_code == 200
    return unescape(response.get_data(as_text=True))


def citizen(client):
    """Another browser, signed in as nobody."""
    return client.application.test_client()


def look(client, code, access):
    """The answer and its page, the form's CSRF token blanked (signed with the second it was made in)."""
    response = client.post(LOOKUP, data={"code": code, "access": access})
    page = unescape(response.get_data(as_text=True))
    return response, re.sub(r'name="csrf_token" value="[^"]*"', 'name="csrf_token" value=""', page)


def test_the_database_holds_only_an_argon2id_hash(client, desk):
    login(client, desk["officer"])
    case = accept(client, desk)
    code = PRINTED.search(receipt(client, case)).group(1)
    row = db.session.execute(text("SELECT * FROM case_file WHERE id = :id"), {"id": case.id}).mappings().one()
    assert "access_code" not in row  # the plaintext column is gone
    assert not [name for name, value in row.items() if isinstance(value, str) and code in value]
    stored = row["access_code_hash"]
    params = argon2.extract_parameters(stored)
    assert stored.startswith("$argon2id$") and (params.time_cost, params.memory_cost) == (2, 8192)
    assert access_codes.verify_code(stored, f"  {code.lower()} ")  # typed as people type it
    assert not access_codes.verify_code(stored, "ABCDEFGH") and not access_codes.verify_code(None, code)


def test_the_receipt_printed_at_intake_shows_the_code_and_a_reprint_does_not(client, desk):
    login(client, desk["officer"])
    case = accept(client, desk)
    first = receipt(client, case)
    code = PRINTED.search(first).group(1)
    assert first.count(code) == 1  # the applicant's copy (Liên 1); the desk's filed copy does not carry it
    assert 'id="access-once"' in first  # the officer is told to print it now
    assert f"{LOOKUP}?code={case.code}" in first and "access=" not in first  # the QR's address: the case code only
    reprint = receipt(client, case)
    assert not PRINTED.search(reprint) and code not in reprint and ACCESS_WITHHELD in reprint and 'id="access-once"' not in reprint
    docx = client.get(f"/staff/cases/{case.id}/print/receipt?format=docx")
    assert docx.status_code == 200 and code.encode() not in docx.data
    response, html = look(citizen(client), case.code, code)  # the code from the first receipt opens the lookup
    assert response.status_code == 200 and "Đăng ký khai sinh" in html


def test_the_lookup_takes_the_access_code_by_post_only(client, desk):
    login(client, desk["officer"])
    case = accept(client, desk)
    code = PRINTED.search(receipt(client, case)).group(1)
    client = citizen(client)
    old_link = client.get(LOOKUP, query_string={"code": case.code, "access": code})  # an old QR code or bookmark
    assert old_link.status_code == 303 and code not in old_link.location and "access" not in old_link.location
    form = client.get(old_link.location)
    html = unescape(form.get_data(as_text=True))
    assert form.status_code == 200 and "Đăng ký khai sinh" not in html  # nothing looked up
    assert code not in html and f'value="{case.code}"' in html  # the case code prefilled, the access code gone
    with force_locale("vi"):
        assert str(TYPE_ACCESS) in html  # asked to type it
    response, html = look(client, case.code, code)
    assert response.status_code == 200 and "Đăng ký khai sinh" in html
    assert response.headers["Cache-Control"] == "no-store" and "Location" not in response.headers


def test_a_wrong_code_and_an_unknown_case_do_the_same_hashing_work(client, desk, monkeypatch):
    login(client, desk["officer"])
    case = accept(client, desk)
    client = citizen(client)
    verified = []
    real = access_codes._HASHER

    class Counting:
        def verify(self, stored, given):
            verified.append(stored)
            return real.verify(stored, given)

    monkeypatch.setattr(access_codes, "_HASHER", Counting())
    access_codes._dummy_hash()  # made once, before the count
    wrong, wrong_html = look(client, case.code, "ZZZZ2345")
    unknown, unknown_html = look(client, "000.00.12.H17-270310-0099", "ZZZZ2345")
    assert wrong.status_code == unknown.status_code == 422 and len(verified) == 2
    assert wrong_html.replace(case.code, "CODE") == unknown_html.replace("000.00.12.H17-270310-0099", "CODE")


def test_a_new_access_code_replaces_the_old_one_and_is_audited(client, desk):
    login(client, desk["officer"])
    case = accept(client, desk)
    old = PRINTED.search(receipt(client, case)).group(1)
    confirm = client.get(f"/staff/cases/{case.id}/access-code")
    assert confirm.status_code == 200 and 'method="post"' in confirm.get_data(as_text=True)
    assert client.get(f"/staff/cases/{case.id}").get_data(as_text=True).count(f"/staff/cases/{case.id}/access-code")
    response = client.post(f"/staff/cases/{case.id}/access-code")
    assert response.status_code == 303 and response.location.endswith(f"/staff/cases/{case.id}/print/receipt")
    new = PRINTED.search(receipt(client, case)).group(1)
    assert new != old and not PRINTED.search(receipt(client, case))  # printed once again, then withheld
    [event] = db.session.scalars(select(AuditEvent).where(AuditEvent.action == "case.access_code_reissued")).all()
    assert (event.object_id, event.actor_id) == (str(case.id), desk["officer"].id)
    assert new not in (event.after_json or "") and old not in (event.after_json or "")
    client = citizen(client)
    assert look(client, case.code, old)[0].status_code == 422  # the old code stops working
    assert look(client, case.code, new)[0].status_code == 200


def test_staff_of_another_unit_cannot_issue_a_new_code(client, desk):
    login(client, desk["officer"])
    case = accept(client, desk)
    before = db.session.get(Case, case.id).access_code_hash
    client = citizen(client)
    login(client, make_user(Role.DESK_OFFICER, unit=make_unit()))
    assert client.get(f"/staff/cases/{case.id}/access-code").status_code == 403
    assert client.post(f"/staff/cases/{case.id}/access-code").status_code == 403
    db.session.expire_all()
    assert db.session.get(Case, case.id).access_code_hash == before
    assert not db.session.scalars(select(AuditEvent).where(AuditEvent.action == "case.access_code_reissued")).all()


def test_the_demo_loader_hashes_with_its_light_cost_only_while_it_runs():
    with access_codes.seed_cost():
        seeded = access_codes.hash_code("ABCD2345")
    serving = access_codes.hash_code("ABCD2345")
    assert argon2.extract_parameters(seeded).time_cost == 1 and argon2.extract_parameters(serving).time_cost == 2
    assert argon2.extract_parameters(seeded).type == argon2.Type.ID
    assert access_codes.verify_code(seeded, "abcd2345") and access_codes.verify_code(serving, "abcd2345")
