"""Search people actually type (issue 16 point 3): full-text indexes of the procedure catalogue and of the
published answers (portal/core/fulltext.py).

SQLite: FTS5 tables `procedure_fts` (rowid = procedure.id; folded name, folded code + field) and `feedback_fts`
(rowid = feedback.id; the folded published question and answer, never the citizen's own wording), kept current
by triggers on `procedure.search_text` and `feedback.public_search`, so every writer keeps them in step.
PostgreSQL: GIN indexes over `to_tsvector('simple', …)` of the same folded text (Vietnamese has no stemmer; the
text is folded by portal.core.text.fold, which also maps đ to d, so no `unaccent` extension is needed).
The DDL is written out here, not imported, so this revision stays what it was.

A later SQLite batch migration that rebuilds `procedure` or `feedback` drops their triggers with the old
table: it must run `flask search reindex` afterwards (or these CREATE TRIGGER statements).

Revision ID: 0033_o_search
Revises: 0032_n_access_code_hash
"""
from alembic import op

revision = "0033_o_search"
down_revision = "0032_n_access_code_hash"
branch_labels = None
depends_on = None

SQLITE_UP = [   "CREATE VIRTUAL TABLE IF NOT EXISTS procedure_fts USING fts5(name, other, tokenize = 'unicode61 "
    "remove_diacritics 2')",
    'CREATE TRIGGER IF NOT EXISTS procedure_fts_insert AFTER INSERT ON procedure BEGIN INSERT INTO procedure_fts '
    "(rowid, name, other) SELECT new.id, CASE WHEN instr(new.search_text, '|') > 0 THEN substr(new.search_text, 1, "
    "instr(new.search_text, '|') - 1) ELSE new.search_text END, CASE WHEN instr(new.search_text, '|') > 0 THEN "
    "replace(substr(new.search_text, instr(new.search_text, '|') + 1), '|', ' ') ELSE '' END WHERE new.search_text "
    "<> ''; END",
    'CREATE TRIGGER IF NOT EXISTS procedure_fts_update AFTER UPDATE OF search_text ON procedure BEGIN DELETE FROM '
    'procedure_fts WHERE rowid = old.id; INSERT INTO procedure_fts (rowid, name, other) SELECT new.id, CASE WHEN '
    "instr(new.search_text, '|') > 0 THEN substr(new.search_text, 1, instr(new.search_text, '|') - 1) ELSE "
    "new.search_text END, CASE WHEN instr(new.search_text, '|') > 0 THEN replace(substr(new.search_text, "
    "instr(new.search_text, '|') + 1), '|', ' ') ELSE '' END WHERE new.search_text <> ''; END",
    'CREATE TRIGGER IF NOT EXISTS procedure_fts_delete AFTER DELETE ON procedure BEGIN DELETE FROM procedure_fts '
    'WHERE rowid = old.id; END',
    "INSERT INTO procedure_fts (rowid, name, other) SELECT id, CASE WHEN instr(search_text, '|') > 0 THEN "
    "substr(search_text, 1, instr(search_text, '|') - 1) ELSE search_text END, CASE WHEN instr(search_text, '|') > "
    "0 THEN replace(substr(search_text, instr(search_text, '|') + 1), '|', ' ') ELSE '' END FROM procedure WHERE "
    "search_text <> ''",
    "CREATE VIRTUAL TABLE IF NOT EXISTS feedback_fts USING fts5(body, tokenize = 'unicode61 remove_diacritics 2')",
    'CREATE TRIGGER IF NOT EXISTS feedback_fts_insert AFTER INSERT ON feedback BEGIN INSERT INTO feedback_fts '
    "(rowid, body) SELECT new.id, new.public_search WHERE new.public_search <> ''; END",
    'CREATE TRIGGER IF NOT EXISTS feedback_fts_update AFTER UPDATE OF public_search ON feedback BEGIN DELETE FROM '
    'feedback_fts WHERE rowid = old.id; INSERT INTO feedback_fts (rowid, body) SELECT new.id, new.public_search '
    "WHERE new.public_search <> ''; END",
    'CREATE TRIGGER IF NOT EXISTS feedback_fts_delete AFTER DELETE ON feedback BEGIN DELETE FROM feedback_fts '
    'WHERE rowid = old.id; END',
    "INSERT INTO feedback_fts (rowid, body) SELECT id, public_search FROM feedback WHERE public_search <> ''"]
SQLITE_DOWN = [   'DROP TRIGGER IF EXISTS feedback_fts_delete',
    'DROP TRIGGER IF EXISTS feedback_fts_update',
    'DROP TRIGGER IF EXISTS feedback_fts_insert',
    'DROP TABLE IF EXISTS feedback_fts',
    'DROP TRIGGER IF EXISTS procedure_fts_delete',
    'DROP TRIGGER IF EXISTS procedure_fts_update',
    'DROP TRIGGER IF EXISTS procedure_fts_insert',
    'DROP TABLE IF EXISTS procedure_fts']
POSTGRES_UP = [   "CREATE INDEX ix_procedure_search_tsv ON procedure USING gin (to_tsvector('simple'::regconfig, "
    "regexp_replace(search_text, '[^a-z0-9]+', ' ', 'g')))",
    "CREATE INDEX ix_feedback_search_tsv ON feedback USING gin (to_tsvector('simple'::regconfig, "
    "regexp_replace(public_search, '[^a-z0-9]+', ' ', 'g')))"]
POSTGRES_DOWN = ['DROP INDEX IF EXISTS ix_feedback_search_tsv', 'DROP INDEX IF EXISTS ix_procedure_search_tsv']


def upgrade():
    sqlite = op.get_bind().dialect.name == "sqlite"
    for statement in SQLITE_UP if sqlite else POSTGRES_UP:
        op.execute(statement)


def downgrade():
    sqlite = op.get_bind().dialect.name == "sqlite"
    for statement in SQLITE_DOWN if sqlite else POSTGRES_DOWN:
        op.execute(statement)
