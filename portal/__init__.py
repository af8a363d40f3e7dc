"""Application factory. Importing this package creates no app and opens no database."""
from __future__ import annotations

import os
from typing import TYPE_CHECKING

from portal.config import BASE_DIR, CONFIGS, INSTANCE_DIR, Config

if TYPE_CHECKING:  # importing portal (and so any portal.*.rules) loads no Flask
    from flask import Flask


def create_app(config: type[Config] | str | None = None, **overrides) -> Flask:
    if config is None or isinstance(config, str):
        config = CONFIGS[config or os.environ.get("PORTAL_ENV", "development")]
    from flask import Flask

    # instance/ follows PORTAL_INSTANCE_DIR (config.INSTANCE_DIR) like the SQLite file, so uploads sit beside it
    app = Flask(__name__, instance_path=str(INSTANCE_DIR),
                template_folder=str(BASE_DIR / "templates"), static_folder=str(BASE_DIR / "static"))
    app.config.from_object(config)
    app.config.update(overrides)
    config.init(app)
    _compile_translations(app)
    register_extensions(app)
    register_blueprints(app)
    register_request_hooks(app)
    register_templates(app)
    register_permissions(app)
    register_cli(app)
    register_side_effects(app)
    register_figures(app)
    register_page_cache(app)
    register_proxy_fix(app)
    return app


def register_proxy_fix(app: Flask) -> None:
    """Behind TRUSTED_PROXIES proxies, believe the last that many X-Forwarded-For and X-Forwarded-Proto hops,
    so request.remote_addr (rate limits, audit log, login throttling) is the citizen's address and
    request.scheme is https; outermost, so the page cache sees the same request Flask does. 0: the headers are
    ignored. X-Forwarded-Host is never believed: nginx passes the Host header itself (README), and a client's
    own X-Forwarded-Host would otherwise travel through it untouched."""
    hops = int(app.config.get("TRUSTED_PROXIES") or 0)
    if hops > 0:
        from werkzeug.middleware.proxy_fix import ProxyFix

        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=hops, x_proto=hops)


def register_page_cache(app: Flask) -> None:
    from portal.core.cache import MicroCache, url_params
    from portal.core.i18n import LANG_COOKIE

    app.wsgi_app = MicroCache(app.wsgi_app, seconds=app.config["PAGE_CACHE_SECONDS"],
                              session_cookie=app.config.get("SESSION_COOKIE_NAME") or "session",
                              lang_cookie=LANG_COOKIE, resolve=url_params(app.url_map, app.view_functions))


def _compile_translations(app: Flask) -> None:
    """A fresh clone renders both languages: compile catalogues that are missing or stale."""
    from portal.core.i18n import compile_catalogues

    try:
        compile_catalogues()
    except OSError:  # read-only install: catalogues were compiled at build time
        app.logger.warning("could not compile translation catalogues")


def register_extensions(app: Flask) -> None:
    from portal.auth.services import load_session_user
    from portal.core.i18n import select_locale
    from portal.extensions import babel, compress, csrf, db, limiter, login_manager, migrate

    # First after_request hook registered, so the last to run: it compresses the finished response (text
    # types only, COMPRESS_MIMETYPES; spreadsheets, documents and images are left alone) and suffixes the ETag.
    compress.init_app(app)
    db.init_app(app)
    migrate.init_app(app, db, directory=str(BASE_DIR / "migrations"), render_as_batch=True)
    csrf.init_app(app)
    babel.init_app(app, locale_selector=select_locale)
    limiter.init_app(app)
    login_manager.init_app(app)
    login_manager.login_view = "auth.login"
    login_manager.session_protection = "strong"
    login_manager.user_loader(load_session_user)
    _import_models()


def _import_models() -> None:
    """Every model module, so metadata (and migrations) see all tables."""
    import portal.alerts.models  # noqa: F401
    import portal.auth.models  # noqa: F401
    import portal.cases.models  # noqa: F401
    import portal.core.audit  # noqa: F401
    import portal.feedback.channels_models  # noqa: F401  # noqa: F401
    import portal.feedback.models  # noqa: F401
    import portal.forecast.models  # noqa: F401
    import portal.notify.models  # noqa: F401
    import portal.open311.models  # noqa: F401
    import portal.plan.models  # noqa: F401
    import portal.procedures.models  # noqa: F401
    import portal.satisfaction.models  # noqa: F401
    import portal.satisfaction.rollup  # noqa: F401
    import portal.surveys.models  # noqa: F401
    import portal.units.models  # noqa: F401
    import portal.workdays.models  # noqa: F401


def register_blueprints(app: Flask) -> None:
    """Each domain's blueprints are created in its views module (or package), which registers its routes; a
    domain package's __init__ imports nothing, so its rules load alone (tests/test_layers.py)."""
    from portal.core.numbers import register_converters

    register_converters(app)  # <int:...> bounded (issue 13): before any rule is added
    from portal.alerts.views import bp as alerts_bp
    from portal.audit.views import bp as audit_bp
    from portal.auth.two_factor_views import bp as two_factor_bp
    from portal.auth.views import bp as auth_bp, staff_bp as users_bp
    from portal.cases.views import bp as cases_bp, public_bp as cases_public_bp
    from portal.feedback.views import bp as feedback_bp, staff_bp as feedback_staff_bp
    from portal.forecast.views import bp as forecast_bp
    from portal.open311.developers import docs_bp as open311_docs_bp
    from portal.open311.staff import staff_bp as open311_staff_bp
    from portal.open311.views import bp as open311_bp
    from portal.plan.views import bp as plan_bp
    from portal.procedures.api import bp as procedures_api_bp
    from portal.procedures.views import bp as procedures_bp, staff_bp as procedures_staff_bp
    from portal.reorganisation.views import bp as reorganisation_bp
    from portal.satisfaction.views import public_bp as satisfaction_public_bp, staff_bp as satisfaction_bp
    from portal.satisfaction.views.dashboard import bp as satisfaction_dashboard_bp
    from portal.site.views import bp as site_bp
    from portal.statistics.api import bp as statistics_api_bp
    from portal.surveys.views import bp as surveys_bp, staff_bp as surveys_staff_bp
    from portal.units.organisation_views import bp as organisation_bp
    from portal.units.views import bp as units_bp
    from portal.workdays.views import bp as workdays_bp

    for blueprint in (site_bp, auth_bp, users_bp, units_bp, workdays_bp, audit_bp, procedures_bp,
                      procedures_staff_bp, cases_bp, cases_public_bp, procedures_api_bp, statistics_api_bp, feedback_bp,
                      feedback_staff_bp, satisfaction_dashboard_bp, surveys_bp, surveys_staff_bp):
        app.register_blueprint(blueprint)
    app.register_blueprint(plan_bp)
    app.register_blueprint(open311_bp)
    app.register_blueprint(open311_staff_bp)
    app.register_blueprint(open311_docs_bp)
    app.register_blueprint(satisfaction_bp)
    app.register_blueprint(satisfaction_public_bp)
    app.register_blueprint(reorganisation_bp)
    app.register_blueprint(organisation_bp)
    app.register_blueprint(two_factor_bp)
    app.register_blueprint(alerts_bp)
    app.register_blueprint(forecast_bp)


def register_request_hooks(app: Flask) -> None:
    from portal.auth.two_factor_views import require_enrolment
    from portal.core.access import enforce_access
    from portal.core.errors import register_error_handlers
    from portal.core.security import register_security_headers

    app.before_request(enforce_access)
    app.before_request(require_enrolment)  # a role that needs a second factor: the enrolment page only, until it has one
    register_error_handlers(app)
    register_security_headers(app)


def register_templates(app: Flask) -> None:
    from flask_babel import get_locale

    from portal.core.i18n import register_template_helpers
    from portal.core.navigation import template_globals
    from portal.core.permissions import template_can

    register_template_helpers(app)
    app.jinja_env.globals["can"] = template_can  # templates ask, they do not decide (core/permissions.py)
    app.context_processor(lambda: {"current_locale": str(get_locale() or "vi"), **template_globals()})


def register_permissions(app: Flask) -> None:
    """The domains' answers to can(action, obj) in templates; any other name is an endpoint, judged by its own
    access rule (core/permissions.py)."""
    from portal.core.permissions import register
    from portal.feedback.permissions import CHECKS as feedback
    from portal.open311.permissions import CHECKS as open311
    from portal.procedures.permissions import CHECKS as procedures
    from portal.satisfaction.permissions import CHECKS as satisfaction
    from portal.surveys.permissions import CHECKS as surveys

    for checks in (procedures, feedback, open311, satisfaction, surveys):
        register(app, checks)


def register_cli(app: Flask) -> None:
    from portal.cli import register

    register(app)


def register_side_effects(app: Flask) -> None:
    """Hooks that act after a commit, registered here rather than when a module is imported: a notify outbox
    commit wakes the sender (RQ when REDIS_URL is set)."""
    from portal.notify.jobs import register_outbox_hooks

    register_outbox_hooks()


def register_figures(app: Flask) -> None:
    """Figures that cross domains: QĐ 766's "unhappy" case (rated not satisfied, or named by a PAKN) is defined
    above cases, feedback and satisfaction (statistics.cases_766) and handed to the case statistics here."""
    from portal.cases.stats import UNHAPPY
    from portal.statistics.cases_766 import unhappy_cases

    app.extensions[UNHAPPY] = unhappy_cases
    # The case page pre-fills the apology (Mẫu 04) from a draft composed above cases: the reason from the case's
    # history, the new date from the breach forecast (the unit head's warning links to it).
    from portal.alerts.apology import draft_for
    from portal.cases.services import APOLOGY_DRAFT

    app.extensions[APOLOGY_DRAFT] = draft_for
    # The unit form previews the next case code; the daily counter belongs to the cases, above the units.
    from portal.cases.intake import peek_number
    from portal.units.services import NEXT_CASE_NUMBER

    app.extensions[NEXT_CASE_NUMBER] = peek_number
    # The rename preview counts the cases received before the new name's date (they keep the old name).
    from portal.cases.services import cases_received_before
    from portal.units.services import CASES_BEFORE

    app.extensions[CASES_BEFORE] = cases_received_before
