"""The only module that reads the clock. Rules receive `today`/`now` as arguments."""
from __future__ import annotations

import time
from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

from flask import current_app, has_app_context

DEFAULT_TZ = "Asia/Ho_Chi_Minh"


def local_tz() -> ZoneInfo:
    name = current_app.config.get("TIMEZONE", DEFAULT_TZ) if has_app_context() else DEFAULT_TZ
    return ZoneInfo(name)


def utcnow() -> datetime:
    """Aware UTC now, for `_at` columns."""
    return datetime.now(UTC)


def local_now() -> datetime:
    return datetime.now(local_tz())


def today_local() -> date:
    return local_now().date()


def to_local(moment: datetime) -> datetime:
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(local_tz())


def monotonic() -> float:
    """Seconds on a clock that never goes back (cache expiry, timings)."""
    return time.monotonic()
