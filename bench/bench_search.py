"""The catalogue search before and after issue 16 point 3: the old LIKE search (every folded word as a
substring, ranked in Python) against the full-text engine (portal/core/fulltext.py), in-process.

    python bench/bench_search.py                      # SQLite in a temporary file
    python bench/bench_search.py --url postgresql+psycopg://postgres@127.0.0.1:5432/bench_search
    python bench/bench_search.py --generated 2000     # plus 2,000 generated procedures (bench/gen_procedures.py names)

The database is emptied and rebuilt with db.create_all() (so: only a throwaway database). The catalogue is the
search test's (tests/procedures/search_catalogue.py: the demo's 49 procedures and 16 more, 65), plus
--generated ones. Each of the test's queries runs --repeat times with each search; prints the median and p95
per query in ms, and how many queries find their procedure in the top 3; then the same figures for the engine's
typo path alone (the queries whose words are corrected: core.synonyms.correct is called), and the time of the
correction itself in those queries (getting the indexed words and `correct`, without the searches around it).
"""
from __future__ import annotations

import argparse
import itertools
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def old_search(query: str, base):
    """The search as it was before (portal/procedures/queries.py at 0032), for comparison."""
    from portal.core.db import db
    from portal.core.text import fold
    from portal.procedures.models import Procedure

    folded = fold(query)
    tokens = folded.split()[:8]
    stmt = base.add_columns(Procedure.search_text, Procedure.sort_name)
    for token in tokens:
        escaped = token.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        stmt = stmt.where(Procedure.search_text.like(f"%{escaped}%", escape="\\"))
    rows = db.session.execute(stmt).all()

    def rank(name: str, code: str) -> int:
        if name == folded or code == folded:
            return 0
        if name.startswith(folded) or code.startswith(folded) or name.removeprefix("thu tuc ").startswith(folded):
            return 1
        return 2 if all(any(w.startswith(t) for w in name.split()) for t in tokens) else 3

    return [r.id for r in sorted(rows, key=lambda r: (rank(*r.search_text.split("|")[:2]), r.sort_name))]


def typo_queries(queries, base, engine) -> set[str]:
    """The queries that take the typo path: core.fulltext calls `correct` for them."""
    from portal.core import fulltext

    original, calls = fulltext.correct, []

    def spy(*args, **kwargs):
        calls.append(args)
        return original(*args, **kwargs)

    fulltext.correct = spy
    try:
        found = set()
        for query, _code in queries:
            calls.clear()
            engine(query, base)
            if calls:
                found.add(query)
        return found
    finally:
        fulltext.correct = original


def correction_times(queries, base, engine, repeat: int) -> list[float]:
    """ms spent per query getting the indexed words and correcting (before: core.fulltext.vocabulary read the
    searched rows; after: core.search_words.vocabulary)."""
    from portal.core import fulltext

    spent = [0.0]

    def timed(function):
        def wrapper(*args, **kwargs):
            start = time.perf_counter()
            try:
                return function(*args, **kwargs)
            finally:
                spent[0] += time.perf_counter() - start
        return wrapper

    owners = [(fulltext, "correct"), (fulltext, "vocabulary") if hasattr(fulltext, "vocabulary")
              else (fulltext.search_words, "vocabulary")]
    originals = [(owner, name, getattr(owner, name)) for owner, name in owners]
    for owner, name, function in originals:
        setattr(owner, name, timed(function))
    times = []
    try:
        for query in queries:
            for _ in range(repeat):
                spent[0] = 0.0
                engine(query, base)
                times.append(spent[0] * 1000)
    finally:
        for owner, name, function in originals:
            setattr(owner, name, function)
    return sorted(times)


def generate(count: int) -> None:
    from bench.gen_procedures import OBJECTS, SUFFIXES, VERBS
    from portal.core.db import db
    from portal.core.text import fold, sort_string
    from portal.procedures.models import Procedure, PublicStatus

    names = itertools.cycle(f"{v} {o}{s}" for v, o, s in itertools.product(VERBS, OBJECTS, SUFFIXES))
    for n in range(count):
        name = next(names)
        code = f"9.{n + 100000:06d}.000.00.00.H17"
        db.session.add(Procedure(code=code, name=name, status=PublicStatus.ACTIVE, sort_name=sort_string(name),
                                 search_text="|".join([fold(name), fold(code), "linh vuc"])))
    db.session.commit()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", default=None)
    parser.add_argument("--generated", type=int, default=0)
    parser.add_argument("--repeat", type=int, default=20)
    args = parser.parse_args()
    from sqlalchemy import select, text

    from portal import create_app
    from portal.config import TestConfig
    from portal.core.db import db
    from portal.procedures import search
    from portal.procedures.models import Procedure, PublicStatus
    from tests.procedures.search_catalogue import build_catalogue
    from tests.procedures.test_search_queries import QUERIES

    url = args.url or f"sqlite:///{tempfile.mkdtemp(prefix='bench-search-')}/search.sqlite3"
    app = create_app(TestConfig, SQLALCHEMY_DATABASE_URI=url)
    with app.app_context():
        if db.engine.dialect.name == "postgresql":
            db.session.execute(text("DROP SCHEMA public CASCADE; CREATE SCHEMA public"))
            db.session.commit()
        db.create_all()
        ids = build_catalogue()
        generate(args.generated)
        base = select(Procedure.id).where(Procedure.status.in_([PublicStatus.ACTIVE, PublicStatus.AMENDED]))
        total = db.session.scalar(select(db.func.count()).select_from(base.subquery()))
        print(f"{db.engine.dialect.name}, {total} published procedures, {len(QUERIES)} queries x {args.repeat}")
        typos = typo_queries(QUERIES, base, search.ranked_ids)
        for label, engine, queries in (("LIKE (before)", old_search, QUERIES),
                                       ("full text (after)", search.ranked_ids, QUERIES),
                                       ("typo path", search.ranked_ids, [q for q in QUERIES if q[0] in typos])):
            times, hits = [], 0
            for query, code in queries:
                hits += ids[code] in engine(query, base)[:3]
                for _ in range(args.repeat):
                    start = time.perf_counter()
                    engine(query, base)
                    times.append((time.perf_counter() - start) * 1000)
            times.sort()
            print(f"{label:18} median {statistics.median(times):6.2f} ms  p95 {times[int(len(times) * .95)]:6.2f} ms"
                  f"  top-3 hits {hits}/{len(queries)}")
        times = correction_times(sorted(typos), base, search.ranked_ids, args.repeat)
        print(f"{'  of which correct':18} median {statistics.median(times):6.2f} ms  p95 {times[int(len(times) * .95)]:6.2f} ms")
        print("typo path:", ", ".join(sorted(typos)))


if __name__ == "__main__":
    main()
