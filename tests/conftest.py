"""Fixtures shared by every test. TEST_DATABASE_URL switches the suite to PostgreSQL."""
from __future__ import annotations

import contextlib
import logging
import os
import socket
import threading
from datetime import UTC, datetime

import pytest
import time_machine
from flask.globals import _cv_app
from flask.testing import FlaskClient
from sqlalchemy import create_engine, make_url, text
from werkzeug.serving import make_server

from portal import create_app
from portal.config import TestConfig
from portal.core.db import db


def _shifted_clock():
    """PORTAL_TEST_CLOCK=2028-02-29T09:00+07:00 runs the suite with the clock moved there (and ticking), so a
    test that silently depends on today's date fails the day it is written, not the day the calendar reaches
    it. `.ci/run` runs one such pass; only the clock moves (time.monotonic is left alone)."""
    raw = os.environ.get("PORTAL_TEST_CLOCK", "").strip()
    if not raw:
        return None
    moment = datetime.fromisoformat(raw)
    if moment.tzinfo is None:
        raise pytest.UsageError("PORTAL_TEST_CLOCK needs a time zone offset, e.g. 2028-02-29T09:00+07:00")
    return moment


_TRAVEL = None

# A working-day morning for tests of pages that read the clock (worklists, locks, "overdue"): Wednesday 10 March
# 2027, 09:00 in Vietnam. The clock is moved there (ticking) by the `fixed_clock` fixture, so such a test gives the
# same answer on any day the suite runs, weekends and holidays included.
FIXED_NOW = datetime(2027, 3, 10, 2, 0, tzinfo=UTC)


@pytest.fixture()
def fixed_clock():
    with time_machine.travel(FIXED_NOW, tick=True):
        yield FIXED_NOW


def _stop_travel() -> None:
    global _TRAVEL
    if _TRAVEL is not None:
        _TRAVEL.stop()
        _TRAVEL = None


def pytest_configure(config):
    """With PORTAL_TEST_CLOCK, collection runs with the clock moved (a parametrisation that reads today's date is
    caught); then each test but the browser journeys runs with it moved (`_moved_clock`)."""
    global _TRAVEL
    moment = _shifted_clock()
    if moment is not None:
        _TRAVEL = time_machine.travel(moment, tick=True)
        _TRAVEL.start()


def pytest_collection_finish(session):
    _stop_travel()


def pytest_unconfigure(config):
    _stop_travel()


@pytest.fixture(autouse=True)
def _moved_clock(request):
    """Every unit, service and view test runs with the clock at PORTAL_TEST_CLOCK when it is set. The browser
    journeys (marker e2e) keep the real clock: the Chromium they drive keeps its own, which cannot be moved."""
    moment = _shifted_clock()
    if moment is None or request.node.get_closest_marker("e2e"):
        yield
        return
    with time_machine.travel(moment, tick=True):
        yield


def pytest_report_header(config):
    moment = _shifted_clock()
    return f"clock moved to {moment.isoformat()} (PORTAL_TEST_CLOCK)" if moment else None


def _database_url(tmp_path_factory) -> str:
    url = os.environ.get("TEST_DATABASE_URL")
    if url:
        return url
    return f"sqlite:///{tmp_path_factory.mktemp('db') / 'test.sqlite3'}"


@contextlib.contextmanager
def scratch_postgres(base_url: str, suffix: str):
    """A new, empty PostgreSQL database beside the test database, dropped afterwards; yields its URL."""
    url = make_url(base_url)
    name = f"{url.database}_{suffix}"
    admin = create_engine(url.set(database="postgres"), isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield url.set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


def is_postgres(app) -> bool:
    return app.config["SQLALCHEMY_DATABASE_URI"].startswith("postgresql")


@pytest.fixture(scope="session")
def app(tmp_path_factory):
    app = create_app(TestConfig, SQLALCHEMY_DATABASE_URI=_database_url(tmp_path_factory))
    with app.app_context():
        if is_postgres(app):
            db.session.execute(text("DROP SCHEMA public CASCADE"))
            db.session.execute(text("CREATE SCHEMA public"))
            db.session.commit()
        db.create_all()
    yield app
    with app.app_context():
        db.session.remove()
        db.engine.dispose()


_RESTART_SEQUENCES: dict[str, str] = {}


def _restart_sequences(app) -> str:
    """One SELECT that sets every id sequence of the schema back to 1 (setval is not transactional)."""
    url = app.config["SQLALCHEMY_DATABASE_URI"]
    if url not in _RESTART_SEQUENCES:
        sequences = db.session.execute(text(
            "SELECT s.oid::regclass::text FROM pg_class s JOIN pg_namespace n ON n.oid = s.relnamespace "
            "WHERE s.relkind = 'S' AND n.nspname = 'public'")).scalars().all()
        calls = ", ".join(f"setval('{name}', 1, false)" for name in sequences) or "1"
        _RESTART_SEQUENCES[url] = f"SELECT {calls}"
    return _RESTART_SEQUENCES[url]


def _cycle_breakers(tables) -> list[tuple[str, str]]:
    """UPDATEs that set to NULL each foreign key pointing to a table emptied before its own (the order of
    `tables` cannot honour both sides of a cycle such as procedure <-> version), as (table, statement) pairs."""
    position = {t.name: n for n, t in enumerate(tables)}
    return [(t.name, f'UPDATE "{t.name}" SET "{fk.parent.name}" = NULL WHERE "{fk.parent.name}" IS NOT NULL')
            for t in tables for fk in t.foreign_keys
            if fk.column.table.name != t.name and position.get(fk.column.table.name, len(tables)) < position[t.name]]


def _empty_tables(app) -> None:
    tables = list(reversed(db.metadata.sorted_tables))
    if is_postgres(app):
        # A test fills a handful of tables: find those with one cheap query, empty only them, and restart every
        # id sequence (an insert that was rolled back or deleted still moved its sequence on). DELETE, children
        # first, not TRUNCATE: TRUNCATE ... CASCADE of a few small tables costs 150-200 ms (new files for each
        # table and index it reaches), DELETE a few ms. The triggers fire as for any delete (the search words
        # of portal.core.search_words go with their rows).
        probe = " UNION ALL ".join(f"SELECT '{t.name}' WHERE EXISTS (SELECT 1 FROM \"{t.name}\")" for t in tables)
        filled = set(db.session.execute(text(probe)).scalars().all())
        for name, statement in _cycle_breakers(tables):
            if name in filled:
                db.session.execute(text(statement))
        for table in tables:
            if table.name in filled:
                db.session.execute(table.delete())
        db.session.execute(text(_restart_sequences(app)))
    else:
        db.session.execute(text("PRAGMA defer_foreign_keys=ON"))  # cycles (procedure <-> version)
        for table in tables:
            db.session.execute(table.delete())
    db.session.commit()


@contextlib.contextmanager
def module_world(app):
    """For a module-scoped fixture whose rows the module's tests only read (a demo load takes seconds, on
    PostgreSQL up to 20): an application context held for the module, the tables emptied at its end. The module's
    tests must not take `app_ctx` or `client`, whose teardown would empty the tables under the others. With
    PORTAL_TEST_CLOCK the rows are built with the clock moved, as a function-scoped fixture's would be."""
    moment = _shifted_clock()
    with app.app_context(), (time_machine.travel(moment, tick=True) if moment else contextlib.nullcontext()):
        try:
            yield
        finally:
            db.session.rollback()
            _empty_tables(app)
            db.session.remove()


@pytest.fixture()
def app_ctx(app):
    """An application context with empty tables, emptied again afterwards."""
    with app.app_context():
        yield app
        db.session.rollback()
        _empty_tables(app)
        db.session.remove()


class RequestIsolatingClient(FlaskClient):
    """Each request runs in its own application context, as in production: no `g`, no database
    session and no cached login shared with the test's own context or with other requests."""

    def open(self, *args, **kwargs):
        outer = _cv_app.get(None)
        if outer is None:
            return super().open(*args, **kwargs)
        db.session.commit()  # what the test built must be visible to the request
        token = _cv_app.set(None)  # hide the test's context; the test's own session stays open
        try:
            return super().open(*args, **kwargs)
        finally:
            _cv_app.reset(token)


@pytest.fixture()
def client(app_ctx):
    app_ctx.test_client_class = RequestIsolatingClient
    return app_ctx.test_client()


@pytest.fixture()
def csrf_app(app_ctx):
    """The same app with CSRF checks switched on, for the tests that prove them."""
    app_ctx.config["WTF_CSRF_ENABLED"] = True
    yield app_ctx
    app_ctx.config["WTF_CSRF_ENABLED"] = False


@pytest.fixture(autouse=True)
def _restore_rate_limiter(request):
    """Flask-Limiter keeps its storage and switch on the (single) extension instance, so a test that
    builds another app with limits on would leave them on for the next test: restore them."""
    yield
    if "app" in request.fixturenames:
        from portal.extensions import limiter

        limiter.init_app(request.getfixturevalue("app"))


@pytest.fixture()
def limited_app(app_ctx):
    """A second app on the test database with rate limits on (2 API calls a minute, in memory): the API tests."""
    limited = create_app(TestConfig, SQLALCHEMY_DATABASE_URI=app_ctx.config["SQLALCHEMY_DATABASE_URI"],
                         RATELIMIT_ENABLED=True, RATELIMIT_STORAGE_URI="memory://", API_RATE_LIMIT="2 per minute")
    yield limited
    with limited.app_context():
        db.session.remove()
        db.engine.dispose()


@contextlib.contextmanager
def serve(app, name: str = "test-server"):
    """`app` served by werkzeug on a free local port, in a thread; yields its base URL. Stopped, and its engine's
    connections closed, afterwards (the browser journeys' servers, a real Open311 client's)."""
    logging.getLogger("werkzeug").setLevel(logging.WARNING)  # one line per asset drowns test output
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, name=name, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()
        thread.join(timeout=10)
        server.server_close()
        with app.app_context():
            db.session.remove()
            db.engine.dispose()


def free_port() -> int:
    """A TCP port nothing listens on right now (for the test's own servers: SMTP, PostgreSQL, Redis)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture()
def mail_port(app_ctx):
    """The app sends to 127.0.0.1:<a free port>; nothing listens there until a test starts a server."""
    port = free_port()
    saved = {k: app_ctx.config[k] for k in ("MAIL_SERVER", "MAIL_PORT", "MAIL_TIMEOUT")}
    app_ctx.config.update(MAIL_SERVER="127.0.0.1", MAIL_PORT=port, MAIL_TIMEOUT=5)
    yield port
    app_ctx.config.update(saved)
