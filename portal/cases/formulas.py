"""Label and formula of each one-stop case indicator, written ONCE (DOMAIN.md §7): the case statistics page,
the satisfaction dashboard and the plan's live figures show these words beside the figure.
The formulas themselves are computed in cases.indicators (pure); the keys are also the API's field names."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l

from portal.core.stats import Indicator, indicator_table

CASES = indicator_table(
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
    Indicator("online_share", _l("Cases filed online (QĐ 766)"),
              _l("Cases received in the period through the national public service portal ÷ cases received in the "
                 "period whose channel (desk, post, online) was recorded; cases received before the portal recorded "
                 "it are left out.")),
    Indicator("digitisation_share", _l("Paper files digitised at intake (QĐ 766)"),
              _l("Paper files (at the desk or by post) received in the period and scanned into the electronic file "
                 "at intake ÷ paper files received in the period with the answer recorded (NĐ 118/2025 Điều 17).")),
)
