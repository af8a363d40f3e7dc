"""Migration 0026_h_unit_name_history: every existing unit gets its current name as valid from 2000-01-01 with no
end; down drops the history (the current names stay on `unit`), up fills it again. Both engines."""
from __future__ import annotations

from datetime import date

from flask_migrate import downgrade, upgrade
from sqlalchemy import inspect, text

from portal.core.db import db
from tests.test_migrations import MIGRATIONS, empty_database_url, logging_state, migration_app  # noqa: F401

BEFORE, OURS = "0025_f_forms_2025", "0026_h_unit_name_history"


def _history() -> list[tuple]:
    rows = db.session.execute(text("SELECT u.code, n.name, n.valid_from, n.valid_to FROM unit_name n "
                                   "JOIN unit u ON u.id = n.unit_id ORDER BY u.code")).all()
    return [(code, name, date.fromisoformat(str(start)[:10]), end) for code, name, start, end in rows]


def test_the_migration_records_each_current_name_and_goes_down_and_up(migration_app):
    upgrade(directory=MIGRATIONS, revision=BEFORE)
    for code, name in [("000.14.26.H17", "UBND phường Nghĩa Tân"), ("000.00.12.H17", "Văn phòng HĐND và UBND thị xã")]:
        db.session.execute(text("INSERT INTO unit (code, name, level, is_active, version, created_at) "
                                "VALUES (:code, :name, 'town', :active, 1, :created)"),
                           {"code": code, "name": name, "active": True, "created": "2026-12-07 08:00:00"})
    db.session.commit()
    expected = [("000.00.12.H17", "Văn phòng HĐND và UBND thị xã", date(2000, 1, 1), None),
                ("000.14.26.H17", "UBND phường Nghĩa Tân", date(2000, 1, 1), None)]
    upgrade(directory=MIGRATIONS, revision=OURS)
    assert _history() == expected
    db.session.commit()
    downgrade(directory=MIGRATIONS, revision=BEFORE)
    db.session.remove()
    assert "unit_name" not in inspect(db.engine).get_table_names()
    assert db.session.scalar(text("SELECT count(*) FROM unit")) == 2  # the current names stay
    db.session.commit()
    upgrade(directory=MIGRATIONS, revision=OURS)
    assert _history() == expected
    db.session.commit()
