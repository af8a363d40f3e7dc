"""The words a search index holds, for the typo try of core.fulltext (issue 16 point 3): a mistyped word also
stands for the indexed words one or two edits away (core.synonyms.correct), found without reading the whole
vocabulary. Both engines hand `correct` a superset of those words (core.synonyms.Words explains the bound) and
`correct` measures the edits itself, so both correct a query alike.

PostgreSQL: `<table>_fts_words` (word, row_count: how many rows hold it), kept current by a trigger on the text
column (the words a change removes and adds, in word order so concurrent writers lock alike) and a TRUNCATE
trigger, with a pg_trgm GIN index (gin_trgm_ops; fastupdate off: the words change seldom, and a pending list
of a bulk import read on every typo query cost ~25 ms until the next VACUUM). A mistyped word's candidates are
the indexed words of about its length with a trigram in common: `%` under a similarity threshold low enough for
that (`threshold`). The planner reads a words table of a few thousand words whole rather than through the index when that is cheaper;
either way the database, not Python, goes through the words.
pg_trgm is a trusted extension (PostgreSQL 13+): the database owner creates it.
SQLite: FTS5 holds the words already; the fts5vocab table `<table>_fts_vocab` lists them. They are read once
per process and kept (`_CACHE`) with the tag of `<table>_fts_state`, which every change of the text column sets
to a new random number (triggers): a typo query reads that one row and rebuilds only after a change. A random
tag, not a counter: a rolled-back change or a database made again at the same path never reuses an old tag.

The vocabulary is the index's, not the filtered rows' (a feedback category, an abolished procedure): a word
only rows outside the filters hold is taken as typed. The extra alternatives a correction adds find nothing
outside the filters, so results never include a filtered-out row; nothing of a correction is shown.

No `unaccent`: the searched columns are folded in Python (core.text.fold, đ → d) before either engine sees
them, and so is the query, so the database never folds. unaccent would be a second folding to keep in step with
the first (its rules also change letters fold keeps, ø → o, æ → ae, ß → ss), and it is only STABLE, so an index
could not use it without a wrapper function.
"""
from __future__ import annotations

from sqlalchemy import bindparam, text

from portal.core.db import db
from portal.core.synonyms import Words, words

_SPLIT = r"'[^a-z0-9]+'"  # the words of core.synonyms.words over an already folded text
_CACHE: dict[tuple[str, str], tuple[int, Words]] = {}


def pg_create(table: str, source: str) -> list[str]:
    w = f"{table}_fts_words"
    distinct = (f"ARRAY(SELECT DISTINCT w FROM regexp_split_to_table({{row}}.{source}, {_SPLIT}) AS w "
                "WHERE w <> '' ORDER BY w)")
    return [
        "CREATE EXTENSION IF NOT EXISTS pg_trgm",
        f"CREATE TABLE IF NOT EXISTS {w} (word text NOT NULL, row_count integer NOT NULL, "
        f"CONSTRAINT pk_{w} PRIMARY KEY (word))",
        f"CREATE INDEX IF NOT EXISTS ix_{w}_trgm ON {w} USING gin (word gin_trgm_ops) WITH (fastupdate = off)",
        f"CREATE OR REPLACE FUNCTION {w}_sync() RETURNS trigger LANGUAGE plpgsql AS $$\n"
        "DECLARE before text[] := '{}'; after text[] := '{}';\n"
        "BEGIN\n"
        f"  IF TG_OP = 'TRUNCATE' THEN DELETE FROM {w}; RETURN NULL; END IF;\n"
        f"  IF TG_OP <> 'INSERT' THEN before := {distinct.format(row='OLD')}; END IF;\n"
        f"  IF TG_OP <> 'DELETE' THEN after := {distinct.format(row='NEW')}; END IF;\n"
        f"  UPDATE {w} SET row_count = row_count - 1 WHERE word = ANY (ARRAY(SELECT unnest(before) "
        "EXCEPT SELECT unnest(after)));\n"
        f"  DELETE FROM {w} WHERE row_count <= 0 AND word = ANY (before);\n"
        f"  INSERT INTO {w} (word, row_count) SELECT a, 1 FROM unnest(after) AS a WHERE a <> ALL (before) ORDER BY a\n"
        f"    ON CONFLICT (word) DO UPDATE SET row_count = {w}.row_count + 1;\n"
        "  RETURN NULL;\n"
        "END $$",
        f"CREATE OR REPLACE TRIGGER {w}_sync AFTER INSERT OR DELETE OR UPDATE OF {source} ON {table} "
        f"FOR EACH ROW EXECUTE FUNCTION {w}_sync()",
        f"CREATE OR REPLACE TRIGGER {w}_truncate AFTER TRUNCATE ON {table} FOR EACH STATEMENT "
        f"EXECUTE FUNCTION {w}_sync()",
    ]


def pg_fill(table: str, source: str) -> list[str]:
    w = f"{table}_fts_words"
    return [f"DELETE FROM {w}",
            f"INSERT INTO {w} (word, row_count) SELECT w, count(*) FROM {table}, LATERAL (SELECT DISTINCT w FROM "
            f"regexp_split_to_table({table}.{source}, {_SPLIT}) AS w WHERE w <> '') AS found GROUP BY w"]


def pg_drop(table: str) -> list[str]:
    w = f"{table}_fts_words"
    return [f"DROP TRIGGER IF EXISTS {w}_truncate ON {table}", f"DROP TRIGGER IF EXISTS {w}_sync ON {table}",
            f"DROP FUNCTION IF EXISTS {w}_sync()", f"DROP TABLE IF EXISTS {w}"]


def sqlite_create(table: str, source: str) -> list[str]:
    fts = f"{table}_fts"
    return [
        f"CREATE VIRTUAL TABLE IF NOT EXISTS {fts}_vocab USING fts5vocab({fts}, 'row')",
        f"CREATE TABLE IF NOT EXISTS {fts}_state (tag INTEGER NOT NULL)",
        f"INSERT INTO {fts}_state (tag) SELECT random() WHERE NOT EXISTS (SELECT 1 FROM {fts}_state)",
        *sqlite_triggers(table, source)]


def sqlite_triggers(table: str, source: str) -> list[str]:
    fts, bump = f"{table}_fts", f"UPDATE {table}_fts_state SET tag = random();"
    return [
        f"CREATE TRIGGER IF NOT EXISTS {fts}_state_insert AFTER INSERT ON {table} WHEN new.{source} <> '' "
        f"BEGIN {bump} END",
        f"CREATE TRIGGER IF NOT EXISTS {fts}_state_update AFTER UPDATE OF {source} ON {table} "
        f"WHEN old.{source} IS NOT new.{source} BEGIN {bump} END",
        f"CREATE TRIGGER IF NOT EXISTS {fts}_state_delete AFTER DELETE ON {table} WHEN old.{source} <> '' "
        f"BEGIN {bump} END"]


def sqlite_drop(table: str) -> list[str]:
    fts = f"{table}_fts"
    return [f"DROP TRIGGER IF EXISTS {fts}_state_{t}" for t in ("delete", "update", "insert")] + [
        f"DROP TABLE IF EXISTS {fts}_state", f"DROP TABLE IF EXISTS {fts}_vocab"]


def sqlite_refresh(table: str) -> str:
    return f"UPDATE {table}_fts_state SET tag = random()"


def vocabulary(table: str):
    """The indexed words of `table`'s index, as core.synonyms.correct reads them."""
    if db.session.get_bind().dialect.name == "sqlite":
        return _cached_words(table)
    return TrigramWords(table)


def _cached_words(table: str) -> Words:
    key = (db.session.get_bind().url.render_as_string(), table)
    tag = db.session.execute(text(f"SELECT tag FROM {table}_fts_state")).scalar()
    cached = _CACHE.get(key)
    if cached is not None and tag is not None and cached[0] == tag:
        return cached[1]
    terms = db.session.scalars(text(f"SELECT term FROM {table}_fts_vocab"))
    found = Words(word for term in terms for word in words(term))
    if tag is not None:
        _CACHE[key] = (tag, found)
    return found


def threshold(length: int, limit: int) -> float:
    """A pg_trgm similarity every word within `limit` edits of a `length`-letter word reaches: they share one
    trigram at least (core.synonyms.Words), out of at most (length + 1) + (length + limit + 1) - 1 in all.
    A little lower, as pg_trgm computes the similarity in single precision."""
    return 0.99 / (2 * length + limit + 1)


class TrigramWords:
    """PostgreSQL: the words table of an index, asked through its trigram index."""

    def __init__(self, table: str):
        self.table = f"{table}_fts_words"

    def known(self, candidates) -> set[str]:
        stmt = text(f"SELECT word FROM {self.table} WHERE word IN :words").bindparams(
            bindparam("words", expanding=True))
        return set(db.session.scalars(stmt, {"words": list(candidates)}))

    def near(self, word: str, limit: int) -> list[str]:
        db.session.execute(text("SELECT set_config('pg_trgm.similarity_threshold', :value, true)"),
                           {"value": f"{threshold(len(word), limit):.6f}"})
        return list(db.session.scalars(
            text(f"SELECT word FROM {self.table} WHERE word % :word AND length(word) BETWEEN :shortest AND :longest"),
            {"word": word, "shortest": len(word) - limit, "longest": len(word) + limit}))
