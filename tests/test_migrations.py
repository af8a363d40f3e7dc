"""`flask db upgrade` on an empty database builds exactly the models, and every revision goes down
and up again. Runs on SQLite, and on PostgreSQL when TEST_DATABASE_URL is set."""
from __future__ import annotations

import logging
import os
from datetime import UTC

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from flask_migrate import downgrade, upgrade
from sqlalchemy import inspect, text

from portal import create_app
from portal.config import BASE_DIR, TestConfig
from portal.core.db import db
from tests.conftest import scratch_postgres

MIGRATIONS = str(BASE_DIR / "migrations")


@pytest.fixture()
def logging_state():
    """migrations/env.py calls logging.fileConfig, which disables every existing logger (the app's
    among them) and replaces the root handlers; put everything back for the tests that follow."""
    root = logging.getLogger()
    handlers, level = list(root.handlers), root.level
    loggers = {name: lg.disabled for name, lg in logging.Logger.manager.loggerDict.items()
               if isinstance(lg, logging.Logger)}
    yield
    root.handlers[:] = handlers
    root.setLevel(level)
    for name, logger in list(logging.Logger.manager.loggerDict.items()):
        if isinstance(logger, logging.Logger):  # loggers made since the snapshot were enabled
            logger.disabled = loggers.get(name, False)


@pytest.fixture()
def empty_database_url(tmp_path):
    """A URL to a database with no tables at all, dropped afterwards."""
    base = os.environ.get("TEST_DATABASE_URL")
    if not base:
        yield f"sqlite:///{tmp_path / 'migrations.sqlite3'}"
        return
    with scratch_postgres(base, "migrations") as url:
        yield url


@pytest.fixture()
def migration_app(empty_database_url, logging_state):
    app = create_app(TestConfig, SQLALCHEMY_DATABASE_URI=empty_database_url)
    with app.app_context():
        assert inspect(db.engine).get_table_names() == []  # really empty before the migrations
        yield app
        db.session.remove()
        db.engine.dispose()


def schema_differences() -> list:
    with db.engine.connect() as conn:
        def include_object(obj, name, type_, reflected, compare_to):  # as migrations/env.py does
            if type_ == "table" and reflected and "_fts" in name:
                return False  # SQLite's FTS5 search tables and their shadow tables (portal/core/fulltext.py)
            ddl_if = getattr(obj, "_ddl_if", None)
            if type_ == "index" and ddl_if is not None and ddl_if.dialect:
                return conn.dialect.name == ddl_if.dialect
            return True

        context = MigrationContext.configure(conn, opts={"compare_type": True, "compare_server_default": True,
                                                         "include_object": include_object})
        return compare_metadata(context, db.metadata)


def user_tables() -> set[str]:
    """The application's tables: not Alembic's, nor SQLite's FTS5 search tables and their shadows."""
    return {name for name in inspect(db.engine).get_table_names()
            if name != "alembic_version" and "_fts" not in name}


def revisions() -> list[str]:
    """Every revision id, base first."""
    script = ScriptDirectory(MIGRATIONS)
    return [rev.revision for rev in reversed(list(script.walk_revisions()))]


def test_upgrade_head_equals_the_models(migration_app):
    upgrade(directory=MIGRATIONS)
    assert user_tables() == set(db.metadata.tables)
    assert schema_differences() == []
    with db.engine.connect() as conn:
        head = conn.execute(text("SELECT version_num FROM alembic_version")).scalar_one()
    assert head == revisions()[-1]


def test_named_constraints_survive_the_migration(migration_app):
    """The naming convention reaches the database, so later migrations can drop constraints by name."""
    upgrade(directory=MIGRATIONS)
    insp = inspect(db.engine)
    assert {uc["name"] for uc in insp.get_unique_constraints("workday_exception")} == {"uq_workday_exception_on"}
    assert {fk["name"] for fk in insp.get_foreign_keys("workday_exception")} == {
        "fk_workday_exception_created_by_id_staff_user"}
    assert insp.get_pk_constraint("unit")["name"] in ("pk_unit", None)  # SQLite does not report PK names


def test_downgrade_to_base_and_upgrade_again(migration_app):
    upgrade(directory=MIGRATIONS)
    downgrade(directory=MIGRATIONS, revision="base")
    assert user_tables() == set()
    upgrade(directory=MIGRATIONS)
    assert user_tables() == set(db.metadata.tables)
    assert schema_differences() == []


def test_every_revision_goes_down_and_up(migration_app):
    chain = revisions()
    assert chain, "no migrations found"
    for revision in chain:
        upgrade(directory=MIGRATIONS, revision=revision)
        downgrade(directory=MIGRATIONS, revision="-1")
        upgrade(directory=MIGRATIONS, revision=revision)
    assert schema_differences() == []


def test_the_models_drift_is_detected(migration_app):
    """The comparison is not vacuous: a schema missing a table is reported."""
    upgrade(directory=MIGRATIONS)
    with db.engine.begin() as conn:
        conn.execute(text("DROP TABLE workday_exception"))
    diffs = schema_differences()
    assert [(d[0], d[1].name) for d in diffs] == [("add_table", "workday_exception")]


# ---------------------------------------------------------------- data survives the migrations

KEPT_REVISION = "0015_plan"  # the last revision before this year's case_file and case_rating rebuilds
CHILDREN = ("case_event", "case_apology", "case_rating", "case_leg")  # ON DELETE CASCADE children of case_file
OVERRIDES = {"scale": 3, "contacts": 0, "agencies": 1, "officer_score": 0, "agency_score": 0, "level": "satisfied"}


def _value(column):
    from datetime import date, datetime

    from sqlalchemy import JSON, Boolean, Date, DateTime, Integer, Numeric

    if column["name"] in OVERRIDES:
        return OVERRIDES[column["name"]]
    kind = column["type"]
    if isinstance(kind, Boolean):
        return False
    if isinstance(kind, (Integer, Numeric)):
        return 1
    if isinstance(kind, DateTime):
        return datetime(2019, 3, 4, 2, 0, tzinfo=UTC)
    if isinstance(kind, Date):
        return date(2019, 3, 4)
    if isinstance(kind, JSON):
        return "[]"
    return "x"


def _insert_one_row_with_its_parents(conn, table: str, done: set) -> None:
    """One row (id 1) in `table` and, first, in every table its non-null foreign keys point to."""
    if table in done:
        return
    insp = inspect(conn)
    for fk in insp.get_foreign_keys(table):
        columns = {c["name"]: c for c in insp.get_columns(table)}
        if any(not columns[name]["nullable"] for name in fk["constrained_columns"]) and fk["referred_table"] != table:
            _insert_one_row_with_its_parents(conn, fk["referred_table"], done)
    row = {c["name"]: _value(c) for c in insp.get_columns(table)
           if not c["nullable"] and c.get("default") is None or c["name"] == "id"}
    conn.execute(text(f"INSERT INTO {table} ({', '.join(row)}) VALUES ({', '.join(':' + k for k in row)})"), row)
    done.add(table)


def test_rows_of_every_case_table_survive_the_upgrade(migration_app):
    """SQLite rebuilds a table in batch mode (new table, copy, DROP, RENAME): with foreign keys on, the DROP of
    case_file deleted every ON DELETE CASCADE child row — a case's trail, apology and rating — of a live
    database (found on a copy of the 2019 demo: 18,156 trail rows → 0). migrations/env.py switches them off
    while migrating and checks them afterwards."""
    upgrade(directory=MIGRATIONS, revision=KEPT_REVISION)
    present = set(inspect(db.engine).get_table_names())
    done: set = set()
    with db.engine.begin() as conn:
        for child in CHILDREN:
            if child in present:
                _insert_one_row_with_its_parents(conn, child, done)
    before = {name: _count(name) for name in ("case_file", *CHILDREN) if name in present}
    assert before and all(n == 1 for n in before.values())
    upgrade(directory=MIGRATIONS)
    assert {name: _count(name) for name in before} == before
    if db.engine.dialect.name == "sqlite":
        with db.engine.connect() as conn:
            assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1  # switched back on


def _count(table: str) -> int:
    with db.engine.connect() as conn:
        return conn.execute(text(f"SELECT count(*) FROM {table}")).scalar_one()


def test_the_search_indexes_survive_a_rebuilt_table(migration_app):
    """SQLite: a batch migration that rebuilds `procedure` drops its FTS5 triggers; the next `flask db upgrade`
    puts them back (migrations/env.py), with those of the words' tag (0035). PostgreSQL: the GIN indexes exist."""
    upgrade(directory=MIGRATIONS)
    with db.engine.begin() as conn:
        if conn.dialect.name != "sqlite":
            names = {ix["name"] for table in ("procedure", "feedback") for ix in inspect(conn).get_indexes(table)}
            assert {"ix_procedure_search_tsv", "ix_feedback_search_tsv"} <= names
            return
        conn.exec_driver_sql("DROP TRIGGER procedure_fts_update")
        conn.exec_driver_sql("DROP TRIGGER procedure_fts_state_update")
    upgrade(directory=MIGRATIONS)
    with db.engine.connect() as conn:
        triggers = {row[0] for row in conn.exec_driver_sql("SELECT name FROM sqlite_master WHERE type = 'trigger'")}
    assert {"procedure_fts_insert", "procedure_fts_update", "procedure_fts_delete", "feedback_fts_update",
            "procedure_fts_state_update"} <= triggers


def test_the_words_of_the_typo_search_are_made_and_filled(migration_app):
    """0035 (core.search_words): PostgreSQL gets pg_trgm and a trigram-indexed words table per search index,
    filled from the rows already there; SQLite an fts5vocab table and a tag per index. Gone on the way down."""
    upgrade(directory=MIGRATIONS, revision="0034_p_feedback_topics")
    with db.engine.begin() as conn:
        _insert_one_row_with_its_parents(conn, "procedure", set())
        conn.execute(text("UPDATE procedure SET search_text = 'dang ky khai sinh|1 001193|ho tich' WHERE id = 1"))
    upgrade(directory=MIGRATIONS)
    postgres = db.engine.dialect.name == "postgresql"
    words = "SELECT word FROM procedure_fts_words" if postgres else "SELECT term FROM procedure_fts_vocab"
    with db.engine.connect() as conn:
        assert {"dang", "ky", "khai", "sinh", "001193", "tich"} <= set(conn.execute(text(words)).scalars())
        if postgres:
            assert conn.execute(text("SELECT count(*) FROM pg_extension WHERE extname = 'pg_trgm'")).scalar() == 1
            indexes = dict(conn.execute(text("SELECT indexname, indexdef FROM pg_indexes "
                                              "WHERE indexname LIKE 'ix_%_fts_words_trgm'")).all())
            assert set(indexes) == {"ix_procedure_fts_words_trgm", "ix_feedback_fts_words_trgm"}
            assert all("USING gin (word gin_trgm_ops) WITH (fastupdate=off)" in d for d in indexes.values())
        else:
            assert conn.execute(text("SELECT count(*) FROM procedure_fts_state")).scalar() == 1
    with db.engine.begin() as conn:  # kept current from now on
        conn.execute(text("UPDATE procedure SET search_text = 'dang ky ket hon|1 000894|ho tich' WHERE id = 1"))
    with db.engine.connect() as conn:
        found = set(conn.execute(text(words)).scalars())
    assert "hon" in found and "sinh" not in found
    downgrade(directory=MIGRATIONS, revision="0034_p_feedback_topics")
    names = set(inspect(db.engine).get_table_names())
    assert not {"procedure_fts_words", "feedback_fts_words", "procedure_fts_vocab", "procedure_fts_state"} & names
    if postgres:
        with db.engine.connect() as conn:
            assert conn.execute(text("SELECT count(*) FROM pg_extension WHERE extname = 'pg_trgm'")).scalar() == 0
