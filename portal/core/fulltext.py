"""The full-text engine of the portal's searches (issue 16 point 3), one mechanism for every searched table.

An `Index` names a table's folded text column (core.text.fold, which also maps đ to d). SQLite: an FTS5 table
`<table>_fts` (rowid = the row's id), outside the SQLAlchemy metadata (migrations/env.py leaves `*_fts*` out of
the schema comparison), kept current by triggers on the text column, so every writer keeps it in step.
PostgreSQL: a GIN index over a 'simple' tsvector of the same text (Vietnamese has no stemmer). The engine only
finds the candidates; core.search orders them the same way on both engines.

Three tries, the first that finds anything wins: every group of the query (core.synonyms.expand); every group
with typos corrected against the indexed words (core.search_words: pg_trgm's trigram index of the words on
PostgreSQL, the FTS5 vocabulary kept per process on SQLite); for a query of four places or more, all places
but one.
"""
from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import DDL, column, event, func, literal_column, table, text

from portal.core import search as terms, search_words
from portal.core.db import db
from portal.core.synonyms import Group, correct, expand, words

MAX_CANDIDATES = 500


@dataclass(frozen=True)
class Index:
    table: str            # the searched table, its integer primary key `id`
    source: str           # its folded text column
    columns: tuple[str, ...]  # the FTS5 columns …
    values: tuple[str, ...]   # … and the SQL that fills them from `{s}` (the text column of a row)
    weights: str = ""     # bm25 weights of the FTS5 columns

    @property
    def fts(self) -> str:
        return f"{self.table}_fts"

    @property
    def pg_document(self) -> str:
        # the tokens both engines index: runs of [a-z0-9] (PostgreSQL's parser would keep '1.001193' whole)
        return f"to_tsvector('simple'::regconfig, regexp_replace({self.source}, '[^a-z0-9]+', ' ', 'g'))"

    def _row(self, prefix: str) -> str:
        return ", ".join(v.format(s=f"{prefix}{self.source}") for v in self.values)

    def sqlite_create(self) -> list[str]:
        cols = ", ".join(self.columns)
        insert = (f"INSERT INTO {self.fts} (rowid, {cols}) SELECT new.id, {self._row('new.')} "
                  f"WHERE new.{self.source} <> ''")
        return [
            f"CREATE VIRTUAL TABLE IF NOT EXISTS {self.fts} USING fts5({cols}, "
            "tokenize = 'unicode61 remove_diacritics 2')",
            f"CREATE TRIGGER IF NOT EXISTS {self.fts}_insert AFTER INSERT ON {self.table} BEGIN {insert}; END",
            f"CREATE TRIGGER IF NOT EXISTS {self.fts}_update AFTER UPDATE OF {self.source} ON {self.table} BEGIN "
            f"DELETE FROM {self.fts} WHERE rowid = old.id; {insert}; END",
            f"CREATE TRIGGER IF NOT EXISTS {self.fts}_delete AFTER DELETE ON {self.table} BEGIN "
            f"DELETE FROM {self.fts} WHERE rowid = old.id; END",
        ]

    def sqlite_fill(self) -> str:
        return (f"INSERT INTO {self.fts} (rowid, {', '.join(self.columns)}) SELECT id, {self._row('')} "
                f"FROM {self.table} WHERE {self.source} <> ''")

    def sqlite_drop(self) -> list[str]:
        return [f"DROP TRIGGER IF EXISTS {self.fts}_{t}" for t in ("delete", "update", "insert")] + [
            f"DROP TABLE IF EXISTS {self.fts}"]

    def pg_index(self) -> str:
        return f"ix_{self.table}_search_tsv"

    def attach(self, sa_table) -> None:
        """`db.create_all()` (tests, a fresh embedded install) builds the SQLite index and, on both engines, the
        indexed words (core.search_words) with the table."""
        statements = {"sqlite": (self.sqlite_create() + search_words.sqlite_create(self.table, self.source),
                                 search_words.sqlite_drop(self.table) + self.sqlite_drop()),
                      "postgresql": (search_words.pg_create(self.table, self.source),
                                     search_words.pg_drop(self.table))}
        for dialect, (create, drop) in statements.items():
            for statement in create:
                event.listen(sa_table, "after_create", DDL(statement).execute_if(dialect=dialect))
            for statement in drop:
                event.listen(sa_table, "before_drop", DDL(statement).execute_if(dialect=dialect))

    def reindex(self, session) -> int:
        """Rebuild the index and its words from the text column; returns how many rows the table holds."""
        if session.get_bind().dialect.name == "sqlite":
            for statement in self.sqlite_create() + search_words.sqlite_create(self.table, self.source):
                session.execute(text(statement))
            session.execute(text(f"DELETE FROM {self.fts}"))
            session.execute(text(self.sqlite_fill()))
            session.execute(text(search_words.sqlite_refresh(self.table)))
        else:
            session.execute(text(f"REINDEX INDEX {self.pg_index()}"))
            for statement in search_words.pg_create(self.table, self.source) + search_words.pg_fill(
                    self.table, self.source):
                session.execute(text(statement))
        return session.execute(text(f"SELECT count(*) FROM {self.table}")).scalar_one()


def ranked(index: Index, query: str, base, id_column, text_column, tie_breaks=(), split=None) -> list[int] | None:
    """Ids of the rows of `base` (a select of `id_column`, filters applied) matching `query`, best first:
    core.search.relevance of `*split(text)` (default: every word in the one part), then the engine's rank, then
    `tie_breaks` (SQL values, smaller first).
    None for a blank query (no search); [] for one with no searchable word."""
    if not query.strip():
        return None
    groups = expand(query)
    if not groups:
        return []
    extra = [text_column, *tie_breaks]
    rows = _candidates(index, base, extra, id_column, groups, every=True)
    if not rows:
        fixed = correct(groups, search_words.vocabulary(index.table))
        if fixed != groups:
            groups, rows = fixed, _candidates(index, base, extra, id_column, fixed, every=True)
    every = bool(rows) or len(groups) < 4
    if not every:
        rows = _candidates(index, base, extra, id_column, groups, every=False)
    split = split or (lambda value: ((words(value), []),))
    ordered = sorted(((*terms.relevance(groups, *split(r[1])), r.engine_rank, *r[2:-1]), r[0]) for r in rows)
    # Without a full match, a long query (a sentence more than keywords) may miss one place, no more.
    return [id_ for key, id_ in ordered if every or -key[1] >= len(groups) - 1]


def _candidates(index: Index, base, extra, id_column, groups: list[Group], *, every: bool) -> list:
    stmt = base.add_columns(*extra)
    if db.session.get_bind().dialect.name == "sqlite":
        fts = table(index.fts, column("rowid"))
        weights = f", {index.weights}" if index.weights else ""
        stmt = (stmt.join(fts, fts.c.rowid == id_column)
                .where(text(f"{index.fts} MATCH :match").bindparams(match=terms.fts5_query(groups, every=every)))
                .add_columns(literal_column(f"bm25({index.fts}{weights})").label("engine_rank")))
    else:
        query = text("to_tsquery('simple'::regconfig, :tsquery)").bindparams(tsquery=terms.tsquery(groups, every=every))
        document = literal_column(index.pg_document)
        stmt = stmt.where(document.op("@@")(query)).add_columns((-func.ts_rank(document, query)).label("engine_rank"))
    return db.session.execute(stmt.order_by(literal_column("engine_rank")).limit(MAX_CANDIDATES)).all()

