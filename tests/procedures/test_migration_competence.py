"""Migration 0023_c_competence_by_level on real rows (SQLite, and PostgreSQL when TEST_DATABASE_URL is set): the
commune-level versions and procedures lose the one ward they named, town-level ones keep their unit, the check
holds afterwards; downgrade names a ward again (the lowest commune-level id) and restores NOT NULL."""
from __future__ import annotations

from datetime import UTC, datetime

import pytest
from flask_migrate import downgrade, upgrade
from sqlalchemy import exc, inspect, text

from portal.core.db import db
from tests.test_migrations import MIGRATIONS, empty_database_url, logging_state, migration_app  # noqa: F401

BEFORE, AFTER = "0022_a_case_code_format", "0023_c_competence_by_level"
NOW = datetime(2019, 3, 4, 2, 0, tzinfo=UTC)


def _insert(conn, table: str, **values) -> None:
    """A row with `values` and a plain value in every other NOT NULL column without a server default."""
    for column in inspect(conn).get_columns(table):
        if column["name"] in values or column["nullable"] or column.get("default") is not None:
            continue
        kind = column["type"].__class__.__name__.upper()
        values[column["name"]] = (NOW if "DATETIME" in kind or "TIMESTAMP" in kind else "[]" if "JSON" in kind
                                  else 1 if "INT" in kind else False if "BOOL" in kind else "x")
    names = ", ".join(values)
    conn.execute(text(f"INSERT INTO {table} ({names}) VALUES ({', '.join(':' + k for k in values)})"), values)


def _rows(sql: str) -> list[tuple]:
    with db.engine.connect() as conn:
        return [tuple(r) for r in conn.execute(text(sql))]


@pytest.fixture()
def before(migration_app):  # noqa: F811
    upgrade(directory=MIGRATIONS, revision=BEFORE)
    with db.engine.begin() as conn:
        _insert(conn, "unit", id=1, code="TUPHAP", name="Phòng Tư pháp", level="town", is_active=True, version=1)
        _insert(conn, "unit", id=2, code="NGHIATAN", name="UBND phường Nghĩa Tân", level="commune", is_active=True,
                version=1)
        _insert(conn, "unit", id=3, code="NGHIADUC", name="UBND phường Nghĩa Đức", level="commune", is_active=True,
                version=1)
        _insert(conn, "procedure_field", id=1, code="HT", name="Hộ tịch")
        for pid, level, unit in ((1, "commune", 3), (2, "town", 1)):
            _insert(conn, "procedure", id=pid, code=f"P.{pid}", status="active", level=level, unit_id=unit,
                    field_id=1)
            _insert(conn, "procedure_version", id=pid, procedure_id=pid, number=1, state="published", name="x",
                    field_id=1, level=level, unit_id=unit, processing_days=1, sets=1, online_level="none",
                    edit_version=1)
        conn.execute(text("UPDATE procedure SET current_version_id = id"))
    return migration_app


def test_the_upgrade_frees_commune_procedures_from_their_ward_and_the_downgrade_names_one(before):
    upgrade(directory=MIGRATIONS, revision=AFTER)
    assert _rows("SELECT id, unit_id FROM procedure_version ORDER BY id") == [(1, None), (2, 1)]
    assert _rows("SELECT id, unit_id FROM procedure ORDER BY id") == [(1, None), (2, 1)]
    with pytest.raises(exc.IntegrityError), db.engine.begin() as conn:  # the check: a commune version names none
        conn.execute(text("UPDATE procedure_version SET unit_id = 2 WHERE id = 1"))
    with pytest.raises(exc.IntegrityError), db.engine.begin() as conn:  # and a town one names its unit
        conn.execute(text("UPDATE procedure_version SET unit_id = NULL WHERE id = 2"))
    downgrade(directory=MIGRATIONS, revision=BEFORE)
    assert _rows("SELECT id, unit_id FROM procedure_version ORDER BY id") == [(1, 2), (2, 1)]
    assert _rows("SELECT id, unit_id FROM procedure ORDER BY id") == [(1, 2), (2, 1)]
    unit_id = next(c for c in inspect(db.engine).get_columns("procedure_version") if c["name"] == "unit_id")
    assert unit_id["nullable"] is False
