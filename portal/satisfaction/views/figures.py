"""Public figures: the share of satisfied ratings per handling unit and quarter of a year, with n and the
95% Wilson interval, flagged under SATISFACTION_MIN_N, against the plan's target (80%). No officer names.
Reads the ratings table directly (services.quarterly_by_unit)."""
from __future__ import annotations

from flask import current_app, render_template, request
from sqlalchemy import select

from portal.core.access import public
from portal.core.cache import cached_page
from portal.core.clock import today_local
from portal.core.db import db
from portal.core.numbers import parse_int
from portal.core.stats import Rate
from portal.core.text import sort_key
from portal.extensions import public_statistics_limit
from portal.satisfaction import services
from portal.satisfaction.views import public_bp
from portal.units.models import Unit

QUARTERS = (1, 2, 3, 4)


@public_bp.route("/hai-long")
@public
@public_statistics_limit
@cached_page(params=(("year", lambda raw: None if parse_int(raw) is None else str(parse_int(raw))),))  # as read below
def figures():
    years = services.rating_years()
    year = parse_int(request.args.get("year"))
    if year not in years:
        year = years[0] if years else today_local().year
    counts = services.quarterly_by_unit(year)
    min_n = int(current_app.config.get("SATISFACTION_MIN_N", 30))
    unit_ids = sorted({unit_id for unit_id, _ in counts})
    names = {i: n for i, n in db.session.execute(select(Unit.id, Unit.name).where(Unit.id.in_(unit_ids)))} if unit_ids else {}

    def row(name, pick):
        cells = [Rate(*_sum(pick(q)), min_n) for q in QUARTERS]
        year_k, year_n = sum(c.numerator for c in cells), sum(c.denominator for c in cells)
        return {"name": name, "quarters": cells, "year": Rate(year_k, year_n, min_n)}

    rows = sorted((row(names.get(u, ""), lambda q, u=u: [counts.get((u, q), (0, 0))]) for u in unit_ids),
                  key=lambda r: sort_key(r["name"]))
    total = row("", lambda q: [v for (u, qq), v in counts.items() if qq == q])
    return render_template("satisfaction/figures.html", year=year, years=years or [year], rows=rows, total=total,
                           min_n=min_n, target=current_app.config.get("SATISFACTION_TARGET", 0.8))


def _sum(values) -> tuple[int, int]:
    return sum(k for k, _ in values), sum(n for _, n in values)
