"""Small helpers shared by form-handling views."""
from __future__ import annotations

from urllib.parse import urlsplit

from flask_babel import lazy_gettext as _l
from wtforms import DateField

from portal.core.errors import DomainError


def attach_error(form, err: DomainError) -> None:
    """Show a service's error next to its field, or at the top of the form."""
    field = getattr(form, err.field, None) if err.field else None
    if field is not None:
        field.errors = list(field.errors) + [err.message]
    else:
        form.form_errors.append(err.message)


def strip(value):
    """WTForms filter: pasted codes and addresses often carry stray spaces; validate what is meant."""
    return value.strip() if isinstance(value, str) else value


def safe_next(target: str | None, default: str) -> str:
    """Only same-site relative paths: never an open redirect."""
    if not target:
        return default
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or not target.startswith("/") or target.startswith("//") or "\\" in target:
        return default
    return target


class DayField(DateField):
    """A date (YYYY-MM-DD, the browser's date input) whose parse error is ours, translated."""

    def process_formdata(self, valuelist):
        try:
            super().process_formdata(valuelist)
        except ValueError as err:
            raise ValueError(_l("Enter the date as day/month/year, e.g. 01/07/2025.")) from err


def posted_version(raw) -> int:
    """The edit version a form posted back (optimistic locking): a missing or tampered value becomes -1, which can
    only fail the service's version check (409), never match another row's version."""
    return int(raw) if str(raw or "").isdigit() else -1
