"""Backups that restore everything: one tar.gz holding the database, every uploaded file and a manifest.

Archive layout:
  database.sqlite3 | database.dump   SQLite online-backup copy, or pg_dump custom format
  uploads/<relative path>            every file under the upload folder (feedback, procedure forms, plan evidence)
  manifest.json                      format, engine, schema revision, rows per table, SHA-256 and size of each member

`restore` reads the whole archive and checks every member against the manifest into a staging folder before it
replaces anything; a damaged, incomplete or foreign archive raises BackupError and nothing changes.
"""
from __future__ import annotations

import hashlib
import io
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path, PurePosixPath

from flask import current_app
from sqlalchemy import inspect, text

from portal.core.db import db

FORMAT = 1
MANIFEST = "manifest.json"
UPLOADS = "uploads"
DB_MEMBER = {"sqlite": "database.sqlite3", "postgresql": "database.dump"}
CHUNK = 1024 * 1024


class BackupError(Exception):
    """The archive cannot be written or restored; the message says why (nothing was replaced)."""


@dataclass(frozen=True)
class Restored:
    manifest: dict
    files: int


def upload_root() -> Path:
    """The upload folder the domains write to (UPLOAD_FOLDER, default <instance>/uploads)."""
    return Path(current_app.config.get("UPLOAD_FOLDER") or Path(current_app.instance_path) / "uploads")


def engine_name() -> str:
    return db.engine.url.get_backend_name()


def sqlite_path() -> Path | None:
    url = db.engine.url
    return Path(url.database) if url.get_backend_name() == "sqlite" and url.database else None


def schema_head() -> str | None:
    """The migrations' head revision (the schema this code expects)."""
    from alembic.config import Config as AlembicConfig
    from alembic.script import ScriptDirectory

    from portal.config import BASE_DIR

    cfg = AlembicConfig()
    cfg.set_main_option("script_location", str(BASE_DIR / "migrations"))
    return ScriptDirectory.from_config(cfg).get_current_head()


def sqlite_copy(source, target) -> None:
    """SQLite's online backup API: a consistent copy even while the portal writes."""
    src, dst = sqlite3.connect(source), sqlite3.connect(target)
    try:
        with dst:
            src.backup(dst)
    finally:
        src.close()
        dst.close()


def pg(command: list[str]) -> None:
    url = db.engine.url
    env = dict(os.environ)
    if url.password:
        env["PGPASSWORD"] = url.password
    args = ["--host", url.host or "127.0.0.1", "--port", str(url.port or 5432), "--username", url.username or "postgres",
            "--dbname", url.database]
    if shutil.which(command[0]) is None:
        raise BackupError(f"{command[0]} is not installed")
    done = subprocess.run(command + args, env=env, capture_output=True, text=True)
    if done.returncode != 0:
        raise BackupError(f"{command[0]} failed: {done.stderr.strip()}")


# --- backup -------------------------------------------------------------------------------------

def _table_names() -> list[str]:
    return sorted(t.name for t in db.metadata.sorted_tables)


def _sqlite_snapshot(staging: Path) -> tuple[Path, dict, str | None]:
    copy = staging / DB_MEMBER["sqlite"]
    sqlite_copy(str(sqlite_path()), str(copy))
    conn = sqlite3.connect(copy)
    try:
        present = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        counts = {name: conn.execute(f'SELECT count(*) FROM "{name}"').fetchone()[0]
                  for name in _table_names() if name in present}
        revision = conn.execute("SELECT version_num FROM alembic_version").fetchone() \
            if "alembic_version" in present else None
    finally:
        conn.close()
    return copy, counts, revision[0] if revision else None


def _postgres_snapshot(staging: Path) -> tuple[Path, dict, str | None]:
    """Row counts and pg_dump read one exported snapshot, so the manifest describes exactly the dump."""
    dump = staging / DB_MEMBER["postgresql"]
    with db.engine.connect() as conn:
        conn = conn.execution_options(isolation_level="REPEATABLE READ")
        with conn.begin():
            snapshot = conn.execute(text("SELECT pg_export_snapshot()")).scalar()
            present = set(inspect(conn).get_table_names())
            counts = {name: conn.execute(text(f'SELECT count(*) FROM "{name}"')).scalar()
                      for name in _table_names() if name in present}
            revision = conn.execute(text("SELECT version_num FROM alembic_version")).scalar() \
                if "alembic_version" in present else None
            pg(["pg_dump", "--format=custom", "--no-owner", f"--snapshot={snapshot}", "--file", str(dump)])
    return dump, counts, revision


class _Hashing(io.RawIOBase):
    """A file read through this object adds to a SHA-256 as tarfile copies it."""

    def __init__(self, fh):
        self.fh, self.sha = fh, hashlib.sha256()

    def readable(self) -> bool:
        return True

    def read(self, size=-1) -> bytes:
        chunk = self.fh.read(size)
        self.sha.update(chunk)
        return chunk


def _add(tar: tarfile.TarFile, path: Path, name: str, members: dict) -> None:
    with open(path, "rb") as fh:
        size = os.fstat(fh.fileno()).st_size
        info = tarfile.TarInfo(name)
        info.size, info.mode, info.mtime = size, 0o600, int(os.fstat(fh.fileno()).st_mtime)
        reader = _Hashing(fh)
        tar.addfile(info, reader)
    members[name] = {"sha256": reader.sha.hexdigest(), "size": size}


def _upload_files(root: Path):
    """Every finished upload: temporary files of writes in progress (*.tmp) are left out."""
    if not root.is_dir():
        return
    for path in sorted(root.rglob("*")):
        if path.is_file() and not path.is_symlink() and not path.name.endswith(".tmp"):
            yield path, PurePosixPath(UPLOADS, *path.relative_to(root).parts).as_posix()


def write_backup(target: str | Path) -> dict:
    """Write the archive to `target` (owner-only), through a temporary file renamed at the end; return the manifest."""
    target = Path(target)
    engine = engine_name()
    if engine not in DB_MEMBER:
        raise BackupError(f"cannot back up a {engine} database")
    target.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".backup-", dir=target.parent))
    fd, partial = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".partial", dir=target.parent)
    os.fchmod(fd, 0o600)
    try:
        database, counts, revision = (_sqlite_snapshot if engine == "sqlite" else _postgres_snapshot)(staging)
        members: dict = {}
        with os.fdopen(fd, "wb") as raw, tarfile.open(fileobj=raw, mode="w:gz") as tar:
            _add(tar, database, DB_MEMBER[engine], members)
            for path, name in _upload_files(upload_root()):  # after the database: every file it names exists
                _add(tar, path, name, members)
            manifest = {"format": FORMAT, "created_at": datetime.now(UTC).isoformat(timespec="seconds"),
                        "engine": engine, "schema_revision": schema_head(), "database_revision": revision,
                        "database": DB_MEMBER[engine], "tables": counts, "members": members}
            body = json.dumps(manifest, indent=2, sort_keys=True).encode()
            info = tarfile.TarInfo(MANIFEST)
            info.size, info.mode, info.mtime = len(body), 0o600, int(datetime.now(UTC).timestamp())
            tar.addfile(info, io.BytesIO(body))
        os.replace(partial, target)
        os.chmod(target, 0o600)  # also when an existing file was replaced
        return manifest
    except BaseException:
        Path(partial).unlink(missing_ok=True)
        raise
    finally:
        shutil.rmtree(staging, ignore_errors=True)


# --- verify and restore -------------------------------------------------------------------------

def _safe_name(name: str) -> bool:
    path = PurePosixPath(name)
    return not path.is_absolute() and ".." not in path.parts and name == path.as_posix()


def _read_manifest(tar: tarfile.TarFile) -> dict:
    try:
        member = tar.getmember(MANIFEST)
    except KeyError:
        raise BackupError("the archive has no manifest.json: not a portal backup, or incomplete") from None
    try:
        manifest = json.loads(tar.extractfile(member).read())
    except (ValueError, AttributeError):
        raise BackupError("manifest.json is damaged") from None
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT or not isinstance(manifest.get("members"), dict) \
            or manifest.get("engine") not in DB_MEMBER or manifest.get("database") not in manifest["members"]:
        raise BackupError("manifest.json is not a portal backup manifest this version can read")
    for name in manifest["members"]:
        if not _safe_name(name) or not (name == manifest["database"] or name.startswith(UPLOADS + "/")):
            raise BackupError(f"the manifest names an unexpected member: {name!r}")
    return manifest


@contextmanager
def verified(archive: str | Path, staging_parent: Path):
    """Check every member of `archive` against its manifest while unpacking it into a staging folder; yield
    (manifest, staging folder). Raises BackupError before anything outside the staging folder is touched."""
    staging_parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".restore-", dir=staging_parent))
    try:
        try:
            with tarfile.open(archive, mode="r:gz") as tar:
                manifest = _read_manifest(tar)
                expected, seen = manifest["members"], set()
                for member in tar.getmembers():
                    if member.name == MANIFEST:
                        continue
                    if member.name not in expected or not member.isfile():
                        raise BackupError(f"the archive holds a member the manifest does not list: {member.name!r}")
                    if member.name in seen:
                        raise BackupError(f"the archive holds {member.name!r} twice")
                    seen.add(member.name)
                    out = staging / member.name
                    out.parent.mkdir(parents=True, exist_ok=True)
                    sha, size = hashlib.sha256(), 0
                    with tar.extractfile(member) as src, open(out, "wb") as dst:
                        while chunk := src.read(CHUNK):
                            sha.update(chunk)
                            size += len(chunk)
                            dst.write(chunk)
                    want = expected[member.name]
                    if sha.hexdigest() != want.get("sha256") or size != want.get("size"):
                        raise BackupError(f"{member.name} does not match its checksum in the manifest: "
                                          "the archive is damaged")
                missing = sorted(set(expected) - seen)
                if missing:
                    raise BackupError(f"the archive is incomplete: {len(missing)} member(s) missing, e.g. {missing[0]}")
        except (tarfile.TarError, EOFError, OSError, ValueError) as err:
            raise BackupError(f"the archive cannot be read ({err}): damaged or incomplete") from None
        yield manifest, staging
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def database_is_empty() -> bool:
    """No row in any table (or no tables at all)."""
    present = set(inspect(db.engine).get_table_names())
    with db.engine.connect() as conn:
        return not any(conn.execute(text(f'SELECT 1 FROM "{name}" LIMIT 1')).first()
                       for name in _table_names() if name in present)


def restore_database(manifest: dict, staging: Path) -> None:
    engine = engine_name()
    if manifest["engine"] != engine:
        raise BackupError(f"the archive holds a {manifest['engine']} database; this portal uses {engine}")
    source = staging / manifest["database"]
    db.session.remove()
    db.engine.dispose()
    if engine == "sqlite":
        sqlite_copy(str(source), str(sqlite_path()))
    else:
        pg(["pg_restore", "--clean", "--if-exists", "--no-owner", "--single-transaction", str(source)])
    db.engine.dispose()


def restore_files(manifest: dict, staging: Path) -> int:
    """Put every uploaded file of the archive under the upload folder (each by an atomic rename)."""
    root, count = upload_root(), 0
    for name in manifest["members"]:
        if not name.startswith(UPLOADS + "/"):
            continue
        relative = PurePosixPath(name).relative_to(UPLOADS)
        target = root.joinpath(*relative.parts)
        target.parent.mkdir(parents=True, exist_ok=True)
        tmp = target.with_name(f".{target.name}.restore.tmp")
        shutil.copyfile(staging / name, tmp)
        os.chmod(tmp, 0o600)
        os.replace(tmp, target)
        count += 1
    return count


def staging_parent() -> Path:
    """Where a restore unpacks: beside the uploads, so the files' final rename stays on one file system."""
    return upload_root().parent
