"""Domain errors and the HTTP error pages."""
from __future__ import annotations

from flask import Flask, render_template, request
from flask_babel import lazy_gettext as _l
from flask_wtf.csrf import CSRFError
from sqlalchemy.exc import OperationalError
from werkzeug.exceptions import HTTPException

from portal.core.db import db


class DomainError(Exception):
    """A rule was broken. `message` is a lazy translatable string shown to the user."""

    status_code = 422

    def __init__(self, message, field: str | None = None):
        super().__init__(str(message))
        self.message = message
        self.field = field


class NotAllowed(DomainError):
    status_code = 403


class Conflict(DomainError):
    """Somebody else changed the record first."""

    status_code = 409


ERROR_TITLES = {
    400: _l("Bad request"),
    403: _l("Access denied"),
    404: _l("Page not found"),
    405: _l("Method not allowed"),
    409: _l("Changed by someone else"),
    413: _l("The upload is too large"),
    422: _l("The data could not be processed"),
    429: _l("Too many requests"),
    500: _l("Something went wrong"),
    503: _l("The portal is busy"),
}

ERROR_HINTS = {
    400: _l("The request could not be understood. Please go back and try again."),
    403: _l("You do not have permission to open this page."),
    404: _l("The address may be mistyped, or the page has been moved."),
    405: _l("This address does not accept that kind of request."),
    409: _l("The record was changed by someone else. Reload it and try again."),
    413: _l("The data you sent is larger than the portal accepts. Please send a smaller file."),
    422: _l("Please check the data you entered and try again."),
    429: _l("You have sent too many requests. Please wait a minute and try again."),
    500: _l("The portal could not complete your request. The error has been recorded; please try again later."),
    503: _l("The database could not be reached or was busy for too long, so nothing was saved. Go back (what you "
            "typed is still in the form) and send it again in a moment."),
}
RETRY_AFTER_SECONDS = 5


def render_error(code: int, detail=None):
    wants_json = request.path.startswith("/api/") or request.path == "/healthz"
    if wants_json:
        return {"error": str(ERROR_TITLES.get(code, code)), "detail": str(detail or "")}, code
    return (
        render_template(
            "errors/error.html",
            code=code,
            title=ERROR_TITLES.get(code, ERROR_TITLES[500]),
            hint=ERROR_HINTS.get(code, ERROR_HINTS[500]),
            detail=detail,
        ),
        code,
    )


PATH_ERROR_RENDERERS = "portal.path_error_renderers"


def render_errors_under(app: Flask, prefix: str, render) -> None:
    """HTTP errors (routing 404 and 405 included) of paths under `prefix` are rendered by `render(code, err)`,
    which returns (body, status) like render_error; a domain registers it from its blueprint."""
    app.extensions.setdefault(PATH_ERROR_RENDERERS, {})[prefix] = render


def register_error_handlers(app: Flask) -> None:
    @app.errorhandler(CSRFError)
    def csrf_error(err):
        return render_error(400, _l("The form has expired or was not sent from this portal. Reload the page and send it again."))

    @app.errorhandler(HTTPException)
    def http_error(err: HTTPException):
        code = err.code or 500
        if code == 401:
            code = 403
        for prefix, render in app.extensions.get(PATH_ERROR_RENDERERS, {}).items():
            if request.path.startswith(prefix):  # an API with its own error format, e.g. Open311's
                response = render(code, err)
                break
        else:
            response = render_error(code if code in ERROR_TITLES else 500)
        if code == 405 and err.valid_methods:
            body, status = response
            return body, status, {"Allow": ", ".join(err.valid_methods)}
        return response

    @app.errorhandler(DomainError)
    def domain_error(err: DomainError):
        return render_error(err.status_code, err.message)

    @app.errorhandler(OperationalError)
    def database_unavailable(err: OperationalError):
        """Locked past the busy timeout (SQLite), a lock or statement timeout or a lost connection
        (PostgreSQL): the transaction is rolled back whole, so the visitor is told to send again."""
        app.logger.warning("Database unavailable on %s: %s", request.path, str(err.orig)[:200])
        db.session.rollback()
        body, status = render_error(503)
        return body, status, {"Retry-After": str(RETRY_AFTER_SECONDS)}

    @app.errorhandler(Exception)
    def unexpected(err: Exception):
        app.logger.exception("Unhandled error on %s", request.path)
        return render_error(500)
