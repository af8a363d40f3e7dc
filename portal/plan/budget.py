"""A plan's budget totals, computed from its activities' budgets (totals are never typed), per result, per field
and for the whole plan, with every stated "Tổng" line of the source document that disagrees."""
from __future__ import annotations

from dataclasses import dataclass, field as dc_field

from portal.plan.models import Plan


@dataclass(frozen=True)
class Disagreement:
    level: str  # "result", "field" or "plan"
    code: str
    stated: int
    computed: int

    def as_tuple(self) -> tuple:
        return (self.level, self.code, self.stated, self.computed)


@dataclass
class Totals:
    results: dict[str, int] = dc_field(default_factory=dict)  # result code → VND
    fields: dict[str, int] = dc_field(default_factory=dict)  # field code → VND
    plan: int = 0
    disagreements: list[Disagreement] = dc_field(default_factory=list)

    def disagreement(self, level: str, code: str) -> Disagreement | None:
        return next((d for d in self.disagreements if d.level == level and d.code == code), None)


def plan_totals(plan: Plan) -> Totals:
    """Totals computed from the activities' budgets, with every stated "Tổng" line that disagrees."""
    totals = Totals()
    for f in plan.fields:
        field_total = 0
        for r in f.results:
            amount = sum(a.budget or 0 for a in r.activities)
            totals.results[r.code] = amount
            field_total += amount
            if r.stated_total is not None and r.stated_total != amount:
                totals.disagreements.append(Disagreement("result", r.code, r.stated_total, amount))
        totals.fields[f.code] = field_total
        totals.plan += field_total
        if f.stated_total is not None and f.stated_total != field_total:
            totals.disagreements.append(Disagreement("field", f.code, f.stated_total, field_total))
    if plan.stated_grand_total is not None and plan.stated_grand_total != totals.plan:
        totals.disagreements.append(Disagreement("plan", "", plan.stated_grand_total, totals.plan))
    return totals
