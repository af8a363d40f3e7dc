"""Bulk bench cases: N cases over 5 years (2020–2024) across 30 units, straight into DATABASE_URL.

    DATABASE_URL=sqlite:///... python bench/gen_cases.py --count 1000000 [--events]
    DATABASE_URL=postgresql+psycopg://postgres@127.0.0.1:5432/bench_cases python bench/gen_cases.py

Bench data, not demo data: the schema must exist (`flask db upgrade`; `flask seed-demo` for the
catalogue and demo units, whose 2019 cases do not collide with these years). Bypasses the services:
SQLAlchemy Core inserts of 10,000-row dict batches. Due dates come from the real working-day calendar
(`calendar_for`, cut-off 15:00, cached per day and processing time); codes are gap-free per unit and
day, and `case_counter` is filled so later intakes continue the numbering. Timing mix: ~55% early,
~37% on time, ~5% late, 1% withdrawn, 1% refused; cases whose finish would fall after 31 Dec 2024
17:00 stay open, plus ~0.3% stuck past their due date. Each unit gets two handlers.
`--events` adds two CaseEvent rows per case (receive, and finish/withdraw when finished); default none.
"""
from __future__ import annotations

import argparse
import random
import string
import sys
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

FIRST_YEAR, YEARS, UNITS, BATCH = 2020, 5, 30, 10_000
SLOTS = [(450, 690), (810, 1020)]  # office hours in minutes
NAMES = ["Nguyễn Văn An", "Trần Thị Hoa", "Lê Minh Tuấn", "Phạm Thị Lan", "Y Sơn Niê", "H'Hương Byă", "K'Bình",
         "Hoàng Văn Đức", "Vũ Thị Mai", "Đặng Quốc Bảo", "Bùi Thị Thu", "Đỗ Văn Hùng", "Ngô Thị Nga", "Dương Văn Long"]


def ensure_units_and_handlers(db, n_units: int) -> tuple[list, dict]:
    """Top up to `n_units` units (bench communes) and give each two handlers (Core inserts)."""
    from sqlalchemy import insert, select

    from portal.auth.models import StaffUser, UserRole
    from portal.units.models import Unit, UnitLevel

    units = list(db.session.scalars(select(Unit).order_by(Unit.id)))
    now = datetime.now(UTC)
    extra = [{"code": f"000.{40 + i:02d}.26.H17", "name": f"UBND xã thử nghiệm {i + 1}", "level": UnitLevel.COMMUNE,
              "is_active": True, "version": 1, "created_at": now} for i in range(max(0, n_units - len(units)))]
    if extra:
        db.session.execute(insert(Unit), extra)
    units = list(db.session.scalars(select(Unit).order_by(Unit.id)))[:n_units]
    some_hash = db.session.scalar(select(StaffUser.password_hash).limit(1)) or "x"
    handlers = {}
    for unit in units:
        emails = [f"bench.{unit.code}.{k}@bench.invalid" for k in (1, 2)]
        have = {u.email: u.id for u in db.session.scalars(select(StaffUser).where(StaffUser.email.in_(emails)))}
        for k, email in enumerate(emails):
            if email not in have:
                uid = db.session.execute(insert(StaffUser).values(
                    email=email, full_name=f"Chuyên viên {k + 1} {unit.name}", unit_id=unit.id, password_hash=some_hash,
                    is_active_account=True, session_version=1, created_at=now, version=1)
                    .returning(StaffUser.id)).scalar_one()
                db.session.execute(insert(UserRole).values(user_id=uid, role="handler"))
                have[email] = uid
        handlers[unit.id] = [have[e] for e in emails]
    db.session.commit()
    return units, handlers


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--count", type=int, default=1_000_000)
    parser.add_argument("--units", type=int, default=UNITS)
    parser.add_argument("--events", action="store_true", help="two CaseEvent rows per case (default: none)")
    parser.add_argument("--seed", type=int, default=2024)
    args = parser.parse_args(argv)

    from sqlalchemy import insert, select

    from portal import create_app
    from portal.cases.models import Case, CaseCounter, CaseEvent
    from portal.cases.rules import CaseStatus, Timing, case_code
    from portal.core.clock import local_tz
    from portal.core.db import db
    from portal.procedures.models import Procedure, PublicStatus
    from portal.workdays.services import calendar_for, due_settings

    app = create_app()
    rng = random.Random(args.seed)
    t0 = time.perf_counter()
    with app.app_context():
        units, handlers = ensure_units_and_handlers(db, args.units)
        procs = [(p.id, p.current_version.id, p.current_version.processing_days)
                 for p in db.session.scalars(select(Procedure).order_by(Procedure.id))
                 if p.status in (PublicStatus.ACTIVE, PublicStatus.AMENDED) and p.current_version is not None]
        years = list(range(FIRST_YEAR, FIRST_YEAR + YEARS))
        cal, settings, tz = calendar_for(years, language="vi"), due_settings(), local_tz()
        end = datetime(years[-1], 12, 31, 17, 0, tzinfo=tz)
        days = [d for d in (date(years[0], 1, 1) + timedelta(i) for i in range((date(years[-1] + 1, 1, 1) - date(years[0], 1, 1)).days))
                if cal.is_working_day(d)]
        per = {}  # (unit index, day index) -> count: spread evenly, then jittered
        for _ in range(args.count):
            key = (rng.randrange(len(units)), rng.randrange(len(days)))
            per[key] = per.get(key, 0) + 1
        due_cache: dict = {}
        utc, alphabet = UTC, string.ascii_uppercase + "23456789"

        def due_for(received: datetime, pd: int) -> tuple[datetime, datetime]:
            start = cal.effective_receipt(received, settings)
            if pd == 0:
                return start, datetime.combine(start.date(), settings.office_close, tzinfo=tz)
            cache_key = (start.date(), pd)
            day = due_cache.get(cache_key) or due_cache.setdefault(cache_key, cal.add_working_days(start.date(), pd))
            return start, datetime.combine(day, start.timetz())

        def later(t: datetime, k: int) -> datetime:
            day = cal.add_working_days(t.date(), k) if k else t.date()
            return datetime.combine(day, t.timetz()) + timedelta(minutes=rng.randint(5, 90))

        gen_s = ins_s = 0.0
        rows, events, counters, case_id = [], [], [], db.session.scalar(select(db.func.max(Case.id))) or 0
        codes = {u.id: u.code for u in units}
        for (ui, di), n in sorted(per.items(), key=lambda kv: (kv[0][1], kv[0][0])):
            g0 = time.perf_counter()
            unit, day = units[ui], days[di]
            minutes = sorted(rng.randint(*rng.choices(SLOTS, weights=(240, 210))[0]) for _ in range(n))
            for number, m in enumerate(minutes, 1):
                pid, vid, pd = procs[rng.randrange(len(procs))]
                received = datetime.combine(day, datetime.min.time(), tzinfo=tz) + timedelta(minutes=m)
                start, due = due_for(received, pd)
                roll, finished, timing, status = rng.random(), None, None, CaseStatus.RETURNED
                if roll < 0.01:
                    status, finished = CaseStatus.WITHDRAWN, later(start, 0)
                elif roll < 0.013:
                    finished = None  # stuck
                elif roll < 0.063:
                    finished, timing = later(due, rng.randint(1, 5)), Timing.LATE
                elif roll < 0.43:
                    slack = int((due - received).total_seconds() // 60) - 1
                    finished, timing = due - timedelta(minutes=rng.randint(0, max(0, min(90, slack)))), Timing.ON_TIME
                else:
                    span = cal.working_days_between(start.date(), due.date())
                    finished, timing = later(start, rng.randint(0, max(0, span - 1))), Timing.EARLY
                    if finished.date() >= due.date():
                        timing = Timing.ON_TIME if finished <= due else Timing.LATE
                if timing and finished and finished > due:
                    timing = Timing.LATE
                if finished is None or finished > end:
                    status, finished, timing = rng.choice([CaseStatus.IN_PROGRESS] * 8 + [CaseStatus.TRANSFERRED,
                                                                                          CaseStatus.RECEIVED]), None, None
                elif status != CaseStatus.WITHDRAWN and roll > 0.995:
                    status = CaseStatus.REFUSED
                returned = later(finished, rng.randint(0, 3)) if status == CaseStatus.RETURNED else None
                if returned is not None and returned > end:
                    status, returned = CaseStatus.RESULT_READY, None
                case_id += 1
                r_utc = received.astimezone(utc)
                rows.append({
                    "id": case_id, "code": case_code(codes[unit.id], day, number),
                    "access_code_hash": "bench:" + "".join(rng.choices(alphabet, k=8)),  # no look-up of bench cases
                    "regime": "2018", "unit_id": unit.id,
                    "handling_unit_id": unit.id, "procedure_id": pid, "procedure_version_id": vid,
                    "applicant_kind": "individual", "applicant_name": NAMES[case_id % len(NAMES)],
                    "applicant_id_number": f"067{case_id:09d}", "applicant_phone": f"09{case_id % 100_000_000:08d}",
                    "applicant_email": "", "applicant_address": "Tổ dân phố 1, phường Nghĩa Tân, thị xã Gia Nghĩa",
                    "representative_name": "", "documents": [], "sets": 1, "delivery": "desk", "processing_days": pd,
                    "received_at": r_utc, "counting_from_at": start.astimezone(utc),
                    "original_due_at": due.astimezone(utc), "due_at": due.astimezone(utc), "status": status,
                    "handler_id": None if status == CaseStatus.RECEIVED else handlers[unit.id][number % 2],
                    "supplement_requested_at": None, "supplement_received_at": None,
                    "finished_at": finished.astimezone(utc) if finished else None,
                    "returned_at": returned.astimezone(utc) if returned else None, "timing": timing,
                    "received_by_id": None, "created_at": r_utc, "version": 1})
                if args.events:
                    events.append({"case_id": case_id, "at": r_utc, "actor_name": "", "action": "receive",
                                   "from_status": None, "to_status": "received", "unit_id": unit.id, "note": ""})
                    if finished:
                        events.append({"case_id": case_id, "at": finished.astimezone(utc), "actor_name": "",
                                       "action": "withdraw" if status == CaseStatus.WITHDRAWN else "finish",
                                       "from_status": "in_progress", "to_status": status.value, "unit_id": unit.id,
                                       "note": ""})
            counters.append({"unit_id": unit.id, "day": day, "last_number": n})
            gen_s += time.perf_counter() - g0
            if len(rows) >= BATCH:
                ins_s += flush(db, Case, CaseEvent, rows, events)
                rows, events = [], []
        ins_s += flush(db, Case, CaseEvent, rows, events)
        i0 = time.perf_counter()
        for k in range(0, len(counters), BATCH):
            db.session.execute(insert(CaseCounter), counters[k:k + BATCH])
        if db.engine.dialect.name == "postgresql":
            db.session.execute(db.text("SELECT setval(pg_get_serial_sequence('case_file', 'id'), (SELECT max(id) FROM case_file))"))
        db.session.commit()
        ins_s += time.perf_counter() - i0
        a0 = time.perf_counter()
        analyze(db)
        total = time.perf_counter() - t0
        print(f"{args.count} cases{' + events' if args.events else ''} into {db.engine.dialect.name}: "
              f"{total:.1f} s total (generate {gen_s:.1f} s, insert {ins_s:.1f} s, analyze {time.perf_counter() - a0:.1f} s)")
    return 0


def flush(db, Case, CaseEvent, rows, events) -> float:
    from sqlalchemy import insert

    t = time.perf_counter()
    if rows:
        db.session.execute(insert(Case), rows)
    if events:
        db.session.execute(insert(CaseEvent), events)
    db.session.commit()
    return time.perf_counter() - t


def analyze(db) -> None:
    """Fresh planner statistics, as autovacuum / a nightly job would have them."""
    db.session.execute(db.text("ANALYZE"))
    db.session.commit()


if __name__ == "__main__":
    sys.exit(main())
