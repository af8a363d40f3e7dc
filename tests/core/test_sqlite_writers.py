"""Concurrent writers on SQLite wait for each other instead of failing (WAL, busy timeout,
write lock taken when a writing transaction begins)."""
from __future__ import annotations

import threading
import time

import pytest
from sqlalchemy import event, func, select

from portal.core.db import db, write_intent
from portal.units.models import Unit, UnitLevel
from tests.conftest import is_postgres


def _writer(app, n: int, errors: list) -> None:
    with app.app_context(), write_intent():
        try:
            before = db.session.scalar(select(func.count(Unit.id)))  # read first, as services do
            time.sleep(0.02)
            db.session.add(Unit(code=f"W.{n:02d}", name=f"Tổ công tác số {n} (đọc {before})", level=UnitLevel.TOWN))
            db.session.commit()
        except Exception as err:  # noqa: BLE001 - collected and asserted below
            errors.append(repr(err))
        finally:
            db.session.remove()


def test_parallel_read_then_write_transactions_all_succeed(app_ctx):
    errors: list = []
    threads = [threading.Thread(target=_writer, args=(app_ctx, n, errors)) for n in range(12)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert db.session.scalar(select(func.count(Unit.id)).where(Unit.code.like("W.%"))) == 12


def test_changing_requests_begin_immediate_and_reads_do_not(client):
    if is_postgres(client.application):
        pytest.skip("BEGIN IMMEDIATE is SQLite's; PostgreSQL uses row locks (the test above runs on both)")
    statements: list[str] = []
    engine = db.engine

    def record(conn, cursor, statement, *args):
        if statement.startswith("BEGIN"):
            statements.append(statement)

    event.listen(engine, "before_cursor_execute", record)
    try:
        client.get("/thu-tuc/")  # queries the catalogue
        reads = list(statements)
        statements.clear()
        client.post("/auth/login", data={"email": "ai@gianghia.gov.vn", "password": "khong-dung-123"})
        writes = list(statements)
    finally:
        event.remove(engine, "before_cursor_execute", record)
    assert reads and all(s == "BEGIN" for s in reads)
    assert writes and writes[0] == "BEGIN IMMEDIATE"
