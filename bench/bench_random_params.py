"""Public case statistics under random query parameters, before and after issue 17's page-cache key.

    python bench/bench_random_params.py [--cases 100000] [--before COMMIT] [--seconds 5] [--rounds 3]

Builds a throwaway SQLite database (migrations, demo data, `bench/gen_cases.py --count N`), then starts two
servers on it, both `gunicorn -w 2` (sync): the portal as checked out here ("after") and the portal at the
commit `--before` in a temporary `git worktree` ("before"). Each round measures, on each server, GET
`/ho-so/thong-ke?year=2024` (the clean URL) and the same URL with a random junk parameter on every request
(`&_=<random>&utm_source=bench`, what a cache-busting client or crawler sends). Before the change every junk
request misses the micro-cache and computes the whole aggregate; after it, they share the clean URL's copy.
PUBLIC_STATISTICS_RATE_LIMIT is raised for the bench (one address sends everything). Medians of the rounds.
Load goes only to 127.0.0.1; the worktree and the database are removed at the end.
"""
from __future__ import annotations

import argparse
import http.client
import random
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from run_bench import (  # noqa: E402  (bench/ is not a package)
    HOST,
    ROOT,
    free_port,
    portal_env,
    prepare_database,
    server_cpu_seconds,
    start_gunicorn,
    stop,
    wait_ready,
)

PATH = "/ho-so/thong-ke?year=2024"


def load(port: int, junk: bool, seconds: float, concurrency: int, arbiter_pid: int) -> dict:
    """`concurrency` threads, one connection in flight each, for `seconds`; requests/s, p50, CPU per request."""
    latencies, statuses, lock = [], {}, threading.Lock()
    end_at = time.time() + seconds

    def client(seed: int) -> None:
        rng, mine, codes = random.Random(seed), [], {}
        conn = http.client.HTTPConnection(HOST, port, timeout=30)
        while time.time() < end_at:
            path = f"{PATH}&_={rng.getrandbits(48)}&utm_source=bench" if junk else PATH
            t0 = time.perf_counter()
            try:
                conn.request("GET", path, headers={"Accept": "text/html"})
                resp = conn.getresponse()
                resp.read()
            except (OSError, http.client.HTTPException):
                conn.close()
                conn = http.client.HTTPConnection(HOST, port, timeout=30)
                codes["error"] = codes.get("error", 0) + 1
                continue
            mine.append(time.perf_counter() - t0)
            codes[resp.status] = codes.get(resp.status, 0) + 1
        conn.close()
        with lock:
            latencies.extend(mine)
            for code, n in codes.items():
                statuses[code] = statuses.get(code, 0) + n

    cpu_before = server_cpu_seconds(arbiter_pid)
    threads = [threading.Thread(target=client, args=(i,)) for i in range(concurrency)]
    started = time.time()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    cpu_after = server_cpu_seconds(arbiter_pid)
    n = len(latencies)
    latencies.sort()
    return {"rps": n / (time.time() - started), "p50_ms": 1000 * latencies[n // 2] if n else 0.0,
            "cpu_ms": 1000 * (cpu_after - cpu_before) / n if n and cpu_before is not None else None,
            "non_200": n - statuses.get(200, 0), "errors": statuses.get("error", 0)}


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--cases", type=int, default=100_000, help="generated cases (bench/gen_cases.py)")
    parser.add_argument("--before", default="HEAD", help="the commit measured as 'before' (the portal checked out here is 'after')")
    parser.add_argument("--seconds", type=float, default=5.0)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--concurrency", type=int, default=8)
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args(argv)

    with tempfile.TemporaryDirectory(prefix="portal-bench-params-") as tmp:
        workdir = Path(tmp)
        env = portal_env(workdir)
        env["PUBLIC_STATISTICS_RATE_LIMIT"] = "1000000 per minute"
        print(f"preparing a throwaway SQLite database (migrations + demo data + {args.cases} cases) ...")
        prepare_database(env)
        done = subprocess.run([sys.executable, str(ROOT / "bench" / "gen_cases.py"), "--count", str(args.cases)],
                              cwd=ROOT, env=env, capture_output=True, text=True)
        if done.returncode != 0:
            sys.exit(f"gen_cases.py failed:\n{done.stdout}{done.stderr}")
        tree = workdir / "before"
        subprocess.run(["git", "-C", str(ROOT), "worktree", "add", "--detach", str(tree), args.before],
                       check=True, capture_output=True)
        servers = {}
        try:
            for name, chdir in (("before", tree), ("after", ROOT)):
                port, log = free_port(), workdir / f"{name}.log"
                env_ = {**env, "PYTHONPATH": str(chdir)}
                servers[name] = (start_gunicorn("app:app", port, env_, chdir, log, args.workers), port, log)
            for name, (proc, port, log) in servers.items():
                status, size = wait_ready(port, PATH, proc, log, timeout=60)
                print(f"{name:>6} on :{port} GET {PATH} -> {status}, {size} bytes")
            results = {(s, j): [] for s in servers for j in (False, True)}
            for i in range(args.rounds):
                order = list(results) if i % 2 == 0 else list(reversed(results))
                for name, junk in order:
                    proc, port, _log = servers[name]
                    results[(name, junk)].append(load(port, junk, args.seconds, args.concurrency, proc.pid))
                print(f"round {i + 1}: " + "  ".join(f"{n}{'+junk' if j else ''} {r[-1]['rps']:.0f}/s"
                                                     for (n, j), r in results.items()))
        finally:
            for proc, _port, _log in servers.values():
                stop(proc)
            subprocess.run(["git", "-C", str(ROOT), "worktree", "remove", "--force", str(tree)], capture_output=True)

    print(f"\n{args.cases} generated cases, {args.rounds} rounds x {args.seconds:g}s, {args.concurrency} connections, "
          f"gunicorn -w {args.workers} (sync), SQLite; medians")
    print(f"{'server':<8}{'query':<28}{'req/s':>8}{'p50 ms':>9}{'CPU ms/req':>12}{'non-200':>9}{'errors':>8}")
    for (name, junk), rounds in results.items():
        med = {k: statistics.median(r[k] for r in rounds) for k in ("rps", "p50_ms")}
        cpu = [r["cpu_ms"] for r in rounds if r["cpu_ms"] is not None]
        cpu_text = f"{statistics.median(cpu):.2f}" if cpu else "n/a"
        query = "random junk parameters" if junk else "clean URL"
        print(f"{name:<8}{query:<28}{med['rps']:>8.0f}{med['p50_ms']:>9.1f}{cpu_text:>12}"
              f"{sum(r['non_200'] for r in rounds):>9}{sum(r['errors'] for r in rounds):>8}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
