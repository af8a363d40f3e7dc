"""Label and formula of each indicator, written ONCE (DOMAIN.md §7): the statistics pages, the plan's
live figures, the manager overview and the open-data API show these words beside the figure. The
formulas themselves are computed in cases.indicators and feedback.indicators (pure) and the satisfaction
dashboard; the keys below are also the API's field names."""
from __future__ import annotations

from dataclasses import dataclass

from flask_babel import lazy_gettext as _l


@dataclass(frozen=True)
class Indicator:
    key: str
    label: object
    formula: object


def _table(*items: Indicator) -> dict[str, Indicator]:
    return {i.key: i for i in items}


CASES = _table(
    Indicator("on_time_rate", _l("Cases finished on time (the plan's wording)"),
              _l("(Cases finished early + finished on time) ÷ cases finished in the period, each judged against "
                 "the date promised on its receipt (an apology does not make a late case on time).")),
    Indicator("on_time_rate_766", _l("Cases on time (QĐ 766)"),
              _l("Cases finished early or on time ÷ (cases finished in the period + cases open and overdue at its "
                 "end), against the date promised on the receipt; a case with more than one supplement request "
                 "counts as late (QĐ 766).")),
    Indicator("late_with_apology_rate", _l("Late cases with an apology"),
              _l("Late cases with an apology slip (Mẫu 04), in time or late ÷ late cases; late cases = cases "
                 "finished late in the period + cases open and overdue at its end.")),
    Indicator("satisfaction_766", _l("Case satisfaction (QĐ 766)"),
              _l("(Cases − cases rated not satisfied, with a PAKN about them, or late) ÷ cases; cases = those of "
                 "the on-time rate (QĐ 766). Full points at 90% or more.")),
)

FEEDBACK = _table(
    Indicator("on_time_rate", _l("PAKN handled on time (the plan's wording)"),
              _l("PAKN answered in the period on or before the due day ÷ PAKN answered in the period.")),
    Indicator("on_time_rate_766", _l("PAKN on time (QĐ 766)"),
              _l("PAKN answered in the period on or before the due day ÷ (PAKN answered in the period + PAKN open "
                 "and overdue at its end: the backlog as it stood then).")),
    Indicator("satisfaction_766", _l("PAKN satisfaction (QĐ 766)"),
              _l("(PAKN in scope − those marked not satisfied, re-submitted about the answer, or late) ÷ PAKN in "
                 "scope; in scope = answered in the period + open and overdue at its end. Re-submissions about "
                 "an answer are not recorded by the portal yet.")),
)

SATISFACTION = _table(
    Indicator("rate", _l("Satisfaction with case handling"),
              _l("Ratings satisfied or very satisfied ÷ ratings given in the period.")),
    Indicator("response_rate", _l("Response rate"),
              _l("Ratings given in the period ÷ cases whose result was returned in the period.")),
)
