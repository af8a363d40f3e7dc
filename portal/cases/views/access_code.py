"""The access code on the receipt (issue 13 point 11): only its hash is stored, so its plaintext is printed once —
on the receipt printed right after intake, or right after the desk issues a new code (the old one stops working).
Between the POST that issued it and that first print it waits in the officer's session, and the print takes it
out: a reprint shows no code."""
from __future__ import annotations

from flask import redirect, render_template, url_for
from flask_login import current_user
from flask_wtf import FlaskForm

from portal.cases.intake import reissue_access_code
from portal.cases.views import bp
from portal.cases.views.issued_codes import keep_for_receipt
from portal.cases.views.printing import receipt_case
from portal.core.access import staff_required
from portal.core.clock import utcnow
from portal.core.transaction import save


class NewAccessCodeForm(FlaskForm):
    """Only the CSRF token: the confirmation is the POST itself, from the page that says what it does."""


@bp.route("/<int:case_id>/access-code", methods=["GET", "POST"])
@staff_required
def new_access_code(case_id: int):
    """Whoever may reprint the receipt may issue a new code (the receiving or handling unit, managers, admins)."""
    case = receipt_case(case_id)
    form = NewAccessCodeForm()
    outcome = save(form, lambda: reissue_access_code(case, now=utcnow(), actor=current_user))
    if outcome.ok:
        keep_for_receipt(case)  # the receipt printed next says it is the only one with the new code
        return redirect(url_for("cases.receipt", case_id=case.id), 303)
    return render_template("cases/new_access_code.html", case=case, form=form), outcome.status
