"""Case views, one module per job: desk intake and case pages, printed forms, public pages, statistics."""
from portal.cases.views import desk, lookup, printing, stats  # noqa: F401
