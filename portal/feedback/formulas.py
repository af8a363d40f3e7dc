"""Label and formula of each PAKN indicator, written ONCE (DOMAIN.md §7): the feedback statistics page and the
plan's live figures show these words beside the figure. The formulas themselves are
computed in feedback.indicators (pure); the keys are also the API's field names."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l

from portal.core.stats import Indicator, indicator_table

FEEDBACK = indicator_table(
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
