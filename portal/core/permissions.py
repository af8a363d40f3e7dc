"""`can(action, obj)`: what a template asks before it shows a button or a link to act (habit 3: templates
ask, they do not decide). Two kinds of answer, both the ones the server enforces:

- a name a domain registered (create_app's register_permissions): the domain's own rule on `obj`, e.g.
  "satisfaction.tablet_rate" on a case (its role, unit and the rating rules), "surveys.set_status.open" on a campaign
  (the campaign transition table);
- otherwise the name of an endpoint: its declared access rule (``@public``, ``@staff_required``,
  ``@roles_required``), the very rule enforce_access applies when the link is followed.

A name that is neither is a bug in the template and raises, rather than hiding the button quietly.
Core knows no domain: the domains hand their checks to the app (app.extensions[CHECKS])."""
from __future__ import annotations

from collections.abc import Callable, Mapping

from flask import current_app

from portal.core.access import access_rule_of, rule_allows

CHECKS = "portal.permissions"
Check = Callable[[object, object], bool]  # (user, obj) -> may the user take the action on obj


def register(app, checks: Mapping[str, Check]) -> None:
    known = app.extensions.setdefault(CHECKS, {})
    twice = set(known) & set(checks)
    if twice:
        raise ValueError(f"permission checks registered twice: {sorted(twice)}")
    known.update(checks)


def endpoint_allows(user, endpoint: str) -> bool:
    rule = access_rule_of(endpoint)
    if rule is None and endpoint not in current_app.view_functions:
        raise LookupError(f"can({endpoint!r}): no permission check and no endpoint of that name")
    return rule_allows(user, rule)


def can(user, action: str, obj=None) -> bool:
    check = current_app.extensions.get(CHECKS, {}).get(action)
    if check is not None:
        return bool(check(user, obj))
    return endpoint_allows(user, action)


def template_can(action: str, obj=None) -> bool:
    """The template global: `{% if can("units.create") %}`, `{% if can("satisfaction.tablet_rate", case) %}`."""
    from flask_login import current_user

    return can(current_user, action, obj)
