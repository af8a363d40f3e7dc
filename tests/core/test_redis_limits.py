"""With REDIS_URL set, rate limits live in Redis (a real server), shared by every worker."""
from __future__ import annotations

import os

import pytest
import redis

from portal import create_app
from portal.config import TestConfig

REDIS_URL = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/15")


@pytest.fixture()
def redis_app(app):
    server = redis.Redis.from_url(REDIS_URL)
    server.flushdb()
    limited = create_app(TestConfig, SQLALCHEMY_DATABASE_URI=app.config["SQLALCHEMY_DATABASE_URI"],
                         REDIS_URL=REDIS_URL, RATELIMIT_STORAGE_URI=None, RATELIMIT_ENABLED=True,
                         LOGIN_RATE_LIMIT="3 per minute")
    yield limited, server
    server.flushdb()


def test_storage_follows_redis_url(redis_app):
    limited, _server = redis_app
    assert limited.config["RATELIMIT_STORAGE_URI"] == REDIS_URL


def test_login_attempts_are_counted_in_redis_and_limited(redis_app):
    limited, server = redis_app
    client = limited.test_client()
    codes = [client.post("/auth/login", data={"email": "ai@do.vn", "password": "sai-mat-khau-1"}).status_code
             for _ in range(4)]
    assert codes[:3] == [422, 422, 422]
    assert codes[3] == 429
    assert any(b"auth.login" in key or b"login" in key for key in server.keys("*")), server.keys("*")
    # A second app (another worker) sharing the same Redis sees the same count.
    other = create_app(TestConfig, SQLALCHEMY_DATABASE_URI=limited.config["SQLALCHEMY_DATABASE_URI"],
                       REDIS_URL=REDIS_URL, RATELIMIT_STORAGE_URI=None, RATELIMIT_ENABLED=True,
                       LOGIN_RATE_LIMIT="3 per minute")
    assert other.test_client().post("/auth/login", data={"email": "ai@do.vn", "password": "x"}).status_code == 429


def test_default_run_needs_no_redis(app):
    assert app.config["REDIS_URL"] is None
    assert app.config["RATELIMIT_STORAGE_URI"] == "memory://"
