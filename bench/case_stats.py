"""Time portal.cases.stats.case_statistics over generated cases on PostgreSQL (not part of the tests).

    python bench/case_stats.py --url postgresql+psycopg://postgres@127.0.0.1:5432/bench_h11 --cases 1000000

The database is emptied and rebuilt with db.create_all() (so: only a throwaway database). Cases are
spread evenly over --years years ending last year, on 20 handling units and 200 procedures; 99% are
finished (a third early, half on time, the rest late), 3% carry an apology. Prints p50/p95 in ms of a
whole year, a quarter and a month, by unit and by procedure, and the EXPLAIN ANALYZE of the
year-by-unit queries.
"""
from __future__ import annotations

import argparse
import statistics
import time
from datetime import UTC, datetime

from sqlalchemy import event, text

from portal import create_app
from portal.config import Config
from portal.core.db import db


def build(n: int, years: int, last_year: int) -> None:
    db.session.execute(text("DROP SCHEMA public CASCADE; CREATE SCHEMA public"))
    db.session.commit()
    db.create_all()
    first = datetime(last_year - years + 1, 1, 1, tzinfo=UTC)
    seconds = int((datetime(last_year + 1, 1, 1, tzinfo=UTC) - first).total_seconds())
    sql = f"""
    INSERT INTO unit (id, code, name, level, is_active, version, created_at)
      SELECT g, '000.' || lpad(g::text, 2, '0') || '.26.H17', 'Đơn vị ' || g, 'town', true, 1, now()
      FROM generate_series(1, 20) g;
    INSERT INTO procedure (id, code, status, name, search_text, sort_name, created_at)
      SELECT g, '1.' || lpad(g::text, 6, '0') || '.000.00.00.H17', 'active', 'Thủ tục ' || g, '', '', now()
      FROM generate_series(1, 200) g;
    INSERT INTO case_file (code, access_code, regime, unit_id, handling_unit_id, procedure_id,
        procedure_version_id, applicant_kind, applicant_name, applicant_id_number, applicant_phone,
        applicant_email, applicant_address, representative_name, documents, sets, delivery, processing_days,
        received_at, counting_from_at, original_due_at, due_at, status, finished_at, timing, created_at, version)
      SELECT 'B-' || g, 'ABCDEFGH', '2018', 1 + g % 20, 1 + g % 20, 1 + g % 200, {{version}}, 'individual',
        'x', '', '', '', '', '', '[]', 1, 'desk', 5, r, r, r + interval '7 days', r + interval '7 days',
        CASE WHEN g % 100 = 0 THEN 'in_progress' ELSE 'returned' END,
        CASE WHEN g % 100 = 0 THEN NULL ELSE r + (g % 9) * interval '1 day' END,
        CASE WHEN g % 100 = 0 THEN NULL WHEN g % 9 < 7 THEN 'early' WHEN g % 9 = 7 THEN 'on_time' ELSE 'late' END,
        r, 1
      FROM (SELECT g, timestamptz '{first.isoformat()}' + (g::bigint * {seconds} / {n}) * interval '1 second' AS r
            FROM generate_series(1, {n}) g) s;
    INSERT INTO case_apology (case_id, issued_at, reason, previous_due_at, new_due_at)
      SELECT id, received_at + interval '3 days', 'x', due_at, due_at + interval '5 days'
      FROM case_file WHERE id % 33 = 0;
    """
    db.session.execute(text("SET session_replication_role = replica"))  # the version row is faked
    db.session.execute(text(sql.replace("{version}", "1")))
    db.session.execute(text("SET session_replication_role = DEFAULT"))
    db.session.commit()
    with db.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
        conn.exec_driver_sql("VACUUM ANALYZE")  # as autovacuum would: visibility map and statistics


# The indexes suggested for the migration (see the report of the statistics issue).
SUGGESTED = [
    "CREATE INDEX IF NOT EXISTS ix_case_file_received_cover ON case_file (received_at, handling_unit_id, procedure_id)",
    "CREATE INDEX IF NOT EXISTS ix_case_file_finished_cover ON case_file "
    "(finished_at, timing, handling_unit_id, procedure_id, id)",
    "CREATE INDEX IF NOT EXISTS ix_case_file_open_span ON case_file USING gist (tstzrange(received_at, finished_at, '(]'))",
    "CREATE INDEX IF NOT EXISTS ix_case_apology_issued_at ON case_apology (issued_at)",
]
REPLACED = ["ix_case_file_received_at", "ix_case_file_finished_at"]  # prefixes of the covering indexes
SUGGESTED += [f"DROP INDEX IF EXISTS {name}" for name in REPLACED]
DROP_SUGGESTED = [f"DROP INDEX IF EXISTS {sql.split()[5]}" for sql in SUGGESTED if sql.startswith("CREATE")] + [
    f"CREATE INDEX IF NOT EXISTS {name} ON case_file ({name.removeprefix('ix_case_file_')})" for name in REPLACED]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--url", required=True)
    parser.add_argument("--cases", type=int, default=1_000_000)
    parser.add_argument("--years", type=int, default=4)
    parser.add_argument("--rounds", type=int, default=15)
    parser.add_argument("--indexes", choices=("current", "suggested"), default="current")
    parser.add_argument("--reuse", action="store_true", help="keep the data already generated")
    args = parser.parse_args()
    app = create_app(Config, SQLALCHEMY_DATABASE_URI=args.url)
    from portal.cases import stats
    from portal.core import stats as kernel

    last_year = datetime.now(UTC).year - 1
    with app.app_context():
        if not args.reuse:
            started = time.perf_counter()
            build(args.cases, args.years, last_year)
            print(f"built {args.cases:,} cases in {time.perf_counter() - started:.0f} s")
        with db.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
            for sql in (SUGGESTED if args.indexes == "suggested" else DROP_SUGGESTED):
                conn.exec_driver_sql(sql)
            conn.exec_driver_sql("VACUUM ANALYZE case_file")
        statements, plans = [], []
        event.listen(db.engine, "before_cursor_execute",
                     lambda conn, cur, stmt, params, ctx, many: statements.append((stmt, params)))
        now = datetime.now(UTC)
        for label, period in [("year", kernel.year_period(last_year - 1)),
                              ("quarter", kernel.quarter_period(last_year - 1, 2)),
                              ("month", kernel.month_period(last_year - 1, 5)),
                              ("current year", kernel.year_period(now.year))]:
            for by in ("unit", "procedure"):
                times = []
                for _ in range(args.rounds):
                    statements.clear()
                    started = time.perf_counter()
                    report = stats.case_statistics(period, now=now, by=by)
                    times.append((time.perf_counter() - started) * 1000)
                times.sort()
                if not plans:
                    plans.extend(statements)
                print(f"{label:12} by {by:9}: p50 {statistics.median(times):6.1f} ms, "
                      f"p95 {times[int(len(times) * .95) - 1]:6.1f} ms, {len(report.rows)} rows, "
                      f"received {report.total.received:,}")
        with db.engine.connect() as conn:
            for stmt, params in plans:
                plan = conn.exec_driver_sql("EXPLAIN ANALYZE " + stmt, params).scalars().all()
                print("\n".join(plan), end="\n\n")


if __name__ == "__main__":
    main()
