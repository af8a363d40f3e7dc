"""Label and formula of each satisfaction indicator, written ONCE (DOMAIN.md §7): the satisfaction dashboard
and the plan's live figures show these words beside the figure; the keys are also the API's field names."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l

from portal.core.stats import Indicator, indicator_table

SATISFACTION = indicator_table(
    Indicator("rate", _l("Satisfaction with case handling"),
              _l("Ratings satisfied or very satisfied ÷ ratings given in the period.")),
    Indicator("response_rate", _l("Response rate"),
              _l("Ratings given in the period ÷ cases whose result was returned in the period.")),
)
