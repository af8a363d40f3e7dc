"""Command-line operations: flask --app app <command>."""
from __future__ import annotations

import subprocess

import click
from flask import Flask, current_app
from flask.cli import with_appcontext
from sqlalchemy import select

from portal.core.db import db
from portal.notify import cli as notify_cli


def register(app: Flask) -> None:
    app.cli.add_command(seed_demo)
    app.cli.add_command(create_admin)
    app.cli.add_command(reset_two_factor)
    app.cli.add_command(backup)
    app.cli.add_command(restore)
    app.cli.add_command(translate)
    app.cli.add_command(notify_cli.jobs)
    from portal.satisfaction.cli import satisfaction_cli

    app.cli.add_command(satisfaction_cli)
    from portal.plan.reminders import plan_cli

    app.cli.add_command(plan_cli)
    app.cli.add_command(search_cli)
    from portal.alerts.cli import alerts_cli

    app.cli.add_command(alerts_cli)
    from portal.forecast.cli import forecast_cli

    app.cli.add_command(forecast_cli)


@click.command("seed-demo")
@click.option("--if-empty", is_flag=True, help="Do nothing when units already exist.")
@click.option("--i-know-this-is-production", "production_ok", is_flag=True,
              help="Load the demo even though PORTAL_ENV is production (its accounts share one known password).")
def seed_demo(if_empty: bool, production_ok: bool) -> None:
    """Load the demo organisation (Gia Nghĩa, 2019) and one account per role."""
    from portal.demo import seed
    from portal.units.models import Unit

    if current_app.config.get("PORTAL_ENV") == "production" and not production_ok:
        raise click.ClickException(
            "Refusing to load the demo into a production portal: its accounts share one published password. "
            "Add --i-know-this-is-production if this really is what you want.")
    if if_empty and db.session.scalar(select(Unit.id).limit(1)) is not None:
        click.echo("Demo data already present; nothing to do.")
        return
    click.echo("Loading the demo data (a few minutes); each stage is listed when done:")
    summary = seed.load_demo(progress=click.echo)
    db.session.commit()
    click.echo(f"Committed. {summary[-1]}")
    # The "at risk" tab and the pre-filled apology read the breach forecast: fit it on the demo's history and
    # forecast today's open cases, as the weekly and nightly jobs would (docs/forecast.md). The morning warnings
    # are not run here: their digests would be e-mailed to the demo accounts' addresses (`flask alerts run`).
    from portal.core.clock import today_local, utcnow
    from portal.forecast import services as forecast

    now = utcnow()
    fitted = forecast.train(today_local(), now)
    written = forecast.refresh_open(now)
    db.session.commit()
    click.echo(f"Breach forecast trained on {fitted.n_cases} cases ({fitted.method}); {written} open cases forecast.")


@click.command("create-admin")
@click.option("--email", prompt=True)
@click.option("--name", "full_name", prompt="Full name")
@click.option("--password", prompt=True, hide_input=True, confirmation_prompt=True)
def create_admin(email: str, full_name: str, password: str) -> None:
    """Create an administrator account."""
    from portal.auth import services
    from portal.core.access import Role
    from portal.core.errors import DomainError

    email = _valid_email(email)
    try:
        services.create_user(email=email, full_name=full_name, unit_id=None, roles=[Role.ADMIN], password=password)
    except DomainError as err:
        raise click.ClickException(str(err.message)) from None
    db.session.commit()
    click.echo(f"Administrator {email} created.")


@click.command("reset-two-factor")
@click.option("--email", prompt=True)
def reset_two_factor(email: str) -> None:
    """Switch off an account's two-step sign-in and end its sessions: the last administrator's lost phone."""
    from portal.auth import services, two_factor
    from portal.core.errors import DomainError

    user = services.find_by_email(email)
    if user is None:
        raise click.ClickException(f"No account with the e-mail {email!r}.")
    try:
        two_factor.reset(user, actor=None)
    except DomainError as err:
        raise click.ClickException(str(err.message)) from None
    db.session.commit()
    click.echo(f"Two-step sign-in of {user.email} reset; its sessions ended. It enrols again at its next sign-in.")


def _valid_email(email: str) -> str:
    """The account form's check (portal.auth.forms: strip, then wtforms' Email validator), for the prompt."""
    from types import SimpleNamespace

    from wtforms.validators import Email, ValidationError

    field = SimpleNamespace(data=(email or "").strip(), errors=[], gettext=lambda s: s, ngettext=None)
    try:
        Email()(None, field)
    except ValidationError:
        raise click.ClickException(f"Not a valid e-mail address: {email!r}") from None
    return field.data


@click.command("backup")
@click.argument("target", type=click.Path(dir_okay=False, writable=True))
def backup(target: str) -> None:
    """One archive (tar.gz, owner-only) of the database and every uploaded file, with a manifest of checksums.

    SQLite is copied with the online backup API and PostgreSQL dumped (custom format) from one snapshot, so the
    archive is consistent while the portal serves requests."""
    from portal.core.backup import BackupError, write_backup

    try:
        manifest = write_backup(target)
    except BackupError as err:
        raise click.ClickException(str(err)) from None
    files = sum(1 for name in manifest["members"] if name != manifest["database"])
    click.echo(f"Backup written to {target}: {manifest['engine']} database, {sum(manifest['tables'].values())} rows, "
               f"{files} uploaded files, schema {manifest['schema_revision']}")


@click.command("restore")
@click.argument("source", type=click.Path(exists=True, dir_okay=False))
@click.option("--yes", is_flag=True, help="Do not ask for confirmation.")
@click.option("--force", is_flag=True, help="Replace a database that already holds records.")
def restore(source: str, yes: bool, force: bool) -> None:
    """Restore the database and uploaded files from an archive made by `backup`, after checking every checksum."""
    from portal.core import backup as archive

    try:
        with archive.verified(source, archive.staging_parent()) as (manifest, staging):
            if manifest["engine"] != archive.engine_name():
                raise archive.BackupError(f"the archive holds a {manifest['engine']} database; "
                                          f"this portal uses {archive.engine_name()}")
            if not force and not archive.database_is_empty():
                raise archive.BackupError("the database already holds records; add --force to replace them")
            if not yes:
                click.confirm("This replaces every record in the database. Continue?", abort=True)
            archive.restore_database(manifest, staging)
            files = archive.restore_files(manifest, staging)
    except archive.BackupError as err:
        raise click.ClickException(f"Restore refused, nothing was changed: {err}") from None
    click.echo(f"Restored from {source}: database ({sum(manifest['tables'].values())} rows) and {files} uploaded files")
    head = archive.schema_head()
    if manifest.get("schema_revision") != head:
        click.echo(f"The archive was made at schema {manifest.get('schema_revision')}; this code expects {head}: "
                   "run `flask db upgrade`.")


@click.group("translate")
def translate() -> None:
    """Extract, update and compile the message catalogues."""


def _run(*args: str) -> None:
    subprocess.run(["pybabel", *args], check=True, cwd=current_app.root_path + "/..")


@translate.command("update")
def translate_update() -> None:
    """Extract marked strings and merge them into vi and en catalogues."""
    _run("extract", "-F", "babel.cfg", "-k", "_l", "--ignore-dirs", ".* __pycache__", "-o", "portal/translations/messages.pot", ".")
    _run("update", "-i", "portal/translations/messages.pot", "-d", "portal/translations", "--no-fuzzy-matching")


@translate.command("compile")
def translate_compile() -> None:
    """Compile catalogues to .mo files."""
    from portal.core.i18n import compile_catalogues

    for line in compile_catalogues():
        click.echo(line)


@click.group("search")
def search_cli() -> None:
    """The full-text search indexes (portal/core/fulltext.py)."""


@search_cli.command("reindex")
@with_appcontext
def search_reindex() -> None:
    """Rebuild the indexes of the procedure catalogue and of the published answers, e.g. after a restore that
    left out SQLite's FTS5 tables or a batch migration that rebuilt their table (and dropped its triggers)."""
    from portal.feedback.models import PUBLIC_ANSWERS
    from portal.procedures.search_index import PROCEDURES

    counts = [index.reindex(db.session) for index in (PROCEDURES, PUBLIC_ANSWERS)]
    db.session.commit()
    click.echo(f"search index rebuilt: {counts[0]} procedures, {counts[1]} feedback")
