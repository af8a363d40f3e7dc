"""Issue 14 point 5: the outbox's after-commit hook is a side effect of building the app, not of importing
notify; it runs once a commit however many apps the process builds; the job RQ runs is found by its path."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from rq.utils import import_attribute

import portal.worker
from portal import create_app
from portal.config import TestConfig
from portal.core.db import db
from portal.notify import jobs
from portal.notify.services import KICK_FLAG

ROOT = Path(__file__).resolve().parents[2]
PROBE = """
import json
from flask_sqlalchemy.session import Session
from sqlalchemy import event
import portal.notify.cli, portal.notify.jobs as jobs, portal.notify.services, portal.worker
hooked = lambda: [event.contains(Session, name, hook) for name, hook in jobs.HOOKS]
imported = hooked()
from portal import create_app
from portal.config import TestConfig
create_app(TestConfig, SQLALCHEMY_DATABASE_URI="sqlite://")
print(json.dumps({"imported": imported, "built": hooked()}))
"""


def test_importing_notify_registers_no_hook_building_the_app_does():
    done = subprocess.run([sys.executable, "-c", PROBE], cwd=ROOT, capture_output=True, text=True, timeout=120,
                          check=True)
    assert json.loads(done.stdout.strip().splitlines()[-1]) == {"imported": [False, False], "built": [True, True]}


def test_a_second_app_does_not_wake_the_worker_twice(app_ctx, monkeypatch):
    kicks = []
    monkeypatch.setattr(jobs, "kick", lambda: kicks.append(1))
    create_app(TestConfig, SQLALCHEMY_DATABASE_URI=app_ctx.config["SQLALCHEMY_DATABASE_URI"])
    jobs.register_outbox_hooks()
    db.session.info[KICK_FLAG] = True
    db.session.commit()
    db.session.commit()  # the flag is spent: a later commit queues nothing
    assert kicks == [1]


def test_a_rollback_forgets_the_flag(app_ctx, monkeypatch):
    kicks = []
    monkeypatch.setattr(jobs, "kick", lambda: kicks.append(1))
    db.session.execute(db.select(1))  # enqueue() sets the flag inside a transaction
    db.session.info[KICK_FLAG] = True
    db.session.rollback()
    db.session.commit()
    assert kicks == []


def test_the_queued_job_path_is_the_worker_entry_point():
    assert import_attribute(jobs.JOB) is portal.worker.run_send_pending
