"""The translated names of the calendar exceptions: shown by the calendar form and page, and by the cases'
calendar notice page (which may read workdays, but not its forms)."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l

from portal.workdays.rules import ExceptionKind

KIND_LABELS = {
    ExceptionKind.DAY_OFF: _l("Extra day off"),
    ExceptionKind.WORKING_DAY: _l("Extra working day"),
}
