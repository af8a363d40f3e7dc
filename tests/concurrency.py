"""Run one piece of work in several threads at the same moment, each in its own app context and database session:
how the tests show that two workers (outbox senders, morning warning runs) never do the same thing twice."""
from __future__ import annotations

import threading

from portal.core.db import db


def at_once(app, work, count: int = 2, timeout: float = 60) -> list:
    """`work()` in `count` threads released together by a barrier; returns their results. A thread's exception is
    raised here (it would otherwise vanish with its thread)."""
    start, results, errors = threading.Barrier(count), [], []

    def run():
        with app.app_context():
            try:
                start.wait()
                results.append(work())
            except Exception as err:
                errors.append(err)
            finally:
                db.session.remove()

    threads = [threading.Thread(target=run) for _ in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout)
    if errors:
        raise errors[0]
    assert len(results) == count, "a thread did not finish in time"
    return results
