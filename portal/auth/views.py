"""Sign-in, sign-out, own password, and the administrators' account screens."""
from __future__ import annotations

from datetime import UTC, datetime

from flask import Blueprint, abort, current_app, flash, redirect, render_template, request, session, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_user, logout_user

from portal.auth import services, two_factor
from portal.auth.forms import CodeForm, LoginForm, PasswordChangeForm, PasswordResetForm, TwoFactorResetForm, UserForm
from portal.auth.models import StaffUser
from portal.core.access import Role, public, roles_required, staff_required
from portal.core.clock import utcnow
from portal.core.db import db
from portal.core.errors import DomainError
from portal.core.forms import attach_error, safe_next
from portal.core.pagination import page_arg
from portal.core.transaction import save
from portal.extensions import limiter
from portal.units.services import unit_choices

bp = Blueprint("auth", __name__, url_prefix="/auth")
staff_bp = Blueprint("users", __name__, url_prefix="/staff/users")


@bp.route("/login", methods=["GET", "POST"])
@public
@limiter.limit(lambda: current_app.config["LOGIN_RATE_LIMIT"], methods=["POST"])
def login():
    target = safe_next(request.values.get("next"), url_for("site.staff_home"))
    if current_user.is_authenticated:
        return redirect(target)
    form = LoginForm()
    if form.validate_on_submit():
        try:
            user = services.authenticate(form.email.data, form.password.data, utcnow(), request.remote_addr)
        except DomainError as err:
            db.session.commit()  # keep the failure counts that throttle this account from this address
            attach_error(form, err)
        else:
            session.clear()  # a fresh session at sign-in: no fixation
            if user.has_second_factor:  # not signed in yet: the code first, in this browser, within 5 minutes
                session[SECOND_STEP] = {"user": user.id, "version": user.session_version,
                                        "at": int(utcnow().timestamp()), "next": target}
                db.session.commit()
                return redirect(url_for("auth.second_step"))
            login_user(services.start_session(user, utcnow()))
            db.session.commit()
            return redirect(target)
    status = 422 if form.errors or form.form_errors else 200
    return render_template("auth/login.html", form=form, next=target), status


# The pending second step of a sign-in, in the signed session cookie: the account, its session version (a password
# reset meanwhile ends it), when the password was right (rules.SECOND_STEP_LIFETIME) and where to go after.
SECOND_STEP = "second_step"


@bp.route("/login/code", methods=["GET", "POST"])
@public
@limiter.limit(lambda: current_app.config["LOGIN_RATE_LIMIT"], methods=["POST"])
def second_step():
    if current_user.is_authenticated:
        return redirect(url_for("site.staff_home"))
    now, state = utcnow(), session.get(SECOND_STEP) or {}
    started = datetime.fromtimestamp(state["at"], UTC) if isinstance(state.get("at"), int) else None
    user = two_factor.pending_user(state.get("user"), state.get("version"), started, now)
    if user is None:
        if session.pop(SECOND_STEP, None):
            flash(_("Sign in again: the code was not entered in time."), "info")
        return redirect(url_for("auth.login"))
    form = CodeForm()
    if form.validate_on_submit():
        try:
            left = two_factor.verify_second_step(user, form.code.data, now, request.remote_addr)
        except two_factor.WrongCode as err:
            db.session.rollback()
            if err.counts:
                two_factor.record_failure(user, request.remote_addr, now)
            db.session.commit()
            attach_error(form, err)
        else:
            session.clear()  # the signed-in session is a fresh one again
            login_user(services.start_session(user, now))
            db.session.commit()
            if left is not None:
                flash(_("You signed in with a recovery code; it cannot be used again. Recovery codes left: "
                        "%(count)s.", count=left), "info")
            return redirect(safe_next(state.get("next"), url_for("site.staff_home")))
    status = 422 if form.errors or form.form_errors else 200
    return render_template("auth/second_step.html", form=form), status


@bp.route("/logout", methods=["POST"])
@staff_required
def logout():
    services.end_session(current_user._get_current_object())  # a copy of this cookie is refused from now on
    db.session.commit()
    logout_user()
    session.clear()
    flash(_("You have signed out."), "info")
    return redirect(url_for("site.home"))


@bp.route("/password", methods=["GET", "POST"])
@staff_required
def change_password():
    form = PasswordChangeForm()
    user = current_user._get_current_object()
    now = utcnow()

    def change():
        services.change_password(user, form.current_password.data, form.password.data, now, request.remote_addr)
        services.start_session(user, now)

    outcome = save(form, change)
    if isinstance(outcome.error, services.WrongCurrentPassword) and outcome.error.counts:
        services.record_failure(user.email, request.remote_addr, now)  # a guess counts like a failed sign-in
        db.session.commit()
    if outcome.ok:
        login_user(user)  # this session: a new token and the new session version; every other session ends
        flash(_("Your password has been changed. Other sessions have been signed out."), "success")
        return redirect(url_for("site.staff_home"))
    return render_template("auth/password.html", form=form), outcome.status


def _user_form(user: StaffUser | None = None) -> UserForm:
    form = UserForm(obj=user) if user else UserForm()
    form.unit_id.choices = [(0, _("— none —"))] + unit_choices()
    form.roles.choices = [(r.value, str(label)) for r, label in services.ROLE_LABELS.items()]
    if user and request.method == "GET":
        form.roles.data = user.role_list
        form.is_active.data = user.is_active_account
        form.version.data = str(user.version)
    return form


@staff_bp.route("/")
@roles_required(Role.ADMIN)
def index():
    query = request.args.get("q", "").strip()
    page = services.list_users(page_arg(request), current_app.config["PAGE_SIZE"], query=query)
    return render_template("auth/users.html", page=page, q=query, role_labels=services.ROLE_LABELS)


@staff_bp.route("/new", methods=["GET", "POST"])
@roles_required(Role.ADMIN)
def create():
    form = _user_form()
    outcome = save(form, lambda: services.create_user(email=form.email.data, full_name=form.full_name.data,
                                                      unit_id=form.unit_id.data or None, roles=form.roles.data,
                                                      password=form.password.data or ""))
    if outcome.ok:
        flash(_("Account %(email)s created.", email=outcome.value.email), "success")
        return redirect(url_for("users.index"))
    return render_template("auth/user_form.html", form=form, user=None), outcome.status


@staff_bp.route("/<int:user_id>", methods=["GET", "POST"])
@roles_required(Role.ADMIN)
def edit(user_id: int):
    user = db.get_or_404(StaffUser, user_id)
    form = _user_form(user)
    outcome = save(form, lambda: services.update_user(
        user, expected_version=int(form.version.data or 0), email=form.email.data, full_name=form.full_name.data,
        unit_id=form.unit_id.data or None, roles=form.roles.data, is_active=form.is_active.data))
    if outcome.ok:
        flash(_("Account %(email)s saved.", email=user.email), "success")
        return redirect(url_for("users.index"))
    if outcome.error:
        form.version.data = str(user.version)  # after review, saving again is a deliberate overwrite
    return render_template("auth/user_form.html", form=form, user=user, reset_form=PasswordResetForm(),
                           two_factor_form=TwoFactorResetForm()), outcome.status


@staff_bp.route("/<int:user_id>/reset-password", methods=["POST"])
@roles_required(Role.ADMIN)
def reset_password(user_id: int):
    user = db.get_or_404(StaffUser, user_id)
    form = PasswordResetForm()
    if not form.validate_on_submit():
        abort(400)
    save(None, lambda: services.reset_password(user, form.password.data)).flash(
        _("The password of %(email)s has been reset and all of its sessions ended.", email=user.email))
    return redirect(url_for("users.edit", user_id=user.id))


@staff_bp.route("/<int:user_id>/reset-two-factor", methods=["POST"])
@roles_required(Role.ADMIN)
def reset_two_factor(user_id: int):
    """A lost phone: the second factor goes and every session of the account ends; the officer enrols again."""
    user = db.get_or_404(StaffUser, user_id)
    form = TwoFactorResetForm()
    if not form.validate_on_submit():
        flash(_("Confirm that you have checked who is asking."), "error")
        return redirect(url_for("users.edit", user_id=user.id))
    save(None, lambda: two_factor.reset(user, current_user._get_current_object())).flash(
        _("The two-step sign-in of %(email)s has been reset and all of its sessions ended.", email=user.email))
    return redirect(url_for("users.edit", user_id=user.id))
