"""The satisfaction dashboard on a large generated database (bench/gen_cases.py + bench/gen_ratings.py).

    DATABASE_URL=sqlite:////tmp/x/big.sqlite3 python bench/bench_satisfaction.py [--year 2023]
    DATABASE_URL=postgresql+psycopg://postgres@127.0.0.1:5432/bench python bench/bench_satisfaction.py

Target (issue 6): one year, all units, ≤ 150 ms p50 on SQLite and PostgreSQL.
(a) in-process: portal.satisfaction.stats.report for the year and its parts (rollup cells, cases
    returned per month, ratings by procedure), p50/p95 over --n calls;
(b) HTTP: GET /staff/satisfaction/?year=YEAR under gunicorn -w 2, signed in as the demo manager through
    /auth/login; --warmup requests first, then --n timed requests, one at a time; --runs runs, and the
    median of the runs' p50 and p95 is reported. Read-only: safe on any database.
"""
from __future__ import annotations

import argparse
import os
import statistics
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_cases import MANAGER, http_get_timed, login, timed  # noqa: E402
from run_bench import ROOT, free_port, start_gunicorn, stop, wait_ready  # noqa: E402


def bench_in_process(args) -> None:
    from portal import create_app
    from portal.core import stats as kernel
    from portal.core.db import db
    from portal.satisfaction import selection, stats
    from portal.satisfaction.models import Rating

    app = create_app()
    with app.app_context(), app.test_request_context():
        period, filters = kernel.year_period(args.year), selection.Filters()
        n = db.session.scalar(db.select(db.func.count()).select_from(Rating))
        print(f"{db.engine.dialect.name}: {n:,} ratings; year {args.year}")
        report = stats.report(period, filters)
        print(f"  year {args.year}: {report.total.n:,} ratings, {report.total.eligible:,} cases returned, "
              f"{len(report.units)} units, {len(report.procedures)} procedures, {len(report.officers)} officers")
        for label, fn in (("stats.report (whole)", lambda: stats.report(period, filters)),
                          ("  rollup cells", lambda: stats.cells(period, filters)),
                          ("  cases returned, uncached", lambda: (stats._RETURNED_MEMO.clear(),
                                                                   stats.returned_cases(period, filters))),
                          ("  cases returned, memo", lambda: stats.returned_cases(period, filters)),
                          ("  ratings by procedure", lambda: stats.by_procedure(period, filters))):
            p50, p95 = timed(fn, args.n)
            print(f"  {label:<28} p50 {p50:7.1f} ms  p95 {p95:7.1f} ms")


def bench_http(args) -> None:
    from portal.demo.seed import DEMO_PASSWORD

    env = {k: v for k, v in os.environ.items() if k not in {"REDIS_URL", "FLASK_DEBUG", "PORTAL_ENV"}}
    env.setdefault("SECRET_KEY", "bench-" + os.urandom(8).hex())
    env.update(PYTHONPATH=str(ROOT), RATELIMIT_ENABLED="0")
    port, log = free_port(), Path(args.log)
    proc = start_gunicorn("app:app", port, env, ROOT, log, 2)
    try:
        wait_ready(port, "/", proc, log)
        cookie = login(port, MANAGER, DEMO_PASSWORD)
        path = f"/staff/satisfaction/?year={args.year}"
        http_get_timed(port, path, cookie, args.warmup)
        p50s, p95s = [], []
        for run in range(args.runs):
            p50, p95, bad = http_get_timed(port, path, cookie, args.n)
            p50s.append(p50)
            p95s.append(p95)
            print(f"  run {run + 1}: p50 {p50:.1f} ms, p95 {p95:.1f} ms, non-200: {bad}")
        print(f"(b) GET {path} (gunicorn -w 2, manager): median of {args.runs} runs x {args.n}: "
              f"p50 {statistics.median(p50s):.1f} ms, p95 {statistics.median(p95s):.1f} ms")
    finally:
        stop(proc)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--year", type=int, default=2023)
    parser.add_argument("--n", type=int, default=30)
    parser.add_argument("--warmup", type=int, default=5)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--no-http", action="store_true")
    parser.add_argument("--log", default="/tmp/bench_satisfaction_gunicorn.log")
    args = parser.parse_args(argv)
    bench_in_process(args)
    if not args.no_http:
        bench_http(args)
    return 0


if __name__ == "__main__":
    sys.exit(main())
