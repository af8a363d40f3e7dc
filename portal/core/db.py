"""Database instance, constraint naming convention and engine pragmas."""
from __future__ import annotations

import contextlib
import contextvars
import sqlite3
from datetime import timezone

from flask import has_request_context, request
from flask_sqlalchemy import SQLAlchemy
from sqlalchemy import DateTime, Enum, MetaData, event
from sqlalchemy.types import TypeDecorator
from sqlalchemy.engine import Engine

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


@event.listens_for(Engine, "begin")
def _sqlite_begin(conn) -> None:
    """A transaction that will write takes the write lock when it starts (BEGIN IMMEDIATE), so it
    waits for the busy timeout instead of failing with "database is locked" when it upgrades a
    stale read snapshot. Requests that change data (POST…) and code under write_intent() do so;
    reads stay concurrent."""
    if conn.dialect.name != "sqlite":
        return
    immediate = _write_intent.get() or (has_request_context() and request.method not in SAFE_METHODS)
    conn.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")


class UTCDateTime(TypeDecorator):
    """Timezone-aware UTC datetimes on every engine (SQLite stores them naive, in UTC)."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value, dialect):
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given to a UTC column; use core.clock.utcnow()")
        value = value.astimezone(timezone.utc)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value, dialect):
        if value is not None and value.tzinfo is None:
            return value.replace(tzinfo=timezone.utc)
        return value
