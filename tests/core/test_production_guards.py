"""Guards of a production portal (PORTAL_ENV=production): a long SECRET_KEY, a PUBLIC_BASE_URL, no demo data by
accident; and in every environment: create-admin checks the e-mail, and the files the portal writes (SQLite
database, uploads, backups) are readable by its own account only."""
from __future__ import annotations

import hashlib
import stat

import pytest
from sqlalchemy import func, select

from portal import create_app
from portal.auth.models import StaffUser
from portal.config import ProductionConfig, TestConfig
from portal.core.db import db
from portal.demo import seed
from portal.feedback import attachments
from portal.units.models import Unit

GOOD_KEY = "0123456789abcdef0123456789abcdef"  # 32 bytes
BASE_URL = "https://dichvucong.gianghia.gov.vn"
ADMIN_PASSWORD = "Quan-tri-vien-2026"


def production(app, **overrides):
    settings = {"SQLALCHEMY_DATABASE_URI": app.config["SQLALCHEMY_DATABASE_URI"], "SECRET_KEY": GOOD_KEY,
                "PUBLIC_BASE_URL": BASE_URL, "REDIS_URL": None, "RATELIMIT_STORAGE_URI": "memory://"}
    settings.update(overrides)
    return create_app(ProductionConfig, **settings)


def run(app, *args):
    with app.app_context():  # the command runs on `app`, not on an app whose context is already pushed
        result = app.test_cli_runner().invoke(args=list(args))
        db.session.remove()
    return result


def count(model) -> int:
    db.session.rollback()
    return db.session.scalar(select(func.count()).select_from(model))


def mode(path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


# --- production settings ------------------------------------------------------------------------

@pytest.mark.parametrize("key", ["change-me", GOOD_KEY[:31], b"x" * 31, "ễ" * 10])  # the last: 30 bytes
def test_a_short_secret_key_is_refused_in_production_only(app, key):
    with pytest.raises(RuntimeError, match="SECRET_KEY is too short.*at least 32"):
        production(app, SECRET_KEY=key)
    assert production(app, SECRET_KEY=GOOD_KEY).config["PORTAL_ENV"] == "production"  # 32 bytes start
    assert production(app, SECRET_KEY="ễ" * 11).config["SECRET_KEY"] == "ễ" * 11  # 33 bytes in UTF-8
    elsewhere = create_app(TestConfig, SQLALCHEMY_DATABASE_URI=app.config["SQLALCHEMY_DATABASE_URI"], SECRET_KEY=key)
    assert elsewhere.config["SECRET_KEY"] == key


@pytest.mark.parametrize("url", ["", "   ", "dichvucong.gianghia.gov.vn", "/ho-so"])
def test_production_needs_an_absolute_public_base_url(app, url):
    with pytest.raises(RuntimeError, match="PUBLIC_BASE_URL must be set in production"):
        production(app, PUBLIC_BASE_URL=url)
    assert production(app).config["PUBLIC_BASE_URL"] == BASE_URL
    assert create_app(TestConfig, SQLALCHEMY_DATABASE_URI=app.config["SQLALCHEMY_DATABASE_URI"],
                      PUBLIC_BASE_URL=url).config["PUBLIC_BASE_URL"] == url  # development and tests start without


# --- seed-demo ----------------------------------------------------------------------------------
# The real loader hashes every demo password with the production argon2 profile (minutes): a stand-in loads.


def test_seed_demo_refuses_a_production_portal_without_the_explicit_flag(app_ctx, monkeypatch):
    loaded = []
    monkeypatch.setattr(seed, "load_demo", lambda progress=None: loaded.append(True) or ["demo loaded"])
    result = run(production(app_ctx), "seed-demo")
    assert result.exit_code != 0
    assert "production" in result.output and "--i-know-this-is-production" in result.output
    assert loaded == [] and count(Unit) == 0 and count(StaffUser) == 0
    assert run(app_ctx, "seed-demo").exit_code == 0 and loaded == [True]  # outside production it loads


def test_seed_demo_runs_on_a_production_portal_with_the_explicit_flag(app_ctx, monkeypatch):
    loaded = []
    monkeypatch.setattr(seed, "load_demo", lambda progress=None: loaded.append(True) or ["demo loaded"])
    result = run(production(app_ctx), "seed-demo", "--i-know-this-is-production")
    assert result.exit_code == 0, result.output
    assert loaded == [True] and "demo loaded" in result.output


# --- create-admin -------------------------------------------------------------------------------

@pytest.mark.parametrize("email", ["not-an-email", "lan@", "@gianghia.gov.vn", "lan nguyen@gianghia.gov.vn",
                                   "lan@gianghia"])
def test_create_admin_refuses_an_invalid_email(app_ctx, email):
    result = run(app_ctx, "create-admin", "--email", email, "--name", "Quản trị", "--password", ADMIN_PASSWORD)
    assert result.exit_code != 0
    assert "Not a valid e-mail address" in result.output
    assert count(StaffUser) == 0


def test_create_admin_keeps_the_valid_email_it_was_given_without_spaces(app_ctx):
    refused = run(app_ctx, "create-admin", "--email", "quantri@gianghia", "--name", "Quản trị",
                  "--password", ADMIN_PASSWORD)
    assert refused.exit_code != 0 and "Not a valid e-mail address: 'quantri@gianghia'" in refused.output
    result = run(app_ctx, "create-admin", "--email", " quantri@gianghia.gov.vn ", "--name", "Quản trị",
                 "--password", ADMIN_PASSWORD)
    assert result.exit_code == 0, result.output
    db.session.rollback()
    assert db.session.scalars(select(StaffUser.email)).all() == ["quantri@gianghia.gov.vn"]


# --- file modes ---------------------------------------------------------------------------------

def test_database_uploads_and_backups_are_for_the_portal_account_only(tmp_path):
    instance = tmp_path / "instance"
    instance.mkdir()
    database = instance / "portal.sqlite3"
    uploads = instance / "uploads"
    app = create_app(TestConfig, SQLALCHEMY_DATABASE_URI=f"sqlite:///{database}", UPLOAD_FOLDER=str(uploads))
    data = b"%PDF-1.4\n% a scanned letter\n"
    checked = attachments.Checked(name="don.pdf", content_type="application/pdf", data=data, size=len(data),
                                  sha256=hashlib.sha256(data).hexdigest())
    backup = tmp_path / "backups" / "portal-2027-03-10.sqlite3"
    with app.app_context():
        db.create_all()
        relative = attachments.store(checked)
        (tmp_path / "backups").mkdir()
        result = run(app, "backup", str(backup))
        assert result.exit_code == 0, result.output
        db.session.remove()
        db.engine.dispose()

    stored = uploads / relative
    assert stored.read_bytes() == data
    assert mode(database) == 0o600
    assert mode(stored) == 0o600
    assert mode(backup) == 0o600
    folder = stored.parent
    while folder != instance:  # uploads/, uploads/feedback/, uploads/feedback/<2 hex>/
        assert mode(folder) == 0o700, folder
        folder = folder.parent


def test_a_backup_over_an_existing_readable_file_is_made_private(tmp_path):
    app = create_app(TestConfig, SQLALCHEMY_DATABASE_URI=f"sqlite:///{tmp_path / 'portal.sqlite3'}")
    backup = tmp_path / "backup.sqlite3"
    backup.write_bytes(b"")
    backup.chmod(0o644)
    with app.app_context():
        db.create_all()
        assert run(app, "backup", str(backup)).exit_code == 0
        db.session.remove()
        db.engine.dispose()
    assert mode(backup) == 0o600
