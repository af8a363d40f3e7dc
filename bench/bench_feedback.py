"""Concurrent submissions of phản ánh, kiến nghị through the public form, under gunicorn.

    python bench/bench_feedback.py                        # SQLite, 32 clients, 3 rounds x 30 s
    python bench/bench_feedback.py --database-url postgresql+psycopg://postgres@127.0.0.1:5432/test_h4_bench
    python bench/bench_feedback.py --seconds 10 --rounds 1 --workers 4 --threads 2

The portal runs with the development configuration (CSRF on, page cache on) on a fresh database built
with `flask db upgrade` (`--schema create-all` uses db.create_all() instead), and only the per-address
rate limits switched off (RATELIMIT_ENABLED=False in the app factory below: every client comes from
127.0.0.1). Each client posts like a browser: it GETs the form once for its session cookie and CSRF
token, then POSTs text-only feedback again and again, each with a fresh form token (the hidden
submit_token the form would carry) and Vietnamese content; a 303 to the receipt is a success and the
redirect is not followed. After each round the number of feedback rows in the database must equal the
number of 303 answers: a lost or duplicated submission fails the run. Load goes only to 127.0.0.1.

The baseline, in the same run and with the same gunicorn settings and clients: `bench/bare_app.py`'s form
page and a POST that only parses the same fields and answers 303 (no validation, database or page).
Rounds alternate which server goes first; the summary gives the portal's share of the baseline, which
says how much of the machine the submission path itself uses (`--no-baseline` skips it).
"""
from __future__ import annotations

import argparse
import http.client
import multiprocessing as mp
import os
import re
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))
from run_bench import HOST, free_port, server_cpu_seconds, stop  # noqa: E402  (the house's gunicorn helpers)

FORM = "/phan-anh-kien-nghi/gui"
TARGET_RPS = 150
STREETS = ["Lê Duẩn", "Trần Hưng Đạo", "Quang Trung", "Nguyễn Tất Thành", "Hùng Vương", "Võ Văn Tần"]
WARDS = ["Nghĩa Tân", "Nghĩa Đức", "Nghĩa Thành", "Nghĩa Phú", "Nghĩa Trung", "Quảng Thành"]
NAMES = ["Nguyễn Thị Lan", "Trần Văn Hùng", "Lê Thị Mai", "Phạm Minh Tuấn", "Hoàng Thị Hoa", "Vũ Đức Anh"]


def bench_app():
    """gunicorn's app factory (`bench.bench_feedback:bench_app()`): the development app, rate limits off."""
    from portal import create_app

    return create_app(None, RATELIMIT_ENABLED=False)


# --- database -------------------------------------------------------------------------------------

def prepare_database(env: dict, schema: str) -> None:
    url = env["DATABASE_URL"]
    if url.startswith("postgresql"):
        from sqlalchemy import create_engine, text

        engine = create_engine(url, isolation_level="AUTOCOMMIT")
        with engine.connect() as conn:
            conn.execute(text("DROP SCHEMA public CASCADE"))
            conn.execute(text("CREATE SCHEMA public"))
        engine.dispose()
    if schema == "migrate":
        command = [sys.executable, "-m", "flask", "db", "upgrade"]
    else:
        command = [sys.executable, "-c", "from portal import create_app; from portal.core.db import db\n"
                   "app = create_app()\nwith app.app_context(): db.create_all()"]
    done = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True)
    if done.returncode != 0:
        sys.exit(f"building the schema failed ({schema}):\n{done.stdout}{done.stderr}")


def count_feedback(url: str) -> int:
    from sqlalchemy import create_engine, text

    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            return conn.execute(text("SELECT count(*) FROM feedback")).scalar_one()
    finally:
        engine.dispose()


# --- clients --------------------------------------------------------------------------------------

def _form_fields(n: int, client: int) -> dict:
    street, ward, name = STREETS[n % 6], WARDS[client % 6], NAMES[(n + client) % 6]
    return {
        "kind": "phan_anh", "category": "obstruction",
        "title": f"Đèn chiếu sáng đường {street} không hoạt động",
        "content": (f"Từ tuần trước, đoạn đường {street} gần số nhà {10 + n % 90} (phường {ward}) không có đèn "
                    "chiếu sáng vào ban đêm, người dân đi lại rất nguy hiểm. Đề nghị Ủy ban nhân dân thị xã "
                    "chỉ đạo đơn vị quản lý kiểm tra, sửa chữa sớm."),
        "procedure_code": "", "case_code": "", "place": f"Đường {street}, phường {ward}",
        "submitter_kind": "individual", "submitter_name": name,
        "submitter_address": f"Tổ {1 + n % 12}, phường {ward}, thị xã Gia Nghĩa",
        "submitter_phone": f"09{client % 10}{n % 10_000_000:07d}", "submitter_email": "",
        "consent": "y", "website": "",
    }


class Browser:
    """One visitor: a keep-alive connection when the server allows it, the session cookie, the CSRF token."""

    def __init__(self, port: int):
        self.port, self.conn, self.cookie, self.csrf = port, None, "", ""

    def request(self, method, path, body=None, headers=None):
        for attempt in (1, 2):
            if self.conn is None:
                self.conn = http.client.HTTPConnection(HOST, self.port, timeout=30)
            try:
                self.conn.request(method, path, body=body, headers={**(headers or {}), "Cookie": self.cookie})
                resp = self.conn.getresponse()
                data = resp.read()
            except (http.client.RemoteDisconnected, ConnectionResetError, BrokenPipeError):
                self.conn.close()
                self.conn = None  # a sync worker closed the idle connection: reopen once
                if attempt == 2 or method == "POST":
                    raise
                continue
            if resp.getheader("Connection", "").lower() == "close":
                self.conn.close()
                self.conn = None
            for value in resp.headers.get_all("Set-Cookie") or []:
                if value.startswith("session="):
                    self.cookie = value.split(";", 1)[0]
            return resp.status, data

    def open_form(self):
        status, data = self.request("GET", FORM, headers={"Accept": "text/html"})
        found = re.search(rb'name="csrf_token" type="hidden" value="([^"]+)"', data)
        if status != 200 or not found or not self.cookie:
            raise RuntimeError(f"form answered {status} without a CSRF token or session cookie")
        self.csrf = found.group(1).decode()


def _client_thread(port, client, start_at, end_at, out, lock):
    latencies, statuses, errors = [], {}, 0
    browser = Browser(port)
    try:
        browser.open_form()
    except (OSError, RuntimeError, http.client.HTTPException):
        errors += 1
    time.sleep(max(0.0, start_at - time.time()))
    n = 0
    while browser.csrf and time.time() < end_at:
        fields = {**_form_fields(n, client), "csrf_token": browser.csrf, "submit_token": str(uuid.uuid4())}
        body = urlencode(fields).encode()
        t0 = time.perf_counter()
        try:
            status, _ = browser.request("POST", FORM, body=body, headers={
                "Content-Type": "application/x-www-form-urlencoded", "Accept": "text/html",
                "Origin": f"http://{HOST}:{port}", "Referer": f"http://{HOST}:{port}{FORM}"})
        except (OSError, http.client.HTTPException):
            errors += 1
            n += 1
            continue
        latencies.append(time.perf_counter() - t0)
        statuses[status] = statuses.get(status, 0) + 1
        n += 1
    if browser.conn is not None:
        browser.conn.close()
    with lock:
        out.append((latencies, statuses, errors))


def _client_process(port, first_client, threads, start_at, end_at, queue):
    out, lock = [], threading.Lock()
    workers = [threading.Thread(target=_client_thread, args=(port, first_client + i, start_at, end_at, out, lock))
               for i in range(threads)]
    for w in workers:
        w.start()
    for w in workers:
        w.join()
    statuses: dict = {}
    for o in out:
        for code, k in o[1].items():
            statuses[code] = statuses.get(code, 0) + k
    queue.put(([x for o in out for x in o[0]], statuses, sum(o[2] for o in out)))


@dataclass
class Round:
    rps: float  # successful submissions (303) per second
    p50_ms: float
    p95_ms: float
    submitted: int  # 303 answers
    errors: int  # connection errors and answers other than 303
    rows: int  # feedback rows added to the database during the round
    statuses: dict
    cpu_ms: float | None  # server CPU (gunicorn workers, user + system) per successful submission


def run_round(port: int, seconds: float, concurrency: int, processes: int, db_url: str | None,
              arbiter_pid: int | None = None) -> Round:
    """One round against one server; db_url None is the baseline, which stores nothing to count."""
    rows_before = count_feedback(db_url) if db_url else 0
    ctx = mp.get_context("fork")
    queue = ctx.Queue()
    start_at = time.time() + 1.0  # every client has its form (cookie + token) before the clock starts
    end_at = start_at + seconds
    sizes = [concurrency // processes + (1 if i < concurrency % processes else 0) for i in range(processes)]
    firsts = [sum(sizes[:i]) for i in range(len(sizes))]
    procs = [ctx.Process(target=_client_process, args=(port, first, size, start_at, end_at, queue))
             for first, size in zip(firsts, sizes, strict=False) if size]
    for p in procs:
        p.start()
    time.sleep(max(0.0, start_at - time.time()))
    cpu_before = server_cpu_seconds(arbiter_pid) if arbiter_pid else None
    results = [queue.get(timeout=seconds + 120) for _ in procs]
    cpu_after = server_cpu_seconds(arbiter_pid) if arbiter_pid else None
    for p in procs:
        p.join()
    latencies = sorted(x for r in results for x in r[0])
    statuses: dict = {}
    for r in results:
        for code, k in r[1].items():
            statuses[code] = statuses.get(code, 0) + k
    ok = statuses.get(303, 0)
    n = len(latencies)
    rows = count_feedback(db_url) - rows_before if db_url else statuses.get(303, 0)
    return Round(rps=ok / seconds, p50_ms=1000 * latencies[n // 2] if n else 0.0,
                 p95_ms=1000 * latencies[min(n - 1, int(n * 0.95))] if n else 0.0, submitted=ok,
                 errors=sum(r[2] for r in results) + n - ok, rows=rows, statuses=statuses,
                 cpu_ms=1000 * (cpu_after - cpu_before) / ok if ok and cpu_before is not None and cpu_after else None)


# --- the run --------------------------------------------------------------------------------------

PORTAL_APP, BARE_APP = "bench.bench_feedback:bench_app()", "bench.bare_app:app"


def start_server(port: int, env: dict, log: Path, workers: int, threads: int, app: str = PORTAL_APP) -> subprocess.Popen:
    cmd = [sys.executable, "-m", "gunicorn", "-w", str(workers), "--threads", str(threads), "-b", f"{HOST}:{port}",
           "--backlog", "256", "--chdir", str(ROOT), "--error-logfile", str(log), app]
    return subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                            start_new_session=True)


def wait_ready(port: int, proc: subprocess.Popen, log: Path, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            sys.exit(f"gunicorn exited:\n{log.read_text()[-3000:]}")
        try:
            status, _ = Browser(port).request("GET", FORM)
            if status == 200:
                return
            sys.exit(f"{FORM} answered {status}")
        except OSError:
            time.sleep(0.3)
    sys.exit(f"gunicorn did not answer within {timeout}s")


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--seconds", type=float, default=30.0)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--concurrency", type=int, default=32, help="clients submitting at once")
    parser.add_argument("--processes", type=int, default=2, help="client processes sharing the clients")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers (run_bench.py uses 2 as well)")
    parser.add_argument("--threads", type=int, default=1, help="threads per gunicorn worker (1: sync worker)")
    parser.add_argument("--database-url", help="default: a throwaway SQLite file; PostgreSQL: an existing database "
                        "whose public schema is DROPPED and rebuilt")
    parser.add_argument("--schema", choices=["migrate", "create-all"], default="migrate")
    parser.add_argument("--no-baseline", dest="baseline", action="store_false",
                        help="skip the bare Flask form (bench/bare_app.py) measured in the same run")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="portal-bench-feedback-") as tmp:
        workdir = Path(tmp)
        db_url = args.database_url or f"sqlite:///{workdir / 'bench.sqlite3'}"
        env = {k: v for k, v in os.environ.items() if k not in {"REDIS_URL", "FLASK_DEBUG", "PORTAL_ENV"}}
        env.update(DATABASE_URL=db_url, SECRET_KEY="bench-" + os.urandom(16).hex(), FLASK_APP="app",
                   PORTAL_INSTANCE_DIR=str(workdir / "instance"), PYTHONPATH=str(ROOT))
        print(f"building the schema ({args.schema}) on {db_url.split('@')[-1]} ...")
        prepare_database(env, args.schema)
        port, log = free_port(), workdir / "gunicorn.log"
        proc = start_server(port, env, log, args.workers, args.threads)
        bare = bare_port = None
        rounds, bare_rounds = [], []
        try:
            wait_ready(port, proc, log)
            if args.baseline:
                bare_port = free_port()
                bare = start_server(bare_port, env, workdir / "bare.log", args.workers, args.threads, BARE_APP)
                wait_ready(bare_port, bare, workdir / "bare.log")
                run_round(bare_port, 2.0, args.concurrency, args.processes, None)  # warm-up
            run_round(port, 2.0, args.concurrency, args.processes, db_url)  # warm-up, not recorded
            for i in range(args.rounds):
                order = ["portal", "bare"] if i % 2 == 0 else ["bare", "portal"]
                for which in order:
                    if which == "bare" and bare is not None:
                        b = run_round(bare_port, args.seconds, args.concurrency, args.processes, None,
                                      arbiter_pid=bare.pid)
                        bare_rounds.append(b)
                        print(f"round {i + 1} baseline: {b.rps:6.1f} posts/s  p50 {b.p50_ms:6.1f} ms  "
                              f"CPU {b.cpu_ms or 0:5.2f} ms/post  errors: {b.errors}")
                    elif which == "portal":
                        r = run_round(port, args.seconds, args.concurrency, args.processes, db_url,
                                      arbiter_pid=proc.pid)
                        rounds.append(r)
                        lost = "" if r.rows == r.submitted else f"  MISMATCH: {r.rows} rows for {r.submitted} answers"
                        print(f"round {i + 1}: {r.rps:6.1f} submissions/s  p50 {r.p50_ms:6.1f} ms  p95 {r.p95_ms:6.1f} ms  "
                              f"CPU {r.cpu_ms or 0:5.1f} ms/submission  303: {r.submitted}  errors: {r.errors}  rows added: {r.rows}  statuses {r.statuses}{lost}")
        finally:
            stop(proc)
            if bare is not None:
                stop(bare)
            errors_logged = [line for line in log.read_text().splitlines() if "Error" in line or "Traceback" in line]
        engine = "PostgreSQL" if db_url.startswith("postgresql") else "SQLite"
    rps = statistics.median(r.rps for r in rounds)
    p50, p95 = statistics.median(r.p50_ms for r in rounds), statistics.median(r.p95_ms for r in rounds)
    cpu = statistics.median(r.cpu_ms for r in rounds) if all(r.cpu_ms for r in rounds) else 0.0
    errors, mismatched = sum(r.errors for r in rounds), [r for r in rounds if r.rows != r.submitted]
    print(f"\n{engine}, {args.concurrency} clients, gunicorn -w {args.workers} --threads {args.threads}, "
          f"{os.cpu_count()} CPUs, median of {len(rounds)} x {args.seconds:g} s:")
    print(f"  {rps:.1f} submissions/s, p50 {p50:.1f} ms, p95 {p95:.1f} ms, server CPU {cpu:.1f} ms/submission, "
          f"errors {errors}, "
          f"rows == 303 answers in every round: {not mismatched}")
    if bare_rounds:
        bare_rps = statistics.median(b.rps for b in bare_rounds)
        bare_cpu = statistics.median(b.cpu_ms or 0 for b in bare_rounds)
        print(f"  baseline (bare Flask form POST, same clients and gunicorn): {bare_rps:.1f} posts/s, "
              f"server CPU {bare_cpu:.2f} ms/post; portal/baseline {rps / bare_rps:.1%} by rate"
              + (f", baseline/portal {bare_cpu / cpu:.1%} by CPU" if cpu and bare_cpu else ""))
    if errors_logged:
        print(f"  server log: {len(errors_logged)} error lines, first: {errors_logged[0][:200]}")
    ok = rps >= TARGET_RPS and not errors and not mismatched
    print(f"  {'meets' if ok else 'BELOW'} the target (>= {TARGET_RPS} submissions/s, no error, none lost)")
    return 0 if not errors and not mismatched else 1


if __name__ == "__main__":
    sys.exit(main())
