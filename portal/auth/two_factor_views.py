"""The officer's own second factor page (enrol, recovery codes, switch off) and the hook that keeps an account whose
role needs a second factor on that page until it has one. The sign-in's second step is in views.py."""
from __future__ import annotations

from flask import Blueprint, flash, make_response, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from portal.auth import two_factor
from portal.auth.forms import CodeForm, TwoFactorOffForm
from portal.auth.rules import group_secret
from portal.core.access import PUBLIC, access_rule_of, staff_required
from portal.core.clock import utcnow
from portal.core.db import db
from portal.core.qr import qr_svg
from portal.core.transaction import redirect_after_post, save

bp = Blueprint("two_factor", __name__, url_prefix="/auth/two-factor")

# What an account that must enrol may still open: this page and its enrolment, and signing out.
_WHILE_ENROLLING = frozenset({"two_factor.index", "two_factor.enable", "auth.logout"})


def require_enrolment():
    """before_request, after enforce_access: an account whose role needs a second factor (TOTP_REQUIRED_ROLES) and
    has none is signed in only to the enrolment page."""
    endpoint = request.endpoint
    if endpoint is None or endpoint in _WHILE_ENROLLING or access_rule_of(endpoint) == PUBLIC:
        return None
    if current_user.is_authenticated and two_factor.must_enrol(current_user):
        return redirect_after_post(url_for("two_factor.index"), 302, whole_page=True)
    return None


def _no_store(response):
    response.headers["Cache-Control"] = "no-store"  # a secret or recovery codes: never kept by the browser
    return response


def _page(code_form=None, off_form=None, status=200):
    user = current_user._get_current_object()
    context = {"user": user, "required": two_factor.is_required(user), "code_form": code_form or CodeForm(),
               "off_form": off_form or TwoFactorOffForm()}
    if user.has_second_factor:
        context["codes_left"] = two_factor.unused_recovery_codes(user)
        field = context["code_form"].code  # not the page's main task here: the focus stays at the top
        field.render_kw = {k: v for k, v in (field.render_kw or {}).items() if k != "autofocus"}
    else:
        secret = two_factor.pending_secret(user)
        db.session.commit()  # the same secret on a reload, until a code confirms it
        context.update(secret=group_secret(secret), qr=qr_svg(two_factor.provisioning_uri(user, secret)))
    return _no_store(make_response(render_template("auth/two_factor.html", **context), status))


def _codes_page(codes):
    return _no_store(make_response(render_template("auth/recovery_codes.html", codes=codes)))


@bp.route("/")
@staff_required
def index():
    return _page()


@bp.route("/enable", methods=["POST"])
@staff_required
def enable():
    form = CodeForm()
    outcome = save(form, lambda: two_factor.enable(current_user._get_current_object(), form.code.data, utcnow()))
    if outcome.ok:
        return _codes_page(outcome.value)  # shown once: only their hashes are kept
    return _page(code_form=form, status=outcome.status)


def _counted(outcome, now) -> None:
    """A wrong code or password was rolled back with the rest: count it now, like a failed sign-in."""
    if isinstance(outcome.error, two_factor.WrongCode) and outcome.error.counts:
        two_factor.record_failure(current_user._get_current_object(), request.remote_addr, now)
        db.session.commit()


@bp.route("/recovery-codes", methods=["POST"])
@staff_required
def recovery_codes():
    form, now = CodeForm(), utcnow()
    outcome = save(form, lambda: two_factor.regenerate_recovery_codes(
        current_user._get_current_object(), form.code.data, now, request.remote_addr))
    _counted(outcome, now)
    if outcome.ok:
        return _codes_page(outcome.value)
    return _page(code_form=form, status=outcome.status)


@bp.route("/off", methods=["POST"])
@staff_required
def disable():
    form, now = TwoFactorOffForm(), utcnow()
    outcome = save(form, lambda: two_factor.disable(current_user._get_current_object(), form.secret.data, now,
                                                    request.remote_addr))
    _counted(outcome, now)
    if outcome.ok:
        flash(_("Two-step sign-in is off."), "success")
        return redirect(url_for("two_factor.index"))
    return _page(off_form=form, status=outcome.status)
