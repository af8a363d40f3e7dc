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


# --- the writers' queue (an OS file lock in front of SQLite's sleeping busy handler) -----------------

def _queue_file(app) -> str | None:
    url = db.engine.url
    return f"{url.database}-writers" if url.get_backend_name() == "sqlite" else None


def _try_lock(path: str) -> bool:
    """Whether another process could enter the writers' queue right now."""
    import fcntl
    import os

    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return False
    else:
        fcntl.flock(fd, fcntl.LOCK_UN)
        return True
    finally:
        os.close(fd)


@pytest.mark.parametrize("outcome", ["commit", "rollback"])
def test_a_writing_transaction_holds_the_queue_until_it_ends(app_ctx, outcome):
    path = _queue_file(app_ctx)
    db.session.remove()
    with write_intent():
        db.session.add(Unit(code="Q.01", name="Tổ hàng đợi ghi", level=UnitLevel.TOWN))
        db.session.flush()
        queued = db.session.connection().connection.info.get("portal.writer_queued", False)
        if path is None:  # PostgreSQL: row locks, no queue file
            assert queued is False
        else:
            assert queued is True and _try_lock(path) is False  # other writers wait here, not in SQLite
        getattr(db.session, outcome)()
    if path is not None:
        assert _try_lock(path) is True  # released as soon as the transaction ended
    expected = 1 if outcome == "commit" else 0
    assert db.session.scalar(select(func.count(Unit.id)).where(Unit.code == "Q.01")) == expected


def test_reading_requests_never_enter_the_queue(client):
    path = _queue_file(client.application)
    seen: list[bool] = []

    def record(conn, cursor, statement, *args):
        seen.append(bool(conn.connection.info.get("portal.writer_queued")))

    event.listen(db.engine, "before_cursor_execute", record)
    try:
        client.get("/thu-tuc/")
    finally:
        event.remove(db.engine, "before_cursor_execute", record)
    assert seen and not any(seen)
    if path is not None:
        assert _try_lock(path) is True
