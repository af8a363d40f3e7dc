"""The view transaction helper on its own: commit, rollback, the message beside its field, the status."""
from __future__ import annotations

import pytest
from flask_wtf import FlaskForm
from sqlalchemy import select, text
from sqlalchemy.exc import IntegrityError
from wtforms import StringField
from wtforms.validators import DataRequired

from portal.core.db import db
from portal.core.errors import Conflict, DomainError, NotAllowed
from portal.core.transaction import STALE, Outcome, redirect_after_post, save
from portal.units.models import Unit, UnitLevel


class NameForm(FlaskForm):
    name = StringField(validators=[DataRequired("Enter a name.")])


def _codes() -> list[str]:
    """The unit codes as stored: read after a rollback of the test's session, so only committed rows count."""
    db.session.rollback()
    return list(db.session.scalars(select(Unit.code).order_by(Unit.code)))


def _add(code: str) -> Unit:
    unit = Unit(code=code, name=f"Unit {code}", level=UnitLevel.TOWN)
    db.session.add(unit)
    db.session.flush()
    return unit


@pytest.fixture()
def post(app_ctx):
    """A POST request context with the given form data (CSRF is off in the test config)."""
    def enter(**data):
        ctx = app_ctx.test_request_context("/", method="POST", data=data)
        ctx.push()
        contexts.append(ctx)
        return NameForm()

    contexts = []
    yield enter
    for ctx in reversed(contexts):
        ctx.pop()


def test_a_change_that_returns_is_committed_and_its_value_given(post):
    form = post(name="x")
    outcome = save(form, lambda: _add("A").id)
    assert outcome.ok and outcome.status == 200 and outcome.error is None and outcome.message is None
    assert isinstance(outcome.value, int)
    assert _codes() == ["A"]


def test_a_refusal_rolls_back_and_puts_the_message_beside_its_field(post):
    form = post(name="x")

    def change():
        _add("B")
        raise DomainError("This name is taken.", field="name")

    outcome = save(form, change)
    assert not outcome.ok and outcome.status == 422 and outcome.message == "This name is taken."
    assert form.name.errors == ["This name is taken."] and form.form_errors == []
    assert _codes() == []


def test_a_refusal_without_a_field_goes_to_the_top_of_the_form(post):
    form = post(name="x")
    outcome = save(form, lambda: (_ for _ in ()).throw(DomainError("Not now.")))
    assert outcome.status == 422 and form.form_errors == ["Not now."] and form.name.errors == []


@pytest.mark.parametrize(("error", "status"), [(Conflict("Changed meanwhile."), 409), (NotAllowed("No."), 403)])
def test_the_status_is_the_refusal_s(post, error, status):
    form = post(name="x")

    def change():
        _add("C")
        raise error

    outcome = save(form, change)
    assert outcome.status == status and outcome.error is error and form.form_errors == [error.message]
    assert _codes() == []


def _saved_meanwhile(code: str) -> Unit:
    """A stored unit that someone else saves between our read and our write: its version moves on behind the
    session, so our write is stale."""
    unit = _add(code)
    db.session.commit()
    db.session.execute(text("UPDATE unit SET version = version + 1 WHERE id = :id"), {"id": unit.id})
    return unit


def test_a_stale_write_is_a_409_conflict_with_the_views_message(post):
    form = post(name="x")
    unit = _saved_meanwhile("D")

    def change():
        unit.name = "Mine"
        db.session.flush()

    outcome = save(form, change, conflict="Somebody else saved this unit.")
    assert outcome.status == 409 and isinstance(outcome.error, Conflict)
    assert form.form_errors == ["Somebody else saved this unit."]
    assert db.session.get(Unit, unit.id).name == "Unit D"


def test_a_stale_write_found_at_the_commit_has_a_default_message(post):
    form = post(name="x")
    unit = _saved_meanwhile("E")
    outcome = save(form, lambda: setattr(unit, "name", "Mine"))
    assert outcome.status == 409 and outcome.message is STALE
    assert db.session.get(Unit, unit.id).name == "Unit E"


def test_an_unexpected_exception_rolls_back_and_propagates(post):
    form = post(name="x")

    def change():
        _add("F")
        raise RuntimeError("bug")

    with pytest.raises(RuntimeError, match="bug"):
        save(form, change)
    assert _codes() == []


def test_nothing_runs_and_nothing_is_committed_when_the_form_is_invalid(post):
    form = post(name="")
    _add("G")  # pending in the session: must not be committed by the helper
    calls = []
    outcome = save(form, lambda: calls.append(1))
    assert not outcome.ok and outcome.status == 422 and calls == []
    assert form.name.errors == ["Enter a name."]
    assert _codes() == []


def test_a_form_not_submitted_is_a_200_and_nothing_runs(app_ctx):
    with app_ctx.test_request_context("/", method="GET"):
        calls = []
        outcome = save(NameForm(), lambda: calls.append(1))
    assert outcome == Outcome(ok=False, status=200) and calls == []


def test_without_a_form_the_change_runs_and_the_refusal_is_only_reported(post):
    post()

    def change():
        raise DomainError("Refused.", field="name")

    outcome = save(None, change)
    assert outcome.status == 422 and outcome.message == "Refused."


def test_attach_none_leaves_the_form_alone_and_a_custom_attach_is_used(post):
    form = post(name="x")
    outcome = save(form, lambda: (_ for _ in ()).throw(DomainError("Refused.", field="name")), attach=None)
    assert outcome.message == "Refused." and form.name.errors == [] and form.form_errors == []

    seen = []
    save(form, lambda: (_ for _ in ()).throw(DomainError("Again.")), attach=lambda f, err: seen.append((f, err.message)))
    assert seen == [(form, "Again.")]


def test_a_duplicate_row_is_a_refusal_only_when_the_view_names_it(post):
    _add("H")
    db.session.commit()
    form = post(name="x")
    outcome = save(form, lambda: _add("H"), duplicate="This code exists already.")
    assert outcome.status == 422 and form.form_errors == ["This code exists already."]
    with pytest.raises(IntegrityError):
        save(post(name="x"), lambda: _add("H"))
    assert _codes() == ["H"]


def test_flash_reports_the_success_or_the_refusal(post):
    from flask import get_flashed_messages

    post()
    save(None, lambda: None).flash("Saved.")
    save(None, lambda: None).flash()  # saved, and nothing to say
    save(None, lambda: (_ for _ in ()).throw(DomainError("Refused."))).flash("Saved.")
    assert get_flashed_messages(with_categories=True) == [("success", "Saved."), ("error", "Refused.")]


def test_redirect_after_post_is_a_303_or_an_hx_redirect_for_a_fragment_that_loads_a_page(app_ctx):
    with app_ctx.test_request_context("/", method="POST"):
        plain = redirect_after_post("/next")
        assert plain.status_code == 303 and plain.location == "/next"
        assert redirect_after_post("/next", 302, whole_page=True).status_code == 302
    with app_ctx.test_request_context("/", method="POST", headers={"HX-Request": "true"}):
        assert redirect_after_post("/next").status_code == 303  # htmx follows it and swaps the page's fragment
        hx = redirect_after_post("/next", whole_page=True)
        assert hx.status_code == 204 and hx.headers["HX-Redirect"] == "/next"
