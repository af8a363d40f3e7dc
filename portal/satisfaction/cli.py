"""`flask satisfaction rebuild-rollup` and `flask satisfaction rescore`: repairs of the rating figures. Kept out of
rollup.py and services.py so neither imports the other back (services stores a rating and updates the rollup;
rescoring a period rebuilds it)."""
from __future__ import annotations

import click
from flask.cli import with_appcontext

from portal.core.db import db
from portal.satisfaction.rollup import rebuild
from portal.satisfaction.services import rescore


@click.group("satisfaction")
def satisfaction_cli() -> None:
    """Per-case satisfaction ratings."""


@satisfaction_cli.command("rebuild-rollup")
@click.option("--from", "first", type=int, default=None, help="first month, YYYYMM (default: all)")
@click.option("--to", "last", type=int, default=None, help="last month, YYYYMM (default: all)")
@with_appcontext
def rebuild_rollup(first: int | None, last: int | None) -> None:
    """Recompute the monthly rollups of ratings from case_rating."""
    rows = rebuild(first, last)
    db.session.commit()
    click.echo(f"rating rollup rebuilt: {rows} rows")


@satisfaction_cli.command("rescore")
@click.option("--from", "first", type=click.DateTime(["%Y-%m-%d"]), default=None, help="first day rated (default: all)")
@click.option("--to", "last", type=click.DateTime(["%Y-%m-%d"]), default=None, help="last day rated (default: all)")
@with_appcontext
def rescore_command(first, last) -> None:
    """Recompute the stored TT 01/2018 per-file points of ratings from the case records (services.rescore)."""
    changed = rescore(first.date() if first else None, last.date() if last else None)
    db.session.commit()
    click.echo(f"ratings rescored: {changed} changed")
