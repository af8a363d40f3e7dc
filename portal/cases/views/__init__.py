"""Case views, one module per job: desk intake and case pages, printed forms, public pages, statistics."""
from portal.cases.views import calendar, desk, intake, legs, lookup, printing, stats, worklist  # noqa: F401
