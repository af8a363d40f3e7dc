"""Where one page's time goes, in-process (no HTTP server, no network): CPU per request for a portal
path and for the bare Flask route, then a cProfile of the portal path.

    python bench/profile_page.py [--path /] [--requests 2000] [--top 40] [--sort tottime]
"""
from __future__ import annotations

import argparse
import cProfile
import os
import pstats
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def build_portal(workdir: Path):
    os.environ.update(DATABASE_URL=f"sqlite:///{workdir / 'profile.sqlite3'}", SECRET_KEY="profile-" + os.urandom(8).hex(),
                      PORTAL_INSTANCE_DIR=str(workdir / "instance"))
    os.environ.pop("REDIS_URL", None)
    sys.path.insert(0, str(ROOT))
    from portal import create_app
    from portal.core.db import db
    from portal.demo.seed import load_demo

    app = create_app("development")
    with app.app_context():
        db.create_all()
        load_demo()
        db.session.commit()
    return app


def caller(app, path: str):
    from werkzeug.test import EnvironBuilder

    def call():
        environ = EnvironBuilder(path=path, headers={"Accept": "text/html"}).get_environ()
        status = []
        b"".join(app.wsgi_app(environ, lambda s, h, e=None: status.append(s)))
        return status[0]

    return call


def cpu_us(call, n: int) -> float:
    start = time.process_time()
    for _ in range(n):
        call()
    return (time.process_time() - start) / n * 1e6


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--path", default="/")
    parser.add_argument("--requests", type=int, default=2000)
    parser.add_argument("--top", type=int, default=40, help="rows of the profile (0: no profile)")
    parser.add_argument("--sort", default="cumulative", choices=["cumulative", "tottime", "ncalls"])
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="portal-profile-") as tmp:
        portal_call = caller(build_portal(Path(tmp)), args.path)
        sys.path.insert(0, str(ROOT / "bench"))
        from bare_app import app as bare

        bare_call = caller(bare, "/")
        status = portal_call()
        if not status.startswith("200"):
            sys.exit(f"{args.path} answered {status}")
        for call in (portal_call, bare_call):  # warm up: templates compiled, catalogues loaded
            cpu_us(call, 200)
        rounds = {"portal": [], "bare": []}
        for _ in range(5):
            rounds["portal"].append(cpu_us(portal_call, args.requests // 5))
            rounds["bare"].append(cpu_us(bare_call, args.requests // 5))
        portal_us, bare_us = statistics.median(rounds["portal"]), statistics.median(rounds["bare"])
        print(f"CPU per request, in-process (median of 5): portal {args.path} {portal_us:.0f} us, "
              f"bare Flask / {bare_us:.0f} us, ratio bare/portal {bare_us / portal_us:.1%}")
        if args.top:
            profile = cProfile.Profile()
            profile.enable()
            for _ in range(args.requests):
                portal_call()
            profile.disable()
            print(f"\ncProfile of {args.requests} requests to {args.path} (times inflated by the profiler):")
            pstats.Stats(profile).sort_stats(args.sort).print_stats(args.top)
    return 0


if __name__ == "__main__":
    sys.exit(main())
