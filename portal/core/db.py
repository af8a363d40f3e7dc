"""Database instance, constraint naming convention and engine pragmas."""
from __future__ import annotations

import contextlib
import contextvars
import fcntl
import os
import sqlite3
import time
from datetime import UTC

from flask import has_request_context, request
from flask_sqlalchemy import SQLAlchemy
from sqlalchemy import DateTime, Enum, MetaData, event
from sqlalchemy.engine import Engine
from sqlalchemy.pool import Pool
from sqlalchemy.types import TypeDecorator

# Named constraints make migrations reviewable and identical on SQLite and PostgreSQL.
NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})

def string_enum(enum_cls, name: str, length: int):
    """A StrEnum stored as its values in a VARCHAR (no native enum type): the same on both engines, and
    adding a member needs no ALTER TYPE."""
    return Enum(enum_cls, name=name, native_enum=False, length=length, values_callable=lambda e: [m.value for m in e])


db = SQLAlchemy(metadata=MetaData(naming_convention=NAMING_CONVENTION))


_write_intent: contextvars.ContextVar[bool] = contextvars.ContextVar("write_intent", default=False)


@contextlib.contextmanager
def write_intent():
    """Outside a request (CLI, workers): transactions begun inside take SQLite's write lock at once."""
    token = _write_intent.set(True)
    try:
        yield
    finally:
        _write_intent.reset(token)


@event.listens_for(Engine, "connect")
def _sqlite_pragmas(dbapi_connection, _record) -> None:
    """WAL lets readers work beside a writer; the busy timeout makes writers wait, not fail."""
    if isinstance(dbapi_connection, sqlite3.Connection):
        dbapi_connection.isolation_level = None  # we emit BEGIN ourselves (see _sqlite_begin)
        cur = dbapi_connection.cursor()
        cur.execute("PRAGMA journal_mode=WAL")
        cur.execute("PRAGMA busy_timeout=10000")
        cur.execute("PRAGMA foreign_keys=ON")
        cur.execute("PRAGMA synchronous=NORMAL")
        cur.close()


WRITER_QUEUE_TIMEOUT = 10.0  # seconds, as the busy timeout: then SQLite's own "database is locked" applies
_QUEUE_FD = "portal.writer_queue_fd"


@event.listens_for(Engine, "begin")
def _sqlite_begin(conn) -> None:
    """A transaction that will write takes the write lock when it starts (BEGIN IMMEDIATE), so it
    waits for the busy timeout instead of failing with "database is locked" when it upgrades a
    stale read snapshot. Requests that change data (POST…) and code under write_intent() do so;
    reads stay concurrent.

    Writers first queue on an OS file lock beside the database file (all processes and threads):
    SQLite's busy handler polls with sleeps growing to 100 ms, so under load a waiting writer sleeps
    long after the lock is free (32 concurrent submissions: 40/s instead of hundreds); the file lock
    wakes the next writer as soon as the previous one commits."""
    if conn.dialect.name != "sqlite":
        return
    immediate = _write_intent.get() or (has_request_context() and request.method not in SAFE_METHODS)
    if immediate:
        _queue_for_writing(conn)
    conn.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")


def _queue_for_writing(conn) -> None:
    path = conn.engine.url.database
    if not path or path == ":memory:" or path.startswith("file:"):
        return
    info = conn.connection.info  # per DBAPI connection
    fd = info.get(_QUEUE_FD)
    if fd is None:
        fd = info[_QUEUE_FD] = os.open(f"{path}-writers", os.O_RDWR | os.O_CREAT, 0o600)
    deadline, pause = time.monotonic() + WRITER_QUEUE_TIMEOUT, 0.0002
    while True:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            info["portal.writer_queued"] = True
            return
        except BlockingIOError:
            if time.monotonic() > deadline:
                return  # let SQLite's busy timeout decide
            time.sleep(pause)
            pause = min(pause * 1.5, 0.002)


def _leave_writer_queue(dbapi_connection_info) -> None:
    if dbapi_connection_info.pop("portal.writer_queued", False):
        fcntl.flock(dbapi_connection_info[_QUEUE_FD], fcntl.LOCK_UN)


@event.listens_for(Engine, "commit")
def _sqlite_commit(conn) -> None:
    if conn.dialect.name == "sqlite" and conn.connection.info.get("portal.writer_queued"):
        # Commit now (COMMIT is idempotent for pysqlite once done) and only then let the next writer in.
        conn.connection.dbapi_connection.commit()
        _leave_writer_queue(conn.connection.info)


@event.listens_for(Engine, "rollback")
def _sqlite_rollback(conn) -> None:
    if conn.dialect.name == "sqlite" and conn.connection.info.get("portal.writer_queued"):
        conn.connection.dbapi_connection.rollback()
        _leave_writer_queue(conn.connection.info)


@event.listens_for(Pool, "reset")
def _pool_reset(dbapi_connection, record, reset_state=None) -> None:
    """A connection returned to the pool never keeps its place in the writers' queue."""
    _leave_writer_queue(record.info)


@event.listens_for(Pool, "close")
def _pool_close(dbapi_connection, record) -> None:
    _leave_writer_queue(record.info)
    fd = record.info.pop(_QUEUE_FD, None)
    if fd is not None:
        os.close(fd)


class UTCDateTime(TypeDecorator):
    """Timezone-aware UTC datetimes on every engine (SQLite stores them naive, in UTC)."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value, dialect):
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given to a UTC column; use core.clock.utcnow()")
        value = value.astimezone(UTC)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value, dialect):
        if value is not None and value.tzinfo is None:
            return value.replace(tzinfo=UTC)
        return value
