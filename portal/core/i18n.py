"""Locale selection and locale-aware formatting helpers for templates."""
from __future__ import annotations

import os
from pathlib import Path

from flask import current_app, has_request_context, request
from flask_babel import format_date, format_datetime, format_decimal

LANG_COOKIE = "lang"


def select_locale() -> str:
    """The visitor's cookie choice; outside a request (CLI, jobs) the default locale."""
    languages = current_app.config["LANGUAGES"]
    chosen = request.cookies.get(LANG_COOKIE) if has_request_context() else None
    if chosen in languages:
        return chosen
    return current_app.config["BABEL_DEFAULT_LOCALE"]


def register_template_helpers(app) -> None:
    app.jinja_env.filters["date"] = lambda d, fmt="medium": format_date(d, fmt) if d else ""
    app.jinja_env.filters["datetime"] = lambda d, fmt="short": format_datetime(d, fmt) if d else ""
    app.jinja_env.filters["number"] = lambda n: format_decimal(n) if n is not None else ""


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
