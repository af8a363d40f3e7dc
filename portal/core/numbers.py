"""Integers from outside (URL parts, query strings) kept within what the database can compare, so that odd
input gives a 404 or the default instead of an overflow (SQLite: above 2^63; PostgreSQL: integer columns
hold up to 2^31 − 1 and parameters above 2^63 fail).

- Every `<int:...>` URL part goes through BoundedIntegerConverter (registered as "int" by create_app):
  a number above MAX_ID does not match the rule, so the URL is a 404 like any unknown id.
- Integer query arguments (page, year, unit, procedure, ids in filters) are read with int_arg: anything
  but plain digits within the bounds is treated as absent (the page's default), never an error.
- Integer form fields carry a NumberRange with a max (MAX_ID at most), so a huge number is a field error.
"""
from __future__ import annotations

MAX_ID = 2**31 - 1  # the largest value of a PostgreSQL integer column: every id, year and count column


def register_converters(app) -> None:
    """Before any rule is added (a rule takes its converter when it is added): "int" is werkzeug's integer
    converter with max=MAX_ID unless the rule gives its own. (werkzeug imported here: the rest of this
    module is pure, the statistics kernel reads numbers with it.)"""
    from werkzeug.routing import IntegerConverter

    class BoundedIntegerConverter(IntegerConverter):
        def __init__(self, map, fixed_digits: int = 0, min: int | None = None,  # noqa: A002
                     max: int | None = None, signed: bool = False) -> None:  # noqa: A002
            super().__init__(map, fixed_digits=fixed_digits, min=min, max=MAX_ID if max is None else max,
                             signed=signed)

    app.url_map.converters["int"] = BoundedIntegerConverter


def parse_int(raw, low: int = 0, high: int = MAX_ID) -> int | None:
    """Plain ASCII digits within [low, high] as an int, anything else None (no sign, no spaces, no 10**30)."""
    if raw is None:
        return None
    raw = str(raw).strip()
    if not raw.isascii() or not raw.isdigit() or len(raw) > len(str(high)):
        return None
    value = int(raw)
    return value if low <= value <= high else None


def int_arg(args, name: str, default: int | None = None, *, low: int = 0, high: int = MAX_ID) -> int | None:
    """The query argument `name` as an int within [low, high]; absent, malformed or out of range: default."""
    value = parse_int(args.get(name), low, high)
    return default if value is None else value
