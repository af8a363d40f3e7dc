"""Notifications to citizens: an outbox written in the case's transaction, sent by a worker.

No blueprint: nothing here serves pages. The pieces, read top to bottom: rules (back-off),
models (the outbox table), services (enqueue, claim, record), transports (SMTP, SMS), messages
(the texts), case_events (which case change says what), worker (the sending loop, which commits),
jobs (RQ when REDIS_URL is set, and the after-commit hook the app factory registers) and cli (`flask jobs …`).
The RQ job's entry point, which may build the app, is portal.worker, outside this package.
"""
