"""The organisation's profile over dates, for administrators: the history and "record a new name from a date"
(preview, then confirm), like a unit's rename."""
from __future__ import annotations

from datetime import date

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _

from portal.core.access import Role, roles_required
from portal.core.clock import today_local
from portal.core.errors import DomainError
from portal.core.forms import attach_error
from portal.core.navigation import ORGANISATION_TODAY
from portal.core.transaction import save
from portal.units import organisation
from portal.units.organisation_forms import ProfileForm

bp = Blueprint("organisation", __name__, url_prefix="/staff/organisation")


def _today() -> tuple[str, str, str, str]:
    profile = organisation.profile_on(today_local())
    return profile.committee_name, profile.address, profile.phone, profile.place


# The public pages' header and footer name the committee in office today (core.navigation).
bp.record_once(lambda state: state.app.extensions.setdefault(ORGANISATION_TODAY, _today))


def _expected(form: ProfileForm) -> date | None:
    return date.fromisoformat(form.expected.data) if form.expected.data else None


@bp.route("/", methods=["GET", "POST"])
@roles_required(Role.ADMIN)
def index():
    """The recorded profiles and the form; nothing is written until "confirm"."""
    form = ProfileForm()
    start = organisation.current_start()
    if request.method == "GET":  # start from the profile in force, so a change types only what changes
        latest = organisation.profile_on(start) if start else organisation.configured()
        for name, value in form.values().items():
            getattr(form, name).data = getattr(latest, name) or value
        form.expected.data = start.isoformat() if start else ""
    preview, status = None, 200
    if request.form.get("action") == "confirm":
        try:
            expected = _expected(form)
        except ValueError:
            expected = None
        outcome = save(form, lambda: organisation.record_profile(form.values(), valid_from=form.valid_from.data,
                                                                 expected=expected),
                       duplicate=organisation.STALE)  # the same start recorded by someone else meanwhile
        if outcome.ok:
            flash(_("Organisation profile recorded from %(day)s.", day=form.valid_from.data.strftime("%d/%m/%Y")),
                  "success")
            return redirect(url_for("organisation.index"))
        status = outcome.status
        start = organisation.current_start()
        form.expected.data = start.isoformat() if start else ""
    elif request.method == "POST":
        status = 422
        if form.validate_on_submit():
            try:
                preview, status = organisation.preview_profile(form.values(), form.valid_from.data), 200
            except DomainError as err:  # beside its field, like a refused save
                attach_error(form, err)
    return render_template("units/organisation.html", form=form, preview=preview, history=organisation.history(),
                           configured=organisation.configured()), status


@bp.app_template_global()
def organisation_on(day: date):
    """For templates printing a dated document (the plan report): the organisation profile of that day."""
    return organisation.profile_on(day)
