"""Configuration classes. Values come from the environment with safe defaults."""
from __future__ import annotations

import os
import secrets
from datetime import timedelta
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
INSTANCE_DIR = Path(os.environ.get("PORTAL_INSTANCE_DIR", BASE_DIR / "instance"))


# Files the portal writes (SQLite database, uploads, backups, instance/) are for its own account only:
# create_app sets this umask, so files are created 0o600 and directories 0o700 (Config.init).
PRIVATE_UMASK = 0o077


def _private_instance_dir() -> None:
    INSTANCE_DIR.mkdir(mode=0o700, parents=True, exist_ok=True)


def _dev_secret_key() -> str:
    """Generate a secret once into instance/ so sessions survive restarts in development."""
    _private_instance_dir()
    path = INSTANCE_DIR / "secret_key"
    if not path.exists():
        path.write_text(secrets.token_hex(32))
        path.chmod(0o600)
    return path.read_text().strip()


def _database_url() -> str:
    url = os.environ.get("DATABASE_URL")
    if url:
        return url
    _private_instance_dir()
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
    # The committee's superior and province. These COMMITTEE_* values print only on days no recorded organisation
    # profile covers (portal.units.organisation.profile_on; administrators record dated ones at /staff/organisation).
    SUPERIOR_NAME = os.environ.get("SUPERIOR_NAME", "UBND tỉnh Đắk Nông")
    PROVINCE_NAME = os.environ.get("PROVINCE_NAME", "Đắk Nông")
    # The receiving desk on the TT 03/2025 forms (cases received from 1 Jul 2025): the "Trung tâm Phục vụ hành
    # chính công" of the receiving unit (DOMAIN.md §7a). Per unit code, a name as it should print; a unit not
    # listed prints "Trung tâm Phục vụ hành chính công" and its own name without "UBND" (documents.centre_name).
    SERVICE_CENTRE_NAMES: dict[str, str] = {}
    TIMEZONE = os.environ.get("TIMEZONE", "Asia/Ho_Chi_Minh")

    BABEL_DEFAULT_LOCALE = "vi"
    BABEL_DEFAULT_TIMEZONE = TIMEZONE
    BABEL_TRANSLATION_DIRECTORIES = str(BASE_DIR / "portal" / "translations")
    LANGUAGES = ("vi", "en")

    # Request size limit: the largest upload any form accepts, plus form overhead.
    MAX_CONTENT_LENGTH = int(os.environ.get("MAX_CONTENT_LENGTH", 25 * 1024 * 1024))
    MAX_FORM_MEMORY_SIZE = 1024 * 1024

    # Phản ánh, kiến nghị (portal/feedback). Attachments: the limits below are checked by
    # feedback/attachments.py and refused with a message beside the field, the typed text kept. The
    # total (20 MB) stays 5 MB under MAX_CONTENT_LENGTH (25 MB) so a set of files just over it still
    # reaches that friendly message; only a request over MAX_CONTENT_LENGTH gets the 413 error page.
    FEEDBACK_ATTACHMENT_MAX_BYTES = 10 * 1024 * 1024  # one file
    FEEDBACK_ATTACHMENT_MAX_COUNT = 5
    FEEDBACK_ATTACHMENTS_MAX_TOTAL = 20 * 1024 * 1024  # all files of a submission; < MAX_CONTENT_LENGTH
    # Files of refused submissions held for the retry (feedback/held_uploads.py), all together: past it a file is
    # named to the citizen to choose again instead of held (one address at its rate limit could fill a disk).
    FEEDBACK_HELD_MAX_BYTES = 256 * 1024 * 1024
    FEEDBACK_IMAGE_MAX_SIDE = 4000  # larger photos are scaled down, not refused
    FEEDBACK_IMAGE_MAX_PIXELS = 50_000_000  # decoded size bound: a bigger picture is refused undecoded
    # Every upload path (portal/core/upload_safety.py): Office files unpacked at most this much (zip bombs)
    # and compressed at most this ratio; the pictures of one request at most this many pixels together.
    UPLOAD_OFFICE_UNPACKED_MAX_BYTES = 50 * 1024 * 1024
    UPLOAD_OFFICE_MAX_RATIO = 200
    UPLOAD_IMAGES_MAX_TOTAL_PIXELS = 60_000_000
    # Per client address, against flooding (submit) and guessing access codes (lookup).
    FEEDBACK_SUBMIT_RATE_LIMIT = os.environ.get("FEEDBACK_SUBMIT_RATE_LIMIT", "5 per minute")
    FEEDBACK_LOOKUP_RATE_LIMIT = os.environ.get("FEEDBACK_LOOKUP_RATE_LIMIT", "10 per minute")
    # Survey answers (/khao-sat/<code>) per client address: against guessing codes and flooding.
    SURVEY_RATE_LIMIT = os.environ.get("SURVEY_RATE_LIMIT", "10 per minute")
    # PRACTICE deadlines of phản ánh, kiến nghị in working days (DOMAIN.md §5; feedback/deadlines.py): the
    # national system's and the province's practice, NOT NĐ 20/2008, which sets only the statutory
    # forward-within-5 deadline (Điều 9 k1 d, in force 03/03/2008; built in, not a setting). Rows:
    # (effective from, {step: days}, basis); the row in force on an item's day of receipt applies, and
    # items already received keep their deadlines. No row may start before 03/03/2008. Per-kind override
    # by classification ("regulation" / "behaviour", "*" = any), e.g. for Ninh Bình QĐ 163/2025 Điều 19:
    #   ("2025-07-01", {"reject": 2, "supplement": 5, "answer": {"*": 15, "regulation": 10}, "publish": 2},
    #    "QĐ 163/2025/QĐ-UBND tỉnh Ninh Bình, Điều 19"),
    FEEDBACK_DEADLINES = (
        ("2008-03-03", {"reject": 2, "supplement": 5, "answer": 15, "publish": 2}, ""),
    )
    # Where a feedback is (issue 16 point 2; portal/feedback/location.py). Map tiles: a URL template with {z}/{x}/{y}
    # (and optionally {s}); its host is added to the Content-Security-Policy's img-src. Empty = no tiles: the map
    # is a plain grid and a picked point is still stored. Plausible bounds (south, west, north, east) of a
    # submitted point: Vietnam's mainland box by default; a town may narrow it to its own area.
    MAP_TILE_URL = os.environ.get("MAP_TILE_URL", "https://tile.openstreetmap.org/{z}/{x}/{y}.png")
    MAP_TILE_ATTRIBUTION = os.environ.get("MAP_TILE_ATTRIBUTION", "© OpenStreetMap contributors")
    MAP_CENTER = (11.9965, 107.6900)  # where the map opens: Gia Nghĩa
    MAP_ZOOM = 14
    FEEDBACK_LOCATION_BOUNDS = (8.18, 102.14, 23.39, 109.47)

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
    # /ho-so/thong-ke and /hai-long together, per client address; micro-cache hits are not counted (issue 17)
    PUBLIC_STATISTICS_RATE_LIMIT = os.environ.get("PUBLIC_STATISTICS_RATE_LIMIT", "60 per minute")

    PASSWORD_MIN_LENGTH = 10
    ARGON2_PROFILE = "RFC_9106_LOW_MEMORY"  # argon2id, t=3, 64 MiB
    # Login throttle (portal.auth.rules.LoginThrottle): an (e-mail, address) pair waits 1, 2, 4 … minutes (capped)
    # after LOGIN_MAX_FAILURES failures; past LOGIN_ACCOUNT_MAX_FAILURES for the account, only addresses that
    # failed before are slowed. No account is ever locked for everyone.
    LOGIN_MAX_FAILURES = 5
    LOGIN_ACCOUNT_MAX_FAILURES = 20
    LOGIN_MAX_DELAY_MINUTES = 60
    # Second factor for staff (TOTP, portal/auth/two_factor.py): optional for everyone; accounts holding one of these
    # roles must enrol before any other staff page opens (ProductionConfig: administrators and managers). The issuer
    # is the name the officer's authenticator app shows beside the account.
    TOTP_REQUIRED_ROLES: tuple[str, ...] = ()
    TOTP_ISSUER = os.environ.get("TOTP_ISSUER", "UBND Gia Nghĩa")

    # Working-day rules (DOMAIN.md §4): settings, not literals in the rules.
    WORKDAY_CUTOFF = os.environ.get("WORKDAY_CUTOFF", "15:00")
    WORKDAY_OPEN = os.environ.get("WORKDAY_OPEN", "07:30")
    WORKDAY_CLOSE = os.environ.get("WORKDAY_CLOSE", "17:00")

    PAGE_SIZE = 25
    # One-stop cases (DOMAIN.md §3): supplement rule (NĐ 61 restarts the time; the 766 statistics pause it),
    # and how many working days before the due date a case is "due soon". The form set is no setting: each
    # case keeps the regime of its receipt date (cases.rules.CASE_REGIMES, regime_of).
    # (effective from, rule): NĐ 61/2018 restarts the processing time when supplements arrive (from
    # 21 Jun 2018); "pause" applies the 766 statistics' rule. Add a row when the regime changes.
    CASE_SUPPLEMENT_RULES = (("2018-06-21", os.environ.get("CASE_SUPPLEMENT_RULE", "restart")),)
    DUE_SOON_WORKING_DAYS = 1
    # Staff warnings (portal/alerts, issue 18): the handler is warned this many working days before a case's legal
    # due day unless he or she chose another lead (1–5) on the "My warnings" page.
    ALERT_HANDLER_LEAD_DAYS = int(os.environ.get("ALERT_HANDLER_LEAD_DAYS", 2))
    # How a case's promised day is counted, by receipt date (workdays.rules.CountingRule): the Civil Code
    # (BLDS 2015 Điều 147–148, in force from 1 Jan 2017). A centre whose receipts were printed under the
    # old global cut-off may add ("2018-06-21", "global_cutoff") and the day it upgraded with "civil_code";
    # stored dates are never recomputed either way.
    CASE_COUNTING_RULES = (("2017-01-01", "civil_code"),)
    # Fields whose same-day procedures are due the next working day when received after 15:00 (Luật Hộ
    # tịch 2014 Điều 5 k3: hộ tịch; NĐ 23/2015 Điều 7: chứng thực), unless a procedure version says otherwise.
    CASE_SAME_DAY_15H_FIELDS = ("HT", "CT")
    NOTIFY_CITIZENS = True  # e-mail/SMS to applicants on case events (the demo loader turns it off)
    # Public case lookup (/ho-so/tra-cuu): attempts per client address, against guessing access codes.
    CASE_LOOKUP_RATE_LIMIT = os.environ.get("CASE_LOOKUP_RATE_LIMIT", "10 per minute")
    # Open311 GeoReport v2 (/open311/v2, portal/open311): reads per client address; submissions per
    # address and, separately, per API key (a partner's server sends for many citizens from one address).
    OPEN311_RATE_LIMIT = os.environ.get("OPEN311_RATE_LIMIT", "120 per minute")
    OPEN311_POST_RATE_LIMIT = os.environ.get("OPEN311_POST_RATE_LIMIT", "60 per minute")
    OPEN311_KEY_RATE_LIMIT = os.environ.get("OPEN311_KEY_RATE_LIMIT", "30 per minute")
    OPEN311_CONTACT = os.environ.get("OPEN311_CONTACT", "")  # discovery "contact"; default: the committee
    OPEN311_KEY_SERVICE = os.environ.get("OPEN311_KEY_SERVICE", "")  # discovery "key_service"
    # The jurisdiction_id partners may send (optional: one jurisdiction is served; another one is a 404).
    # Default: the host name of PUBLIC_BASE_URL, else the host the request came to.
    OPEN311_JURISDICTION_ID = os.environ.get("OPEN311_JURISDICTION_ID", "")
    # Per-case satisfaction ratings (portal/satisfaction): 3 or 5 levels; rates on fewer responses than
    # SATISFACTION_MIN_N are flagged "too few responses"; the plan's target share of satisfied citizens.
    SATISFACTION_SCALE = int(os.environ.get("SATISFACTION_SCALE", 3))
    SATISFACTION_MIN_N = int(os.environ.get("SATISFACTION_MIN_N", 30))
    SATISFACTION_TARGET = 0.80
    SATISFACTION_RATE_LIMIT = os.environ.get("SATISFACTION_RATE_LIMIT", "10 per minute")  # online form, per address
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
    # Reform plan tracking (plan/evidence.py, plan/reminders.py): one evidence file per progress or indicator report, kept
    # under MAX_CONTENT_LENGTH so a file just over it gets the message beside the field; reminders go to the lead
    # unit's heads this many calendar days before an activity's end month ends (`flask plan remind`, daily).
    PLAN_EVIDENCE_MAX_BYTES = int(os.environ.get("PLAN_EVIDENCE_MAX_BYTES", 20 * 1024 * 1024))
    PLAN_REMIND_DAYS = int(os.environ.get("PLAN_REMIND_DAYS", 10))
    # Reform-plan import (plan/xlsx_import.py): a plan has ~100 rows; the workbook is read whole (merged cells).
    PLAN_IMPORT_MAX_BYTES = int(os.environ.get("PLAN_IMPORT_MAX_BYTES", 2 * 1024 * 1024))

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

    # Behind a reverse proxy (nginx): how many proxies in front of the portal set X-Forwarded-For and
    # X-Forwarded-Proto (Werkzeug's ProxyFix; only the last N hops are believed; create_app).
    # 0 (default): no proxy is trusted and those headers are ignored; rate limits, the audit log and
    # login throttling then see the connecting address. Set 1 behind one nginx (README, Production).
    TRUSTED_PROXIES = int(os.environ.get("TRUSTED_PROXIES", 0))

    @classmethod
    def init(cls, app) -> None:
        os.umask(PRIVATE_UMASK)
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
    MAP_TILE_URL = ""  # no tile requests leave a test; tests of the tile host set one

    @classmethod
    def init(cls, app) -> None:
        if not app.config.get("SQLALCHEMY_DATABASE_URI"):
            raise RuntimeError("TestConfig needs SQLALCHEMY_DATABASE_URI (the test fixtures set it)")
        super().init(app)


MIN_SECRET_KEY_BYTES = 32


class ProductionConfig(Config):
    PORTAL_ENV = "production"
    SESSION_COOKIE_SECURE = True
    SESSION_COOKIE_NAME = "__Host-session"
    PREFERRED_URL_SCHEME = "https"
    TOTP_REQUIRED_ROLES = ("admin", "manager")

    @classmethod
    def init(cls, app) -> None:
        secret = app.config.get("SECRET_KEY")
        if not secret:
            raise RuntimeError("SECRET_KEY must be set in production")
        if len(secret.encode() if isinstance(secret, str) else secret) < MIN_SECRET_KEY_BYTES:
            raise RuntimeError(f"SECRET_KEY is too short for production: use at least {MIN_SECRET_KEY_BYTES} "
                               "random bytes, e.g. python -c 'import secrets; print(secrets.token_hex(32))'")
        if not os.environ.get("DATABASE_URL") and not app.config.get("SQLALCHEMY_DATABASE_URI"):
            raise RuntimeError("DATABASE_URL must be set in production")
        if not (app.config.get("PUBLIC_BASE_URL") or "").strip().startswith(("https://", "http://")):
            raise RuntimeError("PUBLIC_BASE_URL must be set in production (e.g. https://dichvucong.gianghia.gov.vn): "
                               "messages to citizens carry absolute links")
        super().init(app)


CONFIGS = {"development": Config, "test": TestConfig, "production": ProductionConfig}
