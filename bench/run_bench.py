"""Throughput of a portal page against a bare Flask route, both under gunicorn, in one run.

    python bench/run_bench.py [--path /] [--seconds 5] [--rounds 5] [--concurrency 8]

Both servers run `gunicorn -w 2 -b 127.0.0.1:PORT` (sync workers). The portal uses the development
configuration on a throwaway SQLite database built with the migrations and the demo data. Rounds
alternate which server is measured first; the table shows the median of the rounds. Load is sent
only to 127.0.0.1 and every round stops at --seconds or --max-requests, whichever comes first.
"""
from __future__ import annotations

import argparse
import http.client
import json
import multiprocessing as mp
import os
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import asdict, dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
HOST = "127.0.0.1"  # never anything else: this tool only loads the local machine
TARGET_RATIO = 0.5


# --- servers ------------------------------------------------------------------------------------

def free_port() -> int:
    with socket.socket() as s:
        s.bind((HOST, 0))
        return s.getsockname()[1]


def portal_env(workdir: Path) -> dict:
    env = {k: v for k, v in os.environ.items() if k not in {"REDIS_URL", "FLASK_DEBUG", "PORTAL_ENV"}}
    env.update(DATABASE_URL=f"sqlite:///{workdir / 'bench.sqlite3'}", SECRET_KEY="bench-" + os.urandom(16).hex(),
               PORTAL_INSTANCE_DIR=str(workdir / "instance"), FLASK_APP="app", PYTHONPATH=str(ROOT))
    return env


def prepare_database(env: dict, procedures: int = 0) -> None:
    commands = [["-m", "flask", "db", "upgrade"], ["-m", "flask", "seed-demo"]]
    if procedures:
        commands.append([str(ROOT / "bench" / "gen_procedures.py"), str(procedures)])
    for command in commands:
        done = subprocess.run([sys.executable, *command], cwd=ROOT, env=env, capture_output=True, text=True)
        if done.returncode != 0:
            sys.exit(f"{' '.join(command)} failed:\n{done.stdout}{done.stderr}")


def start_gunicorn(app_spec: str, port: int, env: dict, chdir: Path, log: Path, workers: int) -> subprocess.Popen:
    cmd = [sys.executable, "-m", "gunicorn", "-w", str(workers), "-b", f"{HOST}:{port}",
           "--chdir", str(chdir), "--error-logfile", str(log), app_spec]
    return subprocess.Popen(cmd, cwd=chdir, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                            start_new_session=True)


def stop(proc: subprocess.Popen) -> None:
    if proc.poll() is None:
        proc.send_signal(signal.SIGTERM)  # gunicorn's graceful stop; its workers follow the arbiter
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def wait_ready(port: int, path: str, proc: subprocess.Popen, log: Path, timeout: float = 30) -> tuple[int, int]:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            sys.exit(f"gunicorn on port {port} exited:\n{log.read_text()[-3000:]}")
        try:
            conn = http.client.HTTPConnection(HOST, port, timeout=5)
            conn.request("GET", path)
            resp = conn.getresponse()
            body = resp.read()
            conn.close()
            return resp.status, len(body)
        except OSError:
            time.sleep(0.2)
    sys.exit(f"gunicorn on port {port} did not answer within {timeout}s")


def server_cpu_seconds(arbiter_pid: int) -> float | None:
    """User + system CPU of gunicorn's workers so far (Linux /proc); None elsewhere.

    Requests per second depend on what else the machine runs; CPU per request hardly does, so the
    table shows both.
    """
    try:
        total = 0
        for stat in Path("/proc").glob("[0-9]*/stat"):
            try:
                fields = stat.read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue  # the process ended meanwhile
            if int(fields[1]) == arbiter_pid or stat.parent.name == str(arbiter_pid):
                total += int(fields[11]) + int(fields[12])  # utime, stime
        return total / os.sysconf("SC_CLK_TCK")
    except (OSError, ValueError, IndexError):
        return None


# --- load generator -----------------------------------------------------------------------------

def _client_thread(port, path, start_at, end_at, budget, out, lock):
    """One connection in flight; stops at end_at or after `budget` requests."""
    latencies, errors, statuses = [], 0, {}
    conn = http.client.HTTPConnection(HOST, port, timeout=10)
    time.sleep(max(0.0, start_at - time.time()))
    while True:
        t0 = time.perf_counter()
        if time.time() >= end_at or len(latencies) + errors >= budget:
            break
        try:
            conn.request("GET", path, headers={"Accept": "text/html"})
            resp = conn.getresponse()
            resp.read()  # a sync gunicorn worker closes the connection; http.client reopens it
        except (OSError, http.client.HTTPException):
            errors += 1
            conn.close()
            conn = http.client.HTTPConnection(HOST, port, timeout=10)
            continue
        if time.time() > end_at:
            break
        latencies.append(time.perf_counter() - t0)
        statuses[resp.status] = statuses.get(resp.status, 0) + 1
    conn.close()
    with lock:
        out.append((latencies, errors, statuses))


def _client_process(port, path, threads, start_at, end_at, max_requests, queue):
    out, lock, budget = [], threading.Lock(), max(1, max_requests // threads)
    workers = [threading.Thread(target=_client_thread, args=(port, path, start_at, end_at, budget, out, lock))
               for _ in range(threads)]
    for w in workers:
        w.start()
    for w in workers:
        w.join()
    latencies = [x for o in out for x in o[0]]
    statuses: dict = {}
    for o in out:
        for code, n in o[2].items():
            statuses[code] = statuses.get(code, 0) + n
    queue.put((latencies, sum(o[1] for o in out), statuses))


@dataclass
class Round:
    rps: float
    p50_ms: float
    p99_ms: float
    requests: int
    errors: int
    non_200: int
    cpu_us: float | None = None  # server CPU per request, microseconds


def run_load(port: int, path: str, seconds: float, concurrency: int, processes: int, max_requests: int,
             arbiter_pid: int | None = None) -> Round:
    ctx = mp.get_context("fork")
    queue = ctx.Queue()
    start_at = time.time() + 0.3
    end_at = start_at + seconds
    per_proc = [concurrency // processes + (1 if i < concurrency % processes else 0) for i in range(processes)]
    procs = [ctx.Process(target=_client_process,
                         args=(port, path, n, start_at, end_at, max_requests // processes, queue))
             for n in per_proc if n]
    for p in procs:
        p.start()
    cpu_before = server_cpu_seconds(arbiter_pid) if arbiter_pid else None
    results = [queue.get(timeout=seconds + 60) for _ in procs]
    cpu_after = server_cpu_seconds(arbiter_pid) if arbiter_pid else None
    for p in procs:
        p.join()
    latencies = sorted(x for r in results for x in r[0])
    statuses: dict = {}
    for r in results:
        for code, n in r[2].items():
            statuses[code] = statuses.get(code, 0) + n
    n = len(latencies)
    elapsed = min(seconds, time.time() - start_at)
    cpu_us = 1e6 * (cpu_after - cpu_before) / n if n and cpu_before is not None and cpu_after is not None else None
    return Round(rps=n / elapsed, p50_ms=1000 * latencies[n // 2] if n else 0.0,
                 p99_ms=1000 * latencies[min(n - 1, int(n * 0.99))] if n else 0.0, requests=n,
                 errors=sum(r[1] for r in results), non_200=n - statuses.get(200, 0), cpu_us=cpu_us)


# --- the run ------------------------------------------------------------------------------------

def median_round(rounds: list[Round]) -> Round:
    return Round(rps=statistics.median(r.rps for r in rounds), p50_ms=statistics.median(r.p50_ms for r in rounds),
                 p99_ms=statistics.median(r.p99_ms for r in rounds), requests=sum(r.requests for r in rounds),
                 errors=sum(r.errors for r in rounds), non_200=sum(r.non_200 for r in rounds),
                 cpu_us=statistics.median(r.cpu_us for r in rounds) if all(r.cpu_us for r in rounds) else None)


def print_table(path: str, portal: Round, bare: Round, args) -> None:
    ratio = portal.rps / bare.rps if bare.rps else 0.0
    print(f"\n{args.rounds} rounds x {args.seconds:g}s, concurrency {args.concurrency} "
          f"({args.processes} client processes), gunicorn -w {args.workers} (sync), {os.cpu_count()} CPUs; medians")
    print(f"{'server':<22}{'req/s':>9}{'p50 ms':>9}{'p99 ms':>9}{'CPU us/req':>12}{'requests':>10}{'errors':>8}{'non-200':>9}")
    for name, r in ((f"portal {path}", portal), ("bare Flask /", bare)):
        cpu = f"{r.cpu_us:.0f}" if r.cpu_us else "n/a"
        print(f"{name:<22}{r.rps:>9.0f}{r.p50_ms:>9.2f}{r.p99_ms:>9.2f}{cpu:>12}{r.requests:>10}{r.errors:>8}{r.non_200:>9}")
    verdict = "meets" if ratio >= TARGET_RATIO else "BELOW"
    print(f"{'portal / bare req/s':<22}{ratio:>9.1%}   ({verdict} the {TARGET_RATIO:.0%} target)")
    if portal.cpu_us and bare.cpu_us:
        print(f"{'bare / portal CPU':<22}{bare.cpu_us / portal.cpu_us:>9.1%}   (server CPU per request; steadier on a busy machine)")
    print()


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--path", default="/", help="portal path to measure (GET, anonymous)")
    parser.add_argument("--seconds", type=float, default=5.0, help="length of one measurement")
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--concurrency", type=int, default=8, help="client connections in flight")
    parser.add_argument("--processes", type=int, default=2, help="client processes sharing the connections")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn sync workers for both servers")
    parser.add_argument("--max-requests", type=int, default=500_000, help="cap per measurement")
    parser.add_argument("--warmup", type=float, default=1.0, help="seconds of unrecorded load per server")
    parser.add_argument("--json", type=Path, help="also write the rounds and medians here")
    parser.add_argument("--procedures", type=int, default=0,
                        help="add this many generated procedures to the demo catalogue (bench/gen_procedures.py)")
    args = parser.parse_args(argv)
    if not args.path.startswith("/") or args.seconds <= 0 or args.rounds < 1 or args.concurrency < 1:
        parser.error("--path must start with /; --seconds, --rounds and --concurrency must be positive")
    args.processes = max(1, min(args.processes, args.concurrency))

    with tempfile.TemporaryDirectory(prefix="portal-bench-") as tmp:
        workdir = Path(tmp)
        env = portal_env(workdir)
        print("preparing a throwaway SQLite database (migrations + demo data) ...")
        prepare_database(env, args.procedures)
        servers = {}
        try:
            for name, spec, chdir, env_ in (("portal", "app:app", ROOT, env),
                                             ("bare", "bare_app:app", ROOT / "bench", dict(os.environ))):
                port, log = free_port(), workdir / f"{name}.log"
                servers[name] = (start_gunicorn(spec, port, env_, chdir, log, args.workers), port, log)
            paths = {"portal": args.path, "bare": "/"}
            for name, (proc, port, log) in servers.items():
                status, size = wait_ready(port, paths[name], proc, log)
                print(f"{name:>6} on :{port} GET {paths[name]} -> {status}, {size} bytes")
                if status != 200:
                    sys.exit(f"{name} answered {status} for {paths[name]}; measure a page that answers 200")
            for name, (_proc, port, _log) in servers.items():
                run_load(port, paths[name], args.warmup, args.concurrency, args.processes, args.max_requests)
            rounds = {"portal": [], "bare": []}
            for i in range(args.rounds):
                order = ("portal", "bare") if i % 2 == 0 else ("bare", "portal")
                for name in order:
                    proc, port, _log = servers[name]
                    r = run_load(port, paths[name], args.seconds, args.concurrency, args.processes, args.max_requests,
                                 arbiter_pid=proc.pid)
                    rounds[name].append(r)
                print(f"round {i + 1}: portal {rounds['portal'][-1].rps:7.0f} req/s   bare {rounds['bare'][-1].rps:7.0f} req/s")
        finally:
            for proc, _port, _log in servers.values():
                stop(proc)
    portal, bare = median_round(rounds["portal"]), median_round(rounds["bare"])
    print_table(args.path, portal, bare, args)
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps({"args": {k: str(v) for k, v in vars(args).items()},
                                         "portal": [asdict(r) for r in rounds["portal"]],
                                         "bare": [asdict(r) for r in rounds["bare"]],
                                         "median": {"portal": asdict(portal), "bare": asdict(bare),
                                                    "ratio": portal.rps / bare.rps if bare.rps else None}},
                                        indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
