"""`flask alerts run`: the morning job. Cron, every day at 07:00 local time (it sends nothing on a non-working day,
so the same line serves make-up Saturdays):

    0 7 * * *  cd /srv/portal && .venv/bin/flask --app app alerts run

The e-mails wait in the outbox; `flask jobs send --loop` (or the RQ worker when REDIS_URL is set) sends them."""
from __future__ import annotations

from datetime import datetime

import click

from portal.core.clock import utcnow


@click.group("alerts")
def alerts_cli() -> None:
    """Warnings to staff before a case slips past its due day or its last apology day."""


@alerts_cli.command("run")
@click.option("--at", "at", default=None, help="Run as of this moment (ISO 8601 with its offset), e.g. to catch up.")
def run_command(at: str | None) -> None:
    """Record the warnings due today and queue one digest e-mail per recipient (once, however often it runs)."""
    from portal.alerts.morning import run_warnings

    now = utcnow()
    if at:
        now = datetime.fromisoformat(at)
        if now.tzinfo is None:
            raise click.BadParameter("give the offset, e.g. 2027-03-10T07:00+07:00", param_hint="--at")
    click.echo(run_warnings(now).as_text())
