"""Typos found through an index (issue 16 point 3): the words of each search index, for core.synonyms.correct
(portal/core/search_words.py), so a mistyped query no longer reads every searched row.

PostgreSQL: the pg_trgm extension (trusted since PostgreSQL 13: the database owner may create it), tables
`procedure_fts_words` and `feedback_fts_words` (word, row_count) with GIN gin_trgm_ops indexes, filled here and
kept current by triggers on `procedure.search_text` and `feedback.public_search` (and on TRUNCATE).
SQLite: fts5vocab tables `procedure_fts_vocab` and `feedback_fts_vocab` over the FTS5 tables of 0033, and
`procedure_fts_state` / `feedback_fts_state`, one random tag that triggers change with the text, so each
process knows when its copy of the words is stale.
No unaccent: the text is folded in Python (core.text.fold) before the database sees it (search_words explains).
Like 0033, these tables are outside the models (migrations/env.py leaves `*_fts*` out of the comparison) and the
DDL is written out here, not imported. The downgrade drops pg_trgm unless something else uses it.

Revision ID: 0035_q_search_trgm
Revises: 0034_p_feedback_topics
"""
from alembic import op

revision = "0035_q_search_trgm"
down_revision = "0034_p_feedback_topics"
branch_labels = None
depends_on = None

SQLITE_UP = ["CREATE VIRTUAL TABLE IF NOT EXISTS procedure_fts_vocab USING fts5vocab(procedure_fts, 'row')",
 'CREATE TABLE IF NOT EXISTS procedure_fts_state (tag INTEGER NOT NULL)',
 'INSERT INTO procedure_fts_state (tag) SELECT random() WHERE NOT EXISTS (SELECT 1 FROM procedure_fts_state)',
 "CREATE TRIGGER IF NOT EXISTS procedure_fts_state_insert AFTER INSERT ON procedure WHEN new.search_text <> '' "
 'BEGIN UPDATE procedure_fts_state SET tag = random(); END',
 'CREATE TRIGGER IF NOT EXISTS procedure_fts_state_update AFTER UPDATE OF search_text ON procedure WHEN '
 'old.search_text IS NOT new.search_text BEGIN UPDATE procedure_fts_state SET tag = random(); END',
 "CREATE TRIGGER IF NOT EXISTS procedure_fts_state_delete AFTER DELETE ON procedure WHEN old.search_text <> '' "
 'BEGIN UPDATE procedure_fts_state SET tag = random(); END',
 "CREATE VIRTUAL TABLE IF NOT EXISTS feedback_fts_vocab USING fts5vocab(feedback_fts, 'row')",
 'CREATE TABLE IF NOT EXISTS feedback_fts_state (tag INTEGER NOT NULL)',
 'INSERT INTO feedback_fts_state (tag) SELECT random() WHERE NOT EXISTS (SELECT 1 FROM feedback_fts_state)',
 "CREATE TRIGGER IF NOT EXISTS feedback_fts_state_insert AFTER INSERT ON feedback WHEN new.public_search <> '' "
 'BEGIN UPDATE feedback_fts_state SET tag = random(); END',
 'CREATE TRIGGER IF NOT EXISTS feedback_fts_state_update AFTER UPDATE OF public_search ON feedback WHEN '
 'old.public_search IS NOT new.public_search BEGIN UPDATE feedback_fts_state SET tag = random(); END',
 "CREATE TRIGGER IF NOT EXISTS feedback_fts_state_delete AFTER DELETE ON feedback WHEN old.public_search <> '' "
 'BEGIN UPDATE feedback_fts_state SET tag = random(); END']

SQLITE_DOWN = ['DROP TRIGGER IF EXISTS feedback_fts_state_delete',
 'DROP TRIGGER IF EXISTS feedback_fts_state_update',
 'DROP TRIGGER IF EXISTS feedback_fts_state_insert',
 'DROP TABLE IF EXISTS feedback_fts_state',
 'DROP TABLE IF EXISTS feedback_fts_vocab',
 'DROP TRIGGER IF EXISTS procedure_fts_state_delete',
 'DROP TRIGGER IF EXISTS procedure_fts_state_update',
 'DROP TRIGGER IF EXISTS procedure_fts_state_insert',
 'DROP TABLE IF EXISTS procedure_fts_state',
 'DROP TABLE IF EXISTS procedure_fts_vocab']

POSTGRES_UP = ['CREATE EXTENSION IF NOT EXISTS pg_trgm',
 'CREATE TABLE IF NOT EXISTS procedure_fts_words (word text NOT NULL, row_count integer NOT NULL, CONSTRAINT '
 'pk_procedure_fts_words PRIMARY KEY (word))',
 'CREATE INDEX IF NOT EXISTS ix_procedure_fts_words_trgm ON procedure_fts_words USING gin (word gin_trgm_ops) '
 'WITH (fastupdate = off)',
 'CREATE OR REPLACE FUNCTION procedure_fts_words_sync() RETURNS trigger LANGUAGE plpgsql AS $$\n'
 "DECLARE before text[] := '{}'; after text[] := '{}';\n"
 'BEGIN\n'
 "  IF TG_OP = 'TRUNCATE' THEN DELETE FROM procedure_fts_words; RETURN NULL; END IF;\n"
 "  IF TG_OP <> 'INSERT' THEN before := ARRAY(SELECT DISTINCT w FROM regexp_split_to_table(OLD.search_text, "
 "'[^a-z0-9]+') AS w WHERE w <> '' ORDER BY w); END IF;\n"
 "  IF TG_OP <> 'DELETE' THEN after := ARRAY(SELECT DISTINCT w FROM regexp_split_to_table(NEW.search_text, "
 "'[^a-z0-9]+') AS w WHERE w <> '' ORDER BY w); END IF;\n"
 '  UPDATE procedure_fts_words SET row_count = row_count - 1 WHERE word = ANY (ARRAY(SELECT unnest(before) EXCEPT '
 'SELECT unnest(after)));\n'
 '  DELETE FROM procedure_fts_words WHERE row_count <= 0 AND word = ANY (before);\n'
 '  INSERT INTO procedure_fts_words (word, row_count) SELECT a, 1 FROM unnest(after) AS a WHERE a <> ALL (before) '
 'ORDER BY a\n'
 '    ON CONFLICT (word) DO UPDATE SET row_count = procedure_fts_words.row_count + 1;\n'
 '  RETURN NULL;\n'
 'END $$',
 'CREATE OR REPLACE TRIGGER procedure_fts_words_sync AFTER INSERT OR DELETE OR UPDATE OF search_text ON procedure '
 'FOR EACH ROW EXECUTE FUNCTION procedure_fts_words_sync()',
 'CREATE OR REPLACE TRIGGER procedure_fts_words_truncate AFTER TRUNCATE ON procedure FOR EACH STATEMENT EXECUTE '
 'FUNCTION procedure_fts_words_sync()',
 'INSERT INTO procedure_fts_words (word, row_count) SELECT w, count(*) FROM procedure, LATERAL (SELECT DISTINCT w '
 "FROM regexp_split_to_table(procedure.search_text, '[^a-z0-9]+') AS w WHERE w <> '') AS found GROUP BY w",
 'CREATE EXTENSION IF NOT EXISTS pg_trgm',
 'CREATE TABLE IF NOT EXISTS feedback_fts_words (word text NOT NULL, row_count integer NOT NULL, CONSTRAINT '
 'pk_feedback_fts_words PRIMARY KEY (word))',
 'CREATE INDEX IF NOT EXISTS ix_feedback_fts_words_trgm ON feedback_fts_words USING gin (word gin_trgm_ops) '
 'WITH (fastupdate = off)',
 'CREATE OR REPLACE FUNCTION feedback_fts_words_sync() RETURNS trigger LANGUAGE plpgsql AS $$\n'
 "DECLARE before text[] := '{}'; after text[] := '{}';\n"
 'BEGIN\n'
 "  IF TG_OP = 'TRUNCATE' THEN DELETE FROM feedback_fts_words; RETURN NULL; END IF;\n"
 "  IF TG_OP <> 'INSERT' THEN before := ARRAY(SELECT DISTINCT w FROM regexp_split_to_table(OLD.public_search, "
 "'[^a-z0-9]+') AS w WHERE w <> '' ORDER BY w); END IF;\n"
 "  IF TG_OP <> 'DELETE' THEN after := ARRAY(SELECT DISTINCT w FROM regexp_split_to_table(NEW.public_search, "
 "'[^a-z0-9]+') AS w WHERE w <> '' ORDER BY w); END IF;\n"
 '  UPDATE feedback_fts_words SET row_count = row_count - 1 WHERE word = ANY (ARRAY(SELECT unnest(before) EXCEPT '
 'SELECT unnest(after)));\n'
 '  DELETE FROM feedback_fts_words WHERE row_count <= 0 AND word = ANY (before);\n'
 '  INSERT INTO feedback_fts_words (word, row_count) SELECT a, 1 FROM unnest(after) AS a WHERE a <> ALL (before) '
 'ORDER BY a\n'
 '    ON CONFLICT (word) DO UPDATE SET row_count = feedback_fts_words.row_count + 1;\n'
 '  RETURN NULL;\n'
 'END $$',
 'CREATE OR REPLACE TRIGGER feedback_fts_words_sync AFTER INSERT OR DELETE OR UPDATE OF public_search ON feedback '
 'FOR EACH ROW EXECUTE FUNCTION feedback_fts_words_sync()',
 'CREATE OR REPLACE TRIGGER feedback_fts_words_truncate AFTER TRUNCATE ON feedback FOR EACH STATEMENT EXECUTE '
 'FUNCTION feedback_fts_words_sync()',
 'INSERT INTO feedback_fts_words (word, row_count) SELECT w, count(*) FROM feedback, LATERAL (SELECT DISTINCT w '
 "FROM regexp_split_to_table(feedback.public_search, '[^a-z0-9]+') AS w WHERE w <> '') AS found GROUP BY w"]

POSTGRES_DOWN = ['DROP TRIGGER IF EXISTS feedback_fts_words_truncate ON feedback',
 'DROP TRIGGER IF EXISTS feedback_fts_words_sync ON feedback',
 'DROP FUNCTION IF EXISTS feedback_fts_words_sync()',
 'DROP TABLE IF EXISTS feedback_fts_words',
 'DROP TRIGGER IF EXISTS procedure_fts_words_truncate ON procedure',
 'DROP TRIGGER IF EXISTS procedure_fts_words_sync ON procedure',
 'DROP FUNCTION IF EXISTS procedure_fts_words_sync()',
 'DROP TABLE IF EXISTS procedure_fts_words']

DROP_EXTENSION = ("DO $$ BEGIN DROP EXTENSION IF EXISTS pg_trgm; "
                  "EXCEPTION WHEN dependent_objects_still_exist THEN NULL; END $$")


def upgrade():
    sqlite = op.get_bind().dialect.name == "sqlite"
    for statement in SQLITE_UP if sqlite else POSTGRES_UP:
        op.execute(statement)


def downgrade():
    sqlite = op.get_bind().dialect.name == "sqlite"
    for statement in SQLITE_DOWN if sqlite else [*POSTGRES_DOWN, DROP_EXTENSION]:
        op.execute(statement)
