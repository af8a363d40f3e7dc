"""The catalogue search engine (issue 16 point 3): SQLite FTS5 or PostgreSQL full text finds the candidates
(search_index.py), core.search orders them the same way on both engines.

Three tries, the first that finds anything wins: every group of the query (core.synonyms.expand); every group
with typos corrected against the indexed words; for a query of four places or more, all places but one.
A query with no searchable word (only punctuation) finds nothing; a blank one is no search (None).
"""
from __future__ import annotations

from sqlalchemy import column, func, literal_column, table, text

from portal.core import search as terms
from portal.core.db import db
from portal.core.synonyms import Group, correct, expand, words
from portal.procedures.models import Procedure
from portal.procedures.search_index import FTS_TABLE, PG_DOCUMENT

MAX_CANDIDATES = 500
_FTS = table(FTS_TABLE, column("rowid"))


def ranked_ids(query: str, base) -> list[int] | None:
    """Ids of the procedures of `base` (a select of Procedure.id with the filters applied) matching `query`,
    best first."""
    if not query.strip():
        return None
    groups = expand(query)
    if not groups:
        return []
    rows = _candidates(base, groups, every=True)
    if not rows:
        fixed = correct(groups, vocabulary(base))
        if fixed != groups:
            groups, rows = fixed, _candidates(base, fixed, every=True)
    every = bool(rows) or len(groups) < 4
    if not every:
        rows = _candidates(base, groups, every=False)
    ordered = sorted((_order(groups, r), r.id) for r in rows)
    # Without a full match, a long query (a sentence more than keywords) may miss one place, no more.
    return [id_ for key, id_ in ordered if every or -key[1] >= len(groups) - 1]


def _order(groups: list[Group], row) -> tuple:
    parts = row.search_text.split("|")
    code = words(parts[1]) if len(parts) > 1 else []
    return *terms.relevance(groups, terms.split_document(row.search_text), code), row.engine_rank, row.sort_name


def _candidates(base, groups: list[Group], *, every: bool) -> list:
    stmt = base.add_columns(Procedure.search_text, Procedure.sort_name)
    if db.session.get_bind().dialect.name == "sqlite":
        stmt = (stmt.join(_FTS, _FTS.c.rowid == Procedure.id)
                .where(text(f"{FTS_TABLE} MATCH :match").bindparams(match=terms.fts5_query(groups, every=every)))
                .add_columns(literal_column(f"bm25({FTS_TABLE}, 10.0, 1.0)").label("engine_rank")))
    else:
        query = text("to_tsquery('simple'::regconfig, :tsquery)").bindparams(
            tsquery=terms.tsquery(groups, every=every))
        document = literal_column(PG_DOCUMENT)
        stmt = (stmt.where(document.op("@@")(query))
                .add_columns((-func.ts_rank(document, query)).label("engine_rank")))
    stmt = stmt.order_by(literal_column("engine_rank")).limit(MAX_CANDIDATES)
    return db.session.execute(stmt).all()


def vocabulary(base) -> set[str]:
    """Every word the searched procedures hold: what a mistyped word is corrected to."""
    texts = db.session.scalars(base.with_only_columns(Procedure.search_text))
    return {word for search_text in texts for word in words(search_text)}
