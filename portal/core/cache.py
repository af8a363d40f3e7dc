"""Whole-page caching for anonymous visitors of public pages.

A public page is the same for every anonymous visitor in one language, so its HTML is kept in the
cache (Redis when REDIS_URL is set, else in the worker's memory) under a key that changes whenever
its content does (for example the procedure's current version). Signed-in staff, visitors with a
pending flash message, and anything but GET always get a freshly rendered page.
"""
from __future__ import annotations

from functools import wraps
from typing import Callable

from flask import Response, current_app, request, session
from flask_babel import get_locale

from portal.core.htmx import wants_fragment
from portal.extensions import cache


def _cacheable_request() -> bool:
    return (request.method == "GET" and "_user_id" not in session and "_flashes" not in session
            and current_app.config.get("PAGE_CACHE_SECONDS", 0) > 0)


def cached_page(key: Callable[..., str | None]):
    """`key(**view_args)` names the content (None: do not cache this one)."""

    def decorator(view):
        @wraps(view)
        def wrapper(*args, **kwargs):
            if not _cacheable_request():
                return view(*args, **kwargs)
            name = key(*args, **kwargs)
            if name is None:
                return view(*args, **kwargs)
            full_key = f"page:{get_locale()}:{'f' if wants_fragment() else 'p'}:{name}"
            hit = cache.get(full_key)
            if hit is not None:
                body, mimetype, vary = hit
                response = Response(body, mimetype=mimetype)
                for header in vary:
                    response.vary.add(header)
                return response
            response = current_app.make_response(view(*args, **kwargs))
            if response.status_code == 200 and "Set-Cookie" not in response.headers:
                cache.set(full_key, (response.get_data(), response.mimetype, list(response.vary)),
                          timeout=current_app.config["PAGE_CACHE_SECONDS"])
            return response

        return wrapper

    return decorator
