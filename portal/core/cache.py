"""Micro-cache of anonymous public pages, in front of Flask.

Public pages are the same for every anonymous visitor in one language. A view that allows it
(`@cached_page`) marks its response; the WSGI middleware below keeps such a response for
PAGE_CACHE_SECONDS (default 5 s) per worker and serves it again without entering Flask. Requests
carrying a session cookie (signed-in staff, a pending flash message), anything but GET, and any
response that sets a cookie are never cached. A change is therefore visible to anonymous visitors
within a few seconds, and at once to staff; the technique is the reverse-proxy "microcache".
"""
from __future__ import annotations

from collections import OrderedDict
from functools import wraps
from http.cookies import CookieError, SimpleCookie
from threading import Lock

from portal.core.clock import monotonic

ALLOW_HEADER = "X-Portal-Page-Cache"
# Accept-Encoding: Flask-Compress answers gzip, br, zstd or plain by it (Vary: Accept-Encoding).
_VARY_HEADERS = ("HTTP_HX_REQUEST", "HTTP_HX_BOOSTED", "HTTP_HX_HISTORY_RESTORE_REQUEST", "HTTP_HX_TARGET",
                 "HTTP_ACCEPT_ENCODING")


def cached_page(view):
    """Let the micro-cache keep this view's successful anonymous responses."""

    @wraps(view)
    def wrapper(*args, **kwargs):
        from flask import current_app

        response = current_app.make_response(view(*args, **kwargs))
        if response.status_code == 200:
            response.headers[ALLOW_HEADER] = "1"
        return response

    return wrapper


class MicroCache:
    """WSGI middleware: a bounded, per-worker map of (path, query, language, htmx headers) -> response."""

    def __init__(self, wsgi_app, *, seconds: float, session_cookie: str, lang_cookie: str, max_entries: int = 2000):
        self.wsgi_app = wsgi_app
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
        return (environ.get("PATH_INFO", ""), environ.get("QUERY_STRING", ""), lang,
                tuple(environ.get(h, "") for h in _VARY_HEADERS))

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
