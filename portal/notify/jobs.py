"""Background sending on Redis (RQ) when REDIS_URL is set; without it `flask jobs send` does the work.

When a transaction that queued a message commits, one job is put on the "notify" queue (after the
commit, so the worker always finds the rows). The job sends what is due and, if messages wait for a
retry, schedules itself for the earliest of them (the worker runs RQ's scheduler).
"""
from __future__ import annotations

import logging

from flask import current_app, has_app_context
from flask_sqlalchemy.session import Session
from sqlalchemy import event

log = logging.getLogger("portal.notify")
QUEUE_NAME = "notify"
JOB_TIMEOUT = 15 * 60
KICK_FLAG = "notify.kick"  # set in session.info by services.enqueue(); acted on after the commit
_connections: dict = {}


def redis_connection(url: str):
    from redis import Redis

    if url not in _connections:
        _connections[url] = Redis.from_url(url)
    return _connections[url]


def queue(url: str | None = None):
    from rq import Queue

    url = url or current_app.config["REDIS_URL"]
    return Queue(current_app.config.get("NOTIFY_QUEUE", QUEUE_NAME), connection=redis_connection(url))


def kick():
    """Ask a worker to send now. Without Redis, or when Redis is down, nothing happens here: the
    messages are safe in the outbox and `flask jobs send` (or the next job) sends them."""
    if not has_app_context() or not current_app.config.get("REDIS_URL"):
        return None
    from redis.exceptions import RedisError

    try:
        return queue().enqueue(run_send_pending, job_timeout=JOB_TIMEOUT, result_ttl=3600)
    except RedisError as err:
        log.warning("could not schedule the notification job: %s", err)
        return None


@event.listens_for(Session, "after_commit")
def _kick_after_commit(session) -> None:
    if session.info.pop(KICK_FLAG, False):
        kick()


@event.listens_for(Session, "after_rollback")
def _forget_after_rollback(session) -> None:
    session.info.pop(KICK_FLAG, None)


def _schedule_retry() -> None:
    from portal.notify.services import next_due_at

    due = next_due_at()
    if due is None:
        return
    # One scheduled job per minute at most: the id names the minute, so a second schedule replaces it.
    queue().enqueue_at(due, run_send_pending, job_id=f"notify-retry-{due:%Y%m%d%H%M}", job_timeout=JOB_TIMEOUT,
                       result_ttl=3600)


def run_send_pending() -> dict[str, int]:
    """The RQ job. `flask jobs worker` runs jobs in its own app context (SimpleWorker, no fork)."""
    if not has_app_context():
        from portal import create_app

        with create_app().app_context():
            return run_send_pending()
    from portal.notify.worker import send_pending

    report = send_pending()
    _schedule_retry()
    return report.as_dict()
