"""Case queries and intake on a large generated database (bench/gen_cases.py). Not part of the tests.

    DATABASE_URL=sqlite:////tmp/x/big.sqlite3 python bench/bench_cases.py [--year 2023] [--http]
    DATABASE_URL=postgresql+psycopg://postgres@127.0.0.1:5432/bench_cases python bench/bench_cases.py

(a) statistics of one year for all units: the page `cases.statistics` under gunicorn -w 2 (with --http,
    logged in as the demo manager through /auth/login) when the endpoint exists; in-process always:
    portal.cases.stats.case_statistics when present, and the bare aggregate
    SELECT handling_unit_id, timing, count(*) ... GROUP BY over the cases finished in the year;
(b) a handler's worklist: open cases of one handler by due_at, LIMIT 25 (p50 over 30 handlers);
(c) intake: --clients threads calling intake.receive_case (one commit each) for --seconds, then a
    check that the codes made are unique and numbered 0001..N per unit and day.
Prints p50/p95 and the EXPLAIN of (a) and (b). The intake writes real rows: use a throwaway database.
"""
from __future__ import annotations

import argparse
import http.client
import os
import re
import statistics
import sys
import threading
import time
import urllib.parse
from collections import defaultdict
from datetime import UTC, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from run_bench import HOST, ROOT, free_port, start_gunicorn, stop, wait_ready  # noqa: E402

MANAGER = "lanhdao@gianghia.daknong.gov.vn"


def timed(fn, n: int) -> tuple[float, float]:
    times = []
    for _ in range(n):
        t = time.perf_counter()
        fn()
        times.append(1000 * (time.perf_counter() - t))
    times.sort()
    return statistics.median(times), times[min(len(times) - 1, int(len(times) * 0.95))]


def explain(db, sql: str, params: dict) -> str:
    from sqlalchemy import text

    prefix = "EXPLAIN (ANALYZE, BUFFERS) " if db.engine.dialect.name == "postgresql" else "EXPLAIN QUERY PLAN "
    rows = db.session.execute(text(prefix + sql), params).all()
    return "\n".join("  " + " ".join(str(c) for c in (r if len(r) == 1 else r[-1:])) for r in rows)


# --- HTTP with a login -------------------------------------------------------------------------

def login(port: int, email: str, password: str) -> str:
    """Sign in through the real form (CSRF token from the page); returns the Cookie header to reuse."""
    conn = http.client.HTTPConnection(HOST, port, timeout=10)
    conn.request("GET", "/auth/login")
    resp = conn.getresponse()
    page = resp.read().decode()
    cookie = "; ".join(c.split(";", 1)[0] for c in resp.headers.get_all("Set-Cookie") or [])
    token = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', page) or re.search(r'value="([^"]+)"[^>]*name="csrf_token"', page)
    body = urllib.parse.urlencode({"csrf_token": token.group(1) if token else "", "email": email, "password": password})
    conn = http.client.HTTPConnection(HOST, port, timeout=10)
    conn.request("POST", "/auth/login", body=body, headers={"Content-Type": "application/x-www-form-urlencoded",
                                                            "Cookie": cookie})
    resp = conn.getresponse()
    resp.read()
    cookies = dict(c.split(";", 1)[0].split("=", 1) for c in cookie.split("; ") if "=" in c)
    cookies.update(c.split(";", 1)[0].split("=", 1) for c in resp.headers.get_all("Set-Cookie") or [])
    if resp.status != 302:
        sys.exit(f"login as {email} answered {resp.status}, not a redirect")
    return "; ".join(f"{k}={v}" for k, v in cookies.items())


def http_get_timed(port: int, path: str, cookie: str, n: int) -> tuple[float, float, int]:
    statuses = []

    def one():
        conn = http.client.HTTPConnection(HOST, port, timeout=60)
        conn.request("GET", path, headers={"Cookie": cookie})
        resp = conn.getresponse()
        resp.read()
        statuses.append(resp.status)
    p50, p95 = timed(one, n)
    return p50, p95, sum(s != 200 for s in statuses)


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
        path = f"/staff/cases/statistics?year={args.year}"
        p50, p95, bad = http_get_timed(port, path, cookie, args.n)
        print(f"(a) GET {path} (gunicorn -w 2, logged in): p50 {p50:.1f} ms, p95 {p95:.1f} ms, non-200: {bad}")
    finally:
        stop(proc)


# --- in-process --------------------------------------------------------------------------------

def bench_queries(args, app) -> None:
    from sqlalchemy import select, text

    from portal.auth.models import StaffUser
    from portal.cases import rules
    from portal.cases.models import Case
    from portal.core.clock import local_tz
    from portal.core.db import db

    with app.app_context():
        start = datetime(args.year, 1, 1, tzinfo=local_tz()).astimezone(UTC)
        end = datetime(args.year + 1, 1, 1, tzinfo=local_tz()).astimezone(UTC)
        params = {"start": start.replace(tzinfo=None) if db.engine.dialect.name == "sqlite" else start,
                  "end": end.replace(tzinfo=None) if db.engine.dialect.name == "sqlite" else end}
        if db.engine.dialect.name == "sqlite":  # UTCDateTime stores naive UTC text on SQLite
            params = {k: v.strftime("%Y-%m-%d %H:%M:%S.%f") for k, v in params.items()}
        agg = ("SELECT handling_unit_id, timing, count(*) FROM case_file "
               "WHERE finished_at >= :start AND finished_at < :end GROUP BY handling_unit_id, timing")
        total = db.session.execute(text("SELECT count(*) FROM case_file")).scalar()
        print(f"{db.engine.dialect.name}: {total:,} cases")
        p50, p95 = timed(lambda: db.session.execute(text(agg), params).all(), args.n)
        print(f"(a) aggregate by unit and timing, finished in {args.year}: p50 {p50:.1f} ms, p95 {p95:.1f} ms")
        print(explain(db, agg, params))
        try:
            from portal.cases import stats
            from portal.core import stats as kernel
        except ImportError:
            stats = None
        if stats is not None and hasattr(stats, "case_statistics"):
            now = datetime(2025, 6, 1, tzinfo=UTC)
            p50, p95 = timed(lambda: stats.case_statistics(kernel.year_period(args.year), now=now), max(3, args.n // 4))
            print(f"(a) portal.cases.stats.case_statistics(year {args.year}, by unit): p50 {p50:.1f} ms, p95 {p95:.1f} ms")
        handlers = list(db.session.scalars(select(StaffUser.id).where(StaffUser.email.like("bench.%")).limit(30)))
        open_values = [s.value for s in rules.OPEN]
        worklist = (select(Case.id, Case.code, Case.due_at, Case.status).where(
            Case.handler_id == db.bindparam("h"), Case.status.in_(open_values)).order_by(Case.due_at).limit(25))
        times = []
        for h in handlers:
            p, _ = timed(lambda h=h: db.session.execute(worklist, {"h": h}).all(), 5)
            times.append(p)
        print(f"(b) worklist of one handler (open, by due_at, 25): p50 {statistics.median(times):.2f} ms, "
              f"max {max(times):.2f} ms over {len(times)} handlers")
        sql = ("SELECT id, code, due_at, status FROM case_file WHERE handler_id = :h AND status IN "
               f"({', '.join(repr(v) for v in open_values)}) ORDER BY due_at LIMIT 25")
        print(explain(db, sql, {"h": handlers[0]}))
        db.session.rollback()


def bench_intake(args, app) -> None:
    from sqlalchemy import select

    from portal.cases import intake
    from portal.cases.models import Case
    from portal.core.db import db, write_intent
    from portal.procedures.models import Procedure
    from portal.units.models import Unit

    with app.app_context():
        units = [db.session.scalar(select(Unit.id).where(Unit.code == c)) for c in ("000.14.26.H17", "000.01.26.H17")]
        proc_id = db.session.scalar(select(Procedure.id).where(Procedure.code == "2.000815.000.00.00.H17"))
        first_id = db.session.scalar(select(db.func.max(Case.id))) or 0
    made, errors, lock = [], [], threading.Lock()
    stop_at = time.monotonic() + args.seconds

    def client(k: int) -> None:
        with app.app_context():
            unit = db.session.get(Unit, units[k % len(units)])
            procedure = db.session.get(Procedure, proc_id)
            submitted = [d["name"] for d in procedure.current_version.documents]
            db.session.rollback()  # SQLite: the next transaction must begin under write_intent (BEGIN IMMEDIATE)
            while time.monotonic() < stop_at:
                try:
                    with write_intent():
                        case = intake.receive_case(procedure=procedure, unit=unit, submitted=submitted, sets=1,
                                                   applicant={"name": f"Nguyễn Văn Thử {k}", "phone": "0912345678",
                                                              "id_number": "067090001234"},
                                                   delivery="desk", received_at=datetime.now(UTC))
                        code = case.code
                        db.session.commit()
                    with lock:
                        made.append(code)
                except Exception as err:  # noqa: BLE001 - counted and shown
                    db.session.rollback()
                    with lock:
                        errors.append(repr(err)[:200])
            db.session.remove()

    t0 = time.monotonic()
    threads = [threading.Thread(target=client, args=(k,)) for k in range(args.clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    elapsed = time.monotonic() - t0
    with app.app_context():
        stored = list(db.session.scalars(select(Case.code).where(Case.id > first_id)))
    by_day = defaultdict(list)
    for code in stored:
        prefix, number = code.rsplit("-", 1)
        by_day[prefix].append(int(number))
    gaps = {p: n for p, n in by_day.items() if sorted(n) != list(range(1, len(n) + 1))}
    print(f"(c) intake, {args.clients} threads x {args.seconds:g}s: {len(made)} cases, {len(made) / elapsed:.0f} cases/s; "
          f"errors {len(errors)}; stored {len(stored)}; duplicates {len(stored) - len(set(stored))}; "
          f"reported-but-missing {len(set(made) - set(stored))}; series with gaps {len(gaps)}")
    for e in sorted(set(errors))[:3]:
        print("    error:", e)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--year", type=int, default=2023)
    parser.add_argument("-n", type=int, default=20, help="repetitions of each query")
    parser.add_argument("--clients", type=int, default=16)
    parser.add_argument("--seconds", type=float, default=10.0)
    parser.add_argument("--http", action="store_true", help="also time the statistics page under gunicorn")
    parser.add_argument("--no-intake", action="store_true")
    parser.add_argument("--log", default="/tmp/bench_cases_gunicorn.log")
    args = parser.parse_args(argv)
    if not os.environ.get("DATABASE_URL"):
        sys.exit("set DATABASE_URL to the generated database")
    from portal import create_app

    app = create_app()
    bench_queries(args, app)
    if args.http:
        if "cases.statistics" in app.view_functions:
            bench_http(args)
        else:
            print("(a) the endpoint cases.statistics does not exist yet: page not measured (aggregate above)")
    if not args.no_intake:
        bench_intake(args, app)
    return 0


if __name__ == "__main__":
    sys.exit(main())
