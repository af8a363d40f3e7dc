"""Real services to break (issue 13 point 14): a throwaway PostgreSQL cluster and a Redis server of the tests'
own, on free ports, so stopping or restarting them never touches the shared 5432 and 6379 the rest of the
suite uses. Both are started as subprocesses and always stopped, and their directories removed, even when a
test fails. A missing server binary or an initdb that cannot run fails the test with the reason: these tests
never skip."""
from __future__ import annotations

import contextlib
import glob
import os
import shutil
import signal
import subprocess
import tempfile
import time
from pathlib import Path

import pytest
import redis
from sqlalchemy import create_engine, text

from tests.conftest import free_port

START_TIMEOUT = 30  # seconds for a server to accept connections


def _pg_bin(name: str) -> str:
    """A PostgreSQL server program: on PATH, else the newest /usr/lib/postgresql/<n>/bin (Debian)."""
    found = shutil.which(name)
    if found:
        return found
    candidates = sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"),
                        key=lambda p: int(Path(p).parts[-3]) if Path(p).parts[-3].isdigit() else 0)
    if not candidates:
        pytest.fail(f"PostgreSQL server program {name!r} not found (install postgresql): the fault tests run "
                    "their own cluster")
    return candidates[-1]


class PrivatePostgres:
    """A PostgreSQL cluster in a temporary directory, on 127.0.0.1:<port>, trust authentication. As root the
    programs run as the `postgres` account (initdb refuses root); otherwise as the current user."""

    def __init__(self):
        self.port = free_port()
        self.root = Path(tempfile.mkdtemp(prefix="portal-faults-pg-"))
        self.data = self.root / "data"
        self.log = self.root / "server.log"
        self.as_user: list[str] = []
        if os.geteuid() == 0:
            if shutil.which("runuser") is None:
                pytest.fail("running as root without runuser: cannot start a private PostgreSQL as `postgres`")
            self.as_user = ["runuser", "-u", "postgres", "--"]
            try:
                shutil.chown(self.root, user="postgres", group="postgres")
            except (LookupError, PermissionError) as err:
                pytest.fail(f"cannot hand {self.root} to the postgres account: {err}")
        self.root.chmod(0o700)

    @property
    def url(self) -> str:
        return f"postgresql+psycopg://postgres@127.0.0.1:{self.port}/postgres"

    def _run(self, *args: str, timeout: float = 60) -> None:
        result = subprocess.run([*self.as_user, *args], capture_output=True, text=True, timeout=timeout)
        if result.returncode != 0:
            pytest.fail(f"{Path(args[0]).name} failed ({result.returncode}): {result.stderr or result.stdout}\n"
                        f"{self.log.read_text() if self.log.exists() else ''}")

    def init(self) -> PrivatePostgres:
        self._run(_pg_bin("initdb"), "-D", str(self.data), "-U", "postgres", "--auth=trust", "-E", "UTF8",
                  "--locale=C", "--no-sync")
        settings = {"port": self.port, "listen_addresses": "'127.0.0.1'", "unix_socket_directories": f"'{self.root}'",
                    "fsync": "off", "max_connections": 60}
        with (self.data / "postgresql.auto.conf").open("a") as conf:
            conf.writelines(f"{name} = {value}\n" for name, value in settings.items())
        return self

    def start(self) -> None:
        self._run(_pg_bin("pg_ctl"), "-D", str(self.data), "-l", str(self.log), "-w", "-t", str(START_TIMEOUT), "start")

    def restart(self) -> None:
        """Fast mode: open transactions are rolled back and their connections cut, as on a server restart."""
        self._run(_pg_bin("pg_ctl"), "-D", str(self.data), "-l", str(self.log), "-m", "fast", "-w", "-t", str(START_TIMEOUT), "restart")

    def stop(self) -> None:
        if (self.data / "postmaster.pid").exists():
            subprocess.run([*self.as_user, _pg_bin("pg_ctl"), "-D", str(self.data), "-m", "immediate", "-w",
                            "stop"], capture_output=True, timeout=60)

    def cleanup(self) -> None:
        try:
            self.stop()
        finally:
            shutil.rmtree(self.root, ignore_errors=True)


@pytest.fixture()
def private_postgres():
    cluster = PrivatePostgres()
    try:
        cluster.init().start()
        engine = create_engine(cluster.url)
        with engine.connect() as conn:
            assert conn.execute(text("SELECT 1")).scalar() == 1
        engine.dispose()
        yield cluster
    finally:
        cluster.cleanup()


class PrivateRedis:
    """`redis-server` on 127.0.0.1:<port>, nothing saved to disk; stop() kills it, start() brings it back
    (empty) on the same port."""

    def __init__(self):
        self.binary = shutil.which("redis-server")
        if self.binary is None:
            pytest.fail("redis-server not found (install redis-server): the fault tests run their own")
        self.port = free_port()
        self.process: subprocess.Popen | None = None

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self) -> None:
        self.process = subprocess.Popen(
            [self.binary, "--port", str(self.port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        client = redis.Redis.from_url(self.url, socket_connect_timeout=0.5)
        deadline = time.monotonic() + START_TIMEOUT
        while True:
            with contextlib.suppress(redis.RedisError):
                if client.ping():
                    break
            if self.process.poll() is not None or time.monotonic() > deadline:
                pytest.fail(f"redis-server on port {self.port} did not start (exit {self.process.poll()})")
            time.sleep(0.05)
        client.close()

    def freeze(self) -> None:
        """SIGSTOP: the port still accepts connections, nothing answers (a hung server, a full network buffer)."""
        self.process.send_signal(signal.SIGSTOP)

    def thaw(self) -> None:
        self.process.send_signal(signal.SIGCONT)

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.send_signal(signal.SIGCONT)
            self.process.kill()
            self.process.wait(10)
        self.process = None


@pytest.fixture()
def private_redis():
    server = PrivateRedis()
    try:
        server.start()
        yield server
    finally:
        server.stop()
