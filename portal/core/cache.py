"""Micro-cache of anonymous public pages, in front of Flask.

Public pages are the same for every anonymous visitor in one language. A view that allows it
(`@cached_page`) marks its response; the WSGI middleware below keeps such a response for
PAGE_CACHE_SECONDS (default 5 s) per worker and serves it again without entering Flask. Requests
carrying a session cookie (signed-in staff, a pending flash message), anything but GET, and any
response that sets a cookie are never cached. A change is therefore visible to anonymous visitors
within a few seconds, and at once to staff; the technique is the reverse-proxy "microcache".

The key holds only the query parameters the page reads, as `@cached_page(params=...)` declares them next to
the view (issue 17: `?x=1&_=123&utm_source=...` used to miss the cache and force the full work, e.g. the whole
case aggregate of /ho-so/thong-ke). The query is normalised (unknown parameters dropped, sorted, values as the
view parses them where a normaliser is declared) and the request reaches Flask with that normalised query, so a
view cannot read or echo (links, pagination, canonical URLs) anything its key does not hold: every URL sharing
a key gets the same response. A view reading a parameter it did not declare simply never sees it, which a test
of that page shows at once.
"""
from __future__ import annotations

from collections import OrderedDict
from functools import wraps
from http.cookies import CookieError, SimpleCookie
from threading import Lock
from urllib.parse import parse_qsl, urlencode

from portal.core.clock import monotonic

ALLOW_HEADER = "X-Portal-Page-Cache"
# Accept-Encoding: Flask-Compress answers gzip, br, zstd or plain by it (Vary: Accept-Encoding).
_VARY_HEADERS = ("HTTP_HX_REQUEST", "HTTP_HX_BOOSTED", "HTTP_HX_HISTORY_RESTORE_REQUEST", "HTTP_HX_TARGET",
                 "HTTP_ACCEPT_ENCODING")


PARAMS_ATTRIBUTE = "page_cache_params"


def cached_page(view=None, *, params=()):
    """Let the micro-cache keep this view's successful anonymous responses.

    `params`: the query parameters the view reads, each a name (its first value kept as sent) or
    (name, normalise) where normalise(raw) gives the value as the view will understand it, as text, or None
    when the view would ignore it (the parameter is then dropped). Anything else in the query is dropped before
    the view runs. `@cached_page` alone: a page that reads no parameter."""

    def decorate(view):
        @wraps(view)
        def wrapper(*args, **kwargs):
            from flask import current_app

            response = current_app.make_response(view(*args, **kwargs))
            if response.status_code == 200:
                response.headers[ALLOW_HEADER] = "1"
            return response

        setattr(wrapper, PARAMS_ATTRIBUTE, tuple(p if isinstance(p, tuple) else (p, None) for p in params))
        return wrapper

    return decorate(view) if view is not None else decorate


def normalised_query(query: str, params: tuple) -> str:
    """The query string as the key and the view see it: declared parameters only, first value each, normalised,
    sorted by name."""
    if not query:
        return ""
    first: dict[str, str] = {}
    for name, value in parse_qsl(query, keep_blank_values=True):
        first.setdefault(name, value)
    kept = []
    for name, normalise in params:
        if name in first:
            value = first[name] if normalise is None else normalise(first[name])
            if value is not None:
                kept.append((name, value))
    return urlencode(sorted(kept))


def url_params(url_map, view_functions):
    """A resolver for MicroCache: PATH_INFO -> the declared params of the @cached_page view it routes to
    (a tuple), or None for any other path."""
    from werkzeug.exceptions import HTTPException
    from werkzeug.routing import RequestRedirect

    def resolve(environ):
        try:
            endpoint, _args = url_map.bind_to_environ(environ).match(method="GET")
        except (HTTPException, RequestRedirect):
            return None
        return getattr(view_functions.get(endpoint), PARAMS_ATTRIBUTE, None)

    return resolve


class MicroCache:
    """WSGI middleware: a bounded, per-worker map of (path, normalised query, language, htmx headers) -> response.

    `resolve(environ)` gives the params a path's view declared (url_params), None when the path is not a
    @cached_page view (then the request passes through untouched); it is remembered per path."""

    def __init__(self, wsgi_app, *, seconds: float, session_cookie: str, lang_cookie: str, resolve,
                 max_entries: int = 2000):
        self.wsgi_app = wsgi_app
        self.resolve = resolve
        self._paths: OrderedDict = OrderedDict()
        self.seconds = seconds
        self.session_cookie = session_cookie
        self.lang_cookie = lang_cookie
        self.max_entries = max_entries
        self._entries: OrderedDict = OrderedDict()
        self._lock = Lock()

    def _key(self, environ):
        if self.seconds <= 0 or environ.get("REQUEST_METHOD") != "GET":
            return None
        lang = ""
        raw = environ.get("HTTP_COOKIE")
        if raw:
            try:
                cookies = SimpleCookie(raw)
            except CookieError:
                return None
            if self.session_cookie in cookies or "remember_token" in cookies:
                return None
            lang = cookies[self.lang_cookie].value if self.lang_cookie in cookies else ""
        path = environ.get("PATH_INFO", "")
        params = self._params(path, environ)
        if params is None:
            return None
        query = normalised_query(environ.get("QUERY_STRING", ""), params)
        environ["QUERY_STRING"] = query  # what the view reads is exactly what the key holds
        return (path, query, lang, tuple(environ.get(h, "") for h in _VARY_HEADERS))

    def _params(self, path: str, environ):
        with self._lock:
            if path in self._paths:
                self._paths.move_to_end(path)
                return self._paths[path]
        params = self.resolve(environ)
        with self._lock:
            self._paths[path] = params
            while len(self._paths) > self.max_entries:
                self._paths.popitem(last=False)
        return params

    def __call__(self, environ, start_response):
        key = self._key(environ)
        if key is None:
            return self.wsgi_app(environ, start_response)
        now = monotonic()
        with self._lock:
            hit = self._entries.get(key)
        if hit is not None and hit[0] > now:
            _expires, status, headers, body = hit
            start_response(status, headers)
            return [body]
        captured = {}

        def capture(status, headers, exc_info=None):
            captured["status"], captured["headers"] = status, headers
            return start_response(status, [(k, v) for k, v in headers if k != ALLOW_HEADER], exc_info)

        chunks = self.wsgi_app(environ, capture)
        try:
            body = b"".join(chunks)
        finally:
            if hasattr(chunks, "close"):
                chunks.close()
        headers = captured.get("headers", [])
        if (captured.get("status", "").startswith("200") and any(k == ALLOW_HEADER for k, _ in headers)
                and not any(k.lower() == "set-cookie" for k, _ in headers)):
            stored = [(k, v) for k, v in headers if k != ALLOW_HEADER]
            with self._lock:
                self._entries[key] = (now + self.seconds, captured["status"], stored, body)
                self._entries.move_to_end(key)
                while len(self._entries) > self.max_entries:
                    self._entries.popitem(last=False)
        return [body]
