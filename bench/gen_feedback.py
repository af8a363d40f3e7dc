"""Bulk bench phản ánh, kiến nghị: N feedback received over 2020–2024, straight into DATABASE_URL.

    DATABASE_URL=sqlite:///... python bench/gen_feedback.py --count 100000
    DATABASE_URL=postgresql+psycopg://postgres@127.0.0.1:5432/bench python bench/gen_feedback.py

Bench data, not demo data: run after `flask seed-demo` and bench/gen_cases.py (its two handlers per unit
handle the feedback of their unit). Bypasses the services: SQLAlchemy Core inserts of 10,000-row batches,
no FeedbackEvent or audit rows. What the statistics read is what the services would have written:
tracking codes PA-YYMM-NNNNNN numbered per month with `feedback_counter` filled, deadlines from the real
working-day calendar (answer: 15 working days, reject: 2, publish: 2, as `deadline_services.step_due`), `answered_at`
= `published_at` for a published answer, `closed_at` on reject, transfer and close, the model's checks
(phone or e-mail, published after received, content ≤ 10,000 characters). Mix as portal/demo/feedback.py:
~5% rejected, ~4% transferred, ~12% answered late, ~5% stuck open past the due day, the rest answered
on time; 85% allow publication; ~45% of published answers get a satisfaction reply, 80% of them
satisfied; 40% of the answered ones closed. Channel mix web 55 / phone 14 / e-mail 12 / letter 11 /
survey 8. Feedback whose story runs past 31 Dec 2024 17:00 stays at the step it had reached.
"""
from __future__ import annotations

import argparse
import random
import string
import sys
import time
import uuid
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

FIRST_YEAR, YEARS, BATCH = 2020, 5, 10_000
TOKENS = uuid.UUID("0b7d5a51-95c2-4a3e-8f44-6e1f3f0f2c21")  # namespace of the bench submit tokens


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--count", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=2024)
    args = parser.parse_args(argv)

    from sqlalchemy import func, insert, select

    from portal import create_app
    from portal.auth.models import StaffUser, UserRole
    from portal.core.clock import local_tz
    from portal.core.db import db
    from portal.core.text import fold
    from portal.demo import feedback as demo
    from portal.feedback import deadlines as deadline_rules
    from portal.feedback.models import Feedback, FeedbackCounter
    from portal.feedback.submission import CONSENT_VERSION
    from portal.feedback.vocabulary import (
        Category,
        Channel,
        FeedbackKind,
        FeedbackStatus,
        RejectionReason,
        Satisfaction,
        Subject,
        SubmitterKind,
    )
    from portal.workdays.services import calendar_for, due_settings

    app = create_app()
    rng = random.Random(args.seed)
    t0 = time.perf_counter()
    with app.app_context():
        if db.session.scalar(select(func.count()).select_from(Feedback).where(Feedback.tracking_code.like("PA-20%"))):
            print("bench feedback already present (codes PA-20xx-…): nothing added")
            return 0
        handlers: dict[int, list[int]] = {}
        for uid, unit_id in db.session.execute(select(StaffUser.id, StaffUser.unit_id).join(
                UserRole, UserRole.user_id == StaffUser.id).where(UserRole.role == "handler",
                                                                  StaffUser.unit_id.is_not(None))
                .order_by(StaffUser.id)):
            handlers.setdefault(unit_id, []).append(uid)
        if not handlers:
            sys.exit("no handler: run flask seed-demo and bench/gen_cases.py first")
        unit_ids = sorted(handlers)
        town_office = unit_ids[0]
        weights = [6 if u == town_office else 1 for u in unit_ids]  # the town office gets the most
        years = list(range(FIRST_YEAR, FIRST_YEAR + YEARS))
        cal, settings, tz, utc = calendar_for(years, language="vi"), due_settings(), local_tz(), UTC
        deadlines = deadline_rules.deadlines_in_force(deadline_rules.DEFAULT_DEADLINES, date(FIRST_YEAR, 1, 1))
        end = datetime(years[-1], 12, 31, 17, 0, tzinfo=tz)
        first, span = date(FIRST_YEAR, 1, 1), (date(FIRST_YEAR + YEARS, 1, 1) - date(FIRST_YEAR, 1, 1)).days
        story = demo._Story(rng, cal, end)
        due_cache: dict = {}

        def due(moment: datetime, days: int) -> datetime:
            """cal.due_at(moment, days, settings) (days > 0), with the working-day count cached per day."""
            start = cal.effective_receipt(moment, settings)
            key = (start.date(), days)
            if key not in due_cache:
                due_cache[key] = cal.add_working_days(start.date(), days)
            return datetime.combine(due_cache[key], start.time(), tzinfo=moment.tzinfo)

        def received_moment() -> tuple[datetime, Channel]:
            channel = rng.choices([c for c, _w in demo.CHANNELS], weights=[w for _c, w in demo.CHANNELS])[0]
            day = first + timedelta(days=rng.randrange(span))
            if channel == Channel.WEB:  # the web form is open day and night, weekends too
                minutes = rng.randint(6 * 60, 23 * 60)
                return datetime.combine(day, datetime.min.time(), tz) + timedelta(minutes=minutes), channel
            return story.moment(day), channel

        received = sorted((received_moment() for _ in range(args.count)), key=lambda rc: rc[0])
        alphabet = string.ascii_uppercase + "23456789"
        counters: dict[str, int] = {}
        rows, gen_s, ins_s = [], 0.0, 0.0
        statuses: dict[str, int] = {}
        g0 = time.perf_counter()
        for n, (moment, channel) in enumerate(received):
            month = f"{moment:%y%m}"
            counters[month] = counters.get(month, 0) + 1
            row = _feedback(rng, story, n, moment, channel, month, counters[month], unit_ids, weights, handlers,
                            due, deadlines, end, alphabet, fold, CONSENT_VERSION, utc,
                            (Category, Channel, FeedbackKind, FeedbackStatus, RejectionReason, Satisfaction, Subject,
                             SubmitterKind))
            statuses[row["status"].value] = statuses.get(row["status"].value, 0) + 1
            rows.append(row)
            if len(rows) >= BATCH:
                gen_s += time.perf_counter() - g0
                ins_s += _flush(db, insert(Feedback), rows)
                rows, g0 = [], time.perf_counter()
        gen_s += time.perf_counter() - g0
        ins_s += _flush(db, insert(Feedback), rows)
        i0 = time.perf_counter()
        db.session.execute(insert(FeedbackCounter),
                           [{"month": m, "last_number": k} for m, k in sorted(counters.items())])
        if db.engine.dialect.name == "postgresql":
            db.session.execute(db.text("SELECT setval(pg_get_serial_sequence('feedback', 'id'), "
                                       "(SELECT max(id) FROM feedback))"))
        db.session.commit()
        ins_s += time.perf_counter() - i0
        a0 = time.perf_counter()
        _analyze(db)
        print(f"{args.count} feedback into {db.engine.dialect.name}: {time.perf_counter() - t0:.1f} s total "
              f"(generate {gen_s:.1f} s, insert {ins_s:.1f} s, analyze {time.perf_counter() - a0:.1f} s)")
        print("statuses: " + ", ".join(f"{k} {v}" for k, v in sorted(statuses.items(), key=lambda kv: -kv[1])))
    return 0


def _feedback(rng, story, n, received, channel, month, number, unit_ids, weights, handlers, due, deadlines, end,
              alphabet, fold, consent_version, utc, enums) -> dict:
    from portal.demo import feedback as demo, feedback_data as demo_data

    Category, Channel, FeedbackKind, FeedbackStatus, RejectionReason, Satisfaction, Subject, SubmitterKind = enums
    S = FeedbackStatus
    topic = rng.choice(demo_data.TOPICS)
    person = story.submitter()
    place = person.pop("place_name")
    values = {"place": place, "street": rng.choice(demo.STREETS), "days": rng.randint(5, 20)}
    publish_allowed = rng.random() < 0.85
    answer_due = due(received, deadlines["answer"])
    row = {
        "tracking_code": f"PA-{month}-{number:06d}", "access_code": "".join(rng.choices(alphabet, k=8)),
        "submit_token": str(uuid.uuid5(TOKENS, f"bench-feedback-{n}")), "kind": FeedbackKind(topic["kind"]),
        "category": Category(topic["category"]), "subject": None, "title": topic["title"].format(**values),
        "content": topic["content"].format(**values), "procedure_code": "", "case_code": "", "place": place,
        "latitude": None, "longitude": None, "submitter_kind": SubmitterKind(person["submitter_kind"]),
        "submitter_name": person["submitter_name"], "submitter_address": person["submitter_address"],
        "submitter_phone": person["submitter_phone"], "submitter_email": person["submitter_email"],
        "consent_given_at": received.astimezone(utc), "consent_version": consent_version,
        "publish_allowed": publish_allowed, "channel": channel, "status": S.NEW, "unit_id": None, "handler_id": None,
        "received_at": received.astimezone(utc), "step_due_at": due(received, deadlines["reject"]).astimezone(utc),
        "answer_due_at": answer_due.astimezone(utc), "answered_at": None, "published_at": None, "closed_at": None,
        "rejection_reason": "", "rejection_code": None, "merged_into_id": None, "answer": "", "public_question": "",
        "public_answer": "", "public_search": "", "satisfaction": None, "satisfaction_at": None,
        "created_at": received.astimezone(utc), "version": 1,
    }
    fate = rng.choices(["reject", "transfer", "late", "stuck", "on_time"], weights=[5, 4, 12, 5, 74])[0]
    t = story.later(received, 0, 2)
    if t > end:
        return row
    if fate in ("reject", "transfer"):
        code, note = (rng.choice(demo_data.REJECT_REASONS) if fate == "reject"
                      else (None, rng.choice(demo_data.TRANSFER_TO)))
        row.update(status=S.REJECTED if code else S.TRANSFERRED, closed_at=t.astimezone(utc),
                   rejection_reason=note if code else "", rejection_code=RejectionReason(code) if code else None,
                   version=2)
        if rng.random() < 0.6 and (c := story.later(t, 1, 5)) <= end:
            row.update(status=S.CLOSED, closed_at=c.astimezone(utc), version=3)
        return row
    unit_id = rng.choices(unit_ids, weights=weights)[0]
    row.update(status=S.ACCEPTED, unit_id=unit_id, subject=Subject(topic["subject"]), step_due_at=None, version=2)
    t = story.later(t, 0, 2)
    if t > end:
        return row
    row.update(status=S.ASSIGNED, handler_id=rng.choice(handlers[unit_id]), version=3)
    due_day = answer_due.date()
    if fate == "stuck":
        if rng.random() < 0.5 and story.later(t, 2, 8) <= end:
            row.update(status=S.ANSWER_DRAFTED, answer=topic["answer"], version=4)
        return row
    if fate == "late":
        answer_day = story.cal.add_working_days(due_day, rng.randint(1, 8))
    else:
        answer_day = story.cal.add_working_days(t.date(), rng.randint(4, max(4, story.cal.working_days_between(
            t.date(), due_day) - 1)))
    draft = story.moment(max(t.date(), answer_day - timedelta(days=rng.randint(2, 4))), after=t)
    if draft > end:
        return row
    row.update(status=S.ANSWER_DRAFTED, answer=topic["answer"], version=4)
    approved = story.moment(max(draft.date(), answer_day), after=draft)
    if approved > end:
        return row
    row.update(status=S.ANSWER_APPROVED, step_due_at=due(approved, deadlines["publish"]).astimezone(utc), version=5)
    answered = story.later(approved, 0, 0)
    if answered > end:
        return row
    if publish_allowed:
        question = topic["public_question"].format(**values)
        row.update(status=S.PUBLISHED, public_question=question, public_answer=topic["answer"],
                   public_search=fold(f"{question} {topic['answer']}"), published_at=answered.astimezone(utc),
                   answered_at=answered.astimezone(utc), step_due_at=None, version=6)
        reply = story.later(answered, 1, 10)
        if rng.random() < 0.45 and reply <= end:
            row.update(satisfaction=Satisfaction.SATISFIED if rng.random() < 0.8 else Satisfaction.NOT_SATISFIED,
                       satisfaction_at=reply.astimezone(utc), version=7)
            answered = reply
    else:
        row.update(status=S.ANSWERED_PRIVATELY, answered_at=answered.astimezone(utc), step_due_at=None, version=6)
    if rng.random() < 0.4 and (c := story.later(answered, 5, 15)) <= end:
        row.update(status=S.CLOSED, closed_at=c.astimezone(utc), version=row["version"] + 1)
    return row


def _flush(db, stmt, rows) -> float:
    t = time.perf_counter()
    if rows:
        db.session.execute(stmt, rows)
        db.session.commit()
    return time.perf_counter() - t


def _analyze(db) -> None:
    db.session.execute(db.text("ANALYZE"))
    db.session.commit()


if __name__ == "__main__":
    sys.exit(main())
