"""Issue 16 point 9: every setting portal/config.py reads from the environment is in the README's
Configuration table, so an operator finds each one (and PORT, which scripts/run reads)."""
from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _table_names() -> set[str]:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Configuration", 1)[1].split("\n## ", 1)[0]
    rows = [line for line in section.splitlines() if line.startswith("| `")]
    return {name for row in rows for name in re.findall(r"`([A-Z][A-Z0-9_]+)`", row.split("|")[1])}


def test_every_environment_setting_is_in_the_configuration_table():
    config = (ROOT / "portal" / "config.py").read_text(encoding="utf-8")
    read = set(re.findall(r'os\.environ(?:\.get\(|\[)"([A-Z][A-Z0-9_]+)"', config))
    run = (ROOT / "scripts" / "run").read_text(encoding="utf-8")
    read |= {"PORT"} if "PORT" in run else set()
    assert len(read) > 30
    missing = read - _table_names()
    assert not missing, f"settings missing from the README's Configuration table: {sorted(missing)}"
