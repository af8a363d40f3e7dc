"""Operator commands (seed-demo, create-admin, backup, restore), the health check and SQLite pragmas."""
from __future__ import annotations

import os
import shutil

import pytest
from sqlalchemy import func, select, text

from portal import create_app
from portal.auth.models import StaffUser
from portal.auth.services import PASSWORD_MESSAGES
from portal.config import TestConfig
from portal.core.access import Role
from portal.core.audit import AuditEvent
from portal.core.db import db
from portal.demo.constants import DEMO_PASSWORD, MAIL_DOMAIN
from portal.units.models import Unit, UnitLevel
from tests.conftest import scratch_postgres
from tests.factories import login, make_unit

ADMIN_PASSWORD = "Quan-tri-vien-2026"


def count(model) -> int:
    return db.session.scalar(select(func.count()).select_from(model))


def run(app, *args, **kwargs):
    return app.test_cli_runner().invoke(args=list(args), **kwargs)


# --- seed-demo ----------------------------------------------------------------------------------

def test_seed_demo_creates_the_units_of_gia_nghia_and_one_account_per_role(app_ctx):
    result = run(app_ctx, "seed-demo")
    assert result.exit_code == 0, result.output
    assert "14 units ready" in result.output
    units = list(db.session.scalars(select(Unit)))
    assert len(units) == 14
    names = {u.name for u in units}
    assert {"Phòng Tư pháp", "UBND phường Nghĩa Tân", "UBND xã Đắk Nia", "UBND xã Đắk R'Moan"} <= names
    town_office = next(u for u in units if u.code == "000.01.26.H17")
    communes = [u for u in units if u.level == UnitLevel.COMMUNE]
    assert len(communes) == 8 and all(u.parent_id == town_office.id for u in communes)

    users = list(db.session.scalars(select(StaffUser)))
    assert all(u.email.endswith("@" + MAIL_DOMAIN) for u in users)
    held = [role for u in users for role in u.role_set]
    assert set(held) == set(Role)
    assert all(u.unit_id is not None for u in users if Role.ADMIN not in u.role_set)


def test_a_seeded_account_can_sign_in(app_ctx):
    assert run(app_ctx, "seed-demo").exit_code == 0
    client = app_ctx.test_client()
    user = db.session.scalar(select(StaffUser).where(StaffUser.email == f"motcua@{MAIL_DOMAIN}"))
    assert Role.DESK_OFFICER in user.role_set
    assert login(client, user, DEMO_PASSWORD).status_code == 302
    assert client.get("/staff/").status_code == 200


def test_seed_demo_if_empty_does_nothing_the_second_time(app_ctx):
    assert run(app_ctx, "seed-demo", "--if-empty").exit_code == 0
    before = (count(Unit), count(StaffUser), count(AuditEvent))
    assert before[:2] == (14, 10)  # 14 units, 10 accounts (a handler in each unit that handles cases)
    result = run(app_ctx, "seed-demo", "--if-empty")
    assert result.exit_code == 0
    assert "nothing to do" in result.output
    assert (count(Unit), count(StaffUser), count(AuditEvent)) == before


def test_seed_demo_if_empty_skips_a_database_that_has_units(app_ctx):
    make_unit(code="999.01.26.H17", name="Phòng Kinh tế")
    db.session.commit()
    assert "nothing to do" in run(app_ctx, "seed-demo", "--if-empty").output
    assert count(Unit) == 1 and count(StaffUser) == 0


def test_seed_demo_run_twice_creates_no_duplicates(app_ctx):
    run(app_ctx, "seed-demo")
    result = run(app_ctx, "seed-demo")
    assert result.exit_code == 0 and "0 demo accounts created" in result.output
    assert (count(Unit), count(StaffUser)) == (14, 10)


# --- create-admin -------------------------------------------------------------------------------

def test_create_admin(app_ctx):
    result = run(app_ctx, "create-admin", "--email", " Quantri.Moi@GiaNghia.gov.vn ", "--name", "Nguyễn  Văn An",
                 "--password", ADMIN_PASSWORD)
    assert result.exit_code == 0, result.output
    user = db.session.scalar(select(StaffUser))
    assert user.email == "quantri.moi@gianghia.gov.vn"
    assert user.full_name == "Nguyễn Văn An"
    assert user.role_set == {Role.ADMIN} and user.unit_id is None
    assert user.password_hash != ADMIN_PASSWORD
    event = db.session.scalar(select(AuditEvent).where(AuditEvent.action == "user.create"))
    assert event.object_id == str(user.id)
    client = app_ctx.test_client()
    assert login(client, user, ADMIN_PASSWORD).status_code == 302
    assert client.get("/staff/calendar/").status_code == 200


def test_create_admin_prompts_for_missing_values(app_ctx):
    result = run(app_ctx, "create-admin", input=f"an.admin@gianghia.gov.vn\nTrần Thị Bích\n{ADMIN_PASSWORD}\n{ADMIN_PASSWORD}\n")
    assert result.exit_code == 0, result.output
    assert db.session.scalar(select(StaffUser.full_name)) == "Trần Thị Bích"


@pytest.mark.parametrize(("password", "problem"), [("ngan", "too_short"), ("aaaaaaaaaaaa", "too_simple")])
def test_create_admin_refuses_a_weak_password(app_ctx, password, problem):
    result = run(app_ctx, "create-admin", "--email", "yeu@gianghia.gov.vn", "--name", "A", "--password", password)
    assert result.exit_code == 1
    # The translated message, rendered outside any request (the CLI has none).
    assert f"Error: {PASSWORD_MESSAGES[problem]}" in result.output
    assert count(StaffUser) == 0


def test_create_admin_refuses_a_duplicate_email(app_ctx):
    args = ["create-admin", "--email", "trung@gianghia.gov.vn", "--name", "A", "--password", ADMIN_PASSWORD]
    assert run(app_ctx, *args).exit_code == 0
    result = run(app_ctx, *args[:2], "TRUNG@gianghia.gov.vn", *args[3:])
    assert result.exit_code == 1 and "Error:" in result.output
    assert count(StaffUser) == 1


# --- backup and restore -------------------------------------------------------------------------

def _scratch_app(url: str):
    app = create_app(TestConfig, SQLALCHEMY_DATABASE_URI=url)
    with app.app_context():
        db.create_all()
    return app


def _backup_then_restore(app, target) -> None:
    """Write a unit, back up, write another, restore: only the first survives."""
    with app.app_context():
        db.session.add(Unit(code="001.01.26.H17", name="Phòng Tư pháp", level=UnitLevel.TOWN))
        db.session.commit()
        result = run(app, "backup", str(target))
        assert result.exit_code == 0, result.output
        assert target.exists() and target.stat().st_size > 0
        db.session.add(Unit(code="001.02.26.H17", name="Phòng Nội vụ", level=UnitLevel.TOWN))
        db.session.commit()
        assert count(Unit) == 2

        refused = run(app, "restore", "--force", str(target), input="n\n")
        assert refused.exit_code == 1  # the operator said no: nothing changes
        assert count(Unit) == 2

        result = run(app, "restore", "--yes", "--force", str(target))  # the database holds records
        assert result.exit_code == 0, result.output
        db.session.remove()
        assert db.session.scalars(select(Unit.name)).all() == ["Phòng Tư pháp"]
        # The restored database is usable: new rows can be written.
        db.session.add(Unit(code="001.03.26.H17", name="Phòng Y tế", level=UnitLevel.TOWN))
        db.session.commit()
        assert count(Unit) == 2
        db.session.remove()
        db.engine.dispose()


def test_backup_then_restore_on_sqlite(tmp_path):
    app = _scratch_app(f"sqlite:///{tmp_path / 'portal.sqlite3'}")
    _backup_then_restore(app, tmp_path / "backup.tar.gz")


@pytest.fixture()
def scratch_postgres_url():
    base = os.environ.get("TEST_DATABASE_URL")
    if not base:
        pytest.skip("PostgreSQL backup needs TEST_DATABASE_URL (the SQLite test covers SQLite)")
    if not (shutil.which("pg_dump") and shutil.which("pg_restore")):
        pytest.fail("pg_dump/pg_restore are needed to back up PostgreSQL")
    with scratch_postgres(base, "cli") as url:
        yield url


def test_backup_then_restore_on_postgresql(scratch_postgres_url, tmp_path):
    app = _scratch_app(scratch_postgres_url)
    _backup_then_restore(app, tmp_path / "backup.tar.gz")


# --- health check and SQLite settings -----------------------------------------------------------

def test_healthz_reports_ok_as_json(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.is_json
    assert response.get_json()["status"] == "ok"


def test_healthz_reports_a_broken_database(tmp_path):
    app = create_app(TestConfig, SQLALCHEMY_DATABASE_URI=f"sqlite:///{tmp_path / 'missing-dir' / 'x.sqlite3'}")
    response = app.test_client().get("/healthz")
    assert response.status_code == 503
    assert response.get_json()["status"] == "error"


def test_sqlite_connections_use_wal_and_wait_for_locks(tmp_path):
    app = create_app(TestConfig, SQLALCHEMY_DATABASE_URI=f"sqlite:///{tmp_path / 'pragmas.sqlite3'}")
    with app.app_context():
        with db.engine.connect() as conn:
            assert conn.execute(text("PRAGMA journal_mode")).scalar() == "wal"
            assert conn.execute(text("PRAGMA busy_timeout")).scalar() > 0
            assert conn.execute(text("PRAGMA foreign_keys")).scalar() == 1
        db.engine.dispose()


def test_the_suites_own_sqlite_database_uses_wal(app_ctx):
    if db.engine.url.get_backend_name() != "sqlite":
        pytest.skip("the pragmas of a scratch SQLite database are checked above on every engine")
    assert db.session.execute(text("PRAGMA journal_mode")).scalar() == "wal"
    assert db.session.execute(text("PRAGMA busy_timeout")).scalar() > 0
