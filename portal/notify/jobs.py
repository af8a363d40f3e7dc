"""Background sending on Redis (RQ) when REDIS_URL is set; without it `flask jobs send` does the work.

When a transaction that queued a message commits, one job is put on the "notify" queue (after the
commit, so the worker always finds the rows). The job sends what is due and, if messages wait for a
retry, schedules itself for the earliest of them (the worker runs RQ's scheduler).

The after-commit hook is registered by the app factory (portal.register_side_effects calls
register_outbox_hooks), never at import. The job's entry point is portal.worker.run_send_pending, at the
top of the package because it may have to build the app; the queue names it by its dotted path (JOB), so
nothing in notify imports the app factory: services <- worker <- jobs <- cli, no cycle.
"""
from __future__ import annotations

import logging

from flask import current_app, has_app_context
from flask_sqlalchemy.session import Session
from sqlalchemy import event

from portal.notify.services import KICK_FLAG, next_due_at
from portal.notify.worker import send_pending

log = logging.getLogger("portal.notify")
QUEUE_NAME = "notify"
JOB = "portal.worker.run_send_pending"  # RQ imports it by this path in the worker process
JOB_TIMEOUT = 15 * 60
# kick() runs in the citizen's request, after the commit: a Redis that is down or hangs may cost it this long, once
# and without retries (the message is safe in the outbox either way). The worker's connection keeps redis-py's
# defaults; RQ sets the timeouts it needs on it.
KICK_TIMEOUT = 1.0
_connections: dict = {}


def redis_connection(url: str, *, in_request: bool = False):
    from redis import Redis
    from redis.backoff import NoBackoff
    from redis.retry import Retry

    key = (url, in_request)
    if key not in _connections:
        options = {"socket_connect_timeout": KICK_TIMEOUT, "socket_timeout": KICK_TIMEOUT,
                   "retry": Retry(NoBackoff(), 0)} if in_request else {}
        _connections[key] = Redis.from_url(url, **options)
    return _connections[key]


def queue(url: str | None = None, *, in_request: bool = False):
    from rq import Queue

    url = url or current_app.config["REDIS_URL"]
    connection = redis_connection(url, in_request=in_request)
    return Queue(current_app.config.get("NOTIFY_QUEUE", QUEUE_NAME), connection=connection)


def kick():
    """Ask a worker to send now. Without Redis, or when Redis is down, nothing happens here: the
    messages are safe in the outbox and `flask jobs send` (or the next job) sends them."""
    if not has_app_context() or not current_app.config.get("REDIS_URL"):
        return None
    from redis.exceptions import RedisError

    try:
        return queue(in_request=True).enqueue(JOB, job_timeout=JOB_TIMEOUT, result_ttl=3600)
    except RedisError as err:
        log.warning("could not schedule the notification job: %s", err)
        return None


def _kick_after_commit(session) -> None:
    if session.info.pop(KICK_FLAG, False):
        kick()


def _forget_after_rollback(session) -> None:
    session.info.pop(KICK_FLAG, None)


HOOKS = (("after_commit", _kick_after_commit), ("after_rollback", _forget_after_rollback))


def register_outbox_hooks() -> None:
    """Wake a worker after a commit that queued messages. Idempotent: every app the process builds shares the
    Session class, and each hook must run once a commit."""
    for name, hook in HOOKS:
        if not event.contains(Session, name, hook):
            event.listen(Session, name, hook)


def _schedule_retry() -> None:
    due = next_due_at()
    if due is None:
        return
    # One scheduled job per minute at most: the id names the minute, so a second schedule replaces it.
    queue().enqueue_at(due, JOB, job_id=f"notify-retry-{due:%Y%m%d%H%M}", job_timeout=JOB_TIMEOUT,
                       result_ttl=3600)


def send_and_reschedule() -> dict[str, int]:
    """One job's work, in the caller's app context: send what is due, schedule the next retry."""
    report = send_pending()
    _schedule_retry()
    return report.as_dict()
