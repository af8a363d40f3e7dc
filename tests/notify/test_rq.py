"""With REDIS_URL set, a commit that queued messages puts a job on a real Redis; an RQ worker sends."""
from __future__ import annotations

import os
import uuid
from datetime import timedelta

import pytest
import redis
from flask.globals import _cv_app
from rq import Queue, SimpleWorker

import portal.worker
from portal.core.clock import utcnow
from portal.core.db import db
from portal.notify.rules import OutboxStatus
from tests.notify.conftest import finish, outbox, receive

REDIS_URL = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/15")


@pytest.fixture()
def notify_queue(app_ctx):
    """The app on Redis, with a queue of its own (other tests may share the Redis database)."""
    name = f"notify-test-{uuid.uuid4().hex[:8]}"
    connection = redis.Redis.from_url(REDIS_URL)
    app_ctx.config.update(REDIS_URL=REDIS_URL, NOTIFY_QUEUE=name)
    queue = Queue(name, connection=connection)
    yield queue
    app_ctx.config.update(REDIS_URL=None)
    app_ctx.config.pop("NOTIFY_QUEUE")
    for job_id in queue.scheduled_job_registry.get_job_ids():
        queue.scheduled_job_registry.remove(job_id, delete_job=True)
    queue.delete(delete_jobs=True)


def test_commit_schedules_a_job_and_the_worker_sends(notify_queue, smtp):
    now = utcnow() - timedelta(minutes=5)
    finish(receive({"name": "Trần Thị Hoa", "email": "hoa.tran@example.vn"}, received_at=now - timedelta(hours=2)), now)
    assert notify_queue.count == 0  # nothing before the commit: the worker must find the rows
    db.session.commit()
    assert notify_queue.count == 1
    worker = SimpleWorker([notify_queue], connection=notify_queue.connection)
    assert worker.work(burst=True) is True
    [message] = outbox()
    db.session.refresh(message)
    assert message.status == OutboxStatus.SENT and len(smtp.inbox.envelopes) == 1
    assert notify_queue.scheduled_job_registry.get_job_ids() == []  # nothing left to retry


def test_a_rolled_back_change_schedules_nothing(notify_queue):
    finish(receive(), utcnow())
    db.session.rollback()
    db.session.commit()
    assert notify_queue.count == 0


def test_a_failed_send_schedules_the_retry(notify_queue, mail_port):
    now = utcnow() - timedelta(minutes=5)
    finish(receive({"name": "Trần Thị Hoa", "email": "hoa.tran@example.vn"}, received_at=now - timedelta(hours=2)), now)
    db.session.commit()
    SimpleWorker([notify_queue], connection=notify_queue.connection).work(burst=True)
    [message] = outbox()
    db.session.refresh(message)
    assert message.status == OutboxStatus.FAILED
    [job_id] = notify_queue.scheduled_job_registry.get_job_ids()
    assert job_id == f"notify-retry-{message.next_attempt_at:%Y%m%d%H%M}"


def test_a_job_outside_an_app_context_builds_the_app(app_ctx, notify_queue, smtp, monkeypatch, fixed_clock):
    """A plain `rq worker` process has no app context: the entry point (portal.worker) builds the app."""
    built = []
    monkeypatch.setattr(portal.worker, "create_app", lambda: built.append(1) or app_ctx)
    now = fixed_clock - timedelta(minutes=5)
    finish(receive({"name": "Trần Thị Hoa", "email": "hoa.tran@example.vn"}, received_at=now - timedelta(hours=2)), now)
    db.session.commit()
    token = _cv_app.set(None)  # what a worker process outside `flask jobs worker` sees
    try:
        assert SimpleWorker([notify_queue], connection=notify_queue.connection).work(burst=True) is True
    finally:
        _cv_app.reset(token)
    [message] = outbox()
    db.session.refresh(message)
    assert built == [1] and message.status == OutboxStatus.SENT and len(smtp.inbox.envelopes) == 1
