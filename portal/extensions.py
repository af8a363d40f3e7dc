"""Extension instances only; create_app() binds them."""
from flask import current_app
from flask_babel import Babel
from flask_compress import Compress
from flask_limiter import Limiter
from flask_limiter.util import get_remote_address
from flask_login import LoginManager
from flask_migrate import Migrate
from flask_wtf.csrf import CSRFProtect
from redis.backoff import NoBackoff
from redis.retry import Retry

from portal.core.db import db

migrate = Migrate()
csrf = CSRFProtect()
babel = Babel()
login_manager = LoginManager()
compress = Compress()
# Redis down (RATELIMIT_STORAGE_URI = REDIS_URL): each worker counts in its own memory until Redis answers again
# (checked with back-off), so limits still hold, per worker, and no request fails for want of the counter. A Redis
# that hangs is given up after half a second, without redis-py's retries (memory storage ignores these options).
limiter = Limiter(key_func=get_remote_address, default_limits=[], in_memory_fallback_enabled=True,
                  storage_options={"socket_connect_timeout": 0.5, "socket_timeout": 0.5,
                                   "retry": Retry(NoBackoff(), 0)})


@limiter.request_filter
def _rate_limits_off_for_this_app() -> bool:
    """The limiter is one object for every app in the process and keeps the RATELIMIT_ENABLED of the
    app set up last; ask the app serving the request instead."""
    return not current_app.config.get("RATELIMIT_ENABLED", True)


# The public statistics pages (/ho-so/thong-ke, /hai-long) share one budget per client address: a miss of the page
# cache computes a whole aggregate. A page served by the micro-cache (portal.core.cache) never enters Flask and is
# not counted: only the requests that cost work are.
public_statistics_limit = limiter.shared_limit(lambda: current_app.config["PUBLIC_STATISTICS_RATE_LIMIT"],
                                               scope="public-statistics")

__all__ = ["db", "migrate", "csrf", "babel", "login_manager", "limiter", "compress", "public_statistics_limit"]
