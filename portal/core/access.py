"""Deny-by-default access control.

Every endpoint must declare who may use it: ``@public`` or ``@roles_required(...)``
(``@staff_required`` for any active staff member). An endpoint that declares nothing
is refused to everybody, so a forgotten decorator fails closed.
"""
from __future__ import annotations

from enum import StrEnum
from functools import wraps

from flask import abort, current_app, redirect, request, url_for
from flask_login import current_user


class Role(StrEnum):
    ADMIN = "admin"
    MANAGER = "manager"
    UNIT_HEAD = "unit_head"
    HANDLER = "handler"
    DESK_OFFICER = "desk_officer"


PUBLIC = "public"
STAFF = "staff"


def _mark(view, rule):
    view.access_rule = rule
    return view


def public(view):
    """Anybody, signed in or not."""
    return _mark(view, PUBLIC)


def staff_required(view):
    """Any signed-in, active staff member."""
    return _mark(view, STAFF)


def roles_required(*roles: Role):
    """Signed-in staff holding at least one of `roles` (admins always pass)."""

    def decorator(view):
        return _mark(view, frozenset(roles))

    return decorator


def access_rule_of(endpoint: str | None):
    if endpoint is None:
        return None
    if endpoint == "static" or endpoint.endswith(".static"):
        return PUBLIC
    view = current_app.view_functions.get(endpoint)
    return getattr(view, "access_rule", None)


def has_any_role(user, roles) -> bool:
    if not getattr(user, "is_authenticated", False):
        return False
    held = user.role_set
    return Role.ADMIN in held or bool(held & set(roles))


def rule_allows(user, rule) -> bool:
    """Does `user` pass an endpoint's declared rule? (None, no rule: nobody.)"""
    if rule == PUBLIC:
        return True
    if not getattr(user, "is_authenticated", False):
        return False
    if rule == STAFF:
        return True
    return isinstance(rule, frozenset) and has_any_role(user, rule)


def enforce_access():
    """before_request hook: apply the endpoint's declared rule, refusing when none is declared."""
    if request.endpoint is None:  # 404/405 are handled by the router
        return None
    rule = access_rule_of(request.endpoint)
    if rule == PUBLIC:
        return None
    if not current_user.is_authenticated:
        return redirect(url_for("auth.login", next=request.full_path.rstrip("?")))
    if rule_allows(current_user, rule):
        return None
    abort(403)


def can_access_unit(user, unit_id: int | None) -> bool:
    """Unit-scoped data: that unit's staff, managers and admins."""
    if not getattr(user, "is_authenticated", False):
        return False
    if user.role_set & {Role.ADMIN, Role.MANAGER}:
        return True
    return unit_id is not None and user.unit_id == unit_id


def require_unit_access(unit_id: int | None) -> None:
    if not can_access_unit(current_user, unit_id):
        abort(403)


def unit_scoped(view):
    """Views whose `unit_id` URL argument must belong to the caller's unit."""

    @wraps(view)
    def wrapper(*args, **kwargs):
        require_unit_access(kwargs.get("unit_id"))
        return view(*args, **kwargs)

    wrapper.unit_scoped = True
    return wrapper
