"""Security headers on every response."""
from __future__ import annotations

from urllib.parse import urlsplit

from flask import Flask, request


def tile_source(tile_url: str) -> str:
    """The CSP source of a map tile URL template: its scheme and host, a {s} subdomain as a wildcard;
    "" when no tiles are configured or the template is not an absolute http(s) URL."""
    parts = urlsplit((tile_url or "").replace("{s}", "s-wildcard"))
    if parts.scheme not in ("https", "http") or not parts.hostname:
        return ""
    host = parts.hostname.replace("s-wildcard", "*")
    return f"{parts.scheme}://{host}" + (f":{parts.port}" if parts.port else "")


def build_csp(tile_url: str = "") -> str:
    """The policy: no inline script, everything from this origin; map tiles (MAP_TILE_URL) are the one
    outside source, images only, and only when set."""
    tiles = tile_source(tile_url)
    return "; ".join(
        [
            "default-src 'self'",
            "script-src 'self'",
            "style-src 'self'",
            "img-src 'self' data:" + (f" {tiles}" if tiles else ""),
            "font-src 'self'",
            "connect-src 'self'",
            "object-src 'none'",
            "base-uri 'self'",
            "form-action 'self'",
            "frame-ancestors 'none'",
        ]
    )



def register_security_headers(app: Flask) -> None:
    csp = build_csp(app.config.get("MAP_TILE_URL", ""))

    @app.after_request
    def set_headers(response):
        headers = response.headers
        headers.setdefault("Content-Security-Policy", csp)
        headers.setdefault("X-Content-Type-Options", "nosniff")
        headers.setdefault("X-Frame-Options", "DENY")
        # Same-origin requests keep their Referer, which Flask-WTF's HTTPS check needs.
        headers.setdefault("Referrer-Policy", "strict-origin-when-cross-origin")
        headers.setdefault("Permissions-Policy", "camera=(), microphone=(), geolocation=(self)")
        headers.setdefault("Cross-Origin-Opener-Policy", "same-origin")
        if app.config.get("SESSION_COOKIE_SECURE"):
            headers.setdefault("Strict-Transport-Security", "max-age=31536000; includeSubDomains")
        if request.path.startswith("/staff") or request.path.startswith("/auth"):
            headers["Cache-Control"] = "no-store"
        return response
