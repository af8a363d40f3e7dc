"""The view transaction: one place that validates a POSTed form, runs the service call, commits once, and
on a refusal rolls back and puts the message beside its field (ARCHITECTURE.md habits 5 and 17).

    outcome = save(form, lambda: services.update_unit(unit, ...))
    if outcome.ok:
        flash(_("Unit saved."), "success")
        return redirect(url_for("units.index"))
    return render_template("units/form.html", form=form), outcome.status

Services flush and never commit; the view commits once through `save`. What it does:
- `form` given: `form.validate_on_submit()` first; nothing runs (and nothing is committed) when it fails,
  the outcome is 422 (200 when the form was not submitted, e.g. a GET). `form=None`: the view has
  validated, or there is no form.
- the change returns: commit; `outcome.value` is what it returned (read what the view needs after the
  commit inside the change, e.g. `.id`, to save a reload of an expired object).
- a DomainError: rollback, `attach(form, err)` (the message beside `err.field`, else at the top of the
  form), `outcome.status` its status: 422, 403 (NotAllowed) or 409 (Conflict).
- a stale write (SQLAlchemy's StaleDataError, from a `version_id_col`): rollback and the same as a
  `Conflict(conflict)`, 409.
- an IntegrityError when `duplicate` is given (a unique row inserted by someone else since the check):
  rollback and the same as `DomainError(duplicate)`, 422; without `duplicate` it is a bug and propagates.
- anything else (an abort(), a bug): rollback and re-raised.

After a rollback the session's objects are expired: the page rendered next reads them as they are now.
Redirect-after-POST stays the view's (its URL, its flash); `redirect_after_post` adds the htmx case of a
fragment request that must load a whole new page."""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from flask import flash, redirect
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm.exc import StaleDataError
from werkzeug.wrappers import Response

from portal.core.db import db
from portal.core.errors import Conflict, DomainError
from portal.core.forms import attach_error
from portal.core.htmx import wants_fragment

T = TypeVar("T")
Attach = Callable[[Any, DomainError], None]

# Same text as the 409 error page's hint, so it is translated already.
STALE = _l("The record was changed by someone else. Reload it and try again.")


@dataclass
class Outcome(Generic[T]):
    """What became of one POST: `ok` (committed) with the change's `value`, or the `error` and the
    HTTP `status` to answer with (200 not submitted, 422 invalid or refused, 403, 409)."""

    ok: bool = False
    status: int = 200
    value: T | None = None
    error: DomainError | None = None

    @property
    def message(self):
        """The refusal's message (for a page's banner or a flash), None when nothing was refused."""
        return self.error.message if self.error is not None else None

    def flash(self, success=None) -> None:
        """For views that redirect either way: flash `success` (if any) when saved, the refusal when not."""
        if self.ok:
            if success is not None:
                flash(success, "success")
        elif self.error is not None:
            flash(str(self.error.message), "error")


def save(form: FlaskForm | None, change: Callable[[], T], *, attach: Attach | None = attach_error,
         conflict=STALE, duplicate=None) -> Outcome[T]:
    """Validate `form`, run `change`, commit; roll back on any exception (see the module docstring).
    `attach(form, err)` shows a refusal on the form (None: the view shows `outcome.message` itself);
    `conflict` is the message for a stale write, `duplicate` the message for an IntegrityError."""
    if form is not None and not form.validate_on_submit():
        return Outcome(status=422 if form.is_submitted() else 200)
    try:
        value = change()
        db.session.commit()
    except DomainError as err:
        return _refused(form, err, attach)
    except StaleDataError:
        return _refused(form, Conflict(conflict), attach)
    except IntegrityError:
        if duplicate is None:
            db.session.rollback()
            raise
        return _refused(form, DomainError(duplicate), attach)
    except BaseException:
        db.session.rollback()
        raise
    return Outcome(ok=True, value=value)


def _refused(form: FlaskForm | None, err: DomainError, attach: Attach | None) -> Outcome:
    db.session.rollback()
    if form is not None and attach is not None:
        attach(form, err)
    return Outcome(status=err.status_code, error=err)


def redirect_after_post(location: str, code: int = 303, *, whole_page: bool = False) -> Response:
    """POST/redirect/GET. With `whole_page`, an htmx fragment request gets `HX-Redirect` (htmx loads the
    new page) instead of a redirect whose page would be swapped into the form's place."""
    if whole_page and wants_fragment():
        response = Response(status=204)
        response.headers["HX-Redirect"] = location
        return response
    return redirect(location, code)
