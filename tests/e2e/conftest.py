"""Browser fixtures: the real app on a local port, one headless Chromium per session, axe on every page.

The server runs the app built by ``create_app(TestConfig, ...)`` with CSRF switched on (the browser
submits the real forms, token included) against its own database, so the other suites' fixtures
never see its rows. TEST_DATABASE_URL switches it to a PostgreSQL database named ``<db>_e2e``.

Tests take `phone`, `desktop` or `open_page(...)` (a fresh context each) and call `.check(label)` after
every page they reach; a page left unchecked fails the test at teardown. Any axe findings of lower impact go to
test-artifacts/e2e/, and so does a screenshot of each page when a test fails (of the page axe failed on, or of
every open page when the test itself failed): a full-page screenshot of every checked page cost ~15% of the
journeys' time.

The portal's Content-Security-Policy stays on, without 'unsafe-eval': Playwright helpers that evaluate
a string in the page, such as `page.wait_for_function("...")`, are refused. Wait on locators instead
(`locator.wait_for()`, `expect(locator).to_have_text(...)`).
"""
from __future__ import annotations

import contextlib
import os
import re
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from sqlalchemy import create_engine, make_url, text

from portal import create_app
from portal.config import BASE_DIR, TestConfig
from portal.core.db import db
from tests.conftest import serve

CHROMIUM = os.environ.get("E2E_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"]
ARTIFACTS = BASE_DIR / "test-artifacts" / "e2e"
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 800}
BLOCKING_IMPACTS = {"serious", "critical"}


def pytest_collection_modifyitems(config, items):
    """No browser, no green run: browser journeys are part of the suite, never skipped."""
    if Path(CHROMIUM).exists() or not any(item.get_closest_marker("e2e") for item in items):
        return
    raise pytest.UsageError(f"browser tests need Chromium at {CHROMIUM} (apt-get install chromium, or set E2E_CHROMIUM)")


# --- the database -------------------------------------------------------------------------------

def _maintenance_engine(url):
    return create_engine(url.set(database="postgres"), isolation_level="AUTOCOMMIT")


def _recreate_pg_database(url) -> None:
    engine = _maintenance_engine(url)
    with engine.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{url.database}" WITH (FORCE)'))
        conn.execute(text(f'CREATE DATABASE "{url.database}"'))
    engine.dispose()


def _drop_pg_database(url) -> None:
    engine = _maintenance_engine(url)
    with engine.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{url.database}" WITH (FORCE)'))
    engine.dispose()


@pytest.fixture(scope="session")
def e2e_database_url(tmp_path_factory):
    """A database of its own: a SQLite file, or `<TEST_DATABASE_URL's db>_e2e` on PostgreSQL."""
    base = os.environ.get("TEST_DATABASE_URL")
    if not base:
        yield f"sqlite:///{tmp_path_factory.mktemp('e2e') / 'e2e.sqlite3'}"
        return
    url = make_url(base)
    if not url.drivername.startswith("postgresql"):
        raise RuntimeError("TEST_DATABASE_URL must be a PostgreSQL URL for the e2e suite")
    worker = os.environ.get("PYTEST_XDIST_WORKER")
    url = url.set(database=f"{url.database}_e2e" + (f"_{worker}" if worker else ""))
    _recreate_pg_database(url)
    yield url.render_as_string(hide_password=False)
    _drop_pg_database(url)


# --- the server ---------------------------------------------------------------------------------

@dataclass
class LiveServer:
    app: object
    base_url: str

    def url(self, path: str = "/") -> str:
        return self.base_url + path

    def url_for(self, endpoint: str, **values) -> str:
        from flask import url_for

        with self.app.test_request_context():
            return url_for(endpoint, **values)


@pytest.fixture(scope="session")
def live_server(e2e_database_url):
    from portal.demo.seed import load_demo

    app = create_app(TestConfig, SQLALCHEMY_DATABASE_URI=e2e_database_url,
                     WTF_CSRF_ENABLED=True, RATELIMIT_ENABLED=False)
    with app.app_context():
        db.create_all()
        load_demo()
        db.session.commit()
        db.session.remove()
    with serve(app, "e2e-server") as base_url:
        yield LiveServer(app=app, base_url=base_url)


# --- the browser --------------------------------------------------------------------------------

@pytest.fixture(scope="session")
def playwright_instance():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        yield pw


@pytest.fixture(scope="session")
def browser(playwright_instance):
    browser = playwright_instance.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
    yield browser
    browser.close()


@pytest.fixture(scope="session")
def axe():
    from axe_playwright_python.sync_playwright import Axe

    return Axe()


@pytest.fixture(scope="session")
def artifacts_dir():
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    return ARTIFACTS


@dataclass
class CheckedPage:
    """Follows one page's navigations so a test cannot leave a visited page unchecked by axe."""

    page: object
    axe: object
    shots: Path
    prefix: str
    pending: str | None = None
    unchecked: list = field(default_factory=list)
    count: int = 0
    companion: object = None  # a page with JavaScript, for axe when this one has none
    _mirrored_html: str = ""
    last_checked: str = ""

    def _mirror(self):
        """axe needs JavaScript: show this page's document, byte for byte, in the companion page."""
        self._mirrored_html = self.page.content()
        self.companion.goto(self.page.url)
        return self.companion

    def serve_mirror(self, route) -> None:
        if route.request.resource_type == "document":
            route.fulfill(status=200, content_type="text/html; charset=utf-8", body=self._mirrored_html)
        else:
            route.continue_()

    def on_navigated(self, frame) -> None:
        if frame != self.page.main_frame or frame.url.startswith("about:"):
            return
        if frame.url == self.last_checked and self.pending is None:
            return  # history.replaceState of the page just checked (htmx does so on load)
        if self.pending:
            self.unchecked.append(self.pending)
        self.pending = frame.url

    def check(self, label: str) -> None:
        """Run axe on the current document at both widths, fail on serious or critical issues (screenshot then)."""
        self.count += 1
        name = f"{self.prefix}-{self.count:02d}-{_slug(label)}"
        # An htmx request the last action started is answered and swapped in before axe looks (the full-page
        # screenshot taken here before gave it ~0.15 s by chance).
        self.page.locator(".htmx-request, .htmx-swapping, .htmx-settling").first.wait_for(state="detached")
        target = self.page if self.companion is None else self._mirror()
        # Both widths (issue 16 point 7): the page as it is, then at the other width, then back. axe is put into
        # the document once; the second run at the other width uses it again.
        shown = target.viewport_size or DESKTOP
        other = DESKTOP if shown["width"] < DESKTOP["width"] else PHONE
        violations = []
        for size in (shown, other):
            target.set_viewport_size(size)
            if size is shown:
                target.evaluate(self.axe.axe_script)
            violations += [dict(v, width=size["width"]) for v in target.evaluate(_AXE_RUN)]
        target.set_viewport_size(shown)
        self.pending = None
        self.last_checked = self.page.url
        if violations:  # minor and moderate ones too, for people to read
            (self.shots / f"{name}.axe.txt").write_text(_describe(violations))
        blocking = [v for v in violations if v.get("impact") in BLOCKING_IMPACTS]
        if blocking:
            self.screenshot(name)
            pytest.fail(f"axe: {len(blocking)} serious/critical issue(s) on {self.page.url} ({label}):\n"
                        + _describe(blocking), pytrace=False)

    def screenshot(self, name: str) -> None:
        # caret="initial": hiding the caret leaves style="" on the page's inputs, which htmx then copies
        # when it swaps them, and the CSP reports each copy as a violation the portal never made.
        self.page.screenshot(path=str(self.shots / f"{name}.png"), full_page=True, caret="initial")

    def goto(self, url: str, label: str | None = None, expect_status: int = 200):
        response = self.page.goto(url)
        assert response is not None and response.status == expect_status, (
            f"{url}: expected {expect_status}, got {response and response.status}")
        self.check(label or url)
        return response


# axe-core's run, the violations only (what check() reads; the passes would cross the wire for nothing).
_AXE_RUN = 'axe.run({"resultTypes": ["violations"]}).then(results => results.violations)'


def _slug(text_: str) -> str:
    return re.sub(r"[^a-zA-Z0-9]+", "-", text_).strip("-")[:60] or "page"


def _describe(violations) -> str:
    lines = []
    for v in violations:
        lines.append(f"- {v['id']} [{v['impact']}] at {v.get('width', '?')} px: {v['help']} ({v['helpUrl']})")
        for node in v["nodes"][:10]:
            lines.append(f"    {', '.join(map(str, node['target']))}: {node['html'][:200]}")
            if node.get("failureSummary"):
                lines.append("      " + node["failureSummary"].replace("\n", "\n      "))
    return "\n".join(lines)


@pytest.fixture()
def open_page(request, browser, live_server, axe, artifacts_dir):
    """Factory: a page in a fresh browser context; every document it loads must pass `check()`."""
    contexts, trackers = [], []

    def factory(viewport=DESKTOP, **context_options) -> CheckedPage:
        context = browser.new_context(viewport=viewport, base_url=live_server.base_url, **context_options)
        context.set_default_timeout(10_000)
        contexts.append(context)
        page = context.new_page()
        tracker = CheckedPage(page=page, axe=axe, shots=artifacts_dir,
                          prefix=f"{_slug(request.node.name)}-{len(trackers) + 1}")
        page.on("framenavigated", tracker.on_navigated)
        if context_options.get("java_script_enabled") is False:
            mirror = browser.new_context(viewport=viewport, base_url=live_server.base_url)
            contexts.append(mirror)
            tracker.companion = mirror.new_page()
            tracker.companion.route("**/*", tracker.serve_mirror)
        trackers.append(tracker)
        return tracker

    yield factory
    if getattr(request.node, "e2e_failed", False):
        for tracker in trackers:
            with contextlib.suppress(Exception):  # a page that crashed or closed has nothing to show
                tracker.screenshot(f"{tracker.prefix}-failed")
    for context in contexts:
        context.close()
    missed = [url for t in trackers for url in t.unchecked + ([t.pending] if t.pending else [])]
    if missed and not getattr(request.node, "e2e_failed", False):
        pytest.fail(f"pages visited without an accessibility check: {missed}", pytrace=False)


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_makereport(item, call):
    report = yield
    if report.when == "call" and report.failed:
        item.e2e_failed = True  # the test's own failure says more than the unchecked-page note
    return report


@pytest.fixture()
def phone(open_page) -> CheckedPage:
    return open_page(PHONE, is_mobile=True, has_touch=True)


@pytest.fixture()
def desktop(open_page) -> CheckedPage:
    return open_page(DESKTOP)
