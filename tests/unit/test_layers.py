"""Issue 14 point 2: every pure rules module loads alone, in a fresh interpreter, without Flask, SQLAlchemy or
the clock; the list is the one the import contract `pure-rules` in .importlinter checks, read from that file
so the two cannot drift apart."""
from __future__ import annotations

import configparser
import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
HEAVY = ("flask", "flask_babel", "flask_login", "flask_sqlalchemy", "sqlalchemy", "portal.extensions",
         "portal.core.db", "portal.core.clock")


def _pure_modules() -> list[str]:
    config = configparser.ConfigParser()
    config.read(ROOT / ".importlinter")
    modules = config["importlinter:contract:pure-rules"]["source_modules"].split()
    assert len(modules) >= 17  # the contract lists every domain's rules
    return modules


PURE = _pure_modules()
PROBE = ("import importlib, json, sys; importlib.import_module(sys.argv[1]); "
         "print(json.dumps(sorted(m for m in sys.modules if m.split('.')[0] in ('flask', 'flask_babel', 'flask_login', "
         "'flask_sqlalchemy', 'sqlalchemy') or m in ('portal.extensions', 'portal.core.db', 'portal.core.clock'))))")


def _loaded_by(module: str) -> list[str]:
    done = subprocess.run([sys.executable, "-c", PROBE, module], cwd=ROOT, capture_output=True, text=True,
                          timeout=60, check=True)
    return json.loads(done.stdout)


@pytest.mark.parametrize("module", PURE)
def test_rules_module_loads_alone(module):
    assert _loaded_by(module) == [], f"{module} pulls in Flask, the database or the clock"


def test_every_domain_rules_module_is_in_the_contract():
    rules = sorted(f"portal.{p.parent.name}.rules" for p in (ROOT / "portal").glob("*/rules.py"))
    assert set(rules) <= set(PURE)


def test_the_probe_sees_a_heavy_import():
    """The probe itself can fail: the app factory's views module loads Flask and the database."""
    loaded = _loaded_by("portal.cases.views")
    assert "flask" in loaded and "sqlalchemy" in loaded and "portal.core.db" in loaded


def test_importing_the_package_creates_no_app():
    assert _loaded_by("portal") == []


# Modules named like views or forms that are not another domain's pages: the shared WTForms helpers of core, and the
# case documents' DOCX layouts (Mẫu 01–07), which every domain may print.
NOT_PAGES = {"portal.core.forms", "portal.cases.docx_forms"}


def _page_modules() -> set[str]:
    portal = ROOT / "portal"
    modules = {f"portal.{p.parent.name}.{p.stem}" for p in portal.glob("*/*.py") if p.stem.endswith(("views", "forms"))}
    modules |= {f"portal.{p.parent.parent.name}.views" for p in portal.glob("*/views/__init__.py")}
    return modules - NOT_PAGES


def test_every_domain_has_a_contract_forbidding_every_other_domains_views_and_forms():
    """ARCHITECTURE.md: nothing imports another domain's views or forms. A new domain, or a new views/forms module,
    without its place in the `views-forms-<domain>` contracts would let such an import pass `lint-imports` in
    silence (a warnings page once imported the cases' apology form this way)."""
    config = configparser.ConfigParser()
    config.read(ROOT / ".importlinter")
    pages = _page_modules()
    domains = sorted(p.parent.name for p in (ROOT / "portal").glob("*/__init__.py") if p.parent.name != "core")
    assert {"cases", "alerts", "forecast"} <= set(domains) and "portal.alerts.views" in pages
    for domain in domains:
        section = config[f"importlinter:contract:views-forms-{domain}"]
        assert section["source_modules"].split() == [f"portal.{domain}"]
        forbidden = set(section["forbidden_modules"].split())
        assert forbidden == {m for m in pages if not m.startswith(f"portal.{domain}.")}, domain
