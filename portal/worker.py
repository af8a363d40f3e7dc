"""The notification job's entry point (RQ imports it by the path portal.notify.jobs.JOB).

`flask jobs worker` runs jobs inside its app context; a plain `rq worker` process has none, so the job
builds the app here. It sits at the top of the package, beside the app factory, because building the app
imports every domain: nothing in portal.notify imports this module.
"""
from __future__ import annotations

from flask import has_app_context

from portal import create_app


def run_send_pending() -> dict[str, int]:
    from portal.notify.jobs import send_and_reschedule

    if has_app_context():
        return send_and_reschedule()
    with create_app().app_context():
        return send_and_reschedule()
