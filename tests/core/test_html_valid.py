"""The Nu HTML Checker finds no error on any page (issue 16 point 7): every GET page of the URL map without a
parameter, plus the pages of one procedure, rendered anonymous and as an administrator, in Vietnamese and
English, are checked in one vnu run (one JVM for all files: a JVM per page would take minutes).
scripts/setup fetches the pinned vnu.jar and exports VNU_JAR."""
from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

from portal.core.access import Role
from tests.factories import amend_procedure, login, make_procedure, make_unit, make_user

# Pages that are not HTML documents or that need a parameter the walk cannot guess.
_NOT_PAGES = ("static", "site.healthz")
_NOT_PAGE_PREFIXES = ("/api/", "/open311/v2/")
_DOWNLOADS = (".csv", ".xlsx", ".json", ".atom", ".xml", ".docx", ".txt")


def _vnu(files: list[Path]) -> list[dict]:
    jar = os.environ.get("VNU_JAR") or ""
    java = shutil.which("java")
    assert java and Path(jar).is_file(), "vnu needs Java 17 and VNU_JAR (run the tests through scripts/test)"
    run = subprocess.run([java, "-Xss8m", "-jar", jar, "--errors-only", "--format", "json", *map(str, files)],
                         capture_output=True, text=True, timeout=600)
    return json.loads(run.stderr or run.stdout or '{"messages": []}')["messages"]


def _page_paths(app, extra: list[str]) -> list[str]:
    paths = []
    for rule in app.url_map.iter_rules():
        if ("GET" in rule.methods and not rule.arguments and rule.endpoint not in _NOT_PAGES
                and not rule.rule.startswith(_NOT_PAGE_PREFIXES) and not rule.rule.endswith(_DOWNLOADS)):
            paths.append(rule.rule)
    return sorted(set(paths)) + extra


def _collect(client, paths, tmp_path: Path, who: str, lang: str) -> dict[Path, str]:
    client.get(f"/language/{lang}")
    pages = {}
    for i, path in enumerate(paths):
        response = client.get(path)
        body = response.get_data()
        if response.status_code == 200 and response.mimetype == "text/html" and b"<html" in body:
            file = tmp_path / f"{who}-{lang}-{i}.html"
            file.write_bytes(body)
            pages[file] = path
    return pages


def test_every_page_is_valid_html(client, tmp_path, fixed_clock):
    unit = make_unit()
    procedure = make_procedure(unit=unit)
    amend_procedure(procedure, fee_amount=5000)
    extra = [f"/thu-tuc/{procedure.code}", f"/thu-tuc/{procedure.code}/phien-ban/1", "/thu-tuc/?q=khai+sinh"]
    paths = _page_paths(client.application, extra)
    pages = {}
    for lang in ("vi", "en"):
        pages |= _collect(client, paths, tmp_path, "anon", lang)
    admin = make_user(Role.ADMIN, unit=unit)
    login(client, admin)
    for lang in ("vi", "en"):
        pages |= _collect(client, paths, tmp_path, "admin", lang)
    assert len(pages) > 60  # the walk reached the public pages and the staff screens
    errors = [f"{pages[Path(m['url'].removeprefix('file:'))]} ({Path(m['url']).name}) line {m.get('lastLine')}: "
              f"{m['message']}" for m in _vnu(list(pages)) if m.get("type") == "error"]
    assert not errors, "\n".join(errors)
