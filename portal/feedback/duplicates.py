"""Duplicate candidates of a feedback (the merge helper on the staff page): bounded in SQL, scored by
rules.similarity. Read only; services re-exports it."""
from __future__ import annotations

from datetime import datetime, timedelta

from flask import current_app
from sqlalchemy import or_, select

from portal.core.db import db
from portal.feedback import rules
from portal.feedback.models import Feedback
from portal.feedback.vocabulary import FeedbackStatus

DUPLICATE_LIMIT = 5


def duplicate_candidates(feedback: Feedback, *, now: datetime, user=None) -> list[dict]:
    """Up to DUPLICATE_LIMIT other feedback that look like the same matter, best first, each
    {"id", "tracking_code", "title", "status", "received_at", "score", "reasons"}.

    The candidates are bounded in SQL: received in the last FEEDBACK_DUPLICATE_MONTHS months, open or
    answered, in the same category or at the same place / procedure / case, visible to `user`, newest
    FEEDBACK_DUPLICATE_SCAN at most; rules.similarity then scores them in Python."""
    config = current_app.config
    months = int(config.get("FEEDBACK_DUPLICATE_MONTHS", 6))
    threshold = float(config.get("FEEDBACK_DUPLICATE_THRESHOLD", 0.25))
    scan = int(config.get("FEEDBACK_DUPLICATE_SCAN", 300))
    statuses = list(rules.OPEN | rules.ANSWERED | {FeedbackStatus.CLOSED})
    same = [Feedback.category == feedback.category]
    for column in (Feedback.place, Feedback.procedure_code, Feedback.case_code):
        value = getattr(feedback, column.key)
        if value:
            same.append(column == value)
    columns = (Feedback.id, Feedback.tracking_code, Feedback.title, Feedback.content, Feedback.place,
               Feedback.procedure_code, Feedback.case_code, Feedback.status, Feedback.received_at,
               Feedback.answered_at)
    stmt = (select(*columns).where(Feedback.id != feedback.id, Feedback.status.in_(statuses),
                                   Feedback.received_at >= now - timedelta(days=31 * months), or_(*same))
            .order_by(Feedback.received_at.desc()).limit(scan))
    if user is not None and not {str(r) for r in user.role_set} & {"admin", "manager", "desk_officer"}:
        stmt = stmt.where(Feedback.unit_id == user.unit_id)
    mine = {"title": feedback.title, "content": feedback.content, "place": feedback.place,
            "procedure_code": feedback.procedure_code, "case_code": feedback.case_code}
    mine["shingles"] = rules.shingles(f"{feedback.title} {feedback.content}")
    found = []
    for row in db.session.execute(stmt).mappings():
        if row["status"] == FeedbackStatus.CLOSED and row["answered_at"] is None:
            continue  # closed after a rejection or transfer: nothing to merge into
        score, reasons = rules.similarity(mine, row)
        if score >= threshold:
            found.append({"id": row["id"], "tracking_code": row["tracking_code"], "title": row["title"],
                          "status": row["status"], "received_at": row["received_at"], "score": score,
                          "reasons": reasons})
    found.sort(key=lambda item: (-item["score"], -item["id"]))
    return found[:DUPLICATE_LIMIT]
