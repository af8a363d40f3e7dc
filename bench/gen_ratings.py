"""Bulk bench ratings: about N per-case ratings of the cases returned in 2020–2024 (bench/gen_cases.py),
straight into DATABASE_URL, then the monthly rollups rebuilt from them.

    DATABASE_URL=sqlite:///... python bench/gen_ratings.py --count 1000000
    DATABASE_URL=postgresql+psycopg://postgres@127.0.0.1:5432/bench python bench/gen_ratings.py

Bench data, not demo data: each returned case not yet rated is rated with probability
count / returned cases (so generate at least `count` cases first: `gen_cases.py --count 1100000`
returns about 1.05 million). One rating per case holds (case_rating.case_id is unique). The bench
cases record no desk officer, so the case's handler stands in as the officer (two per unit). Channel
mix tablet 60% / online 25% / paper 15%; about 86% satisfied, one unit in five markedly less.
PostgreSQL gets the rows by COPY, SQLite by Core executemany; then `rollup.rebuild()` and ANALYZE.
"""
from __future__ import annotations

import argparse
import random
import sys
import time
from datetime import timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

BATCH = 20_000
COLUMNS = ["case_id", "channel", "scale", "level", "satisfied", "contacts", "agencies", "attitude", "comment",
           "rated_at", "rated_on", "entered_by_id", "unit_id", "procedure_id", "officer_id", "handler_id",
           "i1", "i2", "i3", "i4", "i5", "i6", "i7", "i8", "i9", "officer_score", "agency_score"]
TIME_POINTS = {"early": 2, "on_time": 1, "late": 0}


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--count", type=int, default=1_000_000)
    parser.add_argument("--seed", type=int, default=2024)
    args = parser.parse_args(argv)

    from sqlalchemy import func, insert, select

    from portal import create_app
    from portal.cases.models import Case
    from portal.cases.rules import CaseStatus
    from portal.core.clock import local_tz
    from portal.core.db import db
    from portal.satisfaction import rollup
    from portal.satisfaction.models import Rating

    app = create_app()
    rng = random.Random(args.seed)
    tz = local_tz()
    t0 = time.perf_counter()
    with app.app_context():
        pg = db.engine.dialect.name == "postgresql"
        rated = select(Rating.case_id).where(Rating.case_id == Case.id).exists()
        where = (Case.status == CaseStatus.RETURNED, Case.returned_at.is_not(None), ~rated)
        available = db.session.scalar(select(func.count()).select_from(Case).where(*where))
        share = min(1.0, args.count / max(1, available))
        stmt = (select(Case.id, Case.handling_unit_id, Case.procedure_id, Case.handler_id, Case.returned_at, Case.timing)
                .where(*where).order_by(Case.id).execution_options(yield_per=BATCH))
        rows, made, ins_s = [], 0, 0.0
        conn = db.session.connection()
        for case_id, unit_id, procedure_id, handler_id, returned_at, timing in conn.execute(stmt):
            if rng.random() >= share:
                continue
            rows.append(_rating(rng, case_id, unit_id, procedure_id, handler_id, returned_at, timing, tz,
                                unhappy=unit_id % 5 == 0))
            if len(rows) >= BATCH:
                ins_s += _flush(db, Rating, insert, rows, pg)
                made += len(rows)
                rows = []
        ins_s += _flush(db, Rating, insert, rows, pg)
        made += len(rows)
        db.session.commit()
        r0 = time.perf_counter()
        cells = rollup.rebuild()
        db.session.commit()
        rebuild_s = time.perf_counter() - r0
        a0 = time.perf_counter()
        _analyze(db, pg)
        print(f"{made} ratings into {db.engine.dialect.name}: {time.perf_counter() - t0:.1f} s total "
              f"(insert {ins_s:.1f} s, rollup rebuild {rebuild_s:.1f} s -> {cells} rows, "
              f"analyze {time.perf_counter() - a0:.1f} s)")
    return 0


def _rating(rng, case_id, unit_id, procedure_id, officer_id, returned_at, timing, tz, unhappy: bool) -> dict:
    channel = rng.choices(("tablet", "online", "paper"), (60, 25, 15))[0]
    local = returned_at.astimezone(tz) + timedelta(minutes=rng.randint(1, 20) if channel == "tablet" else
                                                   rng.randint(30, 3 * 24 * 60))
    p_satisfied = 0.70 if unhappy else 0.88
    level = ("very_satisfied" if rng.random() < 0.45 else "satisfied") if rng.random() < p_satisfied \
        else "not_satisfied"
    timing = getattr(timing, "value", timing)
    i1 = TIME_POINTS.get(timing, 0)
    contacts = rng.choices((0, 1, 2), (85, 12, 3))[0]
    agencies = rng.choices((0, 1, 2), (80, 17, 3))[0]  # satisfaction.rules.Agencies (TT 01/2018 Điều 13 k4)
    attitude = rng.choices(("good", "indifferent", "harassing"), (88, 10, 2) if not unhappy else (70, 25, 5))[0]
    # Per file (Điều 14 k1): 1, 2, 3, 4, 6 (electronic, 0/1) and 7 objective; 5, 8, 9 are per agency (NULL).
    points = [i1, i1, 2 - contacts, {0: 2, 1: 1}.get(agencies, 0), None, 1,
              0 if attitude == "harassing" else i1, None, None]
    return {"case_id": case_id, "channel": channel, "scale": 3, "level": level, "satisfied": level != "not_satisfied",
            "contacts": contacts, "agencies": agencies, "attitude": attitude, "comment": "",
            "rated_at": local.astimezone(returned_at.tzinfo), "rated_on": local.date(), "entered_by_id": None,
            "unit_id": unit_id, "procedure_id": procedure_id, "officer_id": officer_id, "handler_id": officer_id,
            **{f"i{k + 1}": p for k, p in enumerate(points)},
            "officer_score": points[0] + points[1] + points[2] + points[3] + points[6], "agency_score": None}


def _flush(db, Rating, insert, rows, pg: bool) -> float:
    t = time.perf_counter()
    if not rows:
        return 0.0
    if pg:
        raw = db.session.connection().connection.driver_connection
        with raw.cursor() as cur, cur.copy(f"COPY case_rating ({', '.join(COLUMNS)}) FROM STDIN") as copy:
            for row in rows:
                copy.write_row([row[c] for c in COLUMNS])
    else:
        db.session.execute(insert(Rating), rows)
    return time.perf_counter() - t


def _analyze(db, pg: bool) -> None:
    """Fresh planner statistics (and, on PostgreSQL, a visibility map for index-only scans)."""
    if pg:
        db.session.commit()
        with db.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
            conn.exec_driver_sql("VACUUM ANALYZE case_rating")
            conn.exec_driver_sql("VACUUM ANALYZE rating_month")
            conn.exec_driver_sql("VACUUM ANALYZE rating_month_procedure")
            conn.exec_driver_sql("VACUUM ANALYZE case_file")
    else:
        db.session.execute(db.text("ANALYZE"))
        db.session.commit()


if __name__ == "__main__":
    sys.exit(main())
