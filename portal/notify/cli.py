"""`flask jobs send` and `flask jobs worker`: the notification outbox's workers."""
from __future__ import annotations

import time

import click
from flask import current_app

from portal.core.clock import utcnow


@click.group("jobs")
def jobs() -> None:
    """Background work: send queued notifications."""


@jobs.command("send")
@click.option("--loop", is_flag=True, help="Keep running, sending what falls due.")
@click.option("--interval", default=10.0, show_default=True, help="Seconds between rounds with --loop.")
@click.option("--batch", default=50, show_default=True, help="Messages claimed at a time.")
def send(loop: bool, interval: float, batch: int) -> None:
    """Send the notifications that are due (e-mail, SMS), with retries and back-off."""
    from portal.notify.worker import send_pending

    while True:
        report = send_pending(utcnow(), batch=batch)
        counts = report.as_dict()
        if not loop or any(counts.values()):
            click.echo("sent {sent}, failed {failed}, gave up {dead}".format(**counts))
        if not loop:
            return
        time.sleep(interval)


@jobs.command("worker")
@click.option("--burst", is_flag=True, help="Stop when the queue is empty.")
def worker(burst: bool) -> None:
    """Run an RQ worker for the notification queue (needs REDIS_URL)."""
    url = current_app.config.get("REDIS_URL")
    if not url:
        click.echo("REDIS_URL is not set: run `flask jobs send --loop` instead.", err=True)
        raise SystemExit(1)
    from rq import SimpleWorker

    from portal.notify.jobs import queue, redis_connection

    # SimpleWorker runs each job in this process and app context: no fork, so the database pool is
    # never shared between processes; a job only reads and sends a batch.
    SimpleWorker([queue(url)], connection=redis_connection(url)).work(burst=burst, with_scheduler=True)
