"""Redis stopped under a running portal (issue 13 point 14). The defined outcome: rate limits fall back to
counting in the worker's memory (a limit still triggers; never "no limit at all", never a 500), public pages
and a citizen's submission keep answering, and the notification the submission queued waits in the outbox
(status pending) though no job could be put on the queue; once Redis is back, `flask jobs send` sends it.
A Redis that hangs (accepts connections, never answers) costs a request at most about a second, never the
request itself.

The portal talks to a Redis server of the test's own (conftest.PrivateRedis), killed or frozen (SIGSTOP) in the
middle."""
from __future__ import annotations

import threading
import time
import uuid

import pytest
import redis
from sqlalchemy import select

from portal import create_app
from portal.config import TestConfig
from portal.core.db import db
from portal.extensions import limiter
from portal.feedback.models import Feedback
from portal.notify import jobs
from portal.notify.models import OutboxMessage
from portal.notify.rules import Channel, OutboxStatus
from tests.conftest import free_port
from tests.faults.smtp import ScriptedSmtp
from tests.feedback.data import form_fields

SUBMIT = "/phan-anh-kien-nghi/gui"
LOGIN = "/auth/login"
SLOW = 3.0  # seconds: a page slower than this with Redis gone means something waits on it
HUNG = 20.0
FAULTS = {"killed": ("stop", "start"), "frozen": ("freeze", "thaw")}


@pytest.fixture()
def portal(app_ctx, private_redis):
    """A second app on the test database with limits on and REDIS_URL at the private server (limits and the
    notification queue both live there), mail to a local SMTP server."""
    smtp = ScriptedSmtp(free_port()).start()
    limited = create_app(TestConfig, SQLALCHEMY_DATABASE_URI=app_ctx.config["SQLALCHEMY_DATABASE_URI"],
                         REDIS_URL=private_redis.url, RATELIMIT_STORAGE_URI=None, RATELIMIT_ENABLED=True,
                         LOGIN_RATE_LIMIT="3 per minute", NOTIFY_QUEUE=f"notify-faults-{uuid.uuid4().hex[:8]}",
                         MAIL_SERVER="127.0.0.1", MAIL_PORT=smtp.port, MAIL_TIMEOUT=5)
    try:
        yield limited, smtp
    finally:
        smtp.stop()
        limiter._storage_dead = False  # the limiter is one object for the process: the next app starts on its storage
        for in_request in (False, True):
            jobs._connections.pop((private_redis.url, in_request), None)
        with limited.app_context():
            db.session.remove()
            db.engine.dispose()


def timed(call):
    """The response and how long it took; a request still unanswered after HUNG seconds fails the test instead of
    hanging it (the thread is freed when the server is thawed or killed at teardown)."""
    done: list = []
    started = time.monotonic()
    worker = threading.Thread(target=lambda: done.append(call()), daemon=True)
    worker.start()
    worker.join(HUNG)
    assert done, f"no answer after {HUNG} s: the request waits on Redis"
    return done[0], time.monotonic() - started


def failed_login(client):
    return client.post(LOGIN, data={"email": "ai@gianghia.gov.vn", "password": "sai-mat-khau-1"})


@pytest.mark.parametrize("fault", FAULTS)
def test_without_redis_limits_fall_back_pages_answer_and_the_message_waits(portal, private_redis, fault):
    limited, smtp = portal
    break_redis, mend_redis = (getattr(private_redis, name) for name in FAULTS[fault])
    client = limited.test_client()
    assert failed_login(client).status_code == 422
    counted = redis.Redis.from_url(private_redis.url).keys("*")
    assert any(b"login" in key for key in counted), counted  # with Redis up, the limits count there

    break_redis()
    for path in ("/", "/phan-anh-kien-nghi/", SUBMIT, "/phan-anh-kien-nghi/tra-cuu?code=PA-0000&access=ABCD"):
        response, took = timed(lambda path=path: client.get(path))
        assert response.status_code < 500 and took < SLOW, (path, response.status_code, took)

    fields = form_fields(title=f"Cống thoát nước bị tắc {uuid.uuid4().hex[:6]}")
    response, took = timed(lambda: client.post(SUBMIT, data=fields))
    assert response.status_code == 303 and took < SLOW, (response.status_code, took)
    db.session.rollback()
    feedback = db.session.scalars(select(Feedback).where(Feedback.title == fields["title"])).one()
    waiting = list(db.session.scalars(select(OutboxMessage).where(
        OutboxMessage.dedupe_key.like(f"feedback:{feedback.id}:received%")).order_by(OutboxMessage.channel)))
    assert [(m.channel, m.status, m.attempts) for m in waiting] == [
        (Channel.EMAIL, OutboxStatus.PENDING, 0), (Channel.SMS, OutboxStatus.PENDING, 0)]

    # Still limited, now in memory: 3 failed sign-ins a minute, the 4th refused (the count restarts at the
    # switch, it is never switched off).
    codes = [timed(lambda: failed_login(client))[0].status_code for _ in range(4)]
    assert codes == [422, 422, 422, 429], codes

    mend_redis()  # back: the job that could not be queued is not there; the outbox is
    with limited.app_context():  # the command runs in the app context it finds: this app's, with its mail server
        result = limited.test_cli_runner().invoke(args=["jobs", "send"])
    assert result.exit_code == 0 and "sent 2, failed 0" in result.output, result.output
    assert [e.rcpt_tos for e in smtp.handler.accepted] == [[fields["submitter_email"]]]
    db.session.rollback()
    assert {m.status for m in db.session.scalars(select(OutboxMessage).where(
        OutboxMessage.id.in_([m.id for m in waiting])))} == {OutboxStatus.SENT}
