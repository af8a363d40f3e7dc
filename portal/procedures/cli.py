"""`flask search reindex`: rebuild the catalogue's full-text index (search_index.py) from the procedure rows,
e.g. after a restore that left out SQLite's FTS5 table or to compact it. The index is otherwise kept current by
itself (triggers on SQLite, an index on PostgreSQL)."""
from __future__ import annotations

import click
from flask.cli import with_appcontext

from portal.core.db import db
from portal.procedures.search_index import reindex


@click.group("search")
def search_cli() -> None:
    """The catalogue search index."""


@search_cli.command("reindex")
@with_appcontext
def reindex_command() -> None:
    """Rebuild the full-text index of the procedure catalogue."""
    count = reindex(db.session)
    db.session.commit()
    click.echo(f"search index rebuilt: {count} procedures")
