"""The catalogue's full-text index, per engine (migration 0033 made it; the DDL is repeated there on purpose).

SQLite: the FTS5 table `procedure_fts` (rowid = procedure.id; `name` = the folded name, `other` = folded code and
field) outside the SQLAlchemy metadata, kept current by triggers on `procedure.search_text`: whoever writes the
procedure row (services, imports, the demo loader) keeps the index in step, and an unpublished procedure is
filtered out by its status at query time. PostgreSQL: a GIN index over the same folded text as a 'simple'
tsvector (Vietnamese has no stemmer; folding is core.text.fold, which also maps đ to d).
"""
from __future__ import annotations

from sqlalchemy import DDL, event, text

FTS_TABLE = "procedure_fts"
# The tokens both engines index: runs of [a-z0-9] of the folded text (PostgreSQL's parser would otherwise keep
# '1.001193' whole where FTS5 splits it).
PG_DOCUMENT = "to_tsvector('simple'::regconfig, regexp_replace(search_text, '[^a-z0-9]+', ' ', 'g'))"

_NAME = "CASE WHEN instr({s}, '|') > 0 THEN substr({s}, 1, instr({s}, '|') - 1) ELSE {s} END"
_OTHER = "CASE WHEN instr({s}, '|') > 0 THEN replace(substr({s}, instr({s}, '|') + 1), '|', ' ') ELSE '' END"
_ROW = f"{_NAME.format(s='new.search_text')}, {_OTHER.format(s='new.search_text')}"
SQLITE_CREATE = [
    f"CREATE VIRTUAL TABLE IF NOT EXISTS {FTS_TABLE} USING fts5(name, other, tokenize = 'unicode61 remove_diacritics 2')",
    f"CREATE TRIGGER IF NOT EXISTS procedure_fts_insert AFTER INSERT ON procedure BEGIN "
    f"INSERT INTO {FTS_TABLE} (rowid, name, other) VALUES (new.id, {_ROW}); END",
    f"CREATE TRIGGER IF NOT EXISTS procedure_fts_update AFTER UPDATE OF search_text ON procedure BEGIN "
    f"DELETE FROM {FTS_TABLE} WHERE rowid = old.id; INSERT INTO {FTS_TABLE} (rowid, name, other) VALUES (new.id, {_ROW}); END",
    f"CREATE TRIGGER IF NOT EXISTS procedure_fts_delete AFTER DELETE ON procedure BEGIN "
    f"DELETE FROM {FTS_TABLE} WHERE rowid = old.id; END",
]
SQLITE_FILL = (f"INSERT INTO {FTS_TABLE} (rowid, name, other) SELECT id, {_NAME.format(s='search_text')}, "
               f"{_OTHER.format(s='search_text')} FROM procedure")
SQLITE_DROP = ["DROP TRIGGER IF EXISTS procedure_fts_delete", "DROP TRIGGER IF EXISTS procedure_fts_update",
               "DROP TRIGGER IF EXISTS procedure_fts_insert", f"DROP TABLE IF EXISTS {FTS_TABLE}"]


def is_index_table(name: str) -> bool:
    """The FTS5 table and its shadow tables, which the schema comparison (migrations/env.py) leaves out."""
    return name == FTS_TABLE or name.startswith(FTS_TABLE + "_")


def attach(table) -> None:
    """`db.create_all()` (tests, a fresh embedded install) builds the SQLite index with the procedure table."""
    for statement in SQLITE_CREATE:
        event.listen(table, "after_create", DDL(statement).execute_if(dialect="sqlite"))
    for statement in SQLITE_DROP:
        event.listen(table, "before_drop", DDL(statement).execute_if(dialect="sqlite"))


def reindex(session) -> int:
    """Rebuild the index from `procedure.search_text`; returns how many procedures it holds."""
    if session.get_bind().dialect.name == "sqlite":
        for statement in SQLITE_CREATE:
            session.execute(text(statement))
        session.execute(text(f"DELETE FROM {FTS_TABLE}"))
        session.execute(text(SQLITE_FILL))
    else:
        session.execute(text("REINDEX INDEX ix_procedure_search_tsv"))
    return session.execute(text("SELECT count(*) FROM procedure")).scalar_one()
