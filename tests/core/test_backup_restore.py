"""Backups that restore everything (issue 13 point 13): one owner-only archive of the database and every uploaded
file with a manifest of checksums; a restore checks every checksum before it replaces anything. Both engines."""
from __future__ import annotations

import hashlib
import io
import json
import os
import subprocess
import sys
import tarfile
import threading
from pathlib import Path

import pytest
from alembic.config import Config
from alembic.script import ScriptDirectory
from sqlalchemy import create_engine, func, inspect, make_url, select, text

from portal import create_app
from portal.config import BASE_DIR, TestConfig
from portal.core.access import Role
from portal.core.db import db
from portal.feedback.models import Feedback
from portal.plan.evidence import check_evidence, store_evidence
from portal.procedures.files import store_form_file
from portal.units.models import Unit, UnitLevel
from tests.conftest import RequestIsolatingClient, scratch_postgres
from tests.factories import make_procedure, make_user
from tests.feedback.data import form_fields
from tests.feedback.test_submit_attachments import SUBMIT, jpeg_with_gps

FORM_PDF = b"%PDF-1.4\n% to khai dang ky khai sinh\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n"
EVIDENCE_PDF = b"%PDF-1.4\n% bao cao tien do cai cach hanh chinh quy 1\n%%EOF\n"


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def run(app, *args, **kwargs):
    return app.test_cli_runner().invoke(args=list(args), **kwargs)


def _reset_postgres(url: str) -> None:
    engine = create_engine(url)
    with engine.begin() as conn:
        conn.execute(text("DROP SCHEMA public CASCADE"))
        conn.execute(text("CREATE SCHEMA public"))
    engine.dispose()


@pytest.fixture()
def databases(tmp_path):
    """(source URL, empty target URL): SQLite files, or two PostgreSQL databases with TEST_DATABASE_URL (the target
    is TEST_RESTORE_DATABASE_URL when given, e.g. test_f, emptied first; else a scratch database)."""
    base = os.environ.get("TEST_DATABASE_URL")
    if not base:
        yield f"sqlite:///{tmp_path / 'source' / 'portal.sqlite3'}", f"sqlite:///{tmp_path / 'target' / 'portal.sqlite3'}"
        return
    with scratch_postgres(base, "backup_src") as source:
        target = os.environ.get("TEST_RESTORE_DATABASE_URL")
        if target:
            assert make_url(target).database != make_url(base).database
            _reset_postgres(target)
            yield source, target
            _reset_postgres(target)
        else:
            with scratch_postgres(base, "backup_dst") as target:
                yield source, target


def _app(url: str, instance: Path, *, tables: bool = True):
    instance.mkdir(parents=True, exist_ok=True)
    app = create_app(TestConfig, SQLALCHEMY_DATABASE_URI=url, UPLOAD_FOLDER=str(instance / "uploads"))
    app.test_client_class = RequestIsolatingClient
    if tables:
        with app.app_context():
            db.create_all()
    return app


def _close(app) -> None:
    with app.app_context():
        db.session.remove()
        db.engine.dispose()


def _counts(app) -> dict[str, int]:
    with app.app_context():
        present = set(inspect(db.engine).get_table_names())
        counts = {t.name: db.session.scalar(select(func.count()).select_from(t))
                  for t in db.metadata.sorted_tables if t.name in present}
        db.session.remove()
        return counts


def _files(root: Path) -> dict[str, str]:
    return {p.relative_to(root).as_posix(): sha256(p.read_bytes()) for p in root.rglob("*") if p.is_file()}


def _manifest(archive: Path) -> dict:
    with tarfile.open(archive, "r:gz") as tar:
        return json.loads(tar.extractfile("manifest.json").read())


def _make_data(app) -> dict:
    """A feedback with a photo, a procedure form file and a plan evidence file, through the portal's own paths."""
    with app.app_context():
        client = app.test_client()
        data = {**form_fields(), "attachments": (io.BytesIO(jpeg_with_gps()), "ổ gà.jpg")}
        assert client.post(SUBMIT, data=data, content_type="multipart/form-data").status_code == 303
        feedback = db.session.scalars(select(Feedback)).one()
        [attachment] = feedback.attachments
        procedure = make_procedure()
        store_form_file(procedure.id, "tờ khai.pdf", FORM_PDF)
        store_evidence(check_evidence("báo cáo.pdf", EVIDENCE_PDF))
        user = make_user(Role.DESK_OFFICER)
        db.session.commit()
        made = {"feedback": feedback.id, "attachment": attachment.id, "email": user.email}
        db.session.remove()
        return made


def _writer(app, stop: threading.Event, committed: list[int]) -> None:
    """Write load: two units per transaction until told to stop."""
    with app.app_context():
        n = 0
        while not stop.is_set():
            db.session.add_all([Unit(code=f"LOAD-{n}-a", name=f"Tải {n} a", level=UnitLevel.TOWN),
                                Unit(code=f"LOAD-{n}-b", name=f"Tải {n} b", level=UnitLevel.TOWN)])
            db.session.commit()
            n += 1
            committed.append(n)
        db.session.remove()


def _load_units(app) -> int:
    with app.app_context():
        found = db.session.scalar(select(func.count()).select_from(Unit).where(Unit.code.like("LOAD-%")))
        db.session.remove()
        return found


def test_backup_under_write_load_restores_every_row_and_file_into_an_empty_instance(databases, tmp_path):
    source_url, target_url = databases
    source = _app(source_url, tmp_path / "source")
    made = _make_data(source)
    source_files = _files(tmp_path / "source" / "uploads")
    assert len(source_files) == 3  # the photo, the form file, the evidence

    stop, committed = threading.Event(), []
    writer = threading.Thread(target=_writer, args=(source, stop, committed))
    writer.start()
    try:
        while len(committed) < 5 and writer.is_alive():
            threading.Event().wait(0.01)
        before = len(committed)
        archive = tmp_path / "backups" / "portal.tar.gz"
        with source.app_context():
            result = run(source, "backup", str(archive))
        during = len(committed)
        while len(committed) < during + 3 and writer.is_alive():  # the portal kept writing after the backup
            threading.Event().wait(0.01)
    finally:
        stop.set()
        writer.join()
    assert len(committed) >= during + 3, "the writer thread failed"
    assert result.exit_code == 0, result.output
    assert archive.stat().st_mode & 0o777 == 0o600

    manifest = _manifest(archive)
    migrations = Config()
    migrations.set_main_option("script_location", str(BASE_DIR / "migrations"))
    head = ScriptDirectory.from_config(migrations).get_current_head()
    assert manifest["schema_revision"] == head
    assert set(manifest["tables"]) == {t.name for t in db.metadata.sorted_tables}
    loaded = manifest["tables"]["unit"] - (_counts(source)["unit"] - _load_units(source))
    assert loaded % 2 == 0 and 2 * before <= loaded < _load_units(source)  # whole transactions, taken mid-load
    uploads = {name.removeprefix("uploads/"): m["sha256"] for name, m in manifest["members"].items()
               if name.startswith("uploads/")}
    assert uploads == source_files
    with tarfile.open(archive, "r:gz") as tar:
        for member in tar.getmembers():
            if member.name != "manifest.json":
                data = tar.extractfile(member).read()
                assert (sha256(data), len(data)) == (manifest["members"][member.name]["sha256"],
                                                     manifest["members"][member.name]["size"])
    _close(source)

    target = _app(target_url, tmp_path / "target", tables=False)  # a fresh instance, an empty database
    with target.app_context():
        result = run(target, "restore", "--yes", str(archive))
    assert result.exit_code == 0, result.output
    assert _counts(target) == manifest["tables"]
    assert _files(tmp_path / "target" / "uploads") == source_files

    with target.app_context():
        client = target.test_client()
        assert client.post("/auth/login", data={"email": made["email"], "password": "Mat-khau-an-toan-2026"}
                           ).status_code == 302
        download = client.get(f"/staff/feedback/{made['feedback']}/attachments/{made['attachment']}")
        assert download.status_code == 200
        stored = next(name for name in source_files if name.startswith("feedback/"))
        assert download.data == (tmp_path / "source" / "uploads" / stored).read_bytes()
    _close(target)


def _tamper(archive: Path, out: Path, name_starts: str) -> None:
    """Copy the archive with one byte of one member changed (the manifest left as it was)."""
    with tarfile.open(archive, "r:gz") as src, tarfile.open(out, "w:gz") as dst:
        for member in src.getmembers():
            data = bytearray(src.extractfile(member).read())
            if member.name.startswith(name_starts):
                data[len(data) // 2] ^= 0x01
            dst.addfile(member, io.BytesIO(bytes(data)))


@pytest.mark.parametrize("damage", ["upload byte", "database byte", "truncated", "member missing"])
def test_a_damaged_archive_is_refused_before_anything_is_replaced(databases, tmp_path, damage):
    source_url, target_url = databases
    source = _app(source_url, tmp_path / "source")
    _make_data(source)
    archive = tmp_path / "portal.tar.gz"
    with source.app_context():
        assert run(source, "backup", str(archive)).exit_code == 0
    _close(source)

    bad = tmp_path / "bad.tar.gz"
    if damage == "upload byte":
        _tamper(archive, bad, "uploads/feedback/")
    elif damage == "database byte":
        _tamper(archive, bad, "database.")
    elif damage == "truncated":
        bad.write_bytes(archive.read_bytes()[: archive.stat().st_size // 2])
    else:
        with tarfile.open(archive, "r:gz") as src, tarfile.open(bad, "w:gz") as dst:
            for member in src.getmembers():
                if not member.name.startswith("uploads/plan/"):
                    dst.addfile(member, src.extractfile(member))

    target = _app(target_url, tmp_path / "target")
    with target.app_context():
        db.session.add(Unit(code="001.01.26.H17", name="Phòng Tư pháp", level=UnitLevel.TOWN))
        db.session.commit()
        db.session.remove()
    before = _counts(target)
    with target.app_context():
        result = run(target, "restore", "--yes", "--force", str(bad))
    assert result.exit_code != 0
    assert "Restore refused, nothing was changed" in result.output
    expected = {"upload byte": "checksum", "database byte": "checksum", "truncated": "damaged or incomplete",
                "member missing": "incomplete"}[damage]
    assert expected in result.output
    assert _counts(target) == before
    with target.app_context():
        assert db.session.scalars(select(Unit.name)).all() == ["Phòng Tư pháp"]
        db.session.remove()
    uploads = tmp_path / "target" / "uploads"
    assert not uploads.exists() or _files(uploads) == {}
    assert not [p for p in (tmp_path / "target").iterdir() if p.name.startswith(".restore-")]  # no staging left
    _close(target)


def test_a_database_with_records_is_replaced_only_with_force(databases, tmp_path):
    source_url, target_url = databases
    source = _app(source_url, tmp_path / "source")
    with source.app_context():
        db.session.add(Unit(code="001.02.26.H17", name="Phòng Nội vụ", level=UnitLevel.TOWN))
        db.session.commit()
        assert run(source, "backup", str(tmp_path / "a.tar.gz")).exit_code == 0
    _close(source)
    target = _app(target_url, tmp_path / "target")
    with target.app_context():
        db.session.add(Unit(code="001.01.26.H17", name="Phòng Tư pháp", level=UnitLevel.TOWN))
        db.session.commit()
        refused = run(target, "restore", "--yes", str(tmp_path / "a.tar.gz"))
        assert refused.exit_code != 0 and "--force" in refused.output
        db.session.remove()
        assert db.session.scalars(select(Unit.name)).all() == ["Phòng Tư pháp"]
        db.session.remove()
        forced = run(target, "restore", "--yes", "--force", str(tmp_path / "a.tar.gz"))
        assert forced.exit_code == 0, forced.output
        db.session.remove()
        assert db.session.scalars(select(Unit.name)).all() == ["Phòng Nội vụ"]
    _close(target)


def test_uploads_follow_the_configured_instance_dir(tmp_path):
    """PORTAL_INSTANCE_DIR moves the SQLite file and the uploads alike (they were split before: uploads stayed in
    the repository's instance/)."""
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "UPLOAD_FOLDER", "PORTAL_ENV")}
    env["PORTAL_INSTANCE_DIR"] = str(tmp_path / "instance")
    code = ("from portal import create_app\nfrom portal.feedback.attachments import upload_root\napp = create_app('development')\n"
            "with app.app_context():\n    print(app.config['SQLALCHEMY_DATABASE_URI']); print(upload_root())")
    done = subprocess.run([sys.executable, "-c", code], cwd=BASE_DIR, env=env, capture_output=True, text=True,
                          check=True)
    database, uploads = done.stdout.strip().splitlines()[-2:]
    assert database == f"sqlite:///{tmp_path / 'instance' / 'portal.sqlite3'}"
    assert uploads == str(tmp_path / "instance" / "uploads")
