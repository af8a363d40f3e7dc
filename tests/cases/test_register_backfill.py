"""Migration 0019_b numbers the cases that existed before it (TT 01/2018 Điều 10; its backfill run on cases stripped of their numbers): per receiving desk
and local year of receipt, in order of receipt, from 1; the counters continue after the last number."""
from __future__ import annotations

import importlib.util
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from alembic.migration import MigrationContext
from alembic.operations import Operations
from sqlalchemy import text

from portal.cases import intake
from portal.core.db import db
from tests.factories import make_procedure, make_unit
from tests.test_migrations import MIGRATIONS

VN = ZoneInfo("Asia/Ho_Chi_Minh")


def local(*args) -> datetime:
    return datetime(*args, tzinfo=VN).astimezone(UTC)


def _migration():
    spec = importlib.util.spec_from_file_location("m0019", f"{MIGRATIONS}/versions/0019_b_register_number.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_existing_cases_are_numbered_per_desk_and_year(app_ctx):
    desk, other = make_unit(code="000.14.26.H17", name="UBND phường Nghĩa Tân"), make_unit(code="000.15.26.H17",
                                                                                          name="UBND phường Nghĩa Trung")
    procedure = make_procedure(unit=desk, processing_days=3)
    docs = [d["name"] for d in procedure.current_version.documents]

    def receive(unit, at):
        return intake.receive_case(procedure=procedure, unit=unit, applicant={"name": "Trần Thị Hoa"},
                                   submitted=docs, sets=1, delivery="desk", received_at=at).id

    # Received out of id order: the backfill follows the time of receipt, not the id.
    later = receive(desk, local(2027, 12, 31, 23, 30))  # still 2027 in Việt Nam
    first = receive(desk, local(2027, 3, 1, 9, 0))
    elsewhere = receive(other, local(2027, 3, 1, 10, 0))
    new_year = receive(desk, local(2028, 1, 1, 0, 5))
    db.session.commit()
    with db.engine.begin() as conn:  # as before the register numbers existed
        conn.execute(text("UPDATE case_file SET register_year = NULL, register_number = NULL"))
        conn.execute(text("DELETE FROM case_register_counter"))
        with Operations.context(MigrationContext.configure(conn)):
            _migration().upgrade.__globals__["_backfill"]()
    with db.engine.connect() as conn:
        got = dict((i, (y, n)) for i, y, n in conn.execute(text(
            "SELECT id, register_year, register_number FROM case_file")))
        counters = set(conn.execute(text("SELECT unit_id, year, last_number FROM case_register_counter")))
        desk_id = conn.execute(text("SELECT unit_id FROM case_file WHERE id = :i"), {"i": first}).scalar_one()
    assert got == {first: (2027, 1), later: (2027, 2), elsewhere: (2027, 1), new_year: (2028, 1)}
    assert (desk_id, 2027, 2) in counters and (desk_id, 2028, 1) in counters and len(counters) == 3
    assert intake.allocate_register_number(desk_id, 2027) == 3  # the book continues after the backfill
