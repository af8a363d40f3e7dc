"""Where a just-issued access code waits between the POST that issued it (intake, a new code) and the first print
of the receipt, which takes it out: the officer's session, never the database (only the hash is stored)."""
from __future__ import annotations

from flask import session

PENDING_KEY = "case_access_codes"
PENDING_LIMIT = 20  # receipts not printed yet, per officer; the oldest is dropped (a new code can be issued)


def keep_for_receipt(case) -> None:
    pending = dict(session.get(PENDING_KEY) or {})
    pending.pop(str(case.id), None)
    pending[str(case.id)] = case.issued_access_code
    session[PENDING_KEY] = dict(list(pending.items())[-PENDING_LIMIT:])


def take_for_receipt(case_id: int) -> str | None:
    pending = dict(session.get(PENDING_KEY) or {})
    code = pending.pop(str(case_id), None)
    if code is not None:
        session[PENDING_KEY] = pending
    return code
