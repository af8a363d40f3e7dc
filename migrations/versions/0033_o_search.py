"""Search people actually type (issue 16 point 3): a full-text index of the procedure catalogue.

SQLite: an FTS5 table `procedure_fts` (rowid = procedure.id; columns: folded name, folded code + field) kept
current by triggers on `procedure.search_text`, so every writer (services, imports, the demo loader, raw SQL)
keeps it in step. PostgreSQL: a GIN index over `to_tsvector('simple', …)` of the same folded text (Vietnamese
has no stemmer; the text is folded by portal.core.text.fold, which also maps đ to d, so `unaccent` is not
needed). The DDL is written out here, not imported, so this revision stays what it was.

Revision ID: 0033_o_search
Revises: 0032_n_access_code_hash
"""
from alembic import op

revision = "0033_o_search"
down_revision = "0032_n_access_code_hash"
branch_labels = None
depends_on = None

_NAME = "CASE WHEN instr({s}, '|') > 0 THEN substr({s}, 1, instr({s}, '|') - 1) ELSE {s} END"
_OTHER = "CASE WHEN instr({s}, '|') > 0 THEN replace(substr({s}, instr({s}, '|') + 1), '|', ' ') ELSE '' END"

SQLITE_UP = [
    "CREATE VIRTUAL TABLE procedure_fts USING fts5(name, other, tokenize = 'unicode61 remove_diacritics 2')",
    "CREATE TRIGGER procedure_fts_insert AFTER INSERT ON procedure BEGIN "
    f"INSERT INTO procedure_fts (rowid, name, other) VALUES (new.id, {_NAME.format(s='new.search_text')}, "
    f"{_OTHER.format(s='new.search_text')}); END",
    "CREATE TRIGGER procedure_fts_update AFTER UPDATE OF search_text ON procedure BEGIN "
    "DELETE FROM procedure_fts WHERE rowid = old.id; "
    f"INSERT INTO procedure_fts (rowid, name, other) VALUES (new.id, {_NAME.format(s='new.search_text')}, "
    f"{_OTHER.format(s='new.search_text')}); END",
    "CREATE TRIGGER procedure_fts_delete AFTER DELETE ON procedure BEGIN "
    "DELETE FROM procedure_fts WHERE rowid = old.id; END",
    f"INSERT INTO procedure_fts (rowid, name, other) SELECT id, {_NAME.format(s='search_text')}, "
    f"{_OTHER.format(s='search_text')} FROM procedure",
]
SQLITE_DOWN = ["DROP TRIGGER IF EXISTS procedure_fts_delete", "DROP TRIGGER IF EXISTS procedure_fts_update",
               "DROP TRIGGER IF EXISTS procedure_fts_insert", "DROP TABLE IF EXISTS procedure_fts"]
POSTGRES_UP = ["CREATE INDEX ix_procedure_search_tsv ON procedure USING gin "
               "(to_tsvector('simple'::regconfig, regexp_replace(search_text, '[^a-z0-9]+', ' ', 'g')))"]
POSTGRES_DOWN = ["DROP INDEX IF EXISTS ix_procedure_search_tsv"]


def upgrade():
    sqlite = op.get_bind().dialect.name == "sqlite"
    for statement in SQLITE_UP if sqlite else POSTGRES_UP:
        op.execute(statement)


def downgrade():
    sqlite = op.get_bind().dialect.name == "sqlite"
    for statement in SQLITE_DOWN if sqlite else POSTGRES_DOWN:
        op.execute(statement)
