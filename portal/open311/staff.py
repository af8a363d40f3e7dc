"""Administrators issue and revoke the partners' API keys; a new key is shown once, on the page that
answers the issuing POST, and never stored in clear."""
from __future__ import annotations

from flask import Blueprint, abort, redirect, render_template, request, url_for
from flask_babel import gettext as _, lazy_gettext as _l
from flask_login import current_user
from flask_wtf import FlaskForm
from wtforms import StringField
from wtforms.validators import DataRequired, Length

from portal.core.access import Role, roles_required
from portal.core.clock import utcnow
from portal.core.db import db
from portal.core.forms import strip
from portal.core.transaction import save
from portal.open311 import services
from portal.open311.models import ApiKey

staff_bp = Blueprint("open311_staff", __name__, url_prefix="/staff/open311")  # administrators' key screen


class ApiKeyIssueForm(FlaskForm):
    name = StringField(_l("Partner"), filters=[strip],
                       validators=[DataRequired(_l("Enter the partner's name.")), Length(max=200)])


class ApiKeyRevokeForm(FlaskForm):
    """CSRF only: the key is named by the URL."""


def _page(form, status=200, issued=None, plain=None):
    response = render_template("open311/keys.html", keys=services.list_keys(), form=form,
                               revoke_form=ApiKeyRevokeForm(), issued=issued, plain_key=plain)
    return response, status, {"Cache-Control": "no-store"}


@staff_bp.route("/keys", methods=["GET", "POST"])
@roles_required(Role.ADMIN)
def keys():
    form = ApiKeyIssueForm()
    if request.method == "GET":
        return _page(form)
    outcome = save(form, lambda: services.issue_key(form.name.data, now=utcnow(), actor=current_user))
    if outcome.ok:  # the key in clear is shown once, on this answer: it is not stored, so no redirect
        row, plain = outcome.value
        return _page(ApiKeyIssueForm(formdata=None), issued=row, plain=plain)
    return _page(form, 422)


@staff_bp.route("/keys/<int:key_id>/revoke", methods=["POST"])
@roles_required(Role.ADMIN)
def revoke(key_id):
    row = db.session.get(ApiKey, key_id) or abort(404)
    if not ApiKeyRevokeForm().validate_on_submit():
        abort(400)
    save(None, lambda: services.revoke_key(row, now=utcnow(), actor=current_user)).flash(
        _("The key of %(name)s was revoked; requests sent with it are refused.", name=row.name))
    return redirect(url_for("open311_staff.keys"), 303)
