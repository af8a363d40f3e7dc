"""Command-line operations: flask --app app <command>."""
from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
from pathlib import Path

import click
from flask import Flask, current_app
from sqlalchemy import select

from portal.core.db import db
from portal.notify import cli as notify_cli


def register(app: Flask) -> None:
    app.cli.add_command(seed_demo)
    app.cli.add_command(create_admin)
    app.cli.add_command(backup)
    app.cli.add_command(restore)
    app.cli.add_command(translate)
    app.cli.add_command(notify_cli.jobs)
    from portal.satisfaction.cli import satisfaction_cli

    app.cli.add_command(satisfaction_cli)
    from portal.plan.reminders import plan_cli

    app.cli.add_command(plan_cli)


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
    summary = seed.load_demo()
    db.session.commit()
    for line in summary:
        click.echo(line)


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


def _sqlite_path() -> Path | None:
    url = db.engine.url
    return Path(url.database) if url.get_backend_name() == "sqlite" and url.database else None


@click.command("backup")
@click.argument("target", type=click.Path(dir_okay=False, writable=True))
def backup(target: str) -> None:
    """Consistent copy of the database while the portal runs (SQLite online backup or pg_dump)."""
    path = _sqlite_path()
    if path is not None:
        _sqlite_copy(path, target)
    else:
        _pg(["pg_dump", "--format=custom", "--no-owner", "--file", target])
    os.chmod(target, 0o600)  # a copy of every record: for the portal's account only, like the database
    click.echo(f"Backup written to {target}")


@click.command("restore")
@click.argument("source", type=click.Path(exists=True, dir_okay=False))
@click.option("--yes", is_flag=True, help="Do not ask for confirmation.")
def restore(source: str, yes: bool) -> None:
    """Replace the database with a backup made by `backup`."""
    if not yes:
        click.confirm("This replaces every record in the database. Continue?", abort=True)
    path = _sqlite_path()
    db.session.remove()
    db.engine.dispose()
    if path is not None:
        _sqlite_copy(source, path)
    else:
        _pg(["pg_restore", "--clean", "--if-exists", "--no-owner", "--single-transaction", source])
    click.echo(f"Database restored from {source}")


def _sqlite_copy(source, target) -> None:
    """SQLite's online backup API: a consistent copy even while the portal writes."""
    src, dst = sqlite3.connect(source), sqlite3.connect(target)
    try:
        with dst:
            src.backup(dst)
    finally:
        src.close()
        dst.close()


def _pg(command: list[str]) -> None:
    url = db.engine.url
    env = dict(os.environ)
    if url.password:
        env["PGPASSWORD"] = url.password
    args = ["--host", url.host or "127.0.0.1", "--port", str(url.port or 5432), "--username", url.username or "postgres",
            "--dbname", url.database]
    if shutil.which(command[0]) is None:
        raise click.ClickException(f"{command[0]} is not installed")
    subprocess.run(command + args, check=True, env=env)


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
