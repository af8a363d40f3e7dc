"""The translated names of the calendar exceptions: shown by the calendar form and page, and by the cases'
calendar notice page (which may read workdays, but not its forms)."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l

from portal.workdays.rules import ExceptionKind, NoticeChange

KIND_LABELS = {
    ExceptionKind.DAY_OFF: _l("Extra day off"),
    ExceptionKind.WORKING_DAY: _l("Extra working day"),
}

# What importing a row of the yearly notice does (rules.NoticeChange), as the preview says it.
NOTICE_CHANGE_LABELS = {
    NoticeChange.ADD: _l("Will be added"),
    NoticeChange.CHANGE: _l("Will be changed"),
    NoticeChange.SAME_LOCAL: _l("Already there (local exception)"),
    NoticeChange.SAME_NATIONAL: _l("Already there (national calendar)"),
}

# The kinds as the Government's notice names them (the preview of an import).
NOTICE_KIND_LABELS = {
    ExceptionKind.DAY_OFF: _l("Day off"),
    ExceptionKind.WORKING_DAY: _l("Make-up working day"),
}
