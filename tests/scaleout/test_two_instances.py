"""Scale-out on the engines the portal already uses (issue 17 point 5): two gunicorn instances on two ports and two
RQ workers (`flask jobs worker`) against one PostgreSQL database and one Redis, as README "Several app servers"
describes. About 500 requests are spread over both instances (150 citizens each load the PAKN form on one
instance, post it to the other and read the receipt on the first; 50 of them then look their feedback up), and the
test shows:

(a) rate limits are shared: one address looking up alternately on both instances is refused after the limit
    counted across both (FEEDBACK_LOOKUP_RATE_LIMIT, 10 per minute), not after 10 on each;
(b) a staff session signed out on one instance is refused on the other, and a password change on one instance
    ends the account's other session, used on the other;
(c) every notification queued (the acknowledgement e-mails) is sent exactly once with both workers running:
    outbox rows sent = messages the SMTP sink received, no recipient twice;
(d) a public figure (the open-data API's PAKN "received") is the same on both instances, once the 5-second
    micro-cache has had its time, and equals a plain SQL count;
(e) nothing is lost: every acknowledged submission is stored exactly once.

Everything runs as real processes: the test starts its own redis-server (tests/faults/conftest.PrivateRedis) and a
scratch database on the PostgreSQL server of the run (TEST_DATABASE_URL on the PostgreSQL pass; the shared
127.0.0.1:5432 on the SQLite pass: the point is PostgreSQL, which several servers need), and stops every process
group and drops the database even when an assertion fails. The servers keep the real clock: only the client's
figures (counts) are compared, never a date."""
from __future__ import annotations

import concurrent.futures
import contextlib
import json
import os
import re
import secrets
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import uuid
from dataclasses import dataclass, field
from datetime import UTC
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import create_engine, text

from tests.conftest import free_port, scratch_postgres
from tests.faults.conftest import PrivateRedis
from tests.faults.smtp import ScriptedSmtp
from tests.faults.web import Answer, request

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent
SHARED_POSTGRES = "postgresql+psycopg://postgres@127.0.0.1:5432/portal"
CITIZENS = 150  # x 3 requests (form, post, receipt) + 50 lookups + the checks below: ~520 requests
LOOKUPS = 50
LOOKUP_LIMIT = 10  # FEEDBACK_LOOKUP_RATE_LIMIT's default, "10 per minute" per address
START_TIMEOUT = 60
SEND_TIMEOUT = 60
TIMEOUT = 30
ADMIN = "quan.tri@example.vn"
PASSWORD = "Sóng-biển-rì-rào-2026"
NEW_PASSWORD = "Mây-trắng-bay-xa-2027"
SUBMIT, RECEIVED, TRACK = "/phan-anh-kien-nghi/gui", "/phan-anh-kien-nghi/gui/da-nhan", "/phan-anh-kien-nghi/tra-cuu"


# ------------------------------------------------------------------ a browser in a few lines

@dataclass
class Browser:
    """One client address (X-Forwarded-For, believed with TRUSTED_PROXIES=1 as behind nginx) and its cookies."""
    address: str
    cookies: dict = field(default_factory=dict)

    def go(self, port: int, method: str, path: str, fields: dict | None = None) -> Answer:
        headers = {"X-Forwarded-For": self.address, "Accept-Language": "vi"}
        cookie = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        answer = request(port, method, path, fields=fields, cookie=cookie, headers=headers)
        for raw in answer.headers.get_all("Set-Cookie") or []:
            name, _, value = raw.split(";", 1)[0].partition("=")
            self.cookies[name.strip()] = value.strip()
        return answer

    def csrf(self, answer: Answer) -> str:
        found = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', answer.body) or \
            re.search(r'type="hidden" name="csrf_token" value="([^"]+)"', answer.body)
        assert found, "the page carries a CSRF token"
        return found.group(1)


def pakn_fields(form: Answer, browser: Browser, n: int, run: str) -> dict:
    token = re.search(r'name="submit_token" type="hidden" value="([^"]+)"', form.body)
    assert token, "the form carries its submit token"
    return {"kind": "phan_anh", "category": "obstruction", "title": f"{run} #{n:03d}",
            "content": "Đèn đường trước số 12 đường Lê Duẩn hỏng đã hai tuần, buổi tối rất tối và nguy hiểm.",
            "place": "Tổ dân phố 3, phường Nghĩa Tân", "submitter_kind": "individual",
            "submitter_name": "Nguyễn Thị Lan", "submitter_address": "Tổ 3, phường Nghĩa Tân, thị xã Gia Nghĩa",
            "submitter_phone": "", "submitter_email": f"cong.dan{n:03d}@example.vn", "consent": "y", "website": "",
            "csrf_token": browser.csrf(form), "submit_token": token.group(1)}


# ------------------------------------------------------------------ the processes

class Processes:
    """Children in their own process groups, each killed with its group (SIGTERM, then SIGKILL)."""

    def __init__(self, logs: Path):
        self.logs, self.running = logs, []

    def start(self, name: str, args: list[str], env: dict) -> subprocess.Popen:
        log = (self.logs / f"{name}.log").open("wb")
        process = subprocess.Popen(args, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT,
                                   start_new_session=True)
        log.close()
        self.running.append((name, process))
        return process

    def alive(self, prefix: str) -> list[str]:
        return [name for name, process in self.running if name.startswith(prefix) and process.poll() is None]

    def log(self, name: str) -> str:
        path = self.logs / f"{name}.log"
        return path.read_text(errors="replace")[-3000:] if path.exists() else ""

    def stop_all(self) -> None:
        for _, process in self.running:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(process.pid, signal.SIGTERM)
        for _, process in self.running:
            try:
                process.wait(10)
            except subprocess.TimeoutExpired:
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(process.pid, signal.SIGKILL)
                process.wait(10)
        self.running.clear()


def _run(args: list[str], env: dict) -> None:
    result = subprocess.run(args, cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, f"{' '.join(args[:4])} failed: {result.stderr[-2000:] or result.stdout[-2000:]}"


def _answers(port: int) -> bool:
    with contextlib.suppress(OSError):
        return Browser("127.0.0.1").go(port, "GET", "/").status == 200
    return False


def _start_server(processes: Processes, name: str, env: dict) -> int:
    """gunicorn on a free port; started again on another port if the one picked was taken meanwhile (free_port
    only finds a port nothing listens on at that moment: the other engine's pass may start servers too)."""
    for attempt in range(3):
        port = free_port()
        process = processes.start(f"{name}-{attempt}", [
            str(BIN / "gunicorn"), "-w", "1", "--threads", "4", "-b", f"127.0.0.1:{port}", "--graceful-timeout", "2",
            "app:app"], env)
        deadline = time.monotonic() + START_TIMEOUT
        while time.monotonic() < deadline and process.poll() is None and not _answers(port):
            time.sleep(0.2)
        if process.poll() is None and _answers(port):
            return port
        log = processes.log(f"{name}-{attempt}")
        if process.poll() is None or "in use" not in log:
            pytest.fail(f"{name} did not answer on port {port} (exit {process.poll()}):\n{log}")
    pytest.fail(f"{name}: no free port in three tries")


@dataclass
class Cluster:
    ports: tuple[int, int]
    database_url: str
    smtp: object
    processes: Processes

    def sql(self, statement: str, **params):
        engine = create_engine(self.database_url)
        try:
            with engine.connect() as conn:
                return conn.execute(text(statement), params).all()
        finally:
            engine.dispose()


@pytest.fixture()
def cluster(tmp_path):
    base = os.environ.get("TEST_DATABASE_URL") or SHARED_POSTGRES
    assert base.startswith("postgresql"), "several servers share one PostgreSQL database"
    redis_server = PrivateRedis()
    smtp = ScriptedSmtp(free_port())
    processes = Processes(tmp_path)
    instance = Path(tempfile.mkdtemp(prefix="portal-scaleout-"))
    try:
        redis_server.start()
        smtp.start()
        with scratch_postgres(base, f"scaleout_{uuid.uuid4().hex[:8]}") as url:
            env = {**os.environ, "PORTAL_ENV": "development", "DATABASE_URL": url, "REDIS_URL": redis_server.url,
                   "SECRET_KEY": secrets.token_hex(32), "PORTAL_INSTANCE_DIR": str(instance),
                   "PUBLIC_BASE_URL": "https://dichvucong.example.vn", "TRUSTED_PROXIES": "1",
                   "MAIL_SERVER": "127.0.0.1", "MAIL_PORT": str(smtp.port), "MAIL_TIMEOUT": "10",
                   "FLASK_APP": "app"}
            for name in ("TEST_DATABASE_URL", "TEST_REDIS_URL", "PORTAL_TEST_CLOCK", "UPLOAD_FOLDER"):
                env.pop(name, None)
            _run([str(BIN / "flask"), "db", "upgrade"], env)
            _run([str(BIN / "flask"), "create-admin", "--email", ADMIN, "--name", "Trần Văn Quản",
                  "--password", PASSWORD], env)
            for n in range(2):
                processes.start(f"worker-{n}", [str(BIN / "flask"), "jobs", "worker"], env)
            ports = (_start_server(processes, "gunicorn-a", env), _start_server(processes, "gunicorn-b", env))
            yield Cluster(ports, url, smtp.handler, processes)
            processes.stop_all()  # before the database is dropped
    finally:
        processes.stop_all()
        smtp.stop()
        redis_server.stop()
        shutil.rmtree(instance, ignore_errors=True)


# ------------------------------------------------------------------ the test

def citizen(ports: tuple[int, int], n: int, run: str) -> dict:
    """Form on one instance, post to the other, receipt on the first: the signed session carries across."""
    here, there = ports[n % 2], ports[(n + 1) % 2]
    browser = Browser(f"10.17.{n // 200}.{n % 200 + 1}")
    form = browser.go(here, "GET", SUBMIT)
    assert form.status == 200, form.status
    posted = browser.go(there, "POST", SUBMIT, pakn_fields(form, browser, n, run))
    assert posted.status in (302, 303), (posted.status, posted.body[:500])
    receipt = browser.go(here, "GET", RECEIVED)
    assert receipt.status == 200, receipt.status
    code = re.search(r'<strong class="code">([^<]+)</strong>', receipt.body)
    access = re.search(r'<strong class="code" id="access-code">([^<]+)</strong>', receipt.body)
    assert code and access, "the receipt shows the tracking code and, once, the access code"
    return {"n": n, "title": f"{run} #{n:03d}", "code": code.group(1), "access": access.group(1),
            "browser": browser, "csrf": browser.csrf(form)}


def look_up(ports, receipt: dict, on: int) -> Answer:
    browser = receipt["browser"]
    return browser.go(ports[on], "POST", TRACK, {"csrf_token": receipt["csrf"], "code": receipt["code"],
                                                  "access": receipt["access"]})


def signed_in(ports, port: int, address: str, password: str) -> Browser:
    browser = Browser(address)
    page = browser.go(port, "GET", "/auth/login")
    answer = browser.go(port, "POST", "/auth/login", {"csrf_token": browser.csrf(page), "email": ADMIN,
                                                      "password": password})
    assert answer.status in (302, 303), (answer.status, answer.body[:300])
    return browser


def staff_page(browser: Browser, port: int) -> int:
    """200 signed in; a redirect to the sign-in page otherwise."""
    answer = Browser(browser.address, dict(browser.cookies)).go(port, "GET", "/staff/")
    return answer.status


def test_two_instances_two_workers_share_limits_sessions_outbox_and_figures(cluster):
    a, b = cluster.ports
    run = f"Đa máy chủ {uuid.uuid4().hex[:8]}"

    # ~500 requests over both instances, 8 at a time
    with concurrent.futures.ThreadPoolExecutor(8) as pool:
        receipts = list(pool.map(lambda n: citizen(cluster.ports, n, run), range(CITIZENS)))
        lookups = list(pool.map(lambda r: look_up(cluster.ports, r, r["n"] % 2), receipts[:LOOKUPS]))
    for receipt, answer in zip(receipts[:LOOKUPS], lookups, strict=True):
        assert answer.status == 200 and receipt["title"] in answer.body, (answer.status, receipt["code"])

    # (e) nothing lost: every acknowledged submission stored exactly once, under the code its receipt showed
    stored = cluster.sql("SELECT title, tracking_code FROM feedback WHERE title LIKE :run", run=f"{run}%")
    assert sorted(stored) == sorted((r["title"], r["code"]) for r in receipts)
    assert len({code for _, code in stored}) == CITIZENS

    # (a) one address, alternately on both instances: refused after LOOKUP_LIMIT attempts counted across both
    prober = Browser("10.99.0.1")
    page = prober.go(a, "GET", TRACK)
    token = prober.csrf(page)
    statuses = [prober.go(cluster.ports[i % 2], "POST", TRACK,
                          {"csrf_token": token, "code": "PA-0000-00000", "access": "WRONG0000"}).status
                for i in range(LOOKUP_LIMIT + 1)]
    assert statuses == [422] * LOOKUP_LIMIT + [429], statuses  # each instance alone saw only 5 or 6
    # another address is not affected
    other = receipts[LOOKUPS]
    assert look_up(cluster.ports, other, 1).status == 200

    # (b) sessions: signed out on one instance, the same cookie is refused on the other
    first = signed_in(cluster.ports, a, "10.98.0.1", PASSWORD)
    copy = Browser(first.address, dict(first.cookies))
    assert staff_page(first, b) == 200  # the session works on both
    form = first.go(a, "GET", "/staff/")
    assert first.go(a, "POST", "/auth/logout", {"csrf_token": first.csrf(form)}).status in (302, 303)
    assert staff_page(copy, b) in (302, 303)  # refused where it was not signed out
    assert staff_page(copy, a) in (302, 303)
    #     a password changed on one instance ends the account's other sessions, used on the other
    second, third = signed_in(cluster.ports, a, "10.98.0.2", PASSWORD), signed_in(cluster.ports, b, "10.98.0.3",
                                                                                   PASSWORD)
    assert staff_page(third, a) == 200
    form = second.go(a, "GET", "/auth/password")
    changed = second.go(a, "POST", "/auth/password", {"csrf_token": second.csrf(form), "current_password": PASSWORD,
                                                      "password": NEW_PASSWORD, "confirm": NEW_PASSWORD})
    assert changed.status in (302, 303), (changed.status, changed.body[:300])
    assert staff_page(third, b) in (302, 303)
    assert staff_page(second, b) == 200  # the session that changed it goes on, on either instance

    # (c) every acknowledgement queued is sent once, by one of the two workers
    deadline = time.monotonic() + SEND_TIMEOUT
    while True:
        outbox = cluster.sql("SELECT status, count(*) FROM outbox_message GROUP BY status")
        if dict(outbox).get("sent") == CITIZENS and len(outbox) == 1 and len(cluster.smtp.accepted) >= CITIZENS:
            break
        if time.monotonic() > deadline:
            pytest.fail(f"outbox {outbox}, {len(cluster.smtp.accepted)} received\n"
                        f"{cluster.processes.log('worker-0')}\n{cluster.processes.log('worker-1')}")
        time.sleep(0.3)
    time.sleep(1)  # a duplicate would arrive now
    assert cluster.processes.alive("worker-") == ["worker-0", "worker-1"]  # both ran throughout, on the one queue
    received = sorted(r for envelope in cluster.smtp.accepted for r in envelope.rcpt_tos)
    assert received == sorted(f"cong.dan{n:03d}@example.vn" for n in range(CITIZENS))  # each once
    recipients = cluster.sql("SELECT recipient FROM outbox_message WHERE status = 'sent' AND channel = 'email'")
    assert sorted(r for (r,) in recipients) == received

    # (d) the public figure is the same on both instances (after the 5-second micro-cache) and is the SQL count
    received_at = cluster.sql("SELECT min(received_at), max(received_at) FROM feedback")[0]
    years = {(moment if moment.tzinfo else moment.replace(tzinfo=UTC)).astimezone(ZoneInfo("Asia/Ho_Chi_Minh")).year
             for moment in received_at}
    assert len(years) == 1
    year = years.pop()
    time.sleep(5.5)
    figures = []
    for port in (a, b):
        answer = Browser("10.97.0.1").go(port, "GET", f"/api/v1/statistics/feedback?year={year}")
        assert answer.status == 200, answer.status
        figures.append(json.loads(answer.body)["total"]["received"])
    assert figures == [CITIZENS, CITIZENS]
