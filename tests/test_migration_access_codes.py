"""Migration 0032_n_access_code_hash (issue 13 point 11): the codes already printed and e-mailed keep working once
only their hashes are stored; the downgrade, which cannot recover them, gives every row a fresh code. Runs on
SQLite, and on PostgreSQL when TEST_DATABASE_URL is set."""
from __future__ import annotations

import re

from flask_migrate import downgrade, upgrade
from sqlalchemy import text

from portal.cases import intake
from portal.core.access_codes import verify_code
from portal.core.db import db
from portal.feedback import submission
from tests.factories import make_procedure, make_unit
from tests.feedback.data import local, valid_data
from tests.test_migrations import MIGRATIONS, empty_database_url, logging_state, migration_app  # noqa: F401

BEFORE = "0031_m_totp"
TABLES = ("case_file", "feedback")


def _column(table: str, name: str) -> str:
    with db.engine.connect() as conn:
        return conn.execute(text(f"SELECT {name} FROM {table}")).scalar_one()


def test_codes_handed_out_keep_working_and_a_downgrade_issues_fresh_ones(migration_app):  # noqa: F811
    upgrade(directory=MIGRATIONS)
    unit = make_unit()
    procedure = make_procedure(unit=unit)
    intake.receive_case(procedure=procedure, unit=unit, applicant={"name": "Trần Thị Hoa"},
                        submitted=[d["name"] for d in procedure.current_version.documents], sets=1, delivery="desk",
                        received_at=local(2027, 3, 1, 9))
    submission.submit_feedback(valid_data(), now=local(2027, 3, 1, 9))
    db.session.commit()
    db.session.remove()
    downgrade(directory=MIGRATIONS, revision=BEFORE)  # as printed on a receipt before this revision
    with db.engine.begin() as conn:
        conn.execute(text("UPDATE case_file SET access_code = 'ABCD2345'"))
        conn.execute(text("UPDATE feedback SET access_code = 'XYZW6789'"))
    upgrade(directory=MIGRATIONS)
    for table, code in zip(TABLES, ("ABCD2345", "XYZW6789"), strict=True):
        stored = _column(table, "access_code_hash")
        assert stored.startswith("$argon2id$") and code not in stored
        assert verify_code(stored, code) and not verify_code(stored, "ABCD2346")
    downgrade(directory=MIGRATIONS, revision=BEFORE)
    fresh = {table: _column(table, "access_code") for table in TABLES}
    assert all(re.fullmatch(r"[A-HJ-NP-Z2-9]{8}", code) for code in fresh.values()), fresh
    upgrade(directory=MIGRATIONS)
    assert all(verify_code(_column(table, "access_code_hash"), code) for table, code in fresh.items())
