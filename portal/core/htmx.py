"""One helper decides whether a request gets the whole page or only the partial."""
from __future__ import annotations

from flask import make_response, render_template, request


def wants_fragment() -> bool:
    """htmx asked for a fragment (not a boosted navigation or a history restore)."""
    headers = request.headers
    return (
        headers.get("HX-Request") == "true"
        and headers.get("HX-Boosted") != "true"
        and headers.get("HX-History-Restore-Request") != "true"
    )


def render(page: str, partial: str, status: int = 200, **context):
    """Render `page` (which includes `partial`) or only `partial` for htmx; always Vary on HX-Request."""
    if not isinstance(status, int):  # a context variable named "status" must not become the HTTP status
        raise TypeError(f"render(): status must be an HTTP status code, not {status!r}")
    template = partial if wants_fragment() else page
    response = make_response(render_template(template, **context), status)
    response.vary.add("HX-Request")
    return response
