"""Issue 13 point 6: no 500 from odd numbers. Every URL with an <int:...> part is asked with ids far beyond any
column (10^30 overflows SQLite, 2^63 a PostgreSQL parameter) and at the largest id a PostgreSQL integer column
holds; every page without URL arguments is asked with such numbers in its query string (page, year, unit,
procedure, ids in filters); integer form fields refuse them with a field error. As an anonymous visitor and as
staff holding every role, so that role-gated views run their queries."""
from __future__ import annotations

import pytest
from werkzeug.routing import IntegerConverter

from portal.core.access import Role
from portal.core.numbers import MAX_ID
from tests.factories import login, make_field, make_procedure, make_unit, make_user

HUGE = (10**30, 2**63)
REFUSED = (302, 400, 401, 403, 404, 405)
QUERY_NUMBERS = {"page": 10**30, "year": 10**30, "quarter": 2**63, "month": 2**63, "unit": 2**63,
                 "procedure": 2**63, "officer": 2**63, "field": 2**63, "id": 2**63, "n": 10**30,
                 "campaign": 2**63, "plan": 2**63, "per_page": 10**30, "slip": 2**63, "version": 2**63}
SKIPPED = {"static"}


def _placeholder(converter) -> str:
    items = getattr(converter, "items", None)  # <any(a, b):x>
    if items:
        return sorted(items)[0]
    return "x"


def int_rules(app):
    for rule in app.url_map.iter_rules():
        ints = [name for name, conv in rule._converters.items() if isinstance(conv, IntegerConverter)]
        if ints and rule.endpoint not in SKIPPED:
            yield rule, ints


def url_with(rule, ints, number) -> str:
    values = {name: number if name in ints else _placeholder(conv) for name, conv in rule._converters.items()}
    return rule.build(values, append_unknown=False)[1]


@pytest.fixture()
def everyone(app_ctx):
    """Some data to filter (a unit, a field, a procedure) and staff holding every role."""
    unit = make_unit(name="Phòng Tư pháp")
    make_procedure(unit=unit, field=make_field())
    return make_user(*Role, unit=unit)


def _status(client, method: str, url: str) -> int:
    try:
        return client.open(url, method=method, buffered=True).status_code
    except Exception as err:  # noqa: BLE001 - TESTING propagates the exception a 500 would hide
        return f"500 ({type(err).__name__}: {str(err)[:120]})"


@pytest.mark.parametrize("who", ["anonymous", "staff"])
def test_huge_ids_in_urls_are_not_found(client, everyone, who):
    if who == "staff":
        login(client, everyone)
    rules = list(int_rules(client.application))
    assert len(rules) > 50  # the walk found the portal's routes
    failures = []
    for rule, ints in rules:
        methods = ["GET"] if "GET" in rule.methods else sorted(rule.methods - {"HEAD", "OPTIONS"})
        for method in methods:
            for number in HUGE:
                url = url_with(rule, ints, number)
                status = _status(client, method, url)
                if status not in REFUSED:
                    failures.append(f"{method} {url} ({rule.endpoint}): {status}")
        if "GET" in rule.methods:  # the largest id a column holds reaches the view: not found, never an error
            url = url_with(rule, ints, MAX_ID)
            status = _status(client, "GET", url)
            if not isinstance(status, int) or status >= 500:
                failures.append(f"GET {url} ({rule.endpoint}): {status}")
    assert not failures, "\n".join(failures)


@pytest.mark.parametrize("who", ["anonymous", "staff"])
def test_huge_numbers_in_query_strings_do_not_fail(client, everyone, who):
    if who == "staff":
        login(client, everyone)
    query = "&".join(f"{name}={value}" for name, value in QUERY_NUMBERS.items())
    rules = [r for r in client.application.url_map.iter_rules()
             if "GET" in r.methods and not r.arguments and r.endpoint not in SKIPPED
             and r.endpoint != "auth.logout"]
    assert len(rules) > 50
    failures = []
    for rule in rules:
        status = _status(client, "GET", f"{rule.rule}?{query}")
        if not isinstance(status, int) or status >= 500:
            failures.append(f"GET {rule.rule}?… ({rule.endpoint}): {status}")
    assert not failures, "\n".join(failures)


def _subclasses(cls):
    for sub in cls.__subclasses__():
        yield sub
        yield from _subclasses(sub)


def _integer_fields(form_class):
    from wtforms import IntegerField
    from wtforms.fields.core import UnboundField

    for name in dir(form_class):
        field = getattr(form_class, name, None)
        if isinstance(field, UnboundField) and issubclass(field.field_class, IntegerField):
            yield name, field


def test_every_integer_form_field_has_an_upper_bound_and_refuses_huge_numbers(app_ctx):
    from flask_wtf import FlaskForm
    from werkzeug.datastructures import MultiDict
    from wtforms.validators import NumberRange

    forms = {cls for cls in _subclasses(FlaskForm) if cls.__module__.startswith("portal.")}
    fields = [(cls, name, unbound) for cls in forms for name, unbound in _integer_fields(cls)]
    assert len(fields) >= 8  # sets, days, years, counts, fees …
    unbounded, accepted = [], []
    for cls, name, unbound in fields:
        validators = unbound.kwargs.get("validators") or []
        if not any(isinstance(v, NumberRange) and v.max is not None and v.max < 2**63 for v in validators):
            unbounded.append(f"{cls.__module__}.{cls.__name__}.{name}")
        with app_ctx.test_request_context(method="POST"):
            try:
                form = cls(formdata=MultiDict({name: str(10**30)}))
            except TypeError:  # a form built with arguments: the bound above is what counts
                continue
            if form[name].validate(form):  # that field alone: other fields may need choices set by the view
                accepted.append(f"{cls.__module__}.{cls.__name__}.{name}")
    assert not unbounded and not accepted, (unbounded, accepted)


def test_a_procedure_imported_with_huge_numbers_is_refused_not_stored():
    """The catalogue import (a spreadsheet) reaches the same content check as the form."""
    from portal.procedures import rules

    content = {"name": "Đăng ký khai sinh", "field_id": 1, "level": "commune", "sets": 10**30, "fee_amount": 2**63,
               "processing_days": 1}
    problems = {(p.field, p.code) for p in rules.check_content(content)}
    assert {("sets", "sets_invalid"), ("fee_amount", "fee_invalid")} <= problems
    assert not {p.field for p in rules.check_content({**content, "sets": 99, "fee_amount": 10**12})} & {"sets", "fee_amount"}
