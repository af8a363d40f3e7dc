"""Configuration classes. Values come from the environment with safe defaults."""
from __future__ import annotations

import os
import secrets
from datetime import timedelta
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
INSTANCE_DIR = Path(os.environ.get("PORTAL_INSTANCE_DIR", BASE_DIR / "instance"))


def _dev_secret_key() -> str:
    """Generate a secret once into instance/ so sessions survive restarts in development."""
    INSTANCE_DIR.mkdir(parents=True, exist_ok=True)
    path = INSTANCE_DIR / "secret_key"
    if not path.exists():
        path.write_text(secrets.token_hex(32))
        path.chmod(0o600)
    return path.read_text().strip()


def _database_url() -> str:
    url = os.environ.get("DATABASE_URL")
    if url:
        return url
    INSTANCE_DIR.mkdir(parents=True, exist_ok=True)
    return f"sqlite:///{INSTANCE_DIR / 'portal.sqlite3'}"


class Config:
    PORTAL_ENV = "development"
    SECRET_KEY = os.environ.get("SECRET_KEY") or None
    SQLALCHEMY_DATABASE_URI = None  # resolved in init()
    SQLALCHEMY_ENGINE_OPTIONS = {"pool_pre_ping": True}
    REDIS_URL = os.environ.get("REDIS_URL") or None
    PORTAL_NAME = os.environ.get("PORTAL_NAME", "Cổng phản ánh, kiến nghị và đánh giá sự hài lòng")
    TOWN_NAME = os.environ.get("TOWN_NAME", "Thị xã Gia Nghĩa")
    COMMITTEE_NAME = os.environ.get("COMMITTEE_NAME", "Ủy ban nhân dân thị xã Gia Nghĩa")
    COMMITTEE_ADDRESS = os.environ.get("COMMITTEE_ADDRESS", "02 Võ Văn Tần, phường Nghĩa Tân, thị xã Gia Nghĩa")
    COMMITTEE_PHONE = os.environ.get("COMMITTEE_PHONE", "0261 3544 111")
    TIMEZONE = os.environ.get("TIMEZONE", "Asia/Ho_Chi_Minh")

    BABEL_DEFAULT_LOCALE = "vi"
    BABEL_DEFAULT_TIMEZONE = TIMEZONE
    BABEL_TRANSLATION_DIRECTORIES = str(BASE_DIR / "portal" / "translations")
    LANGUAGES = ("vi", "en")

    # Request size limit: the largest upload any form accepts, plus form overhead.
    MAX_CONTENT_LENGTH = int(os.environ.get("MAX_CONTENT_LENGTH", 25 * 1024 * 1024))
    MAX_FORM_MEMORY_SIZE = 1024 * 1024

    SESSION_COOKIE_HTTPONLY = True
    SESSION_COOKIE_SAMESITE = "Lax"
    SESSION_COOKIE_SECURE = False
    PERMANENT_SESSION_LIFETIME = timedelta(hours=10)  # a working day
    REMEMBER_COOKIE_DURATION = timedelta(seconds=0)
    WTF_CSRF_TIME_LIMIT = None  # token lives as long as the session

    RATELIMIT_ENABLED = True
    RATELIMIT_HEADERS_ENABLED = True
    RATELIMIT_STORAGE_URI = None  # resolved in init()
    LOGIN_RATE_LIMIT = "10 per minute"
    API_RATE_LIMIT = os.environ.get("API_RATE_LIMIT", "120 per minute")  # per client address

    PASSWORD_MIN_LENGTH = 10
    ARGON2_PROFILE = "RFC_9106_LOW_MEMORY"  # argon2id, t=3, 64 MiB
    LOGIN_MAX_FAILURES = 5
    LOGIN_LOCK_MINUTES = 15

    # Working-day rules (DOMAIN.md §4): settings, not literals in the rules.
    WORKDAY_CUTOFF = os.environ.get("WORKDAY_CUTOFF", "15:00")
    WORKDAY_OPEN = os.environ.get("WORKDAY_OPEN", "07:30")
    WORKDAY_CLOSE = os.environ.get("WORKDAY_CLOSE", "17:00")

    PAGE_SIZE = 25
    # One-stop cases (DOMAIN.md §3): form set, supplement rule (NĐ 61 restarts the time; the 766
    # statistics pause it), and how many working days before the due date a case is "due soon".
    CASE_FORM_REGIME = os.environ.get("CASE_FORM_REGIME", "2025")
    # (effective from, rule): NĐ 61/2018 restarts the processing time when supplements arrive (from
    # 21 Jun 2018); "pause" applies the 766 statistics' rule. Add a row when the regime changes.
    CASE_SUPPLEMENT_RULES = (("2018-06-21", os.environ.get("CASE_SUPPLEMENT_RULE", "restart")),)
    DUE_SOON_WORKING_DAYS = 1
    NOTIFY_CITIZENS = True  # e-mail/SMS to applicants on case events (the demo loader turns it off)
    # Public case lookup (/ho-so/tra-cuu): attempts per client address, against guessing access codes.
    CASE_LOOKUP_RATE_LIMIT = os.environ.get("CASE_LOOKUP_RATE_LIMIT", "10 per minute")
    # Anonymous public pages are micro-cached per worker for this long (portal/core/cache.py); 0: off.
    PAGE_CACHE_SECONDS = float(os.environ.get("PAGE_CACHE_SECONDS", 5))
    FORM_FILE_MAX_BYTES = 10 * 1024 * 1024
    UPLOAD_FOLDER = os.environ.get("UPLOAD_FOLDER") or None  # default: instance/uploads
    # A procedure version counts as published on time when it goes public within this many
    # working days of its publishing decision (QĐ 766 "công khai kịp thời"); a setting.
    PROCEDURE_PUBLISH_DAYS = 5
    # Catalogue import (procedures/imports.py): the largest file and the most rows taken at once.
    # Each row is created and published in the request (~6 ms a row on PostgreSQL): 2,000 rows stay
    # well inside gunicorn's 30 s worker timeout; a town's catalogue has a few hundred procedures.
    IMPORT_MAX_BYTES = int(os.environ.get("IMPORT_MAX_BYTES", 10 * 1024 * 1024))
    IMPORT_MAX_ROWS = int(os.environ.get("IMPORT_MAX_ROWS", 2000))

    # Notifications to citizens (portal/notify): e-mail over SMTP; SMS through SMS_TRANSPORT, a
    # "module:Class" with send() (the default only logs). PUBLIC_BASE_URL prefixes the lookup link.
    MAIL_SERVER = os.environ.get("MAIL_SERVER", "localhost")
    MAIL_PORT = int(os.environ.get("MAIL_PORT", 25))
    MAIL_USE_TLS = os.environ.get("MAIL_USE_TLS", "").lower() in ("1", "true", "yes")
    MAIL_USERNAME = os.environ.get("MAIL_USERNAME") or None
    MAIL_PASSWORD = os.environ.get("MAIL_PASSWORD") or None
    MAIL_DEFAULT_SENDER = os.environ.get("MAIL_DEFAULT_SENDER", "Bộ phận Một cửa <motcua@gianghia.gov.vn>")
    MAIL_TIMEOUT = float(os.environ.get("MAIL_TIMEOUT", 30))
    SMS_TRANSPORT = os.environ.get("SMS_TRANSPORT", "portal.notify.transports:LogSmsTransport")
    PUBLIC_BASE_URL = os.environ.get("PUBLIC_BASE_URL", "")

    @classmethod
    def init(cls, app) -> None:
        cfg = app.config
        if not cfg.get("SQLALCHEMY_DATABASE_URI"):
            cfg["SQLALCHEMY_DATABASE_URI"] = _database_url()
        if not cfg.get("SECRET_KEY"):
            cfg["SECRET_KEY"] = _dev_secret_key()
        if not cfg.get("RATELIMIT_STORAGE_URI"):
            cfg["RATELIMIT_STORAGE_URI"] = cfg.get("REDIS_URL") or "memory://"



class TestConfig(Config):
    PORTAL_ENV = "test"
    TESTING = True
    SECRET_KEY = "test-secret-key-not-for-production"
    SQLALCHEMY_DATABASE_URI = os.environ.get("TEST_DATABASE_URL") or None
    RATELIMIT_ENABLED = False
    REDIS_URL = None
    ARGON2_PROFILE = "CHEAPEST"  # tests check behaviour, not hashing cost
    PAGE_CACHE_SECONDS = 0  # tests/core/test_page_cache.py builds its own app with the cache on
    WTF_CSRF_ENABLED = False  # functional tests post real forms; tests/core proves CSRF with it on

    @classmethod
    def init(cls, app) -> None:
        if not app.config.get("SQLALCHEMY_DATABASE_URI"):
            raise RuntimeError("TestConfig needs SQLALCHEMY_DATABASE_URI (the test fixtures set it)")
        super().init(app)


class ProductionConfig(Config):
    PORTAL_ENV = "production"
    SESSION_COOKIE_SECURE = True
    SESSION_COOKIE_NAME = "__Host-session"
    PREFERRED_URL_SCHEME = "https"

    @classmethod
    def init(cls, app) -> None:
        if not app.config.get("SECRET_KEY"):
            raise RuntimeError("SECRET_KEY must be set in production")
        if not os.environ.get("DATABASE_URL") and not app.config.get("SQLALCHEMY_DATABASE_URI"):
            raise RuntimeError("DATABASE_URL must be set in production")
        super().init(app)


CONFIGS = {"development": Config, "test": TestConfig, "production": ProductionConfig}
