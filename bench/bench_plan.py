"""The plan dashboard and the manager overview over the bench data (issue 7 acceptance: p50 ≤ 200 ms).

    DATABASE_URL=sqlite:////tmp/h11bench/big.sqlite3 python bench/bench_plan.py [--year 2023] [--requests 20]
    DATABASE_URL=postgresql+psycopg://postgres@127.0.0.1:5432/test_h11_bench python bench/bench_plan.py

Needs the bench data of the other issues in that database: `flask seed-demo` (units, accounts, the 2019 plan),
bench/gen_cases.py (1M cases over 2020–2024), bench/gen_ratings.py (ratings, with the rollup) and feedback.
Copies the 2019 plan into --year (in force) once, then requests, signed in as the demo manager through the
Flask test client (the whole stack but the network): /staff/plan/<id>/dashboard (year), ?quarter=2, and
/staff/plan/overview for --year. Prints the first request's time, p50/p95 of each of three runs (with the
load average), and the median of the three p50s. Figures of closed periods are kept in memory between
requests (portal/plan/metrics.py); --no-cache measures every request computing them.
"""
from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

MANAGER = "lanhdao@gianghia.daknong.gov.vn"
PASSWORD = "GiaNghia@2019"  # portal/demo/seed.py DEMO_PASSWORD


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--year", type=int, default=2023)
    parser.add_argument("--requests", type=int, default=30)
    parser.add_argument("--password", default=PASSWORD)
    parser.add_argument("--no-cache", action="store_true",
                        help="PLAN_FIGURE_CACHE_SECONDS=0: every request computes every figure")
    args = parser.parse_args()

    from portal import create_app
    from portal.core.db import db
    from portal.plan import services
    from portal.plan.rules import PlanStatus

    app = create_app()
    app.config["WTF_CSRF_ENABLED"] = False
    if args.no_cache:
        app.config["PLAN_FIGURE_CACHE_SECONDS"] = 0
    with app.app_context():
        plan = services.find_plan(year=args.year)
        if plan is None:
            original = services.find_plan(year=2019)
            if original is None:
                sys.exit("no 2019 plan: run flask seed-demo first")
            plan = services.copy_plan(original, year=args.year, status=PlanStatus.IN_FORCE)
            db.session.commit()
        plan_id = plan.id
    client = app.test_client()
    response = client.post("/auth/login", data={"email": MANAGER, "password": args.password})
    if response.status_code not in (302, 303):
        sys.exit(f"login failed: {response.status_code}")
    urls = {"dashboard (year)": f"/staff/plan/{plan_id}/dashboard",
            "dashboard (Q2)": f"/staff/plan/{plan_id}/dashboard?quarter=2",
            "overview (year)": f"/staff/plan/overview?start={args.year}-01-01&end={args.year}-12-31"}
    for name, url in urls.items():
        t0 = time.perf_counter()
        assert client.get(url).status_code == 200, url  # warm up
        print(f"{name} first request: {(time.perf_counter() - t0) * 1000:.0f} ms")
        p50s = []
        for run in range(3):
            times = []
            for _ in range(args.requests):
                t0 = time.perf_counter()
                response = client.get(url)
                times.append((time.perf_counter() - t0) * 1000)
                assert response.status_code == 200
            times.sort()
            p50s.append(statistics.median(times))
            load = " ".join(f"{x:.2f}" for x in os.getloadavg())
            print(f"{name} run {run + 1}: p50 {p50s[-1]:.0f} ms, p95 {times[int(len(times) * .95) - 1]:.0f} ms"
                  f"  (load average {load})")
        print(f"{name}: median of 3 p50 = {statistics.median(p50s):.0f} ms  [{db_name(app)}"
              f"{', no cache' if args.no_cache else ''}]")


def db_name(app) -> str:
    return app.config["SQLALCHEMY_DATABASE_URI"].split(":", 1)[0]


if __name__ == "__main__":
    main()
