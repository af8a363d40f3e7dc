"""Locale selection and locale-aware formatting helpers for templates."""
from __future__ import annotations

import os
from pathlib import Path

from flask import current_app, g, has_app_context, has_request_context, request
from flask_babel import LazyString, format_date, format_datetime, format_decimal, get_locale, get_translations

from portal.core.stats import shown_percent

LANG_COOKIE = "lang"


def select_locale() -> str:
    """The visitor's cookie choice; outside a request (CLI, jobs) the default locale."""
    languages = current_app.config["LANGUAGES"]
    chosen = request.cookies.get(LANG_COOKIE) if has_request_context() else None
    if chosen in languages:
        return chosen
    return current_app.config["BABEL_DEFAULT_LOCALE"]


# Vietnamese documents write dates as 09/01/2019; English pages spell the month to avoid ambiguity.
DATE_FORMATS = {"vi": "dd/MM/yyyy", "en": "d MMM yyyy"}
DATETIME_FORMATS = {"vi": "HH:mm dd/MM/yyyy", "en": "d MMM yyyy, HH:mm"}


def _lang() -> str:
    return str(get_locale() or "vi")[:2]


def _date_format() -> str:
    return DATE_FORMATS.get(_lang(), "medium")


def _datetime_format() -> str:
    return DATETIME_FORMATS.get(_lang(), "short")


def _plain_lazy(value):
    """Jinja's `finalize`: a lazy translation becomes plain text before autoescape. Flask-Babel's LazyString has an
    `__html__` that returns its text as is, so `{{ _l("“%(value)s” is not …", value=typed) }}` printed what a person
    typed (a spreadsheet cell, a document name) as markup; as a str it is escaped like any other text."""
    return str(value) if isinstance(value, LazyString) else value


def register_template_helpers(app) -> None:
    app.jinja_env.finalize = _plain_lazy
    app.jinja_env.filters["date"] = lambda d, fmt=None: format_date(d, fmt or _date_format()) if d else ""
    app.jinja_env.filters["datetime"] = lambda d, fmt=None: format_datetime(d, fmt or _datetime_format()) if d else ""
    app.jinja_env.filters["number"] = lambda n: format_decimal(n) if n is not None else ""
    app.jinja_env.filters["filesize"] = filesize
    app.jinja_env.filters["percent"] = percent_text  # a share 0..1
    app.jinja_env.filters["percent_points"] = lambda p: percent_text(None if p is None else p / 100)
    app.jinja_env.install_gettext_callables(
        gettext=lambda s: _catalogue().ugettext(s),
        ngettext=lambda s, p, n: _catalogue().ungettext(s, p, n),
        pgettext=lambda c, s: _catalogue().upgettext(c, s),
        npgettext=lambda c, s, p, n: _catalogue().unpgettext(c, s, p, n),
        newstyle=True,
    )


def _catalogue():
    """The catalogue for templates, kept for the request while its locale stays the same.

    Flask-Babel looks up domain, locale and catalogue again on every call (about 6 µs), and one page
    translates dozens of strings: a measurable share of the home page's time (bench/README.md).
    """
    if not has_app_context():
        return get_translations()
    locale = get_locale()
    cached = g.get("_template_catalogue")
    if cached is None or cached[0] is not locale:  # force_locale() and refresh() give a new locale
        cached = g._template_catalogue = (locale, get_translations())
    return cached[1]


def compile_catalogues(force: bool = False) -> list[str]:
    """Compile every translations/<lang>/LC_MESSAGES/messages.po whose .mo is missing or older."""
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    root = Path(__file__).resolve().parent.parent / "translations"
    done = []
    for po_path in sorted(root.glob("*/LC_MESSAGES/messages.po")):
        mo_path = po_path.with_suffix(".mo")
        if not force and mo_path.exists() and mo_path.stat().st_mtime >= po_path.stat().st_mtime:
            continue
        with po_path.open("rb") as fh:
            catalog = read_po(fh, locale=po_path.parent.parent.name)
        tmp = mo_path.with_suffix(".mo.tmp")
        with tmp.open("wb") as fh:
            write_mo(fh, catalog)
        os.replace(tmp, mo_path)
        done.append(f"compiled {po_path.relative_to(root)}")
    return done


def filesize(n: int | None) -> str:
    """A file size in the reader's number format: 163 B, 12,5 KB, 3,2 MB (binary units, as file managers show)."""
    if n is None:
        return ""
    if n < 1024:
        return f"{format_decimal(n)} B"
    for unit, size in (("KB", 1024), ("MB", 1024 ** 2), ("GB", 1024 ** 3)):
        if n < size * 1024 or unit == "GB":
            return f"{format_decimal(round(n / size, 1))} {unit}"
    return f"{n} B"


def percent_text(share: float | None) -> str:
    """A share (0..1) as "94,9 %" in the page's locale, cut to one decimal (core.stats.shown_percent): the one
    way every page prints a rate."""
    if share is None:
        return "—"
    return f"{format_decimal(shown_percent(share * 100), format='#,##0.#')} %"

