"""Dependencies point one way (core ← workdays ← procedures ← cases): the calendar page reaches the case
module's calendar notice by endpoint name only, never by import."""
from __future__ import annotations

import ast
from pathlib import Path

WORKDAYS = Path(__file__).resolve().parents[2] / "portal" / "workdays"


def test_workdays_imports_neither_cases_nor_procedures():
    imported = set()
    for path in WORKDAYS.glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module:
                imported.add((path.name, node.module))
            elif isinstance(node, ast.Import):
                imported.update((path.name, alias.name) for alias in node.names)
    bad = sorted((f, m) for f, m in imported if m.startswith(("portal.cases", "portal.procedures")))
    assert bad == []
