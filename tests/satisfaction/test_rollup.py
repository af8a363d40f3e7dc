"""The monthly rollups equal a direct GROUP BY over case_rating: after ratings stored one by one (the
upsert in services._after_store), after a rebuild, after a partial rebuild, and through record_rating."""
from __future__ import annotations

import random
from datetime import date, timedelta

from sqlalchemy import func, select

from portal.core.db import db
from portal.satisfaction import rollup, services
from portal.satisfaction.models import Rating
from portal.satisfaction.rollup import RatingMonth, RatingMonthProcedure
from portal.satisfaction.rules import Channel
from tests.satisfaction import helpers
from tests.satisfaction.test_stats import YEAR, add_rating, local, new_case, world  # noqa: F401


def rollup_rows() -> dict:
    t = RatingMonth
    return {(m, u, o, c): tuple(rest) for m, u, o, c, *rest in db.session.execute(
        select(t.month, t.unit_id, t.officer_key, t.channel, *[getattr(t, s) for s in rollup.SUMS])) if rest[0]}


def procedure_rows() -> dict:
    t = RatingMonthProcedure
    return {(m, u, p): tuple(rest) for m, u, p, *rest in db.session.execute(
        select(t.month, t.unit_id, t.procedure_id, *[getattr(t, s) for s in rollup.PROCEDURE_SUMS])) if rest[0]}


def by_hand() -> tuple[dict, dict]:
    """The same sums from the Rating objects in Python (no SQL aggregate)."""
    cube, per_procedure = {}, {}
    for r in db.session.scalars(select(Rating)):
        month = r.rated_on.year * 100 + r.rated_on.month
        points = [getattr(r, f"i{i}") or 0 for i in range(1, 10)]  # 5, 8, 9 are NULL: per agency (TT 01 Điều 14 k2)
        figures = [1, int(r.satisfied), *points, r.officer_score, r.agency_score or 0]
        key = (month, r.unit_id, r.officer_id or 0, r.channel.value if hasattr(r.channel, "value") else r.channel)
        cube[key] = tuple(a + b for a, b in zip(cube.get(key, (0,) * len(figures)), figures, strict=False))
        pkey = (month, r.unit_id, r.procedure_id)
        small = [1, int(r.satisfied), r.officer_score, r.agency_score or 0]
        per_procedure[pkey] = tuple(a + b for a, b in zip(per_procedure.get(pkey, (0,) * 4), small, strict=False))
    return cube, per_procedure


def test_upserts_one_rating_at_a_time_equal_the_group_by(world):  # noqa: F811
    rng = random.Random(14)
    rollup.rebuild()
    units, procedures, officers = world["units"], world["procedures"], world["officers"]
    for n in range(60):
        ui = rng.randrange(3)
        day = date(YEAR, 1, 1) + timedelta(days=rng.randrange(365))
        case = new_case(units[ui], procedures[n % 2], local(day.year, day.month, day.day, 9), 5000 + n,
                        desk=officers[ui] if n % 4 else None)
        add_rating(case, day, rng)  # flush + rollup.add, as record_rating does
    db.session.commit()
    cube, per_procedure = by_hand()
    assert rollup_rows() == cube
    assert procedure_rows() == per_procedure


def test_rebuild_repairs_and_partial_rebuild_keeps_other_months(world):  # noqa: F811
    cube, per_procedure = by_hand()
    db.session.execute(RatingMonth.__table__.update().values(n=RatingMonth.n + 7))
    db.session.execute(RatingMonthProcedure.__table__.delete())
    rollup.rebuild(YEAR * 100 + 3, YEAR * 100 + 5)
    rows = rollup_rows()
    assert {k: v for k, v in rows.items() if YEAR * 100 + 3 <= k[0] <= YEAR * 100 + 5} == {
        k: v for k, v in cube.items() if YEAR * 100 + 3 <= k[0] <= YEAR * 100 + 5}
    assert all(v[0] == cube[k][0] + 7 for k, v in rows.items() if not YEAR * 100 + 3 <= k[0] <= YEAR * 100 + 5)
    rollup.rebuild()
    assert rollup_rows() == cube and procedure_rows() == per_procedure


def test_taking_a_rating_out_again(world):  # noqa: F811
    rating = world["ratings"][0]
    before = rollup_rows()
    key = (rating.rated_on.year * 100 + rating.rated_on.month, rating.unit_id, rating.officer_id or 0,
           rating.channel.value if hasattr(rating.channel, "value") else rating.channel)
    rollup.add(rating, sign=-1)
    after = rollup_rows()
    assert after.get(key, (0,))[0] == before[key][0] - 1


def test_record_rating_updates_the_rollup_in_its_transaction(app_ctx):
    w = helpers.make_world()
    case = helpers.returned_case(w)
    rating = services.record_rating(case, {"level": "satisfied", "attitude": "good"}, channel=Channel.TABLET,
                                    now=helpers.local(2027, 3, 3, 10, 30), entered_by=w["desk"])
    db.session.commit()
    row = db.session.execute(select(RatingMonth)).scalar_one()
    assert (row.month, row.unit_id, row.officer_key, row.channel) == (202703, case.handling_unit_id,
                                                                      case.received_by_id or 0, "tablet")
    assert (row.n, row.satisfied, row.officer_sum, row.agency_sum) == (1, 1, rating.officer_score, 0)
    assert rating.agency_score is None and (rating.i5, rating.i8, rating.i9) == (None, None, None)
    assert (row.s1, row.s7) == (rating.i1, rating.i7)
    assert db.session.scalar(select(func.sum(RatingMonthProcedure.n))) == 1


def test_rebuild_command(world, app):  # noqa: F811
    cube, _ = by_hand()
    db.session.execute(RatingMonth.__table__.delete())
    db.session.commit()
    result = app.test_cli_runner().invoke(args=["satisfaction", "rebuild-rollup"])
    assert result.exit_code == 0, result.output
    assert "rating rollup rebuilt" in result.output
    db.session.expire_all()
    assert rollup_rows() == cube


def test_demo_ratings_are_realistic_idempotent_and_rolled_up(app_ctx):
    from collections import Counter

    from portal.cases.models import Case
    from portal.cases.rules import CaseStatus
    from portal.demo.cases import load_cases
    from portal.demo.satisfaction import load_ratings
    from portal.demo.seed import load_demo

    load_demo()  # no cases (hence no ratings) under TESTING
    load_cases(count=300)
    summary = load_ratings()
    returned = db.session.scalar(select(func.count()).select_from(Case).where(Case.status == CaseStatus.RETURNED))
    ratings = list(db.session.scalars(select(Rating)))
    assert summary.startswith(f"{len(ratings)} demo ratings")
    assert 0.4 <= len(ratings) / returned <= 0.6
    channels = Counter(r.channel.value for r in ratings)
    assert channels["tablet"] > channels["online"] > channels["paper"] > 0
    assert all(r.rated_at > r.case.returned_at for r in ratings)
    assert load_ratings() == "demo ratings: none added"
    cube, per_procedure = by_hand()
    assert rollup_rows() == cube and procedure_rows() == per_procedure
